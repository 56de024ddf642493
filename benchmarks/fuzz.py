"""Fuzz every entry point that reads untrusted text; report crashes and the slowest input.

    python benchmarks/fuzz.py                          # 10,000 inputs per entry point
    python benchmarks/fuzz.py --n 1000000              # the issue's figure (hours on one core)
    python benchmarks/fuzz.py --n 100000 --entry value --seed 3

Atheris-style, without atheris: each input is a real seed (value strings and explicit
fields from the shipped claims, lines of the seed articles, claim files, a baseline, a
reconcile.toml) mutated one to four times — a token inserted (number forms, scale and unit
words, separators, bidi and control characters, YAML and TOML syntax), a slice deleted,
repeated (up to hundreds of times, to find what grows badly) or replaced by a random code
point, or two seeds spliced — or, one time in eight, a string of random tokens. The
generator is seeded: the same command gives the same inputs.

A sixth entry, `check`, writes each mutated claim file beside a good one and runs the whole
check and four renderers on them (a twentieth of `--n`: it costs ~50 times one reader).

A *crash* is any exception an entry point does not promise: the readers may raise their
own input errors (ValueParseError, UnitError, LoadError, ConfigError, BaselineError), the
text scanner nothing at all. Each distinct crash (type and place) is printed once with its
smallest input. Exit 1 when any entry point crashed.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import heapq
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

# Tokens a mutation inserts: what makes numbers, units, YAML and TOML interesting or hostile.
TOKENS = [
    *"0123456789",
    *" .,-–—+/%$€£^*()[]{}:;#&!?'\"\\\t\n",
    "\u00a0",
    "\u2009",
    "\u202f",
    "\u200b",
    "\u202e",
    "\u2066",
    "\u2069",
    "\x00",
    "\x1b[2J",
    "\ufeff",
    "e",
    "E",
    "e6",
    "e-3",
    "1e400",
    "1e-400",
    "inf",
    "Infinity",
    "nan",
    "NaN",
    "0",
    "00",
    "0.0",
    "-0",
    "9" * 50,
    "9" * 500,
    "1,000",
    "1 000",
    "4,65,255",
    "627 707",
    "1/0",
    "1 per 0",
    "0 per 1",
    "million",
    "billion",
    "trillion",
    "thousand",
    "hundred",
    "dozen",
    "lakh",
    "crore",
    "k",
    "m",
    "bn",
    "half",
    "a third",
    "one",
    "seven",
    "twenty-five",
    "per",
    "for every",
    "in",
    "of",
    "percent",
    "per cent",
    "%",
    "sq",
    "sq ",
    "square",
    "km",
    "mi²",
    "km2",
    "miles",
    "metre",
    "meter",
    "degC",
    "kelvin",
    "people",
    "cameras",
    "camera",
    "person",
    "hospital beds",
    "dollars",
    "USD",
    "GDP",
    "about",
    "roughly",
    "nearly",
    "over",
    "more than",
    "up to",
    "at least",
    "between",
    "and",
    "to",
    "from",
    "fewer than",
    "almost",
    "~",
    "<",
    ">",
    "≈",
    "±",
    "2020",
    "2019–2021",
    "2021-08-15",
    "3-étage",
    "1-2 ",
    "- ",
    "&a ",
    "*a ",
    "<<: ",
    "!!python/object ",
    "!!int ",
    "? ",
    "--- ",
    "\n    !!int 5: x",
    "\n    zz: y",
    "\n  - id: b\n    entity: [x]\n",
    "\n    value: ",
    "\n    computed_from: [",
    "[[[[",
    "]]]]",
    "{a: ",
    "'''",
    '"""',
    "=",
    "[policy]",
    "[nouns]",
    "[aliases]",
    "\\u202e",
]


@dataclass
class Entry:
    """One entry point: what it is fed, how it is called, what it may raise."""

    name: str
    seeds: list[str]
    call: Callable[[str], object]
    allowed: tuple[type[BaseException], ...]
    share: int = 1  # runs n // share inputs: the whole check costs ~50 times one reader


@dataclass
class Result:
    name: str
    inputs: int = 0
    refused: int = 0  # the entry point's own input error: fine
    seconds: float = 0.0
    first: tuple[float, str] = (0.0, "")  # the slowest first call: cold caches, collections, neighbours
    slowest: tuple[float, str] = (0.0, "")  # the slowest again: best of 3 re-timings of the 20 slowest first calls
    crashes: dict[str, tuple[str, str]] = field(default_factory=dict)  # where → (input, error)


