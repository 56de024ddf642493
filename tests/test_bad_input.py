"""Bad input: each problem named with file and line, exit code 2, the good files still checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import reconcile
from reconcile.cli import app
from reconcile.pipeline import exit_code

from .conftest import write
from .hostile.cases import GOOD  # the good file every bad-input repo keeps beside the bad one


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
    assert (
        warning.severity == "warning" and "'peroid'" in warning.message and "did you mean `period`?" in warning.message
    )
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


# --------------------------------------------------------------------------- issue 12 reproducers


def test_an_unexpected_error_is_one_line_exit_3_and_asks_for_a_report(tmp_path, monkeypatch, capsys):
    import sys

    from reconcile import cli, pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug\nover two lines")

    monkeypatch.setattr(pipeline, "check", broken)
    monkeypatch.setattr(sys, "argv", ["reconcile", "check", str(tmp_path)])
    monkeypatch.delenv("RECONCILE_TRACEBACK", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert "ZeroDivisionError: a bug over two lines" in err and "please report" in err


def test_the_guard_lets_a_developer_see_the_traceback(tmp_path, monkeypatch):
    import sys

    from reconcile import cli, pipeline

    monkeypatch.setattr(pipeline, "check", lambda *a, **k: 1 / 0)
    monkeypatch.setattr(sys, "argv", ["reconcile", "check", str(tmp_path)])
    monkeypatch.setenv("RECONCILE_TRACEBACK", "1")
    with pytest.raises(ZeroDivisionError):
        cli.main()


def test_usage_errors_and_findings_keep_their_codes_through_the_guard(tmp_path, monkeypatch):
    import sys

    from reconcile import cli

    write(tmp_path, "good.yaml", GOOD)
    for argv, code in ((["check", str(tmp_path)], 1), (["check", "--format", "yaml"], 2)):
        monkeypatch.setattr(sys, "argv", ["reconcile", *argv])
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
        assert exit_info.value.code == code


def test_report_exits_2_with_input_errors_and_still_writes_the_page(bad_repo, tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(bad_repo), "--out", str(out)])
    assert result.exit_code == 2
    assert "input problem" in result.output and "Traceback" not in result.output
    assert "broken.yaml" in out.read_text(encoding="utf-8")


def test_report_exits_0_on_a_clean_repo(tmp_path):
    write(tmp_path, "c.yaml", "source: {id: c}\nclaims:\n  - {id: a, entity: Peru, value: 34 million people}\n")
    result = CliRunner().invoke(app, ["report", str(tmp_path), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "content, says",
    [
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"version": ' + b"9" * 5000 + b', "entries": []}', "thousands of digits"),
        (b'{"version": 1, "entries": [{"rule": "x", "claims": ["a"], "gap": NaN}]}', "NaN"),
        (b'{"version": 1, "entries": [{"rule": "x", "claims": ["a"], "gap": -Infinity}]}', "Infinity"),
        (b"[]", "must be a JSON object"),
    ],
    ids=["not-utf8", "deep", "huge-integer", "nan", "infinity", "a-list"],
)
def test_a_broken_baseline_is_one_line_exit_2(tmp_path, content, says):
    write(tmp_path, "good.yaml", GOOD)
    baseline = tmp_path / "base.json"
    baseline.write_bytes(content)
    result = CliRunner().invoke(app, ["check", str(tmp_path / "good.yaml"), "--baseline", str(baseline)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert says in result.output and "base.json" in result.output


def test_a_fifo_as_baseline_is_refused_without_blocking(tmp_path):
    import os

    write(tmp_path, "good.yaml", GOOD)
    os.mkfifo(tmp_path / "base.json")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "good.yaml"), "--baseline", str(tmp_path / "base.json")])
    assert result.exit_code == 2 and "not a regular file" in result.output


def test_sarif_uris_are_percent_encoded(tmp_path):
    import json

    write(tmp_path, "100% sure #1 日本.yaml", GOOD)
    report = reconcile.check(tmp_path)
    from reconcile.present.render import render

    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in json.loads(render(report, "sarif"))["runs"][0]["results"]
        for loc in result.get("locations", [])
    }
    assert uris and all("%25%20sure%20%231%20%E6%97%A5%E6%9C%AC.yaml" in uri for uri in uris), uris


def test_relative_sarif_uri_keeps_slashes_and_encodes_the_rest():
    from reconcile.present.render.sarif import _artifact

    assert _artifact("claims/a b/c?.yaml") == {"uri": "claims/a%20b/c%3F.yaml", "uriBaseId": "%SRCROOT%"}


def test_bidi_overrides_and_terminal_controls_are_shown_not_obeyed(tmp_path):
    from reconcile.present.render import render

    write(
        tmp_path,
        "spoof.yaml",
        'source: {id: spoof}\nclaims:\n  - id: a\n    entity: "UK\\u202e"\n    value: 5.9 million cameras\n'
        '    quote: "\\u202egnp.exe 5.9 million \\e[2J"\n'
        '  - id: b\n    entity: "UK\\u202e"\n    value: over 7 million cameras\n',
    )
    report = reconcile.check(tmp_path)
    html = render(report, "html")
    text = render(report, "text")
    github = render(report, "github")
    for output in (html, text, github):
        assert "\u202e" not in output and "\x1b" not in output
        assert "⟨U+202E⟩" in output
    assert "⟨U+001B⟩" in html  # in the quote, highlighted
    assert "<mark>5.9 million</mark>" in html


def test_no_infinity_or_nan_in_json_even_for_a_rate_per_zero(tmp_path):
    import json

    from reconcile.present.render.json import _value

    assert _value((1.0, float("inf"), float("nan"))) == [1.0, None, None]
    write(tmp_path, "good.yaml", GOOD)
    from reconcile.present.render import render

    json.loads(render(reconcile.check(tmp_path), "json"), parse_constant=lambda name: pytest.fail(name))


def test_text_no_file_could_hold_is_refused_not_crashed_on():
    from reconcile.errors import LoadError
    from reconcile.load.yamlfile import read_yaml

    with pytest.raises(LoadError, match="surrogate"):
        read_yaml("source: \udaf0", "f.yaml")  # found by benchmarks/fuzz.py


def test_baseline_exits_2_with_input_errors_and_records_only_findings(bad_repo, tmp_path):
    import json

    out = tmp_path / "base.json"
    result = CliRunner().invoke(app, ["baseline", str(bad_repo), "--out", str(out)])
    assert result.exit_code == 2 and "input problems not recorded" in result.output
    entries = json.loads(out.read_text(encoding="utf-8"))["entries"]
    assert entries and {e["rule"] for e in entries}.isdisjoint({"load-error", "parse-error", "unknown-unit"})
    assert f"{len(entries)} findings recorded" in result.output


@pytest.mark.parametrize("command", ["estimates", "sources"])
def test_tables_for_people_show_controls_and_tables_for_programs_keep_them(tmp_path, command):
    write(
        tmp_path,
        "s\u202e.yaml",
        'source: {id: "s\\u202e"}\nclaims:\n  - {id: a, entity: "Fr\\u202eance", value: 5 cameras}\n'
        '  - {id: b, entity: "Fr\\u202eance", value: 5.1 cameras}\n',
    )
    text = CliRunner().invoke(app, [command, str(tmp_path)])
    assert text.exit_code == 0 and "\u202e" not in text.output and "⟨U+202E⟩" in text.output
    data = CliRunner().invoke(app, [command, str(tmp_path), "--format", "json"])
    assert "\u202e" in data.output  # data stays as it is: a program reads it


def test_a_plain_yaml_null_is_nothing_and_a_quoted_one_is_text(tmp_path):
    # `of: null` once made "null" the whole's entity; `entity: ~` is a missing entity, said so
    write(
        tmp_path,
        "a.yaml",
        "source:\n  id: a\nclaims:\n"
        "  - {id: share, entity: Germany, value: 24.5 percent of EU GDP, of: null, scope: ~}\n"
        "  - {id: gone, entity: ~, value: 5 million people}\n"
        '  - {id: named, entity: "null", value: 5 million people}\n',
    )
    report = reconcile.check(tmp_path)
    (share,) = [c for c in report.claims if c.id == "a/share"]
    assert share.of == "European Union" and share.scope is None  # no `of:`: the whole's words name it
    assert [c.entity for c in report.claims if c.id == "a/named"] == ["null"]
    problems = {f.location.line: f.message for f in report.findings if f.rule == "invalid-claim"}
    assert "claim has no `entity`" in problems[5]
