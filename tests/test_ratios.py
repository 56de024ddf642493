"""Declared ratios (reconcile.toml `[ratios]`): a named measure that is one measure divided by
another is derived from its operands' consensus and compared with what sources state, in the
economy (debt-to-GDP), in elections (turnout) and in health (case fatality rate)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import reconcile
from reconcile.cli import app
from reconcile.consistency.groups import group_claims
from reconcile.consistency.ratios import derive_ratios
from reconcile.errors import ConfigError
from reconcile.load.claimfile import read_claim_text
from reconcile.load.config import parse_config
from reconcile.load.entities import EntityResolver
from reconcile.model import Ratio, Severity
from reconcile.units import get_units

from .conftest import raised, source_yaml, write

ROOT = Path(__file__).resolve().parents[1]
ECONOMY = ROOT / "examples" / "economy"


def _claim(id_: str, entity: str, value: str, period: str | None = "2019", measure: str | None = None) -> str:
    lines = [f"  - id: {id_}", f"    entity: {entity}", f"    value: {value}"]
    if measure:
        lines.append(f"    measure: {measure}")
    if period:
        lines.append(f"    period: {period}")
    return "\n".join(lines) + "\n"


def _ratio_values(report: reconcile.Report, measure: str) -> list[reconcile.Derived]:
    return [d for d in report.derived if d.measure.what == measure and not d.id.startswith("d:arithmetic:")]


# --------------------------------------------------------------------------- economy


def test_the_economy_example_derives_us_debt_to_gdp_and_it_agrees():
    report = reconcile.check(ECONOMY)
    [ratio] = _ratio_values(report, "debt-to-GDP ratio")
    # US federal debt $31.4 trillion ÷ GDP 25.46 trillion (IMF; the wire's $25.5 trillion agrees) = 123.3 %
    assert ratio.entity == "United States" and ratio.period is not None and ratio.period.label == "2022"
    assert ratio.interval.low <= 31.4 / 25.46 <= ratio.interval.high
    assert ratio.point == pytest.approx(1.2333, abs=0.0005)
    assert set(ratio.claims) == {"wire-economy/us-debt", "imf-weo/us-gdp-2022", "wire-economy/us-gdp"}
    assert not [f for f in raised(report) if "wire-economy/us-debt-to-gdp" in f.subjects]


def test_a_wrong_debt_to_gdp_ratio_is_flagged_with_its_culprit(tmp_path):
    repo = tmp_path / "economy"
    shutil.copytree(ECONOMY, repo)
    # 97 % is the debt held by the public, not the federal debt of 31.4 trillion: 123 % of GDP
    write(
        repo,
        "op-ed.yaml",
        source_yaml("op-ed", _claim("us-debt-ratio", "US", "a debt-to-GDP ratio of 97 percent", "2022")),
    )
    report = reconcile.check(repo)
    hits = [f for f in raised(report) if f.rule == "derived-contradiction" and "op-ed/us-debt-ratio" in f.subjects]
    assert len(hits) == 1
    assert hits[0].severity == Severity.ERROR and hits[0].culprit == "op-ed/us-debt-ratio"
    assert "federal debt" in hits[0].message and "÷" in hits[0].message


def test_explain_shows_the_ratio_derivation():
    out = CliRunner().invoke(app, ["explain", "wire-economy/us-debt-to-gdp", str(ECONOMY)]).output
    derivations = out.split("Derivations", 1)[1].split("Findings", 1)[0]
    assert "$31.4 trillion federal debt (wire-economy/us-debt) ÷" in derivations
    assert "= 123 percent" in derivations
    assert "implied: $31.4 trillion federal debt" in out  # its vote in the best estimate


def test_debt_and_gdp_in_different_currencies_or_years_give_no_ratio(tmp_path):
    config = '[ratios]\n"debt-to-GDP ratio" = "government debt / GDP"\n'
    write(tmp_path, "reconcile.toml", config)
    claims = (
        _claim("it-debt", "Italy", "€2.76 trillion", "2022", "government debt")
        + _claim("it-gdp-usd", "Italy", "$2.05 trillion", "2022", "GDP")  # dollars: never divides euros
        + _claim("it-gdp-2023", "Italy", "€2.13 trillion", "2023", "GDP")  # another year
        + _claim("it-ratio", "Italy", "a debt-to-GDP ratio of 90 percent", "2022")
    )
    write(tmp_path, "wire.yaml", source_yaml("wire", claims))
    report = reconcile.check(tmp_path)
    assert report.input_errors == []
    assert _ratio_values(report, "debt-to-GDP ratio") == []
    assert raised(report) == []
    # with the year's GDP in euros, 2.76 ÷ 1.91 = 144.5 % (Eurostat's 144.4 %): 90 % is wrong
    eurostat = _claim("it-debt", "Italy", "€2.76 trillion", "2022", "government debt") + _claim(
        "it-gdp", "Italy", "€1.91 trillion", "2022", "GDP"
    )
    write(tmp_path, "eurostat.yaml", source_yaml("eurostat", eurostat, "reference"))
    report = reconcile.check(tmp_path)
    [ratio] = _ratio_values(report, "debt-to-GDP ratio")
    assert ratio.point == pytest.approx(2.76 / 1.91, rel=1e-3)
    assert [f.culprit for f in raised(report)] == ["wire/it-ratio"]


def test_a_disputed_operand_with_nothing_to_decide_gives_no_ratio(tmp_path):
    write(tmp_path, "reconcile.toml", '[ratios]\n"debt-to-GDP ratio" = "federal debt / GDP"\n')
    write(tmp_path, "a.yaml", source_yaml("a", _claim("gdp", "US", "$25.46 trillion", "2022", "GDP")))
    write(tmp_path, "b.yaml", source_yaml("b", _claim("gdp", "US", "$23.3 trillion", "2022", "GDP")))
    debt = _claim("debt", "US", "$31.4 trillion", "2022", "federal debt")
    ratio = _claim("ratio", "US", "a debt-to-GDP ratio of 123 percent", "2022")
    write(tmp_path, "c.yaml", source_yaml("c", debt + ratio))
    report = reconcile.check(tmp_path)
    assert _ratio_values(report, "debt-to-GDP ratio") == []  # 31.4 ÷ 25.46 or ÷ 23.3: nothing decides
    assert not [f for f in raised(report) if "c/ratio" in f.subjects]


# --------------------------------------------------------------------------- elections

_INDIA_CONFIG = """\
[nouns]
elector = ["electors", "registered voters"]

