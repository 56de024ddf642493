"""Measures beyond units: GDP and debt are both dollars, road deaths and all deaths both deaths;
percentages by role; what is compared with nothing; the warnings about the input."""

from __future__ import annotations

import dataclasses

import pytest
from typer.testing import CliRunner

import reconcile
from reconcile.cli import app
from reconcile.load import claimfile
from reconcile.load.measures import MeasureNames
from reconcile.model import Measure, PercentRole
from reconcile.pipeline import exit_code
from reconcile.present.explain import explain
from reconcile.present.render import render

from .conftest import write


def _claims(entries: list[dict[str, str]]) -> str:
    lines = []
    for e in entries:
        lines.append(f"  - id: {e['id']}\n")
        lines.extend(f"    {k}: {v!r}\n" if k != "id" else "" for k, v in e.items())
    return "".join(lines)


def _repo(tmp_path, files: dict[str, list[dict[str, str]]], toml: str = ""):
    for source, entries in files.items():
        write(tmp_path, f"{source}.yaml", f"source:\n  id: {source}\nclaims:\n" + _claims(entries))
    if toml:
        write(tmp_path, "reconcile.toml", toml)
    return reconcile.check(tmp_path)


def _rules(report) -> list[str]:
    return sorted(f.rule for f in report.findings)


US_GDP = {"id": "gdp", "entity": "United States", "value": "25.4 trillion dollars", "measure": "GDP", "period": "2022"}
US_DEBT = {
    "id": "debt",
    "entity": "United States",
    "value": "31.4 trillion dollars",
    "measure": "federal debt",
    "period": "2022",
}
US_POP = {"id": "pop", "entity": "United States", "value": "333.3 million people", "period": "2022"}


def test_gdp_and_federal_debt_never_meet_but_two_gdps_do(tmp_path):
    report = _repo(tmp_path, {"a": [US_GDP, US_DEBT], "b": [{**US_GDP, "value": "23.3 trillion dollars"}]})
    (finding,) = report.findings
    assert finding.rule == "cross-source-contradiction"
    assert finding.measure == Measure("USD", what="GDP")
    assert "a/debt" not in finding.claims and "GDP (USD)" in finding.message


def test_road_deaths_and_all_cause_deaths_never_meet(tmp_path):
    report = _repo(
        tmp_path,
        {
            "nhtsa": [
                {"id": "road", "entity": "United States", "value": "42,514 deaths", "measure": "road deaths"},
            ],
            "cdc": [{"id": "all", "entity": "United States", "value": "3.28 million deaths"}],
        },
    )
    assert report.findings == ()
    measures = {c.id: c.measure for c in report.claims}
    assert measures["nhtsa/road"] == Measure("death", what="road deaths")
    assert measures["cdc/all"] == Measure("death")


def test_a_measure_that_is_the_unit_itself_is_the_unit(tmp_path):
    # "population" is a spelling of people; "Deaths" of death: counted nouns measure themselves
    report = _repo(
        tmp_path,
        {
            "a": [
                {**US_POP, "measure": "population"},
                {"id": "d", "entity": "X", "value": "5 deaths", "measure": "Deaths"},
            ],
            "b": [{**US_POP, "value": "310.5 million people"}],
        },
    )
    assert [c.what for c in report.claims] == [None, None, None]
    assert [f.rule for f in report.findings] == ["cross-source-contradiction"]


def test_money_with_no_measure_is_compared_with_nothing_and_explain_says_so(tmp_path):
    bare = {"id": "gdp", "entity": "United States", "value": "25.4 trillion dollars", "period": "2022"}
    report = _repo(tmp_path, {"a": [bare], "b": [{**bare, "value": "31.4 trillion dollars"}]})
    assert report.findings == ()
    assert all(c.alone and "money with no measure" in c.alone for c in report.claims)
    text = explain(report, "a/gdp")
    assert "compared with nothing: an amount of money with no measure" in text


def test_a_bare_percentage_with_no_measure_is_compared_with_nothing(tmp_path):
    pct = {"id": "u", "entity": "Spain", "value": "12.1 percent", "period": "2023"}
    report = _repo(tmp_path, {"a": [pct], "b": [{**pct, "value": "9 percent"}]})
    assert report.findings == ()
    named = _repo(
        tmp_path / "named",
        {
            "a": [{**pct, "measure": "unemployment rate"}],
            "b": [{**pct, "value": "9 percent", "measure": "Unemployment rate"}],
        },
    )
    (finding,) = named.findings  # a named percentage of unknown role is compared with its own measure
    assert finding.rule == "cross-source-contradiction" and named.derived == ()


