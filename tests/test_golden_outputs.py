"""`check --format json` and `estimates --format json` on the shipped claims and examples, byte for
byte as recorded in tests/golden/: a change made for speed or memory must not change one byte.

When a change of behaviour is meant (a new rule, a better message), re-record and review the diff:

    RECONCILE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_outputs.py && git diff tests/golden
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reconcile.cli import app

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
REPOS = {"claims": "claims", "economy": "examples/economy", "health": "examples/health", "energy": "examples/energy"}
COMMANDS = {"check": ["check", "--format", "json"], "estimates": ["estimates", "--format", "json"]}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("repo", sorted(REPOS))
def test_json_output_is_byte_for_byte_as_recorded(repo: str, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # file names in the output are as given on the command line
    verb, *options = COMMANDS[command]
    result = CliRunner().invoke(app, [verb, REPOS[repo], *options])
    assert result.exit_code in (0, 1), result.output
    recorded = GOLDEN / f"{repo}.{command}.json"
    if os.environ.get("RECONCILE_UPDATE_GOLDEN"):
        recorded.write_text(result.stdout, encoding="utf-8")
    assert recorded.is_file(), f"no recording: run RECONCILE_UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
    assert result.stdout == recorded.read_text(encoding="utf-8"), (
        f"{verb} {REPOS[repo]} differs from {recorded.name}; if the change is meant, re-record "
        "(RECONCILE_UPDATE_GOLDEN=1) and review `git diff tests/golden`"
    )


@pytest.mark.parametrize("repo", sorted(REPOS))
def test_checked_in_two_processes_the_output_is_the_recorded_one(repo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--jobs 2` forks after reading (engines/forked.py); where fork is not available the check
    stays in one process, and the bytes are the same either way."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["check", REPOS[repo], "--format", "json", "--jobs", "2"])
    assert result.exit_code in (0, 1), result.output
    assert result.stdout == (GOLDEN / f"{repo}.check.json").read_text(encoding="utf-8")
