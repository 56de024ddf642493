"""Instructions `reconcile extract` spends on some documents, after start-up (valgrind: the one
measure the load of a shared machine does not move).

    python benchmarks/extract_instructions.py benchmarks/corpus/documents
    python benchmarks/extract_instructions.py /tmp/reconcile-shapes/extract-distinct-0.25mb/article.txt

A child process starts up as shapes.py's extract child does (imports, the lexicon, pint's
registry, a two-line warm-up document written to a scratch folder), once alone and once going on
to `extract_files` the documents (a folder: its *.txt); the difference is the extraction, the
writing of the claim files included (the kernel's side of writing them is not counted).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import sys, tempfile
from pathlib import Path
from reconcile.extract import extract_files, lexicon
from reconcile.units import get_units
lexicon()
get_units(None)
import reconcile.load.yamlfile  # the claim file reader, as shapes.py's extract child
with tempfile.TemporaryDirectory() as scratch:
    warm = Path(scratch) / "warm-up.txt"
    warm.write_text("Warm-up\\n\\nIn 2020 Japan had 5.5 million cameras, or 43 per 1,000 people.\\n", encoding="utf-8")
    assert not any(isinstance(r, Exception) for r in extract_files([warm], Path(scratch), None))
    for target in map(Path, sys.argv[1:]):
        documents = sorted(target.glob("*.txt")) if target.is_dir() else [target]
        for result in extract_files(documents, Path(scratch) / "out", None, jobs=1):  # one process: what it costs
            assert not isinstance(result, Exception), result
"""


def instructions(args: list[str]) -> int:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(CHILD)
    run = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, script.name, *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    Path(script.name).unlink()
    refs = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if refs is None:
        raise SystemExit(f"no instruction count from valgrind:\n{run.stderr[-2000:]}")
    return int(refs.group(1).replace(",", ""))


def main() -> None:
    targets = sys.argv[1:]
    if not targets:
        raise SystemExit(__doc__)
    start_up = instructions([])
    total = instructions(targets)
    print(f"{(total - start_up) / 1e6:,.0f} M instructions ({total / 1e6:,.0f} M with start-up)")


if __name__ == "__main__":
    main()