def test_gdp_per_capita_is_gdp_divided_by_people_through_an_alias(tmp_path):
    per_capita = {
        "id": "pc",
        "entity": "United States",
        "value": "96,000 dollars per person",
        "measure": "GDP per capita",
        "period": "2022",
    }
    report = _repo(tmp_path, {"a": [US_GDP, US_DEBT, US_POP], "b": [per_capita]})
    (derived,) = report.derived
    assert derived.measure == Measure("USD / person", what="GDP per person")
    assert set(derived.claims) == {"a/gdp", "a/pop"}  # never debt ÷ people
    (finding,) = report.findings  # 25.4 T ÷ 333.3 M = 76,200, not 96,000
    assert finding.rule == "derived-contradiction" and finding.severity == "error"
    right = _repo(
        tmp_path / "right",
        {"a": [US_GDP, US_DEBT, US_POP], "b": [{**per_capita, "value": "76,000 dollars per person"}]},
    )
    assert right.findings == ()
    aliased = _repo(
        tmp_path / "aliased",
        {"a": [US_GDP, US_POP], "b": [{**per_capita, "measure": "income per head"}]},
        toml='[measures]\n"Income per head" = "GDP per capita"\n',
    )
    assert [f.rule for f in aliased.findings] == ["derived-contradiction"]


def test_measure_names_match_case_insensitively_and_per_capita_reads_per_person():
    names = MeasureNames({"GDP per head": "GDP per capita", "output": "gdp"})
    assert names.canonical("gdp  per capita") == "GDP per person"
    assert names.canonical("Output") == "gdp"
    assert names.canonical("GDP") == "gdp"  # the alias target's spelling is the one shown
    assert names.canonical("road deaths") == names.canonical("Road Deaths") == "road deaths"


def test_a_percentage_never_divides_a_density_or_a_rate(tmp_path):
    # the bug: "480 people per km² ÷ grew 7 percent" and "road deaths per person ÷ a 9 percent rise"
    report = _repo(
        tmp_path,
        {
            "a": [
                {"id": "density", "entity": "India", "value": "480 people per square kilometer"},
                {"id": "growth", "entity": "India", "value": "7 percent", "measure": "GDP", "role": "change"},
                {
                    "id": "rate",
                    "entity": "India",
                    "value": "11.8 deaths per 100,000 people",
                    "measure": "road deaths per person",
                },
                {"id": "rise", "entity": "India", "value": "9 percent", "measure": "road deaths", "role": "change"},
                {"id": "pop", "entity": "India", "value": "1.42 billion people"},
                {"id": "deaths", "entity": "India", "value": "168,000 deaths", "measure": "road deaths"},
            ]
        },
    )
    leaves = {leaf for d in report.derived for leaf in d.claims}
    assert not leaves & {"a/growth", "a/rise"}
    (derived,) = report.derived  # road deaths ÷ people = road deaths per person, and nothing else
    assert derived.measure.what == "road deaths per person" and set(derived.claims) == {"a/deaths", "a/pop"}
    assert report.findings == ()  # 168,000 ÷ 1.42 B = 11.8 per 100,000


def test_a_share_of_a_named_measure_is_checked_against_its_totals(tmp_path):
    files = {
        "eurostat": [
            {"id": "de", "entity": "Germany", "value": "3.87 trillion euros", "measure": "GDP", "period": "2022"},
            {
                "id": "eu",
                "entity": "European Union",
                "value": "15.8 trillion euros",
                "measure": "GDP",
                "period": "2022",
            },
        ],
        "paper": [
            {
                "id": "share",
                "entity": "Germany",
                "value": "30 percent",
                "role": "share",
                "of": "European Union",
                "measure": "GDP",
                "period": "2022",
            }
        ],
    }
    report = _repo(tmp_path, files)
    (finding,) = report.findings  # 3.87 ÷ 15.8 = 24.5 %, not 30 %
    assert finding.rule == "derived-contradiction" and finding.measure == Measure(
        "dimensionless", "GDP", "European Union", "GDP"
    )
    files["paper"][0]["value"] = "24.5 percent"
    assert _repo(tmp_path / "ok", files).findings == ()


GDP_2022 = {
    "id": "gdp22",
    "entity": "United States",
    "value": "25.46 trillion dollars",
    "measure": "GDP",
    "period": "2022",
}
GDP_2023 = {
    "id": "gdp23",
    "entity": "United States",
    "value": "27.36 trillion dollars",
    "measure": "GDP",
    "period": "2023",
}


def test_a_stated_change_is_checked_against_the_two_periods(tmp_path):
    growth = {
        "id": "growth",
        "entity": "United States",
        "value": "3.4 percent",
        "measure": "GDP",
        "role": "change",
        "period": "2023",
    }
    report = _repo(tmp_path, {"bea": [GDP_2022, GDP_2023], "news": [growth]})
    by_rule = {f.rule: f for f in report.findings}
    assert set(by_rule) == {"change-inconsistency", "period-change"}
    change = by_rule["change-inconsistency"]
    assert change.severity == "error" and change.subjects[0] == "news/growth"
    assert "+7.5%" in change.message  # 27.36 ÷ 25.46 − 1
    assert by_rule["period-change"].severity == "info"  # growth across years alone is information
    right = _repo(tmp_path / "right", {"bea": [GDP_2022, GDP_2023], "news": [{**growth, "value": "7.5 percent"}]})
    assert [f.rule for f in right.findings] == ["period-change"]
    # a change over a range of years runs from its first year to its last
    span = _repo(tmp_path / "span", {"bea": [GDP_2022, GDP_2023], "news": [{**growth, "period": "2022-2023"}]})
    assert "change-inconsistency" in _rules(span)
    # with one period unknown there is nothing to check it against
    alone = _repo(tmp_path / "alone", {"bea": [GDP_2023], "news": [growth]})
    assert alone.findings == ()


