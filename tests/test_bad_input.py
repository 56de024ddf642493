"""Bad input: each problem named with file and line, exit code 2, the good files still checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import reconcile
from reconcile.cli import app
from reconcile.pipeline import exit_code

from .conftest import write

GOOD = """\
source:
  id: good
  title: A good article
claims:
  - id: uk-a
    entity: UK
    value: an estimated 5.9 million cameras
  - id: uk-b
    entity: Britain
    value: over 7 million cameras
"""


@pytest.fixture
def bad_repo(tmp_path: Path) -> Path:
    write(tmp_path, "good.yaml", GOOD)
    write(tmp_path, "broken.yaml", "source:\n  id: broken\nclaims:\n  - id: a\n    entity: [unclosed\n")
    write(
        tmp_path,
        "number.yaml",
        "source: {id: number}\nclaims:\n  - id: a\n    entity: France\n    value: many many cameras\n",
    )
    write(tmp_path, "unit.yaml", "source: {id: unit}\nclaims:\n  - id: a\n    entity: France\n    value: 7 flurbs\n")
    write(
        tmp_path,
        "dup.yaml",
        "source: {id: dup}\nclaims:\n  - id: a\n    entity: France\n"
        "    value: 5 million cameras\n  - id: a\n    entity: France\n"
        "    value: 6 million cameras\n",
    )
    write(
        tmp_path,
        "zero.yaml",
        "source: {id: zero}\nclaims:\n  - id: pop\n    entity: Narnia\n"
        "    value: 0 people\n  - id: cams\n    entity: Narnia\n    value: 10 cameras\n"
        "  - id: rate\n    entity: Narnia\n    value: 1 camera for every 5 people\n",
    )
    write(
        tmp_path,
        "tag.yaml",
        "source: !!python/object/apply:os.system ['touch " + str(tmp_path / "pwned") + "']\nclaims: []\n",
    )
    write(tmp_path, "list.yaml", "- just\n- a list\n")
    return tmp_path


def _problem(report, file_name: str):
    return [f for f in report.input_errors if f.location and Path(f.location.file).name == file_name]


def test_each_bad_file_is_named_with_its_line_and_the_good_file_still_checked(bad_repo):
    report = reconcile.check(bad_repo)
    expected = {
        "broken.yaml": ("load-error", 5),
        "number.yaml": ("parse-error", 5),
        "unit.yaml": ("unknown-unit", 5),
        "dup.yaml": ("duplicate-id", 6),
        "zero.yaml": ("invalid-value", 3),
        "tag.yaml": ("load-error", 1),
        "list.yaml": ("load-error", 1),
    }
    for name, (rule, line) in expected.items():
        found = _problem(report, name)
        assert found, f"{name} not reported"
        assert found[0].rule == rule, (name, found[0])
        assert found[0].location.line == line, (name, found[0])
    assert "flurbs" in _problem(report, "unit.yaml")[0].message
    assert not (bad_repo / "pwned").exists(), "a YAML tag was executed"
    uk = [f for f in report.findings if f.entity == "United Kingdom"]
    assert uk and uk[0].severity == "error"  # the good file's contradiction is still found
    assert exit_code(report) == 2


def test_cli_exit_2_no_traceback_and_messages_name_file_and_line(bad_repo):
    result = CliRunner().invoke(app, ["check", str(bad_repo)], env={"COLUMNS": "400"})
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "broken.yaml:5" in result.output
    assert "United Kingdom" in result.output


def test_files_are_never_rewritten(bad_repo):
    before = {p: p.read_bytes() for p in bad_repo.iterdir()}
    CliRunner().invoke(app, ["check", str(bad_repo), "--format", "json"])
    assert {p: p.read_bytes() for p in bad_repo.iterdir()} == before


def test_a_cycle_of_computed_from_is_reported(tmp_path):
    write(
        tmp_path,
        "c.yaml",
        "source: {id: c}\nclaims:\n"
        "  - id: a\n    entity: X\n    value: 10 cameras\n    computed_from: [b]\n"
        "  - id: b\n    entity: X\n    value: 10 cameras\n    computed_from: [a]\n",
    )
    report = reconcile.check(tmp_path)
    assert any("cycle" in f.message for f in report.input_errors)


def test_unknown_field_and_missing_path_are_reported(tmp_path):
    write(
        tmp_path,
        "f.yaml",
        "source: {id: f}\nclaims:\n  - id: a\n    entity: X\n    value: 10 cameras\n    peroid: 2020\n",
    )
    report = reconcile.check([tmp_path, tmp_path / "missing"])
    assert {f.rule for f in report.input_errors} == {"load-error"}
    # an unknown field is a warning at its own line (the check is complete), not an input error
    (warning,) = [f for f in report.findings if f.rule == "unknown-field"]
    assert warning.severity == "warning" and "'peroid'" in warning.message
    assert warning.location is not None and warning.location.line == 6


def test_an_oversized_file_is_refused_by_name_and_the_rest_checked(tmp_path, monkeypatch):
    from reconcile.load import claimfile

    monkeypatch.setattr(claimfile, "MAX_FILE_BYTES", 1024)  # stands in for a 50 MB file
    write(tmp_path, "huge.yaml", "source: {id: huge}\nclaims:\n" + "# padding\n" * 200)
    write(tmp_path, "good.yaml", GOOD)
    report = reconcile.check(tmp_path)
    found = _problem(report, "huge.yaml")
    assert found and found[0].rule == "load-error" and "MiB" in found[0].message
    assert any(f.entity == "United Kingdom" for f in report.findings)


def test_an_alias_bomb_is_not_expanded(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 12)
    ]
    write(tmp_path, "bomb.yaml", "\n".join(lines) + "\nsource: {id: bomb}\nclaims: []\n")
    report = reconcile.check(tmp_path)  # returns at once: shared nodes are built once
    assert report.claims == ()