[measures]
"voter turnout" = "turnout"

[ratios]
"Turnout" = "voters / electors"
"""


def _india(folder: Path, *turnouts: tuple[str, str, str | None]) -> reconcile.Report:
    write(folder, "reconcile.toml", _INDIA_CONFIG)
    # Election Commission of India, Lok Sabha 2019
    counts = _claim("electors", "India", "911,950,734 electors") + _claim("voters", "India", "614,684,398 voters")
    write(folder, "eci.yaml", source_yaml("eci", counts, kind="reference"))
    for source, value, period in turnouts:
        write(folder, f"{source}.yaml", source_yaml(source, _claim("turnout", "India", value, period, "voter turnout")))
    return reconcile.check(folder)


def test_india_2019_turnout_agrees_with_voters_over_electors(tmp_path):
    report = _india(tmp_path, ("wire", "67.4 percent", "2019"))
    [ratio] = _ratio_values(report, "turnout")
    assert ratio.point == pytest.approx(614_684_398 / 911_950_734)  # 67.40 %
    assert set(ratio.claims) == {"eci/voters", "eci/electors"}
    assert raised(report) == []


def test_a_wrong_turnout_is_flagged_and_named(tmp_path):
    report = _india(tmp_path, ("wire", "67.4 percent", "2019"), ("blog", "62 percent", "2019"))
    hits = [f for f in raised(report) if f.rule == "derived-contradiction"]
    assert [f.culprit for f in hits] == ["blog/turnout"]
    assert "614,684,398 voters (eci/voters) ÷ 911,950,734 electors (eci/electors)" in hits[0].message
    assert hits[0].severity == Severity.ERROR


def test_an_undated_turnout_joins_the_year(tmp_path):
    report = _india(tmp_path, ("blog", "62 percent", None))
    assert [f.culprit for f in raised(report) if f.rule == "derived-contradiction"] == ["blog/turnout"]


def test_an_undated_turnout_meets_no_ratio_when_the_counts_span_several_years(tmp_path):
    """2014: 553,801,801 voters of 834,082,814 electors (66.40 %); 2019: 67.40 %. An undated
    "67.4 percent" could be either year's: the two derived turnouts must not contradict each other."""
    _india(tmp_path, ("wire", "67.4 percent", None))
    counts = _claim("electors-2014", "India", "834,082,814 electors", "2014") + _claim(
        "voters-2014", "India", "553,801,801 voters", "2014"
    )
    write(tmp_path, "eci-2014.yaml", source_yaml("eci-2014", counts, kind="reference"))
    report = reconcile.check(tmp_path)
    assert _ratio_values(report, "turnout") == []
    assert raised(report) == []
    # dated, each year meets its own counts: 2014's 66.4 % and 2019's 67.4 % both agree
    write(tmp_path, "wire.yaml", source_yaml("wire", _claim("turnout", "India", "67.4 percent", "2019", "turnout")))
    write(tmp_path, "old.yaml", source_yaml("old", _claim("turnout", "India", "66.4 percent", "2014", "turnout")))
    report = reconcile.check(tmp_path)
    assert sorted(d.period.label for d in _ratio_values(report, "turnout") if d.period) == ["2014", "2019"]
    assert raised(report) == []


