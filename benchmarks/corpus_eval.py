"""Extraction on the hand-annotated real-text corpus (benchmarks/corpus/, issue 9).

    python benchmarks/extraction_eval.py --corpus-only        (or: python benchmarks/corpus_eval.py)

For every document in benchmarks/corpus/documents, `reconcile.extract` proposes
candidates; each is matched one to one with the hand-annotated claims of that document.
A candidate matches an annotated claim when its quote overlaps the annotated quote in
the document and its stated number equals the annotated `number` (within 0.1 %; a range
by its ends). Then, field by field:

    entity       the canonical names agree (entities.py: "U.S." = "United States")
    value+unit   the number agrees and so does the unit: numerator noun (singular, the
                 lexicon's canonical noun), money by currency, percent vs percentage points,
                 and a rate's denominator (noun and base: "per 1,000 people"; "per million
                 inhabitants" = "per 1,000,000 people")
    measure      every content word of the candidate's measure (its `measure:`, else its
                 counted noun, else for a unit of measurement the unit as written: "TWh") is
                 in the annotated measure or unit (singular, nouns canonical, "kilometre" =
                 "kilometer")
    qualifier    the qualifier's reading (over, nearly, about ...) agrees, none = none
    period       equal, or the candidate names the year of an annotated date/month (not the
                 first year of a range: "2017" is wrong for "2017-2019"); a candidate with no
                 period is right where none is annotated and abstains where one is

    precision(field) = matched candidates with the field right / candidates that state it
                       (a candidate written with the field empty and `status: needs-review`
                       abstains: it does not count against precision)
    recall(field)    = annotated claims matched with the field right / annotated claims

value+unit precision counts every candidate (a candidate matching no annotated claim is
wrong); the other fields are judged on matched candidates only.

Alarms: each document's extracted claim file is checked alone (`reconcile.check`, as a
user would after `extract`); an alarm is an error or warning finding that is not an input
problem. It is right when the claims it rests on match claims of one annotated
contradiction of that document (at least two of them, or one when the contradiction
names one claim). Alarm precision = right alarms / alarms; contradictions found =
annotated contradictions with at least one right alarm.

All 50 files are then checked together. Differences between documents are not annotated, so
each such alarm is judged: real when its claims are one document's and match one of its
annotated contradictions (as above), else by the hand judgement in corpus/together.yaml of
its rule, entity and sources (real or false, with why); an alarm with neither is counted as
not right and printed as unjudged with -v.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402

import reconcile  # noqa: E402
from reconcile.errors import INPUT_RULES  # noqa: E402
from reconcile.extract import extract_document, read_document, write_claim_file  # noqa: E402
from reconcile.extract.candidates import CandidateClaim  # noqa: E402
from reconcile.lexicon import noun_lexicon, qualifiers, singular  # noqa: E402
from reconcile.load.entities import EntityResolver  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus"
# the reviewer's reconcile.toml (domain [ratios]), read by every `check` as a repo's own would be
CONFIG = CORPUS / "reconcile.toml" if (CORPUS / "reconcile.toml").is_file() else None
FIELDS = ("entity", "value+unit", "measure", "qualifier", "period")

# --------------------------------------------------------------------------- units and measures as words

_MONEY = {
    "dollar": "dollar", "usd": "dollar", "$": "dollar", "us": None, "euro": "euro", "eur": "euro", "€": "euro",
    "pound": "pound", "sterling": None, "£": "pound", "gbp": "pound", "ringgit": "ringgit", "rm": "ringgit",
}  # fmt: skip
_PERSON = {"people", "person", "inhabitant", "resident", "population", "capita", "head", "citizen"}
_AREA = {
    "square kilometre": "km2", "square kilometer": "km2", "sq km": "km2", "km²": "km2", "km2": "km2",
    "square mile": "mi2", "sq mi": "mi2", "mi²": "mi2", "square miles": "mi2", "square kilometres": "km2",
    "square kilometers": "km2",
}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_STOP = {"of", "the", "a", "an", "in", "and", "as", "to", "for", "per", "by", "from", "with", "on", "at", "all"}


def _noun(word: str) -> str:
    spellings = noun_lexicon().spellings
    w = word.lower().strip(" .,;:()")
    if w in _PERSON or singular(w) in _PERSON:
        return "person"
    if _MONEY.get(w):
        return _MONEY[w]  # type: ignore[return-value]
    if singular(w) in _MONEY and _MONEY[singular(w)]:
        return _MONEY[singular(w)]  # type: ignore[return-value]
    return spellings.get(w) or spellings.get(singular(w)) or singular(w)


def _side(text: str) -> tuple[str, ...]:
    """ "1,000 people" → ("1000", "person"); "square kilometre" → ("km2",); "hospital beds" → ("bed",)."""
    t = " ".join(text.lower().replace(",", "").split())
    for k, v in _AREA.items():
        if t.endswith(k) or t == k:
            base = t[: -len(k)].strip()
            return (base or "1", v)
    m = re.match(r"^(\d[\d.]*|one|a)?\s*(thousand|million|billion)?\s+(.*)$", t)
    if m and (m.group(1) or m.group(2)):  # "1,000 people", "one million inhabitants", "million inhabitants"
        number = 1.0 if m.group(1) in (None, "one", "a") else float(m.group(1))
        number *= _SCALE.get(m.group(2) or "", 1.0)
        base, rest = f"{number:g}" if number < 1e15 else str(number), m.group(3)
        base = str(int(number)) if number.is_integer() else base
    else:
        base, rest = "1", t
    rest = rest.split(" of ")[0].strip()
    words = [w for w in re.split(r"[\s\-]+", rest) if w and w not in _STOP]
    if not words:
        return (base,)
    if words[-1] in ("percent", "%") or rest in ("per cent",):
        return (base, "percent")
    return (base, _noun(words[-1]))


def unit_key(unit: str) -> tuple[Any, ...]:
    u = " ".join(unit.lower().split())
    if u.startswith(("percentage point", "pp")):
        return ("pp",)
    if u.startswith(("percent", "per cent", "%", "pct")):
        return ("percent",)
    u = re.sub(r"\bper cent\b", "percent", u)
    parts = re.split(r"\s+(?:per|for every|in every|in|a)\s+", u, maxsplit=1)
    num = _side(parts[0])
    num_noun = num[-1] if len(num) > 1 else ""
    if len(parts) == 1:
        return (num_noun,)
    return (num_noun, _side(parts[1]))


def _candidate_unit(c: CandidateClaim) -> str:
    """The unit part of a candidate's value string: what follows its number."""
    q = c.quantity
    v = c.value
    if q is not None and q.number_text:
        num = q.number_text
        for cur in ("US$", "$", "€", "£"):
            num = num.replace(cur, "")
        i = v.lower().find(num.strip().lower())
        if i != -1:
            return v[i + len(num.strip()) :].strip()
    m = re.search(r"\d[\d,.]*\s*(?:million|billion|trillion|thousand|crore|lakh)?\s*(.*)$", v)
    return m.group(1) if m else v


