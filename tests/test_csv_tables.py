"""CSV tables of claims read with the csv module: lines as in the file, malformed rows named."""

from __future__ import annotations

import reconcile

from .conftest import write


def test_lines_count_blank_lines_and_quoted_newlines(tmp_path):
    write(
        tmp_path,
        "census.csv",
        'id,entity,value,quote\n\npop-fr,France,"68,373,433 people","a quote\nover two lines"\n'
        "pop-de,Germany,84.5 million people,\n",
    )
    report = reconcile.check(tmp_path)
    assert report.input_errors == []
    lines = {c.id: c.location.line for c in report.claims}
    assert lines == {"census/pop-fr": 3, "census/pop-de": 5}


def test_a_row_with_too_many_fields_is_an_error_with_its_line(tmp_path):
    write(tmp_path, "table.csv", "id,entity,value\na,France,68 million people\nb,Spain,48 million people,extra\n")
    (problem,) = reconcile.check(tmp_path).input_errors
    assert problem.location.line == 3 and "4 fields in a row under a header of 3" in problem.message


def test_a_repeated_column_and_an_empty_table_are_errors(tmp_path):
    write(tmp_path, "twice.csv", "id,entity,value,value\na,France,68 million people,69 million people\n")
    write(tmp_path, "empty.csv", "\n\n")
    messages = sorted(f.message for f in reconcile.check(tmp_path).input_errors)
    assert any("'value' appears twice" in m for m in messages)
    assert any("no header row" in m for m in messages)


def test_missing_trailing_fields_read_as_empty_and_a_bom_is_ignored(tmp_path):
    (tmp_path / "bom.csv").write_bytes("\ufeffid,entity,value,period\npop,France,68 million people\n".encode())
    report = reconcile.check(tmp_path)
    assert report.input_errors == []
    (claim,) = report.claims
    assert claim.id == "bom/pop" and claim.period is None
