"""Measures beyond units: GDP and debt are both dollars, road deaths and all deaths both deaths;
percentages by role; what is compared with nothing; the warnings about the input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import reconcile
from reconcile.cli import app
from reconcile.errors import INPUT_RULES
from reconcile.load.measures import MeasureNames
from reconcile.model import Measure
from reconcile.pipeline import exit_code
from reconcile.present.explain import explain
from reconcile.present.render import render

from .conftest import write


def _claims(entries: list[dict[str, object]]) -> str:
    lines = []
    for e in entries:
        lines.append(f"  - id: {e['id']}\n")
        lines.extend(f"    {k}: {json.dumps(v)}\n" if k != "id" else "" for k, v in e.items())
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


def test_solar_and_wind_capacity_in_gigawatts_never_meet_unless_named(tmp_path):
    """Both are gigawatts of Germany in 2023; only a measure name says they are the same thing."""
    solar = {"id": "cap", "entity": "Germany", "value": "82.2 GW", "period": "2023"}
    report = _repo(tmp_path, {"a": [solar], "b": [{**solar, "value": "61 GW"}]})
    assert report.findings == ()
    named = _repo(
        tmp_path / "named",
        {
            "a": [{**solar, "measure": "installed solar capacity"}],
            "b": [{**solar, "value": "61 GW", "measure": "installed solar capacity"}],
        },
    )
    assert _rules(named) == ["cross-source-contradiction"]
    pixels = _repo(tmp_path / "pixels", {"a": [{"id": "p", "entity": "Germany", "value": "500 million pixels"}]})
    assert pixels.claims[0].alone is None  # pint's pixel is a count of dots, not a physical amount
    area = {"id": "area", "entity": "Germany", "value": "357,588 km²"}  # a place's area is its area
    assert _rules(_repo(tmp_path / "area", {"a": [area], "b": [{**area, "value": "300,000 km²"}]})) == [
        "cross-source-contradiction"
    ]


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
                {"id": "growth", "entity": "India", "value": "grew 7 percent", "measure": "GDP"},
                {
                    "id": "rate",
                    "entity": "India",
                    "value": "11.8 deaths per 100,000 people",
                    "measure": "road deaths per person",
                },
                {"id": "rise", "entity": "India", "value": "a 9 percent rise"},
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


@pytest.mark.parametrize(
    ("measure", "earlier", "later", "said", "error"),
    [
        ("population", "83.2 million people", "84.4 million people", "grew 1.4 percent", False),  # +1.44 %
        ("population", "83.2 million people", "84.4 million people", "grew 4 percent", True),
        ("Road deaths", "2,788 road deaths", "2,562 road deaths", "fell 8.1 percent", False),  # −8.11 %
        ("road deaths", "2,788 road deaths", "2,562 road deaths", "fell 12 percent", True),
    ],
)
def test_a_change_named_by_its_counted_noun_is_checked_against_the_counts(
    tmp_path, measure, earlier, later, said, error
):
    """ "Population grew 4 percent" is about the people counted in both years, not a measure of its own."""
    base = {"entity": "Germany"}
    stats = [
        {**base, "id": "a", "value": earlier, "period": "2022"},
        {**base, "id": "b", "value": later, "period": "2023"},
    ]
    change = {**base, "id": "c", "value": said, "measure": measure, "period": "2023"}
    report = _repo(tmp_path, {"destatis": stats, "news": [change]})
    flagged = [f for f in report.findings if f.rule == "change-inconsistency"]
    assert bool(flagged) == error
    if error:
        assert flagged[0].culprit == "news/c"


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
    assert change.severity == "error" and change.subjects[0] == "news/growth" and change.culprit == "news/growth"
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


@pytest.mark.parametrize(
    ("value", "extra", "measure"),
    [
        ("42,514 road deaths", {}, Measure("death", what="road deaths")),
        ("3.28 million deaths", {}, Measure("death")),
        ("12.9 road deaths per 100,000 people", {}, Measure("death / person", what="road deaths per person")),
        ("$25.4 trillion GDP", {}, Measure("USD", what="GDP")),
        ("$31.4 trillion federal debt", {}, Measure("USD", what="federal debt")),
        ("US$ 76,000 per person", {"measure": "GDP per capita"}, Measure("USD / person", what="GDP per person")),
        ("$2,900 per head", {"measure": "GDP"}, Measure("USD / person", what="GDP per person")),
        ("€3.87 trillion", {"measure": "GDP"}, Measure("EUR", what="GDP")),
        ("grew 3.4 percent", {"measure": "GDP"}, Measure("dimensionless", what="GDP", change=True)),
        ("a 9 percent rise", {"measure": "road deaths"}, Measure("dimensionless", what="road deaths", change=True)),
        ("an unemployment rate of 3.6 percent", {}, Measure("dimensionless", what="unemployment rate")),
        ("25 percent of EU GDP", {"of": "EU"}, Measure("dimensionless", "GDP", "European Union", "GDP")),
        (
            "8 percent of the EU's road deaths",
            {"of": "EU"},
            Measure("dimensionless", "death", "European Union", "road deaths"),
        ),
        ("54 percent of cameras", {"of": "World"}, Measure("dimensionless", "camera", "World")),
    ],
)
def test_value_strings_name_their_measure(tmp_path, value, extra, measure):
    report = _repo(
        tmp_path,
        {"a": [{"id": "x", "entity": "Germany", "value": value, **extra}]},
        toml='[aliases]\n"EU" = "European Union"\n',
    )
    (claim,) = report.claims
    assert claim.measure == measure and claim.alone is None


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("$25.4 trillion", "money with no measure"),
        ("US$ 76,000 per person", "money with no measure"),
        ("grew 3.4 percent", "a change with no measure"),
        ("7 percent", "a percentage with no measure"),
        ("82.2 GW", "physical amount with no measure"),
        ("514 terawatt-hours", "physical amount with no measure"),
        ("673 million tonnes", "physical amount with no measure"),
        ("10.5 tonnes per person", "physical amount with no measure"),
        ("13,000 km", "physical amount with no measure"),
    ],
)
def test_value_strings_that_say_too_little_are_compared_with_nothing(tmp_path, value, why):
    report = _repo(tmp_path, {"a": [{"id": "x", "entity": "Germany", "value": value}]})
    (claim,) = report.claims
    assert claim.alone is not None and why in claim.alone


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
    # the weighted median of "over 2.5 million" and "2.58 million" is 2.58 M: 2.58 M ÷ 15.3 M = 0.169
    assert "= 0.169 camera/person" in chongqing.explanation


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


def test_a_share_names_its_whole_entity_in_its_words(tmp_path):
    files = {
        "eurostat": [
            {"id": "de", "entity": "Germany", "value": "€3.87 trillion GDP", "period": "2022"},
            {"id": "eu", "entity": "European Union", "value": "€15.8 trillion GDP", "period": "2022"},
        ],
        "paper": [
            {"id": "share", "entity": "Germany", "value": "30.5 percent of EU GDP", "period": "2022"},
            {"id": "it", "entity": "Germany", "value": "25 percent of IT spending", "period": "2022"},
        ],
    }
    report = _repo(tmp_path, files, toml='[aliases]\n"EU" = "European Union"\n')
    share = report.claim("paper/share")
    assert share is not None and share.of == "European Union"
    assert [f.rule for f in report.findings if f.rule not in INPUT_RULES] == ["derived-contradiction"]
    # "IT" is not Italy: a short name counts only as an alias, so this share needs `of:`
    (problem,) = report.input_errors
    assert "paper.yaml" in str(problem.location) and "of:" in problem.message


def test_measure_aliases_must_be_names(tmp_path):
    report = _repo(tmp_path, {"a": [US_GDP]}, toml="[measures]\nGDP = 3\n")
    (problem,) = report.input_errors
    assert problem.rule == "config-error" and "[measures]" in problem.message


def test_a_csv_table_names_its_measure_in_a_column(tmp_path):
    write(
        tmp_path,
        "nhtsa.csv",
        "id,entity,value,measure,period\nroad,United States,42939 deaths,road deaths,2021\n"
        "all,United States,3464231 deaths,,2021\n",
    )
    write(
        tmp_path,
        "cdc.yaml",
        "source: {id: cdc}\nclaims:\n  - {id: all, entity: US, value: 3.46 million deaths, period: 2021}\n",
    )
    report = reconcile.check(tmp_path)
    assert report.findings == ()
    assert report.claim("nhtsa/road").measure == Measure("death", what="road deaths")


def test_a_measure_name_that_restates_its_unit_changes_nothing(tmp_path):
    rate = {"id": "r", "entity": "London", "value": "13.35 cameras per 1,000 people"}
    report = _repo(
        tmp_path,
        {
            "a": [
                {**rate, "measure": "cameras per capita"},
                {"id": "d", "entity": "London", "value": "400 people per km²", "measure": "population density"},
            ],
            "b": [{**rate, "value": "74 cameras per 1,000 people"}],
            "ref": [
                {"id": "p", "entity": "London", "value": "8.8 million people"},
                {"id": "area", "entity": "London", "value": "1,572 km²"},
            ],
        },
        toml='[measures]\n"population density" = "people per square kilometre"\n',
    )
    assert [c.what for c in report.claims if c.id in ("a/r", "a/d")] == [None, None]
    assert "cross-source-contradiction" in _rules(report)  # the named rate meets the unnamed one
    density = [d for d in report.derived if d.measure.unit == "person / kilometer ** 2"]
    assert density and set(density[0].claims) == {"ref/p", "ref/area"}  # 8.8 M ÷ 1,572 km² = 5,598
    assert any(f.rule == "derived-contradiction" and "a/d" in f.claims for f in report.findings)


def test_a_sources_own_arithmetic_reads_a_change_as_a_factor(tmp_path):
    gdp22 = {"id": "gdp22", "entity": "United States", "value": "$25.46 trillion GDP", "period": "2022"}
    growth = {
        "id": "growth",
        "entity": "United States",
        "value": "grew 7.5 percent",
        "measure": "GDP",
        "period": "2023",
    }
    gdp23 = {
        "id": "gdp23",
        "entity": "United States",
        "value": "$27.36 trillion GDP",
        "period": "2023",
        "computed_from": ["gdp22", "growth"],
    }
    ok = _repo(tmp_path, {"a": [gdp22, growth, gdp23]})
    assert "arithmetic-inconsistency" not in _rules(ok)  # 25.46 × 1.075 = 27.37, not 25.46 × 0.075
    wrong = _repo(tmp_path / "wrong", {"a": [gdp22, {**growth, "value": "grew 3.4 percent"}, gdp23]})
    (finding,) = [f for f in wrong.findings if f.rule == "arithmetic-inconsistency"]
    assert "× (1 + grew 3.4 percent (a/growth))" in finding.message
    # a change computed from two years' figures is later ÷ earlier − 1
    stated = {**growth, "value": "grew 3.4 percent", "computed_from": ["gdp23", "gdp22"]}
    result = _repo(
        tmp_path / "result", {"a": [gdp22, {k: v for k, v in gdp23.items() if k != "computed_from"}, stated]}
    )
    (finding,) = [f for f in result.findings if f.rule == "arithmetic-inconsistency"]
    assert finding.culprit == "a/growth" and ") − 1 = " in finding.message


@pytest.mark.parametrize(
    ("stated", "alarm"), [("28 percent", False), ("27 percent", False), ("26 percent", True), ("29 percent", True)]
)
def test_a_stated_change_exactly_on_a_rounding_boundary_agrees_with_its_levels(tmp_path, stated, alarm):
    """12.0 to 15.3 is +27.5 % exactly, which rounds to 28 %; in binary floats 15.3 ÷ 12.0 − 1 is
    0.27499999999999991, a hair below the 27.5 % that "28 percent" starts at (a false warning once);
    27 % is 27.5 % truncated, as a source may write it."""
    spend21 = {
        "id": "s21",
        "entity": "Kenya",
        "value": "KSh 12.0 billion",
        "measure": "health spending",
        "period": "2021",
    }
    spend22 = {**spend21, "id": "s22", "value": "KSh 15.3 billion", "period": "2022"}
    change = {
        "id": "rise",
        "entity": "Kenya",
        "value": stated,
        "measure": "health spending",
        "role": "change",
        "period": "2021-2022",
        "computed_from": ["s21", "s22"],
    }
    report = _repo(tmp_path, {"kenya": [spend21, spend22, change]})
    assert ("arithmetic-inconsistency" in _rules(report)) is alarm


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("Frnace", "France"), ("Germny", "Germany"), ("Chian", "China"), ("Chiba", None), ("Columbia", None)],
)
def test_a_misspelt_entity_is_suggested_but_a_real_place_is_not(name, suggestion):
    # Chiba and Columbia are one letter from China and Colombia, and real places (the gazetteer)
    from reconcile.load.entities import EntityResolver

    assert EntityResolver().suggestion(name) == suggestion


@pytest.mark.parametrize("period", ["2023-Q3", "2023-07", "FY2023", "FY2022-23"])
def test_a_change_over_a_quarter_month_or_fiscal_year_is_not_checked_against_calendar_years(tmp_path, period):
    growth = {
        "id": "growth",
        "entity": "United States",
        "value": "grew 0.8 percent",
        "measure": "GDP",
        "period": period,
    }
    report = _repo(tmp_path, {"bea": [GDP_2022, GDP_2023], "news": [growth]})
    assert "change-inconsistency" not in _rules(report)


def test_explain_never_calls_a_number_at_an_open_end_its_point(seed_report):
    # "nearly 74 per 1,000" is [73, 74): 74 is the number as written, not a point of the interval
    means = explain(seed_report, "seed-004/london-rate").split("means", 1)[1].split("\n")[0]
    assert "74.0)" in means and "(as written 0.0740)" in means
    inside = explain(seed_report, "seed-004/london-cameras").split("means", 1)[1].split("\n")[0]
    assert "(point " in inside


def test_a_measure_name_is_a_few_words_not_a_sentence(tmp_path):
    report = _repo(tmp_path, {"a": [{"id": "x", "entity": "X", "value": "5 people", "measure": "GDP " * 60}]})
    (problem,) = report.input_errors
    assert problem.rule == "invalid-claim" and "240 characters" in problem.message
    assert problem.location is not None and problem.location.line == 4


def test_a_share_whose_whole_names_the_of_entity_another_way_meets_its_totals(tmp_path):
    """`of: United States` with "26 percent of US electricity generation": the whole's "US" is the
    of-entity, so the share is of electricity generation (it was "US electricity generation", and
    511 ÷ 4,178 TWh = 12.2 % was never compared with the 26 %)."""
    (tmp_path / "a.yaml").write_text(
        "source:\n  id: a\nclaims:\n"
        "  - {id: tx, entity: Texas, value: 511 TWh, measure: electricity generation, period: 2023}\n"
        "  - {id: us, entity: United States, value: 4178 TWh, measure: electricity generation, period: 2023}\n"
        "  - id: share\n    entity: Texas\n    value: 26 percent of US electricity generation\n"
        "    of: United States\n    period: 2023\n"
        "  - id: ok\n    entity: Texas\n    value: 12.2 percent of the US's electricity generation\n"
        "    of: United States\n    period: 2023\n",
        encoding="utf-8",
    )
    report = reconcile.check(tmp_path)
    assert report.claim("a/share").what == report.claim("a/ok").what == "electricity generation"
    raised = [f for f in report.findings if f.severity in ("error", "warning")]
    assert [(f.rule, f.culprit) for f in raised] == [("derived-contradiction", "a/share")]


def test_an_undated_figure_meets_a_year_but_not_a_days_snapshot(tmp_path):
    """Corpus 005/007: "804,474 deaths" with no date against "4,250 deaths" as of 11 March 2020 is
    two different days of a running tally, not a dispute; an undated population against a census
    year is still compared (the seeds' China population against its 2020 census)."""
    report = _repo(
        tmp_path,
        {
            "tally": [{"id": "deaths", "entity": "World", "value": "4,250 deaths", "period": "2020-03-11"}],
            "census": [{"id": "pop", "entity": "Peru", "value": "29,381,884 people", "period": "2017"}],
            "article": [
                {"id": "deaths", "entity": "World", "value": "804,474 deaths"},
                {"id": "pop", "entity": "Peru", "value": "34.2 million people"},
            ],
        },
    )
    alarms = [f for f in report.findings if f.severity in ("error", "warning")]
    assert [(f.entity, sorted(f.claims)) for f in alarms] == [("Peru", ["article/pop", "census/pop"])]
    # undated figures that join no dated group are still compared with one another
    tally = {"id": "deaths", "entity": "World", "value": "4,250 deaths", "period": "2020-03-11"}
    undated = [
        {"id": "deaths", "entity": "World", "value": "804,474 deaths"},
        {"id": "deaths2", "entity": "World", "value": "crosses 180,000 deaths"},
    ]
    report = _repo(tmp_path / "both", {"tally": [tally], "article": undated})
    alarms = [f for f in report.findings if f.severity in ("error", "warning")]
    assert [sorted(f.claims) for f in alarms] == [["article/deaths", "article/deaths2"]]


def test_an_undated_figure_of_a_quantity_known_for_several_years_is_compared_with_none(tmp_path):
    """Canada's deficit: C$55.6 billion in 2009 and C$19 billion in 2017 (two articles); a third says
    "a deficit of C$25.7 billion" with no year. It may be of any year (it was 2023's): an error
    against 2009 and another against 2017 would be two false alarms. Known for one year only, the
    undated figure is still compared with it (SPEC "Findings")."""
    deficit = {"entity": "Canada", "measure": "deficit"}
    y2009 = {**deficit, "id": "d", "value": "C$55.6 billion", "period": "2009"}
    y2017 = {**deficit, "id": "d", "value": "C$19 billion", "period": "2017"}
    undated = {**deficit, "id": "d", "value": "C$25.7 billion"}
    report = _repo(tmp_path, {"reuters": [y2009], "marketwatch": [y2017], "lexi": [undated]})
    assert [f.rule for f in report.findings] == ["period-change"]  # 2009 → 2017, info
    one_year = _repo(tmp_path / "one", {"marketwatch": [y2017], "lexi": [undated]})
    (finding,) = one_year.findings
    assert finding.severity == "error" and sorted(finding.claims) == ["lexi/d", "marketwatch/d"]


def test_a_bound_is_no_estimate_in_a_value_spread(tmp_path):
    """Corpus 021 with 009: "each with at least 100 million people" read as China's population
    gives GDP ÷ [100 M, ∞) = (0, 193,740] dollars per person, which holds the stated 13,720: it
    agrees, and its point (the bound's end) is no estimate to measure a spread from. Two
    estimates that spread do still warn."""
    gdp = {"id": "gdp", "entity": "China", "value": "19,374 billion dollars", "measure": "GDP", "period": "2023"}
    per_person = {
        "id": "pc", "entity": "China", "value": "13,720 dollars per person", "measure": "GDP", "period": "2023",
    }  # fmt: skip
    bound = {"id": "pop", "entity": "China", "value": "at least 100 million people", "period": "2023"}
    report = _repo(tmp_path / "bound", {"forbes": [gdp, per_person], "usatoday": [bound]})
    assert [f.rule for f in report.findings if f.severity in ("error", "warning")] == []
    # about 13,720 per person and about 1.3 billion people (14,903 per person): they overlap, but
    # their points lie 8.6 % apart: both are estimates, and that still warns
    about_pc = {**per_person, "value": "about 13,720 dollars per person"}
    about_pop = {**bound, "value": "about 1.3 billion people"}
    report = _repo(tmp_path / "estimates", {"forbes": [gdp, about_pc], "usatoday": [about_pop]})
    assert [f.rule for f in report.findings if f.severity in ("error", "warning")] == ["value-spread"]


def test_percentages_that_disagree_say_by_how_many_points(tmp_path):
    """67.11 % against 67.4 %: people read the distance in percentage points, not a relative gap."""
    turnout = {"id": "t", "entity": "India", "measure": "turnout", "period": "2019"}
    report = _repo(
        tmp_path, {"eci": [{**turnout, "value": "67.4 percent"}], "paper": [{**turnout, "value": "62.1 percent"}]}
    )
    (finding,) = report.findings
    assert "gap 5.20 percentage points, a relative 8.4%" in finding.message  # 67.35 − 62.15 = 5.2
    people = _repo(tmp_path / "people", {"a": [US_POP], "b": [{**US_POP, "value": "310.5 million people"}]})
    assert "percentage points" not in people.findings[0].message


def test_an_undated_rate_is_not_derived_from_the_operands_of_several_years(tmp_path):
    """India's GDP and population for 2014 and 2019 give two GDPs per person ($1,581 and $2,058); an
    undated "$2,500 per person" could mean either, so it is compared with neither and they never clash."""
    india = {"entity": "India"}
    ref = [
        {**india, "id": "g14", "value": "2.04 trillion dollars", "measure": "GDP", "period": "2014"},
        {**india, "id": "p14", "value": "1.29 billion people", "period": "2014"},
        {**india, "id": "g19", "value": "2.84 trillion dollars", "measure": "GDP", "period": "2019"},
        {**india, "id": "p19", "value": "1.38 billion people", "period": "2019"},
    ]
    blog = [{**india, "id": "pc", "value": "$2,500 per person", "measure": "GDP"}]
    report = _repo(tmp_path, {"ref": ref, "blog": blog})
    assert [f.rule for f in report.findings if f.severity != "info"] == []
    dated = _repo(tmp_path / "dated", {"ref": ref, "blog": [{**blog[0], "period": "2019"}]})
    (finding,) = [f for f in dated.findings if f.severity == "error"]  # 2.84 T ÷ 1.38 B = $2,058
    assert finding.rule == "derived-contradiction" and "blog/pc" in finding.subjects


ROAD_DEATHS = {"id": "deaths", "entity": "France", "value": "3,260 road deaths", "period": "2022"}
FRANCE_POP = {"id": "pop", "entity": "France", "value": "68 million people", "period": "2022"}


@pytest.mark.parametrize("measure", ["road deaths", "road deaths per person"])
def test_a_rate_that_does_not_name_its_count_takes_it_from_the_measure(tmp_path, measure):
    # 3,260 ÷ 68 million = 4.8 per 100,000: "48 per 100,000" is ten times too many, and named
    rate = {"id": "rate", "entity": "France", "measure": measure, "value": "48 per 100,000 inhabitants"}
    report = _repo(tmp_path, {"a": [ROAD_DEATHS, FRANCE_POP], "b": [{**rate, "period": "2022"}]})
    (finding,) = report.findings
    assert finding.rule == "derived-contradiction" and "b/rate" in finding.claims
    assert "“48 per 100,000 inhabitants”" in finding.message  # quoted as written, nothing added
    right = _repo(
        tmp_path / "right",
        {"a": [ROAD_DEATHS, FRANCE_POP], "b": [{**rate, "value": "4.8 per 100,000 inhabitants", "period": "2022"}]},
    )
    assert right.findings == ()  # input problems are findings too


def test_a_rate_whose_measure_names_no_count_is_still_an_error_naming_both_fixes(tmp_path):
    rate = {"id": "rate", "entity": "France", "measure": "road death rate", "value": "4.8 per 100,000 people"}
    report = _repo(tmp_path, {"b": [rate]})
    (problem,) = report.findings
    assert problem.rule == "parse-error" and "what is counted" in problem.message and "`measure:`" in problem.message


def test_one_sources_rate_against_its_own_counts_names_all_three_as_suspects(tmp_path):
    # one source's 4.8 per 100,000 against its own 3,260 deaths ÷ 68 million people (ten times it):
    # its record weighs on both sides alike, so the rate is as much a suspect as the operands
    rate = {"id": "rate", "entity": "France", "value": "48 road deaths per 100,000 people", "period": "2022"}
    report = _repo(tmp_path, {"a": [ROAD_DEATHS, FRANCE_POP, rate]})
    (finding,) = report.findings
    assert finding.rule == "derived-contradiction" and finding.culprit is None
    assert set(finding.rivals) == {"a/rate", "a/deaths", "a/pop"}
    assert "No record decides (a has no record yet)" in finding.message and "Track records" not in finding.message


US_HEALTH = {"id": "nhe", "entity": "United States", "value": "$4.9 trillion", "measure": "health spending"}
US_GDP_23 = {"id": "gdp", "entity": "United States", "value": "$27.36 trillion", "measure": "GDP"}


@pytest.mark.parametrize("share", ["17.9 percent of GDP", "17.9 percent of US GDP", "17.9% of the United States' GDP"])
def test_a_share_of_the_entitys_own_whole_is_its_part_divided_by_its_whole(tmp_path, share):
    # 4.9 ÷ 27.36 = 17.9 %: agrees; 17.6 % does not (a narrow gap: a warning naming all three)
    claim = {"id": "share", "entity": "United States", "value": share, "measure": "health spending"}
    good = _repo(tmp_path, {"cms": [US_HEALTH, claim], "bea": [US_GDP_23]})
    assert good.findings == ()
    (share_claim,) = [c for c in good.claims if c.id == "cms/share"]
    assert share_claim.measure == Measure("dimensionless", what="health spending as a share of GDP")
    bad = _repo(tmp_path / "bad", {"cms": [US_HEALTH, {**claim, "value": "17.6 percent of GDP"}], "bea": [US_GDP_23]})
    (finding,) = bad.findings
    assert finding.rule == "derived-contradiction" and finding.severity == "warning"
    assert set(finding.rivals) == {"cms/share", "cms/nhe", "bea/gdp"}


def test_shares_of_an_entitys_own_gdp_for_different_parts_never_meet(tmp_path):
    # health spending 17.6 % and defence 3.4 % of US GDP: never one group; without a part named,
    # a share of its own whole is compared with nothing (it said US GDP ÷ US GDP = 100 % before)
    health = {"id": "health", "entity": "United States", "value": "17.6 percent of GDP", "measure": "health spending"}
    defence = {"id": "defence", "entity": "United States", "value": "3.4 percent of GDP", "measure": "defence spending"}
    unnamed = {"id": "unnamed", "entity": "United States", "value": "3.5 percent of GDP", "of": "United States"}
    report = _repo(tmp_path, {"a": [health, defence, unnamed], "bea": [US_GDP_23]})
    assert report.findings == ()
    (alone,) = [c for c in report.claims if c.id == "a/unnamed"]
    assert alone.alone and "measure:" in alone.alone
    missing = _repo(tmp_path / "missing", {"a": [{**unnamed, "of": None}]})
    (problem,) = missing.findings
    assert problem.rule == "invalid-claim" and "`measure:`" in problem.message and "`of:`" in problem.message


def test_a_years_total_and_one_days_count_are_no_change_but_two_years_are(tmp_path):
    # 81.9 million passengers in 2023 and 268,000 on 30 June 2024: no "-99.7 %" change
    year = {"id": "y23", "entity": "Lisbon", "value": "81.9 million passengers", "period": "2023"}
    day = {"id": "d", "entity": "Lisbon", "value": "268,000 passengers", "period": "2024-06-30"}
    assert _rules(_repo(tmp_path / "a", {"a": [year, day]})) == []
    later = {"id": "y24", "entity": "Lisbon", "value": "83.9 million passengers", "period": "2024"}
    assert _rules(_repo(tmp_path / "b", {"a": [year, day, later]})) == ["period-change"]


def test_a_sources_arithmetic_on_a_pure_number_names_it_so(tmp_path):
    # "1.3 people per person" from 84 million ÷ 84 million: the message's measure is never blank
    pop = {"id": "pop", "entity": "Germany", "value": "84 million people", "period": "2023"}
    ratio = {"id": "r", "entity": "Germany", "value": "1.3 people per person", "period": "2023"}
    ratio["computed_from"] = ["pop", "pop"]  # type: ignore[assignment]
    (finding,) = _repo(tmp_path, {"blog": [pop, ratio]}).findings
    assert finding.rule == "arithmetic-inconsistency" and "Germany, a pure number: blog states" in finding.message