def test_another_year_or_entity_gives_no_turnout(tmp_path):
    report = _india(tmp_path, ("blog", "66.4 percent", "2014"))  # 2014's turnout: other counts
    assert _ratio_values(report, "turnout") == []
    write(tmp_path, "blog.yaml", source_yaml("blog", _claim("turnout", "Nepal", "62 percent", "2019", "turnout")))
    assert _ratio_values(reconcile.check(tmp_path), "turnout") == []


# --------------------------------------------------------------------------- health

_HEALTH_CONFIG = """\
[measures]
"CFR" = "case fatality rate"
"mortality rate" = "case fatality rate"

[ratios]
"CFR" = "deaths / cases"
"""


def test_ebola_case_fatality_rate_is_deaths_over_cases(tmp_path):
    write(tmp_path, "reconcile.toml", _HEALTH_CONFIG)
    # WHO situation report, 10 June 2016: 28,616 cases and 11,310 deaths in Guinea, Liberia and Sierra Leone
    who = _claim("cases", "West Africa", "28,616 cases", "2014-2016") + _claim(
        "deaths", "West Africa", "11,310 deaths", "2014-2016"
    )
    write(tmp_path, "who.yaml", source_yaml("who", who, kind="reference"))
    news = _claim("cfr", "West Africa", "a case fatality rate of about 40 percent", "2014-2016")
    write(tmp_path, "news.yaml", source_yaml("news", news))
    # 70 % was an early estimate among patients with a recorded outcome, not the outbreak's rate
    blog = _claim("cfr", "West Africa", "70 percent", "2014-2016", "CFR")
    write(tmp_path, "blog.yaml", source_yaml("blog", blog))
    report = reconcile.check(tmp_path)
    assert report.input_errors == []
    [ratio] = _ratio_values(report, "case fatality rate")
    assert ratio.point == pytest.approx(11_310 / 28_616)  # 39.5 %
    assert [(f.rule, f.culprit) for f in raised(report)] == [("derived-contradiction", "blog/cfr")]


def test_us_covid_mortality_rate_against_deaths_and_cases(tmp_path):
    """UPI, 27 September 2020: 204,752 US deaths and 7,114,235 cases 'for a 3.1% mortality rate'
    (2.88 %). Stated in three claims, unlinked: the declared ratio finds it; linked by
    computed_from, the source's own arithmetic finds it, and the ratio is not said twice."""
    write(tmp_path, "reconcile.toml", _HEALTH_CONFIG)
    day = "2020-09-27"
    claims = (
        _claim("deaths", "US", "204,752 deaths", day)
        + _claim("cases", "US", "7,114,235 cases", day)
        + _claim("rate", "US", "a 3.1% mortality rate", day)
    )
    write(tmp_path, "upi.yaml", source_yaml("upi", claims))
    report = reconcile.check(tmp_path)
    [hit] = raised(report)
    # one source's three figures: which is wrong, nothing decides (as for any derived value)
    assert (hit.rule, hit.culprit) == ("derived-contradiction", None)
    assert "upi/rate" in hit.subjects and set(hit.rivals) <= {"upi/rate", "upi/deaths", "upi/cases"}
    assert "204,752 deaths (upi/deaths) ÷ 7,114,235 cases (upi/cases) = 0.0288" in hit.message
    write(tmp_path, "upi.yaml", source_yaml("upi", claims + "    computed_from: [deaths, cases]\n"))
    report = reconcile.check(tmp_path)
    assert [(f.rule, f.culprit) for f in raised(report)] == [("arithmetic-inconsistency", "upi/rate")]
    assert _ratio_values(report, "case fatality rate") == []


# --------------------------------------------------------------------------- config


def test_ratio_names_are_read_through_measure_aliases():
    config = parse_config(_HEALTH_CONFIG, file="reconcile.toml")
    assert config.ratios == (Ratio("case fatality rate", "deaths", "cases", line=6),)