def _seed_texts() -> dict[str, list[str]]:
    """Real inputs to mutate, from the repo (and the seed articles when ../shared is here)."""
    import yaml

    claim_files = sorted((ROOT / "claims").rglob("*.yaml"))
    files = [p.read_text(encoding="utf-8") for p in claim_files]
    values, numbers, units = [], [], []
    for text in files:
        data = yaml.safe_load(text) or {}
        for claim in data.get("claims") or []:
            if "value" in claim:
                values.append(str(claim["value"]))
            if "number" in claim:
                numbers.append(str(claim["number"]))
                units.append(str(claim.get("unit", "")))
    values += [
        "5.9 million cameras",
        "one camera for every 7 people",
        "13.35 cameras per 1,000 people",
        "54 percent of cameras",
        "over 200 million cameras",
        "between 20 and 30 people",
        "US$ 25.4 trillion",
        "$96,000 per person",
        "3.4 percent",
        "1 in 7 people",
        "1,000 sq mi",
    ]
    lines = [
        "London has 627,707 cameras for 9.1 million people.",
        "GDP grew 3.4 percent in 2023 to $25.4 trillion.",
        "Paris has 3-étage buildings and 1,000 cameras.",
    ]
    if SEEDS.is_dir():
        for doc in sorted(SEEDS.glob("*.txt")):
            lines += [ln for ln in doc.read_text(encoding="utf-8").splitlines() if ln.strip()][:40]
    tomls = [
        (ROOT / "claims" / "reconcile.toml").read_text(encoding="utf-8"),
        '[policy]\nabout_min_relative = 0.05\nerror_gap = 0.02\n[aliases]\n"NYC" = "New York City"\n'
        '[nouns]\nhospital_bed = ["beds", "hospital beds"]\n',
    ]
    baseline = (
        '{"version": 1, "tool": "reconcile", "entries": [{"key": "k", "rule": "cross-source-contradiction", '
        '"entity": "London", "measure": "camera / person", "claims": ["a/x", "b/y"], "severity": "error", '
        '"message": "m"}]}'
    )
    fields = [f"{n}\x1f{u}" for n, u in zip(numbers, units, strict=True)] or ["5.9 million\x1fcameras"]
    fields += [
        "2.58 million\x1fcameras",
        "between 20 and 30\x1fpeople",
        "1 in 7\x1fcamera per person",
        "13.35\x1fcameras per 1,000 people",
        "0.05\x1fpercent",
    ]
    return {"value": values, "fields": fields, "line": lines, "yaml": files, "baseline": [baseline], "toml": tomls}