def test_value_strings_with_measure_words_and_roles(tmp_path, monkeypatch):
    """The value reader fills measure_words, percent_role and whole_words; the loader uses them."""
    real = claimfile.parse_value
    said = {
        "42,514 road deaths": {"measure_words": "road deaths"},
        "grew 3.4 percent": {"percent_role": PercentRole.CHANGE, "measure_words": "GDP"},
        "30 percent of EU GDP": {"percent_role": PercentRole.SHARE, "whole_words": "EU GDP"},
    }
    plain = {
        "42,514 road deaths": "42,514 deaths",
        "grew 3.4 percent": "3.4 percent",
        "30 percent of EU GDP": "30 percent",
    }

    def reader(text, **kw):
        if text in said:
            return dataclasses.replace(real(plain[text], **kw), text=text, **said[text])
        return real(text, **kw)

    monkeypatch.setattr(claimfile, "parse_value", reader)
    report = _repo(
        tmp_path,
        {
            "a": [
                {"id": "road", "entity": "United States", "value": "42,514 road deaths"},
                {"id": "all", "entity": "United States", "value": "3.28 million deaths"},
                {"id": "g", "entity": "United States", "value": "grew 3.4 percent", "period": "2023"},
                {"id": "s", "entity": "Germany", "value": "30 percent of EU GDP", "of": "EU"},
            ]
        },
        toml='[aliases]\n"EU" = "European Union"\n',
    )
    m = {c.id.split("/")[1]: c.measure for c in report.claims}
    assert m["road"] == Measure("death", what="road deaths") and m["all"] == Measure("death")
    assert m["g"] == Measure("dimensionless", what="GDP", change=True)
    assert m["s"] == Measure("dimensionless", "GDP", "European Union", "GDP")


def test_explain_reads_the_repos_nouns(tmp_path):
    report = _repo(
        tmp_path,
        {"who": [{"id": "beds", "entity": "Japan", "value": "12.6 beds per 1,000 people"}]},
        toml='[nouns]\nhospital_bed = ["beds", "hospital beds"]\n',
    )
    means = explain(report, "who/beds").split("means", 1)[1].split("\n")[0]
    assert "= [12.55, 12.65] hospital_bed per 1,000 person" in means  # the reading as written, per 1,000


def test_a_derived_point_lies_inside_its_interval(seed_report):
    # Chongqing: the median of the cameras lay outside their common part ("0.166 = [0.168, 0.170]")
    assert seed_report.derived
    for d in seed_report.derived:
        assert d.interval.low <= d.point <= d.interval.high, d.id
    chongqing = next(d for d in seed_report.derived if d.entity == "Chongqing")
    assert "= 0.168 camera/person" in chongqing.explanation


def test_the_report_names_derived_values_for_people(seed_report):
    html = render(seed_report, "html")
    assert "d:China:" not in html and "implied camera/person · China" in html


def test_warnings_for_unknown_fields_and_misspelt_entities_keep_a_clean_exit(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        "source:\n  id: a\nclaims:\n  - id: p\n    entity: Frnace\n    value: 68 million people\n"
        "    sorce_note: x\n  - id: q\n    entity: Place 2\n    value: 5 people\n  - id: r\n    entity: Chad\n"
        "    value: 18 million people\n",
    )
    report = reconcile.check(tmp_path)
    found = {f.rule: f for f in report.findings}
    assert set(found) == {"unknown-field", "entity-spelling"}
    assert all(f.severity == "warning" for f in report.findings)
    assert "did you mean France?" in found["entity-spelling"].message
    assert str(found["entity-spelling"].location) == f"{tmp_path / 'a.yaml'}:4"
    assert str(found["unknown-field"].location) == f"{tmp_path / 'a.yaml'}:7"
    assert exit_code(report, "error") == 0 and exit_code(report, "warning") == 1
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--fail-on", "error"])
    assert result.exit_code == 0, result.output


def test_an_unknown_csv_column_is_reported_once(tmp_path):
    write(tmp_path, "t.csv", "id,entity,value,colour\na,X,5 people,red\nb,Y,6 people,blue\n")
    report = reconcile.check(tmp_path)
    (finding,) = report.findings
    assert finding.rule == "unknown-field" and finding.location is not None and finding.location.line == 1


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [("role", "growth", "not one of"), ("role", "change", "is for a percentage")],
)
def test_a_bad_role_is_an_input_error(tmp_path, field, value, expected):
    report = _repo(tmp_path, {"a": [{"id": "x", "entity": "X", "value": "5 people", field: value}]})
    (problem,) = report.input_errors
    assert expected in problem.message
