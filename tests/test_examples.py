"""The two example repos (examples/economy, examples/health): every planted contradiction is
found with the planted claim named as its culprit, nothing else is raised above info, and growth
across years is information only."""

from __future__ import annotations

from pathlib import Path

import pytest

import reconcile
from reconcile.model import Severity

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# example → planted claim → the rules that may report it (the claim is among the finding's subjects)
PLANTED: dict[str, dict[str, set[str]]] = {
    "economy": {
        # P1 per-capita vs totals: $2,900 per head against 3.39 trillion ÷ 1.417 billion people
        "wire-economy/india-gdp-per-person": {"derived-contradiction"},
        # P2 a source's own arithmetic: 4.23 trillion ÷ 125.1 million is 33,813, not 36,800
        "japan-outlook/gdp-per-person": {"arithmetic-inconsistency"},
        # P3 population disagreement: 82 million Germans against 84.4 million
        "europe-briefing/germany-population": {"cross-source-contradiction"},
        # P4 per km² written as per mi²
        "wire-economy/india-density": {"derived-contradiction", "cross-source-contradiction"},
        # P5 a share that contradicts its totals: 32 % of EU GDP against 3.87 ÷ 15.8 trillion euros
        "europe-briefing/germany-eu-share": {"derived-contradiction"},
        # P6 a qualifier conflict: "under 1.4 billion" against 1.417 billion
        "wire-economy/india-population": {"cross-source-contradiction"},
        # P7 a stated change against its two periods: 3.4 % against 25.46 → 27.36 trillion
        "wire-economy/us-nominal-growth-2023": {"change-inconsistency", "cross-source-contradiction"},
    },
    "health": {
        # P1 per-capita vs totals: 4.1 road deaths per 100,000 against 2,562 ÷ 83.2 million
        "road-safety-report/germany-rate": {"derived-contradiction"},
        # P2 a source's own arithmetic: 377,000 ÷ 83.2 million is 4.5 per 1,000, not 5.5
        "road-safety-report/germany-doctors-rate": {"arithmetic-inconsistency", "derived-contradiction"},
        # P3 population disagreement: Japan's 2015 census figure for 2021
        "health-news/japan-population": {"cross-source-contradiction"},
        # P4 per 10,000 written for per 1,000
        "health-news/uk-doctors": {"cross-source-contradiction"},
        # P5 a share that contradicts its totals: 8 % of EU road deaths against 2,562 of 19,917
        "road-safety-report/germany-eu-share": {"derived-contradiction"},
        # P6 a qualifier conflict: "fewer than 40,000" against 42,939 road deaths
        "health-news/us-road-deaths": {"cross-source-contradiction"},
    },
}

# consistent or not comparable: none of these may be in an error or a warning
CONSISTENT: dict[str, list[str]] = {
    "economy": [
        "wire-economy/us-gdp",  # agrees with the IMF
        "wire-economy/us-gdp-per-person",  # 25.46 trillion ÷ 333.3 million ≈ 76,400
        "wire-economy/us-debt",  # federal debt: dollars, but never GDP
        "wire-economy/us-debt-to-gdp",  # [ratios]: federal debt 31.4 T ÷ GDP 25.46 T = 123.3 %, agrees
        "wire-economy/us-student-debt",  # money with no measure: compared with nothing
        "wire-economy/us-real-growth-2023",  # real GDP: no levels to check it against
        "wire-economy/india-world-share",  # 3.39 of 100.6 trillion dollars
        "europe-briefing/germany-gdp-usd",  # USD 4.08 trillion agrees with the IMF
        "europe-briefing/germany-gdp-eur",  # euros: never compared with dollars
        "japan-outlook/density",  # 125.1 million ÷ 377,915 km²
        "stats-roundup/india-density",  # about 1,100 per square mile
        "stats-roundup/us-nominal-growth-2023",  # 7.5 %: what the levels give
        "stats-roundup/us-gdp-2023",  # a different year from 2022's: information only
    ],
    "health": [
        "health-news/japan-beds",  # about 13 against the OECD's 12.6
        "health-news/japan-nurses",  # nurses are not doctors
        "health-news/us-all-deaths",  # all causes: never road deaths
        "nhtsa-cdc/all-deaths-2021",
        "road-safety-report/us-rate",  # 42,939 ÷ 331.9 million = 12.9 per 100,000
        "road-safety-report/us-rise-2021",  # 39,007 → 42,939 is +10.1 %
        "road-safety-report/us-share-all-deaths",  # its own measure
        "road-safety-report/germany-doctors",  # 377,000 ÷ 83.2 million agrees with the OECD's 4.5
        "nhtsa-cdc/road-deaths-2022",  # a different year: information only
        "oecd-health-2023/germany-beds",
        "who-gho/uk-doctors",  # 31.7 per 10,000 is the OECD's 3.2 per 1,000
        "destatis/germany-road-deaths",
    ],
}