@pytest.mark.parametrize(
    "entry, why",
    [
        ('"turnout" = "voters"', "not one measure divided by another"),
        ('"turnout" = "voters / electors / people"', "not one measure divided by another"),
        ('"turnout" = "voters / "', "not one measure divided by another"),
        ('"turnout" = 0.674', "must be a string"),
        ('"turnout" = "Voters / voters"', "divides a measure by itself"),
        ('"turnout" = "turnout / electors"', "divides by or into the ratio itself"),
        ('"CFR" = "deaths / cases"\n"Case Fatality Rate" = "deaths / infections"', "declare it once"),
        ('" " = "deaths / cases"', "needs a measure name"),
    ],
)
def test_a_malformed_ratio_is_an_error_naming_its_line(entry, why):
    text = '[measures]\n"CFR" = "case fatality rate"\n\n[ratios]\n' + entry + "\n"
    with pytest.raises(ConfigError, match=why) as raised:
        parse_config(text, file="reconcile.toml")
    assert raised.value.file == "reconcile.toml"
    assert raised.value.line == len(text.splitlines())  # the (last) offending entry


def test_a_malformed_ratio_exits_2_and_the_claims_are_still_read(tmp_path):
    write(tmp_path, "reconcile.toml", '[ratios]\n"turnout" = "voters"\n')
    write(tmp_path, "eci.yaml", source_yaml("eci", _claim("voters", "India", "614,684,398 voters")))
    run = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert run.exit_code == 2
    assert f"{tmp_path / 'reconcile.toml'}:2" in run.output
    assert "1 claims from 1 sources" in run.output


# --------------------------------------------------------------------------- property

_UNITS = get_units(None)


def _written(n: int, style: int) -> str:
    if style == 0:
        return f"{n:,}"
    if style == 1:
        return f"{n / 1e6:.1f} million"
    return f"about {n:,}"


@given(
    st.integers(1, 10**12),
    st.integers(1, 10**12),
    st.integers(0, 2),
    st.integers(0, 2),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_the_derived_ratio_holds_every_quotient_of_its_operands(num, den, num_style, den_style, t, u):
    claims = (
        _claim("deaths", "World", f"{_written(num, num_style)} deaths")
        + _claim("cases", "World", f"{_written(den, den_style)} cases")
        + _claim("rate", "World", "3 percent", measure="case fatality rate")
    )
    config = parse_config('[ratios]\n"case fatality rate" = "deaths / cases"\n', file="reconcile.toml")
    _, read, problems = read_claim_text(
        source_yaml("s", claims), file="s.yaml", config=config, units=_UNITS, resolver=EntityResolver()
    )
    assert problems == []
    by_id = {c.id: c for c in read}
    a, b = by_id["s/deaths"].interval, by_id["s/cases"].interval
    if b.low <= 0:  # "0.0 million cases" could be none: nothing divides by it
        assert derive_ratios(group_claims(read), config.ratios, _UNITS) == {}
        return
    [[ratio]] = derive_ratios(group_claims(read), config.ratios, _UNITS).values()
    x = min(max(a.low + t * (a.high - a.low), a.low), a.high)
    y = min(max(b.low + u * (b.high - b.low), b.low), b.high)
    assert ratio.interval.low <= x / y <= ratio.interval.high
    assert ratio.interval.low <= ratio.point <= ratio.interval.high


def test_the_world_mortality_rate_of_006_is_found_from_hand_written_claims(tmp_path):
    """Corpus 006 (UPI, 27 September 2020): 1,002,389 deaths and "the 33 million cases worldwide"
    give 3.04 %, not "the world's mortality rate is 2.9%". Named "COVID-19 deaths" in the claims,
    they meet the ratio's counted nouns through [measures]. A narrow gap: a warning."""
    config = '[measures]\n"COVID-19 deaths" = "deaths"\n"COVID-19 cases" = "cases"\n\n'
    write(tmp_path, "reconcile.toml", config + '[ratios]\n"mortality rate" = "deaths / cases"\n')
    counts = _claim("deaths", "World", "1,002,389 COVID-19 deaths", "2020-09-27") + _claim(
        "cases", "World", "33 million COVID-19 cases", "2020-09-27"
    )
    write(tmp_path, "tracker.yaml", source_yaml("tracker", counts, kind="reference"))
    write(tmp_path, "upi.yaml", source_yaml("upi", _claim("rate", "World", "2.9%", "2020-09-27", "mortality rate")))
    report = reconcile.check(tmp_path)
    [ratio] = _ratio_values(report, "mortality rate")
    assert ratio.point == pytest.approx(1_002_389 / 33e6)
    [hit] = raised(report)
    assert (hit.rule, hit.severity, hit.culprit) == ("derived-contradiction", Severity.WARNING, "upi/rate")