_SPELLING = {"kilometre": "kilometer", "metre": "meter", "litre": "liter", "centre": "center"}


def measure_words(text: str) -> set[str]:
    words = {_noun(w) for w in re.split(r"[\s\-/()]+", text.lower()) if w and w not in _STOP and not w[0].isdigit()}
    return {_SPELLING.get(w, w) for w in words}  # "square kilometres" = "square kilometers"


def _unit_names() -> frozenset[str]:
    from reconcile.extract.vocabulary import lexicon

    return lexicon(None).unit_names


# --------------------------------------------------------------------------- matching


@dataclass
class Annotated:
    raw: dict[str, Any]
    spans: list[tuple[int, int]]
    number: tuple[float, float]


@dataclass
class Tally:
    right: Counter[str] = field(default_factory=Counter)  # matched and right, by field
    stated: Counter[str] = field(default_factory=Counter)  # candidates stating the field
    right_c: Counter[str] = field(default_factory=Counter)  # the same, over candidates `check` compares
    stated_c: Counter[str] = field(default_factory=Counter)
    candidates: int = 0
    annotated: int = 0
    matched: int = 0
    needs_review: int = 0


def _num_of(c: CandidateClaim) -> tuple[float, float] | None:
    q = c.quantity
    if q is None:  # a partitive ("eight of the top 10 cities"): the number its value string starts with
        from reconcile.lexicon import number_words

        first = c.value.split()[0]
        n = number_words().compound(first) if first.isalpha() else float(first.replace(",", ""))
        return None if n is None else (n, n)
    if isinstance(q.value, tuple):
        return float(q.value[0]), float(q.value[1])
    return float(q.value), float(q.value)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-3 * max(abs(a), abs(b), 1e-9)


