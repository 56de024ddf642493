"""The CLI through typer's runner: exit codes, formats, explain; one real end-to-end process run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reconcile.cli import app

from .conftest import CLAIMS, ROOT, write

runner = CliRunner()


def test_check_json_follows_the_spec_shape():
    result = runner.invoke(app, ["check", str(CLAIMS), "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert doc["version"] == 1
    assert set(doc) == {"version", "claims", "derived", "findings", "estimates", "sources", "summary"}
    london = next(c for c in doc["claims"] if c["id"] == "seed-004/london-rate")
    assert london["qualifier"] == "nearly"
    assert london["value"] == 74
    assert london["canonical_unit"] == "camera / person"
    assert (london["low"], london["high"]) == (0.073, 0.074)
    assert london["file"].endswith("seed-004.yaml") and london["line"] > 1
    rates = next(c for c in doc["claims"] if c["id"] == "seed-001/china-rate")
    assert abs(rates["value"] - 1 / 7) < 1e-12
    finding = next(
        f for f in doc["findings"] if f["rule"] == "arithmetic-inconsistency" and "seed-004/london-rate" in f["claims"]
    )
    assert finding["severity"] == "error" and round(finding["gap"], 3) == 0.058
    assert finding["culprit"] == "seed-004/london-rate"
    assert doc["summary"]["claims"] == len(doc["claims"])
    assert sum(doc["summary"]["findings"].values()) == len(doc["findings"])


def test_fail_on_controls_the_exit_code(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        "source: {id: a}\nclaims:\n"
        "  - {id: x, entity: Spain, value: 5.9 million cameras}\n"
        "  - {id: y, entity: Spain, value: 6.1 million cameras}\n",
    )  # gap 1.7 %: a warning
    assert runner.invoke(app, ["check", str(tmp_path)]).exit_code == 0
    assert runner.invoke(app, ["check", str(tmp_path), "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(app, ["check", str(tmp_path), "--fail-on", "never"]).exit_code == 0


def test_consistent_repo_exits_0_and_says_so(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        "source: {id: a}\nclaims:\n"
        "  - {id: x, entity: UK, value: about 67 million people}\n"
        "  - {id: y, entity: Britain, value: 67.3 million people}\n",
    )
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "all consistent" in result.output


def test_text_output_groups_by_entity_and_names_file_and_line():
    result = runner.invoke(app, ["check", str(CLAIMS), "--no-color"])
    assert result.exit_code == 1
    out = result.output
    assert "London" in out and "United States" in out
    assert "seed-004.yaml:" in out
    assert "errors" in out.splitlines()[-1]


def test_explain_shows_interval_derivation_and_findings():
    result = runner.invoke(app, ["explain", "seed-004/london-rate", str(CLAIMS)])
    assert result.exit_code == 0, result.output
    assert "nearly 74 cameras per 1,000 people" in result.output
    assert "627,707 cameras" in result.output  # the arithmetic it rests on
    assert "arithmetic-inconsistency" in result.output


def test_explain_unknown_claim_is_a_usage_error():
    result = runner.invoke(app, ["explain", "no-such/claim", str(CLAIMS)])
    assert result.exit_code == 2
    assert "no claim" in result.output


def test_bad_option_is_exit_2():
    assert runner.invoke(app, ["check", "--format", "yaml"]).exit_code == 2


def test_end_to_end_console_script_from_the_repo_root():
    proc = subprocess.run(
        [sys.executable, "-m", "reconcile.cli", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 1, proc.stderr
    assert "errors" in proc.stdout


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_the_console_script_ends_with_all_its_output_and_its_exit_code(fmt: str, tmp_path: Path) -> None:
    """`check` in the console script ends the process at once (cli._end_now), its output flushed
    first: the bytes and exit code of the same command run without that (`app` called alone,
    which returns into Python's exit), to a file and to a pipe."""
    argv = ["check", str(CLAIMS), str(ROOT / "examples" / "economy"), "--format", fmt]
    python = [sys.executable, "-c", "import sys; from reconcile.cli import app; sys.argv[0] = 'reconcile'; app()"]
    expected = subprocess.run([*python, *argv], capture_output=True, timeout=120)
    out = tmp_path / "out"
    with out.open("wb") as file:
        to_file = subprocess.run([sys.executable, "-m", "reconcile.cli", *argv], stdout=file, timeout=120)
    piped = subprocess.run([sys.executable, "-m", "reconcile.cli", *argv], capture_output=True, timeout=120)
    assert to_file.returncode == piped.returncode == expected.returncode == 1
    assert out.read_bytes() == piped.stdout == expected.stdout
    assert len(expected.stdout) > 10_000