def entries() -> list[Entry]:
    from reconcile.errors import BaselineError, ConfigError, InputError
    from reconcile.extract import scan_line
    from reconcile.load.claimfile import read_claim_text
    from reconcile.load.config import Config, parse_config
    from reconcile.load.entities import EntityResolver
    from reconcile.present.baseline import load as load_baseline
    from reconcile.units import get_units, registry
    from reconcile.values import parse_value, value_from_fields

    units = get_units()
    resolver = EntityResolver()
    config = Config()
    seeds = _seed_texts()

    def fields(text: str) -> object:
        number, _, unit = text.partition("\x1f")
        qualifier = None
        if "\x1f" in unit:
            unit, _, qualifier = unit.partition("\x1f")
        return value_from_fields(number, unit, qualifier, units=units)

    def claim_file(text: str) -> object:
        return read_claim_text(text, file="fuzz.yaml", config=config, units=units, resolver=resolver)

    def toml(text: str) -> object:
        parsed = parse_config(text, file="reconcile.toml")
        if parsed.nouns:
            get_units(parsed.nouns)
            # a real run builds one Units per repo; 10⁵ mutated [nouns] tables would keep 10⁴
            # registries alive (the cache is private: a benchmark may reach into it)
            if len(registry._units_cache) > 50:
                registry._units_cache.clear()
        return EntityResolver(parsed.aliases).canonical("NYC")

    repo = Path(tempfile.mkdtemp(prefix="reconcile-fuzz-"))
    atexit.register(shutil.rmtree, repo, ignore_errors=True)  # the tests build these entries too
    (repo / "a-good.yaml").write_text(seeds["yaml"][0], encoding="utf-8")

    def whole_check(text: str) -> object:
        """The mutated claim file beside a good one, through the whole check and four renderers."""
        import reconcile
        from reconcile.present.render import render

        (repo / "fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        report = reconcile.check(repo)
        return [render(report, fmt) for fmt in ("json", "sarif", "github", "text")]

    return [
        Entry("value", seeds["value"], lambda t: parse_value(t, units=units), (InputError,)),
        Entry("fields", seeds["fields"], fields, (InputError,)),
        Entry("line", seeds["line"], scan_line, ()),
        Entry("yaml", seeds["yaml"], claim_file, ()),
        Entry("baseline", seeds["baseline"], lambda t: load_baseline(t, file="b.json"), (BaselineError,)),
        Entry("toml", seeds["toml"], toml, (ConfigError,)),
        Entry("check", seeds["yaml"], whole_check, (), share=20),
    ]


def _random_char(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.6:
        return chr(rng.randrange(32, 127))
    if pick < 0.9:
        return chr(rng.randrange(0xA0, 0x3000))
    return chr(rng.randrange(0, 0x110000))


def mutate(rng: random.Random, seeds: list[str]) -> str:
    """One input: a seed mutated one to four times, or (1 in 8) random tokens."""
    if rng.random() < 0.125:
        return "".join(rng.choice(TOKENS) for _ in range(rng.randrange(1, 12)))
    text = rng.choice(seeds)
    for _ in range(rng.randrange(1, 5)):
        op = rng.random()
        at = rng.randrange(len(text) + 1)
        if op < 0.35:
            text = text[:at] + rng.choice(TOKENS) + text[at:]
        elif op < 0.5:
            end = min(len(text), at + rng.randrange(1, 8))
            text = text[:at] + text[end:]
        elif op < 0.65:
            text = text[:at] + _random_char(rng) + text[at + 1 :]
        elif op < 0.8:
            end = min(len(text), at + rng.randrange(1, 12))
            times = rng.choice((2, 3, 10, 100, 500))
            text = text[:at] + text[at:end] * times + text[end:]
        else:
            other = rng.choice(seeds)
            cut = rng.randrange(len(other) + 1)
            text = text[:at] + other[cut:]
    return text


def run(entry: Entry, n: int, seed: int, *, on_crash: Callable[[str, str, str], None] | None = None) -> Result:
    """Feed `n` inputs to one entry point; time each; collect crashes by type and place."""
    rng = random.Random(f"{seed}-{entry.name}")
    result = Result(entry.name)
    clock = time.perf_counter
    slow: list[tuple[float, int, str]] = []  # a heap of the RETIME slowest first timings
    for index in range(n):
        text = mutate(rng, entry.seeds)
        start = clock()
        try:
            entry.call(text)
        except entry.allowed:
            result.refused += 1
        except Exception as exc:  # noqa: BLE001 - any other exception is a crash: what this counts
            where = _where(exc)
            known = result.crashes.get(where)
            if known is None or len(text) < len(known[0]):
                result.crashes[where] = (text, f"{type(exc).__name__}: {exc}"[:300])
            if on_crash:
                on_crash(entry.name, text, where)
        took = clock() - start
        result.seconds += took
        result.inputs += 1
        if took > result.first[0]:
            result.first = (took, text)
        if len(slow) < RETIME:
            heapq.heappush(slow, (took, index, text))
        elif took > slow[0][0]:
            heapq.heapreplace(slow, (took, index, text))
    # A first timing can be a cold cache, a collection or a neighbour's process on a shared
    # machine: both are reported, the slowest first call and the slowest of the re-timings
    # (best of three each) of the 20 slowest first calls, which is what the input itself costs
    # once caches are warm.
    for _, _, text in slow:
        took = min(_time(entry, text) for _ in range(3))
        if took > result.slowest[0]:
            result.slowest = (took, text)
    return result


RETIME = 20


def _time(entry: Entry, text: str) -> float:
    start = time.perf_counter()
    with contextlib.suppress(Exception):  # counted in the run; here only the time matters
        entry.call(text)
    return time.perf_counter() - start


def _where(exc: BaseException) -> str:
    """The exception type and the innermost frame in reconcile (or anywhere) it came from."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "reconcile" in f.filename] or frames
    last = ours[-1] if ours else None
    place = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    return f"{type(exc).__name__} at {place}"


def _short(text: str, limit: int = 120) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else f"{shown[: limit - 20]}… ({len(text):,} chars)"


def main(argv: Iterator[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="inputs per entry point")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--entry", action="append", help="only these entry points (repeatable)")
    parser.add_argument("--save", type=Path, help="write each entry's slowest input and crash inputs here")
    args = parser.parse_args(list(argv) if argv is not None else None)
    chosen = [e for e in entries() if not args.entry or e.name in args.entry]
    print(
        f"{'entry':>9} {'inputs':>10} {'refused':>9} {'crashes':>8} {'µs/input':>9} {'first ms':>9} "
        f"{'again ms':>9}  slowest input (again: best of 3 re-timings of the 20 slowest first calls)"
    )

    crashed = 0
    for entry in chosen:
        r = run(entry, max(1, args.n // entry.share), args.seed)
        crashed += len(r.crashes)
        print(
            f"{r.name:>9} {r.inputs:>10,} {r.refused:>9,} {len(r.crashes):>8} {r.seconds / max(1, r.inputs) * 1e6:>9.0f} "
            f"{r.first[0] * 1000:>9.1f} {r.slowest[0] * 1000:>9.1f}  {_short(r.slowest[1])}",
            flush=True,
        )
        if r.first[1] != r.slowest[1]:
            print(f"{'':>9} slowest first call: {_short(r.first[1])}", flush=True)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{r.name}-slowest.txt").write_text(r.slowest[1], encoding="utf-8", errors="surrogatepass")
            for i, (text, _) in enumerate(r.crashes.values(), 1):
                (args.save / f"{r.name}-crash-{i}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
        for where, (text, error) in r.crashes.items():
            print(f"{'':>9} crash: {where}: {error}\n{'':>16} input: {_short(text, 300)}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