def _same_number(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return (_close(a[0], b[0]) and _close(a[1], b[1])) or (
        _close(abs(a[0]), abs(b[0])) and _close(abs(a[1]), abs(b[1]))
    )


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _annotated(doc: str, claims: list[dict[str, Any]]) -> list[Annotated]:
    out = []
    for a in claims:
        quote = str(a["quote"])
        spans, i = [], doc.find(quote)
        while i != -1:
            spans.append((i, i + len(quote)))
            i = doc.find(quote, i + 1)
        n = a["number"]
        number = (float(n[0]), float(n[1])) if isinstance(n, list) else (float(n), float(n))
        out.append(Annotated(a, spans, number))
    return out


def match(cands: list[CandidateClaim], anns: list[Annotated]) -> dict[int, int]:
    """candidate index → annotated index, one to one, nearest quote first."""
    pairs = []
    for i, c in enumerate(cands):
        num = _num_of(c)
        if num is None:
            continue
        for j, a in enumerate(anns):
            if _same_number(num, a.number) and any(_overlap(c.span, s) for s in a.spans):
                dist = min(abs(c.span[0] - s[0]) for s in a.spans)
                pairs.append((dist, i, j))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def _qual_name(phrase: str | None) -> str | None:
    if not phrase:
        return None
    q = qualifiers().get(" ".join(phrase.lower().split()))
    if q is None:
        return None
    return {"up_to": "up to", "at_least": "at least", "at_most": "at most", "estimated": None}.get(q.name, q.name)


def _period_ok(cand: str | None, ann: Any) -> bool:
    a = None if ann is None else str(ann)
    if cand is None or a is None:
        return cand == a
    year_range = re.fullmatch(r"\d{4}-\d{4}", a) is not None  # "2017-2019" is a span, not a date in 2017
    return cand == a or (len(cand) == 4 and a.startswith(cand + "-") and not year_range and "/" not in a)


def judge(c: CandidateClaim, a: dict[str, Any], resolver: EntityResolver) -> dict[str, bool | None]:
    """Field → right (True), wrong (False) or abstained (None)."""
    out: dict[str, bool | None] = {}
    missing = getattr(c, "missing", [])  # older extractors wrote no missing fields
    out["entity"] = (
        None if "entity" in missing else resolver.canonical(c.entity) == resolver.canonical(str(a["entity"]))
    )
    out["value+unit"] = unit_key(_candidate_unit(c)) == unit_key(str(a["unit"]))
    # what the candidate says it measures: its measure, else a unit's words ("square miles"), else its noun
    # a unit of measurement (TWh, km², tonnes) says what it measures as written, not by its pint name
    unit_noun = c.noun is None or "*" in c.noun or c.noun in _unit_names()
    measure = getattr(c, "measure", None) or (_candidate_unit(c) if unit_noun else c.noun)
    if measure and "measure" not in missing:
        words = measure_words(measure)
        out["measure"] = bool(words) and words <= measure_words(f"{a['measure']} {a['unit']}")
    else:
        out["measure"] = None
    cq = _qual_name(c.quantity.qualifier if c.quantity else None)
    out["qualifier"] = cq == a.get("qualifier") or (cq is None and a.get("qualifier") == "between")
    # an empty period is right when none is annotated, else an abstention (it states no period)
    empty = c.period is None and a.get("period") is not None
    out["period"] = None if "period" in missing or empty else _period_ok(c.period, a.get("period"))
    return out


# --------------------------------------------------------------------------- alarms

_NOT_ALARMS = {"entity-spelling", "unknown-field", "needs-review"}


def alarms(doc_claims: list[CandidateClaim], ann: list[Annotated], matched: dict[int, int], contras, report):
    """(alarms, right alarms, set of contradiction indexes found, descriptions of wrong alarms)."""
    by_id = {c.id: i for i, c in enumerate(doc_claims)}
    ann_ids = [a.raw["id"] for a in ann]
    n, right, found, wrong = 0, 0, set(), []
    for f in report.findings:
        if f.rule in INPUT_RULES or f.rule in _NOT_ALARMS or f.severity not in ("error", "warning"):
            continue  # input problems and notices about the input are not alarms about the claims
        n += 1
        hit_ids = set()
        for cid in f.claims:
            local = cid.split("/", 1)[-1]
            i = by_id.get(local)
            if i is not None and i in matched:
                hit_ids.add(ann_ids[matched[i]])
        ok = False
        for k, con in enumerate(contras):
            members = set(con["claims"])
            need = 2 if len(members) > 1 else 1
            if len(hit_ids & members) >= need:
                ok = True
                found.add(k)
        right += ok
        if not ok:
            wrong.append(f"{f.rule} {f.entity}: {f.message[:150]}")
    return n, right, found, wrong


# --------------------------------------------------------------------------- alarms, all files together

JUDGEMENTS = CORPUS / "together.yaml"


def _judgements() -> dict[tuple[str, str, tuple[str, ...]], str]:
    """(rule, entity, sources) → real | false, from corpus/together.yaml (judged by hand)."""
    data = yaml.safe_load(JUDGEMENTS.read_text("utf-8")) if JUDGEMENTS.exists() else []
    # `verdict: false` reads as a YAML boolean: compared as the word
    return {(j["rule"], j["entity"], tuple(sorted(j["sources"]))): str(j["verdict"]).lower() for j in data or []}


def judge_together(finding: Any, docs: dict[str, Any]) -> str | None:
    """An alarm of the 50 files checked together: real when all its claims are one document's and
    match one of its annotated contradictions (as for the files alone); else the hand judgement in
    together.yaml of its rule, entity and sources; None when neither says."""
    sources = tuple(sorted({c.split("/", 1)[0] for c in finding.claims}))
    if len(sources) == 1 and sources[0] in docs:
        claims, anns, matched, contras = docs[sources[0]]
        by_id = {c.id: i for i, c in enumerate(claims)}
        hit = {anns[matched[by_id[c]]].raw["id"] for c in (x.split("/", 1)[1] for x in finding.claims)
               if c in by_id and by_id[c] in matched}  # fmt: skip
        if any(len(hit & set(k["claims"])) >= (2 if len(k["claims"]) > 1 else 1) for k in contras):
            return "real"
    return _judgements().get((finding.rule, finding.entity or "", sources))


# --------------------------------------------------------------------------- main


def evaluate(verbose: bool = False) -> dict[str, Any]:
    resolver = EntityResolver()
    total = Tally()
    n_alarms = n_right = 0
    n_contras = n_found = 0
    missed_contras: list[str] = []
    wrong_alarms: list[str] = []
    input_errors: list[str] = []
    rows = []
    docs: dict[str, tuple[list[CandidateClaim], list[Annotated], dict[int, int], list[Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for ann_path in sorted((CORPUS / "annotations").glob("*.yaml")):
            data = yaml.safe_load(ann_path.read_text("utf-8"))
            doc_path = CORPUS / "documents" / data["document"]
            text = read_document(doc_path)
            # the page's date, as the search tool gave it: what a user knows about the page
            try:
                doc = extract_document(
                    text, document=doc_path.name, source_id=ann_path.stem, published=data.get("published")
                )
            except TypeError:  # an extractor from before `published=` (to score an older version)
                doc = extract_document(text, document=doc_path.name, source_id=ann_path.stem)
            anns = _annotated(text, data.get("claims") or [])
            m = match(doc.claims, anns)
            t = Tally(candidates=len(doc.claims), annotated=len(anns), matched=len(m))
            for i, c in enumerate(doc.claims):
                if getattr(c, "status", "candidate") == "needs-review":
                    t.needs_review += 1
                compared = getattr(c, "status", "candidate") != "needs-review"
                if i not in m:
                    t.stated["value+unit"] += 1
                    t.stated_c["value+unit"] += compared
                    continue
                verdict = judge(c, anns[m[i]].raw, resolver)
                for f in FIELDS:
                    if verdict[f] is not None:
                        t.stated[f] += 1
                        t.right[f] += bool(verdict[f])
                        t.stated_c[f] += compared
                        t.right_c[f] += compared and bool(verdict[f])
                if verbose and not all(v in (True, None) for v in verdict.values()):
                    a = anns[m[i]].raw
                    bad = [f for f in FIELDS if verdict[f] is False]
                    print(
                        f"  {ann_path.stem[:3]} {bad}: got ({c.entity} | {c.value} | {getattr(c, 'measure', None)} | "
                        f"{c.period}) want ({a['entity']} | {a['value']} | {a['measure']} | {a['period']})"
                    )
            for f in FIELDS:
                total.right[f] += t.right[f]
                total.stated[f] += t.stated[f]
                total.right_c[f] += t.right_c[f]
                total.stated_c[f] += t.stated_c[f]
            total.candidates += t.candidates
            total.annotated += t.annotated
            total.matched += t.matched
            total.needs_review += t.needs_review
            # alarms: the document's claim file alone
            out = Path(tmp) / ann_path.stem
            write_claim_file(doc, out)
            write_claim_file(doc, Path(tmp) / "_all")
            report = reconcile.check(out, config=CONFIG)
            input_errors += [f"{ann_path.stem}: {f.message[:120]}" for f in report.input_errors]
            contras = data.get("contradictions") or []
            a_n, a_r, found, wrong = alarms(doc.claims, anns, m, contras, report)
            n_alarms += a_n
            n_right += a_r
            n_contras += len(contras)
            n_found += len(found)
            missed_contras += [
                f"{ann_path.stem}: {contras[k]['claims']}" for k in range(len(contras)) if k not in found
            ]
            wrong_alarms += [f"{ann_path.stem}: {w}" for w in wrong]
            rows.append((ann_path.stem, t, a_n, a_r, len(contras), len(found)))
            docs[ann_path.stem] = (doc.claims, anns, m, contras)
        together = reconcile.check(Path(tmp) / "_all", config=CONFIG)
        cross = [
            f
            for f in together.findings
            if f.rule not in INPUT_RULES and f.rule not in _NOT_ALARMS and f.severity in ("error", "warning")
        ]
    verdicts = [judge_together(f, docs) for f in cross]
    return {
        "together_alarms": [
            f"[{v or 'unjudged'}] {f.rule} {f.entity}: {f.message[:300]} [{', '.join(f.claims)}]"
            for f, v in zip(cross, verdicts, strict=True)
        ],
        "together_real": verdicts.count("real"),
        "together_unjudged": verdicts.count(None),
        "together": len(cross),
        "together_sources": sum(1 for f in cross if len({c.split("/", 1)[0] for c in f.claims}) > 1),
        "total": total,
        "rows": rows,
        "alarms": n_alarms,
        "right_alarms": n_right,
        "contradictions": n_contras,
        "found": n_found,
        "missed": missed_contras,
        "wrong_alarms": wrong_alarms,
        "input_errors": input_errors,
    }


def _pct(a: int, b: int) -> str:
    return f"{a / b:6.1%}" if b else "   n/a"


def print_report(res: dict[str, Any], verbose: bool = False) -> None:
    t: Tally = res["total"]
    print(f"Corpus: {len(res['rows'])} documents, {t.annotated} annotated claims, {t.candidates} candidates")
    print(f"  matched (quote overlaps, number agrees): {t.matched}; written as needs-review: {t.needs_review}")
    print(
        f"  {'field':<11} {'precision':>9} {'recall':>8} {'compared':>9}"
        "   (right / stated, right / annotated; precision over the candidates `check` compares)"
    )
    for f in FIELDS:
        print(
            f"  {f:<11} {_pct(t.right[f], t.stated[f]):>9} {_pct(t.right[f], t.annotated):>8}"
            f" {_pct(t.right_c[f], t.stated_c[f]):>9}"
            f"   ({t.right[f]}/{t.stated[f]}, {t.right[f]}/{t.annotated}; {t.right_c[f]}/{t.stated_c[f]})"
        )
    print(
        f"  alarms of `check` on the extracted files (each document alone): {res['alarms']}, "
        f"right {res['right_alarms']}, precision {_pct(res['right_alarms'], res['alarms']).strip()}"
    )
    print(f"  annotated contradictions found: {res['found']}/{res['contradictions']}")
    print(
        f"  all {len(res['rows'])} files checked together: {res['together']} alarms, {res['together_sources']} of them across sources"
        " (cross-source differences are not annotated: see corpus/README.md)"
    )
    judged = res["together"] - res["together_unjudged"]
    print(
        f"  alarms of all files together judged real: {res['together_real']} of {res['together']}, precision "
        f"{_pct(res['together_real'], res['together']).strip()} ({res['together_unjudged']} not judged yet: "
        f"add them to corpus/together.yaml; precision over the judged {_pct(res['together_real'], judged).strip()})"
    )
    print(f"  input errors when checking the extracted files: {len(res['input_errors'])}")
    if verbose:
        for line in res["missed"]:
            print("  missed:", line)
        for line in res["wrong_alarms"]:
            print("  false alarm:", line)
        for line in res["together_alarms"]:
            print("  together:", line)
        for line in res["input_errors"][:20]:
            print("  input error:", line)


def main() -> int:
    verbose = "-v" in sys.argv
    res = evaluate(verbose)
    print_report(res, verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
