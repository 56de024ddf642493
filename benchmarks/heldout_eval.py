"""False alarms on unseen text: `extract` then `check` on pages never used to develop rules.

The annotated corpus (corpus_eval.py) measures what the rules were tuned on; the pages in
benchmarks/corpus/heldout/ are not annotated and never read while writing rules. Every alarm
(error or warning, not an input problem) raised on them is printed for a person to judge;
the judgements are kept in benchmarks/corpus/heldout/README.md. `check` must read everything
`extract` wrote: any input error is counted and printed.

    PYTHONPATH=src python benchmarks/heldout_eval.py        # alarms per page, then all together
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import reconcile  # noqa: E402
from reconcile.errors import INPUT_RULES  # noqa: E402
from reconcile.extract import extract_document, read_document, write_claim_file  # noqa: E402
from reconcile.model import Finding  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus"
HELDOUT = CORPUS / "heldout"
CONFIG = CORPUS / "reconcile.toml"
# notices about the input, not alarms about the claims (as corpus_eval.py counts them)
_NOT_ALARMS = {"entity-spelling", "unknown-field", "needs-review"}


def _alarms(findings: tuple[Finding, ...] | list[Finding]) -> list[Finding]:
    return [
        f
        for f in findings
        if f.rule not in INPUT_RULES and f.rule not in _NOT_ALARMS and f.severity in ("error", "warning")
    ]


def _show(f: Finding) -> str:
    return f"    {f.severity} {f.rule} {f.entity} / {f.measure}: {' '.join(f.message.split())[:400]}"


def main() -> int:
    pages = sorted(HELDOUT.glob("*.txt"))
    n_alarms = n_claims = 0
    input_errors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            doc = extract_document(read_document(page), document=page.name, source_id=page.stem)
            n_claims += len(doc.claims)
            out = Path(tmp) / page.stem
            write_claim_file(doc, out)
            write_claim_file(doc, Path(tmp) / "_all")
            report = reconcile.check(out, config=CONFIG)
            input_errors += [f"{page.stem}: {f.message[:160]}" for f in report.input_errors]
            found = _alarms(report.findings)
            n_alarms += len(found)
            print(f"{page.stem}: {len(doc.claims)} claims, {len(found)} alarms")
            for f in found:
                print(_show(f))
        together = _alarms(reconcile.check(Path(tmp) / "_all", config=CONFIG).findings)
    print(f"\nall {len(pages)} pages together: {len(together)} alarms")
    for f in together:
        print(_show(f))
    print(f"\n{len(pages)} pages, {n_claims} claims: {n_alarms} alarms on the pages alone, {len(together)} together")
    print(f"input errors when checking the extracted files: {len(input_errors)}")
    for line in input_errors:
        print("  " + line)
    return 1 if input_errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