@pytest.fixture(scope="module", params=sorted(PLANTED))
def example(request):
    name = request.param
    return name, reconcile.check(EXAMPLES / name)


def _raised(report):
    return [f for f in report.findings if f.severity in (Severity.ERROR, Severity.WARNING)]


def test_the_examples_read_cleanly(example):
    name, report = example
    assert report.input_errors == [], name
    assert len({c.source.id for c in report.claims}) >= 5


def test_every_planted_contradiction_is_found(example):
    name, report = example
    raised = _raised(report)
    for claim, rules in PLANTED[name].items():
        hits = [f for f in raised if claim in f.subjects and f.rule in rules]
        assert hits, f"{name}: planted {claim} not reported by {rules}"
        assert all(f.culprit == claim for f in hits), f"{name}: {claim} not named the culprit"
    kinds = {f.rule for f in raised}
    assert len(kinds) >= 3  # contradictions of different kinds


def test_nothing_else_is_raised(example):
    name, report = example
    planted = set(PLANTED[name])
    for f in _raised(report):
        assert planted & set(f.claims), f"{name}: {f.rule} raised on consistent claims: {f.message}"
        assert f.culprit in planted, f"{name}: {f.rule} blames {f.culprit}: {f.message}"
    for claim in CONSISTENT[name]:
        assert report.claim(claim) is not None, claim
        wrongly = [f for f in _raised(report) if claim in f.subjects and not planted & set(f.subjects)]
        assert not wrongly, f"{name}: {claim} raised: {wrongly[0].message}"


def test_growth_across_years_is_information_only(example):
    name, report = example
    changes = [f for f in report.findings if f.rule == "period-change"]
    assert changes, name
    assert all(f.severity == Severity.INFO for f in changes)
    assert all(f.rule in ("period-change", "projection-differs") for f in report.findings if f.severity == "info")


def test_the_planted_table_covers_at_least_six_per_example():
    assert all(len(p) >= 6 for p in PLANTED.values())
    assert all(len(c) >= 8 for c in CONSISTENT.values())


