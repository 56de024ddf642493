"""Extraction quality on the real-text corpus and the seed articles, and speed.

    python benchmarks/extraction_eval.py [--seeds ../shared/seeds] [--claims claims] [--repeat 5]
    python benchmarks/extraction_eval.py --corpus-only [-v]

0. The hand-annotated corpus (benchmarks/corpus/, issue 9): claim precision/recall by
   field (entity, value+unit, measure, qualifier, period), the precision of `check`'s
   alarms on the extracted files and the annotated contradictions found; see
   corpus_eval.py for how candidates are matched and judged. `-v` lists every wrong
   field, false alarm and missed contradiction.

1. Quality. `reconcile.extract` runs on every seed document that a curated claim
   file in `claims/` names (`source.document`); its candidates are matched one to
   one with the curated claims. A candidate matches a curated claim when
     - the entities agree: the same canonical name (entities.py, with the repo's
       aliases), or one name is the other's first words ("Comparitech" and
       "Comparitech surveillance study"), and
     - the stated numbers agree: the number as written with scale words applied
       (values.parse_value: "over 200 million cameras" → 200,000,000; "one camera
       for every six people" → 1/6; "13.35 per 1,000 people" → 13.35), within 1e-6.
   Precision = matched / extracted, recall = matched / curated, per document and overall.

2. Speed and recovery against quantulum3 (the `bench` extra), on the same
   sentences: time per sentence of `quantities.scan_line` and of quantulum3's
   `parser.parse`, and how many curated numbers each recovers from the text with the
   right unit (a quantity in the same document with the curated number and the
   curated counted noun / rate nouns; quantulum3's unit name must contain the noun).

3. Cold start: `python -c "import reconcile.extract; extract_document(first seed)"`
   wall time, minus the bare interpreter's start-up, median of a few runs.

Goals (issue 3): recall >= 95 %, precision >= 90 % overall; >= 5x faster per
sentence than quantulum3; cold start < 300 ms.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402

from reconcile.errors import ReconcileError  # noqa: E402
from reconcile.extract import extract_document, read_document, split_sentences  # noqa: E402
from reconcile.extract.scanner import scan_line  # noqa: E402
from reconcile.load.config import load_config  # noqa: E402
from reconcile.load.entities import EntityResolver  # noqa: E402
from reconcile.units import get_units  # noqa: E402
from reconcile.values import parse_value  # noqa: E402

# --------------------------------------------------------------------------- matching


def _number(value: str, units) -> tuple[float, str] | None:
    try:
        v = parse_value(value, units=units)
    except TypeError:
        v = parse_value(value)
    except ReconcileError:
        return None
    number = v.value if not isinstance(v.value, tuple) else v.value[0]
    return float(number), v.canonical_unit


def _entities_agree(a: str, b: str) -> bool:
    a, b = a.casefold().split(), b.casefold().split()
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 1e-6 * max(abs(x), abs(y), 1e-12)


def _greedy_matches(wanted, found, agree) -> int:
    """How many wanted items find a distinct found item they agree with (first come, first served)."""
    used: set[int] = set()
    hits = 0
    for want in wanted:
        for i, got in enumerate(found):
            if i not in used and agree(want, got):
                used.add(i)
                hits += 1
                break
    return hits


def match(extracted: list[tuple[str, float]], curated: list[tuple[str, float]]) -> int:
    return _greedy_matches(
        curated, extracted, lambda want, got: _entities_agree(want[0], got[0]) and _close(want[1], got[1])
    )


# --------------------------------------------------------------------------- recovery (quantity layer vs quantulum3)


def _unit_key(canonical: str) -> tuple[str, ...]:
    """ "camera" → ("camera",); "camera / kilometer ** 2" → ("camera", "area")."""
    parts = [p.strip() for p in canonical.replace("(", "").replace(")", "").split("/")]
    out = []
    for p in parts:
        p = p.replace("1000 *", "").strip()
        out.append("area" if "**" in p or "mile" in p or "meter" in p else p)
    return tuple(out)


_SYNONYMS = {
    "person": ("person", "people", "resident", "inhabitant"),
    "camera": ("camera", "cctv"),
    "city": ("city", "cities"),
    "pixel": ("pixel",),
    "area": ("square mile", "mile", "area"),
}


def recovered_mine(doc_text: str, targets: list[tuple[float, tuple[str, ...]]]) -> int:
    found: list[tuple[float, tuple[str, ...]]] = []
    for s, e, _ in split_sentences(doc_text):
        for q in scan_line(doc_text[s:e]):
            if q.canonical_unit is None:
                continue
            value = q.value[0] if isinstance(q.value, tuple) else q.value
            found.append((float(value), _unit_key(q.canonical_unit)))
    return _count_recovered(
        found,
        targets,
        lambda key, want: (
            all(k == "?" or k == w for k, w in zip(key, want, strict=False)) and len(key) == len(want) and key[0] != "?"
        ),
    )


def recovered_quantulum(results: list[list], targets: list[tuple[float, tuple[str, ...]]]) -> int:
    found: list[tuple[float, tuple[str, ...]]] = []
    for quants in results:
        for q in quants:
            name = (q.unit.name or "").lower()
            found.append((float(q.value), (name,)))

    def ok(key: tuple[str, ...], want: tuple[str, ...]) -> bool:
        name = key[0]
        return all(any(s in name for s in _SYNONYMS.get(w, (w,))) for w in want)

    return _count_recovered(found, targets, ok)


def _count_recovered(found, targets, unit_ok) -> int:
    return _greedy_matches(targets, found, lambda target, got: _close(got[0], target[0]) and unit_ok(got[1], target[1]))


# --------------------------------------------------------------------------- main


def cold_start(seed: Path, runs: int = 5) -> tuple[float, float]:
    code = (
        f"import reconcile.extract as e, pathlib; p = pathlib.Path({str(seed)!r}); "
        "e.extract_document(e.read_document(p), document=p.name, source_id='x')"
    )

    def wall(args: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(args, check=True, cwd=ROOT)
        return time.perf_counter() - t

    base = statistics.median(wall([sys.executable, "-c", "pass"]) for _ in range(runs))
    full = statistics.median(wall([sys.executable, "-c", code]) for _ in range(runs))
    return full, full - base


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--claims", type=Path, default=ROOT / "claims")
    ap.add_argument("--repeat", type=int, default=5, help="timing repetitions of the scanner")
    ap.add_argument("--no-quantulum", action="store_true")
    ap.add_argument("--corpus-only", action="store_true", help="only the annotated corpus (part 0)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list wrong fields and alarms")
    args = ap.parse_args()

    import corpus_eval

    corpus_eval.print_report(corpus_eval.evaluate(args.verbose), args.verbose)
    if args.corpus_only:
        return 0
    print()

    config = load_config(args.claims / "reconcile.toml") if (args.claims / "reconcile.toml").exists() else None
    resolver = EntityResolver(config.aliases if config else None)
    units = get_units(config.nouns) if config and config.nouns else get_units()

    docs: list[tuple[str, str, list[dict]]] = []
    for f in sorted(args.claims.glob("*.yaml")):
        data = yaml.safe_load(f.read_text("utf-8"))
        document = (data.get("source") or {}).get("document")
        if document and (args.seeds / document).exists():
            docs.append((f.stem, document, data.get("claims") or []))
    if not docs:
        print(f"no curated claim files naming a document in {args.seeds}", file=sys.stderr)
        return 2

    print("Extraction vs curated claims (entity and stated number agree)")
    print(f"{'document':<28} {'curated':>7} {'extracted':>9} {'matched':>7} {'precision':>9} {'recall':>7}")
    tot_c = tot_e = tot_m = 0
    texts: dict[str, str] = {}
    targets_by_doc: dict[str, list[tuple[float, tuple[str, ...]]]] = {}
    for stem, document, claims in docs:
        text = read_document(args.seeds / document)
        texts[document] = text
        doc = extract_document(text, document=document, source_id=stem)
        cur, tgt = [], []
        for c in claims:
            parsed = _number(str(c["value"]), units)
            if parsed is None:
                continue
            cur.append((resolver.canonical(str(c["entity"])), parsed[0]))
            tgt.append((parsed[0], _unit_key(parsed[1])))
        targets_by_doc[document] = tgt
        ext = []
        for c in doc.claims:
            parsed = _number(c.value, units)
            if parsed is not None:
                ext.append((resolver.canonical(c.entity), parsed[0]))
            else:
                ext.append((resolver.canonical(c.entity), float("nan")))
        m = match(ext, cur)
        tot_c, tot_e, tot_m = tot_c + len(cur), tot_e + len(ext), tot_m + m
        p = m / len(ext) if ext else 1.0
        r = m / len(cur) if cur else 1.0
        print(f"{document:<28} {len(cur):>7} {len(ext):>9} {m:>7} {p:>9.1%} {r:>7.1%}")
    P = tot_m / tot_e if tot_e else 1.0
    R = tot_m / tot_c if tot_c else 1.0
    print(f"{'overall':<28} {tot_c:>7} {tot_e:>9} {tot_m:>7} {P:>9.1%} {R:>7.1%}")
    print(
        f"goal: recall >= 95% [{'ok' if R >= 0.95 else 'MISSED'}], precision >= 90% [{'ok' if P >= 0.90 else 'MISSED'}]"
    )

    sentences = [t[s:e] for t in texts.values() for s, e, _ in split_sentences(t)]
    print(f"\nSpeed on the same {len(sentences)} sentences (best of {args.repeat})")
    best = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        for s in sentences:
            scan_line(s)
        best = min(best, time.perf_counter() - t)
    mine_per = best / len(sentences)
    mine_rec = sum(recovered_mine(texts[d], targets_by_doc[d]) for _, d, _ in docs)
    total_targets = sum(len(v) for v in targets_by_doc.values())
    print(
        f"  reconcile.quantities  {mine_per * 1e6:9.1f} µs/sentence   recovers {mine_rec}/{total_targets} curated numbers with the right unit"
    )

    if not args.no_quantulum:
        try:
            t0 = time.perf_counter()
            from quantulum3 import parser as qparser

            qimport = time.perf_counter() - t0
        except ImportError:
            print("  quantulum3            not installed (pip install -e '.[bench]')")
        else:
            qparser.parse("warm up 5 cameras")
            qbest = float("inf")
            results: list[list] = []
            for _ in range(max(1, args.repeat // 2)):
                t = time.perf_counter()
                out = [qparser.parse(s) for s in sentences]
                qbest = min(qbest, time.perf_counter() - t)
                results = out
            q_per = qbest / len(sentences)
            by_doc: dict[str, list[list]] = {}
            k = 0
            for d, text in texts.items():
                n = len(split_sentences(text))
                by_doc[d] = results[k : k + n]
                k += n
            q_rec = sum(recovered_quantulum(by_doc[d], targets_by_doc[d]) for _, d, _ in docs)
            print(
                f"  quantulum3            {q_per * 1e6:9.1f} µs/sentence   recovers {q_rec}/{total_targets} curated numbers with the right unit"
                f"   (import {qimport * 1000:.0f} ms)"
            )
            speedup = q_per / mine_per
            print(f"  speed-up {speedup:.1f}x [{'ok' if speedup >= 5 else 'MISSED'} goal >= 5x]")

    first = args.seeds / docs[0][1]
    full, net = cold_start(first)
    print(
        f"\nCold start (import + first document): {full * 1000:.0f} ms wall, {net * 1000:.0f} ms over a bare interpreter"
        f" [{'ok' if full < 0.3 else 'MISSED'} goal < 300 ms]"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