# examples/energy: TWh, GW, Mt, €/MWh and $/kWh, shares, changes and per-person figures
ENERGY_PLANTED: dict[str, set[str]] = {
    # P1 a stated change against its two periods: "fell 20 percent" against 750 → 674 Mt (−10.1 %)
    "climate-desk/germany-ghg-fall": {"change-inconsistency"},
    # P2 per-capita vs totals: 10.5 tonnes per person against 674 Mt ÷ 84.7 million = 7.96 t
    "climate-desk/germany-ghg-per-person": {"derived-contradiction"},
    # P3 a qualifier conflict: "more than 90 GW" of solar against the Bundesnetzagentur's 82.2 GW
    "climate-desk/germany-solar-capacity": {"cross-source-contradiction"},
    # P4 a share against its totals: 26 % of US electricity against 511 ÷ 4,178 TWh = 12.2 %
    "power-wire/texas-share": {"derived-contradiction"},
    # P5 MW written for GW: France's nuclear fleet
    "power-wire/france-nuclear-capacity": {"cross-source-contradiction"},
    # P6 a source's own arithmetic: 3,500 kWh a year × €0.46 per kWh is €1,610 a year, not €1,950
    "power-wire/german-household-bill": {"arithmetic-inconsistency"},
}
ENERGY_CONSISTENT = [
    "eia/us-generation-2023",  # 4.18 trillion kilowatt-hours = 4,180 TWh = the EIA's 4,178 TWh
    "power-wire/us-generation",
    "eia/us-co2-2023",  # 4,807 million metric tons (not short tons) = 4.8 billion tonnes
    "power-wire/us-co2",
    "power-wire/us-co2-per-person",  # 4.807 billion tonnes ÷ 334.9 million = 14.4 t: "about 14"
    "power-wire/us-price",  # $0.16 per kWh, as the EIA says
    "power-wire/us-solar-capacity-all",  # rooftops included: the EIA's 91 GW is utility-scale (another scope)
    "power-wire/ira-spending",  # money with no measure: compared with nothing
    "power-wire/france-nuclear-share",  # a rate: its own measure
    "climate-desk/germany-ghg-2023",  # 673 million tonnes against the UBA's 674 Mt
    "climate-desk/germany-day-ahead-fall",  # €235.44 → €95.18 per MWh is −59.6 %
    "climate-desk/germany-gross-generation",  # gross generation is not public net generation
    "energy-charts/germany-public-net-generation",
    "climate-desk/germany-renewable-share",  # 52 % of consumption is not 59.7 % of public net generation
    "energy-charts/germany-renewable-share-public-net",
    "power-wire/german-household-use",  # "3,500 kWh a year" is per year (pint's "a" is an annum)
]


def test_energy_planted_found_with_culprit_and_nothing_else_raised():
    report = reconcile.check(EXAMPLES / "energy")
    assert report.input_errors == []
    raised = _raised(report)
    for claim, rules in ENERGY_PLANTED.items():
        hits = [f for f in raised if claim in f.subjects and f.rule in rules]
        assert hits, f"energy: planted {claim} not reported by {rules}"
        assert all(f.culprit == claim for f in hits), f"energy: {claim} not named the culprit"
    for f in raised:
        assert f.culprit in ENERGY_PLANTED, f"energy: {f.rule} blames {f.culprit}: {f.message}"
    for claim in ENERGY_CONSISTENT:
        assert report.claim(claim) is not None, claim
        wrongly = [f for f in raised if claim in f.subjects and not set(ENERGY_PLANTED) & set(f.subjects)]
        assert not wrongly, f"energy: {claim} raised: {wrongly[0].message}"
    assert len(ENERGY_PLANTED) >= 4 and len(ENERGY_CONSISTENT) >= 8
    changes = [f for f in report.findings if f.rule == "period-change"]
    assert changes and all(f.severity == Severity.INFO for f in changes)
    # the measure of a power or a price reads as written, never "per year ** 3"
    assert not [f for f in report.findings if "**" in str(f.measure).split("(")[0]]


def test_a_clean_record_is_never_given_as_the_reason():
    """Germany's road-death rate loses to deaths ÷ population from three other sources, none with
    a record against it: the message says so, not "track records decide" over records of 0 of N."""
    report = reconcile.check(EXAMPLES / "health")
    (finding,) = [f for f in report.findings if f.culprit == "road-safety-report/germany-rate"]
    assert "rests on 3 other sources (destatis, eu-care, ref-population-2021) against 1" in finding.message
    assert "Track records decide" not in finding.message
    seeds = reconcile.check(Path(__file__).resolve().parents[1] / "claims")
    decided = [f for f in seeds.findings if "Track records decide" in f.message]
    assert decided and all(" of 3 claims" in f.message or " of 8 claims" in f.message for f in decided)
