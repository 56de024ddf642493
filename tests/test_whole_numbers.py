"""A count of whole things that holds no whole number ("a total of 104.7 passengers", corpus 046):
in no group, named wherever a figure of its quantity disagrees (consistency/wholes.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.units import get_units
from reconcile.values import parse_value
from reconcile.values.wholes import holds_no_whole_number

from .conftest import check_entries, raised

ATLANTA_OVER = {"id": "over", "entity": "Atlanta", "value": "more than 100 million passengers"}
ATLANTA_TOTAL = {"id": "total", "entity": "Atlanta", "value": "a total of 104.7 passengers", "period": "2023"}
HEATHROW = {"id": "lhr", "entity": "Heathrow Airport", "value": "79.2 million passengers", "period": "2023"}
AHEAD = {
    "id": "ahead",
    "entity": "Atlanta",
    "value": "24 percent more",
    "role": "comparison",
    "than": "Heathrow Airport",
    "measure": "passengers",
}


def test_a_total_that_is_no_whole_number_is_named_with_the_scale_word_that_would_make_it_agree(tmp_path):
    report = check_entries(tmp_path, {"vcp": [ATLANTA_OVER, ATLANTA_TOTAL]})
    [finding] = raised(report)
    assert (finding.rule, finding.culprit, finding.severity) == ("internal-contradiction", "vcp/total", "error")
    assert set(finding.claims) == {"vcp/total", "vcp/over"}
    assert "no whole number of passengers: a scale word may be missing; as 104.7 million it would agree" in (
        finding.message
    )


def test_it_sways_no_consensus_so_the_comparison_beside_it_is_still_judged(tmp_path):
    """046's two contradictions at once: 104.7 and "more than 100 million" would tie, and the tie's
    range (104.65 … ∞) would allow Atlanta ÷ Heathrow = 1.24; without it, 100 M ÷ 79.25 M = 1.262."""
    report = check_entries(tmp_path, {"vcp": [ATLANTA_OVER, ATLANTA_TOTAL, HEATHROW, AHEAD]})
    rules = sorted((f.rule, f.culprit) for f in raised(report))
    assert rules == [("comparison-inconsistency", "vcp/ahead"), ("internal-contradiction", "vcp/total")]
    [comparison] = [f for f in report.findings if f.rule == "comparison-inconsistency"]
    assert "1.26 (+26.3%)" in comparison.message and comparison.severity == "warning"


def test_in_another_domain_across_sources_and_only_where_it_disagrees(tmp_path):
    """Road deaths: "4.2 deaths" (for 4.2 thousand) against a statistics office's 4,231."""
    office = {"id": "deaths", "entity": "Kenya", "value": "4,231 road deaths", "period": "2023"}
    paper = {"id": "deaths", "entity": "Kenya", "value": "4.2 road deaths", "period": "2023"}
    [finding] = raised(check_entries(tmp_path / "a", {"office": [office], "paper": [paper]}))
    assert (finding.rule, finding.culprit) == ("cross-source-contradiction", "paper/deaths")
    assert "as 4.2 thousand it would agree" in finding.message
    # alone, or beside a figure of another year, it meets nothing: nothing is said
    other_year = {**office, "period": "2022"}
    assert raised(check_entries(tmp_path / "b", {"office": [other_year], "paper": [paper]})) == []


def test_rates_money_and_whole_counts_are_compared_as_before(tmp_path):
    entries = [
        {"id": "beds", "entity": "Chile", "value": "2.5 beds per 1,000 people", "period": "2021"},
        {"id": "beds2", "entity": "Chile", "value": "2.1 beds per 1,000 people", "period": "2021"},
        {"id": "gdp", "entity": "Chile", "value": "$104.7", "measure": "GDP per person", "period": "2021"},
        {"id": "people", "entity": "Chile", "value": "19.6 million people", "period": "2021"},
        {"id": "people2", "entity": "Chile", "value": "19,603,733 people", "period": "2021"},
    ]
    report = check_entries(tmp_path, {"oecd": entries})
    [finding] = raised(report)  # the two bed rates disagree; nothing is "no whole number"
    assert "no whole number" not in finding.message and "beds" in finding.message


def test_explain_says_why_it_is_in_no_group(tmp_path):
    report = check_entries(tmp_path, {"vcp": [ATLANTA_OVER, ATLANTA_TOTAL]})
    [claim] = [c for c in report.claims if c.id == "vcp/total"]
    assert claim.alone is not None and "no whole number of passengers" in claim.alone


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(0, 10**7), tenths=st.integers(1, 9), scale=st.sampled_from(["", " thousand", " million"]))
def test_a_count_holds_a_whole_number_exactly_when_its_interval_does(whole, tenths, scale):
    units = get_units()
    fractional = parse_value(f"{whole}.{tenths}{scale} passengers", units=units)
    assert holds_no_whole_number(fractional, units) is (scale == "")
    assert not holds_no_whole_number(parse_value(f"{whole} passengers", units=units), units)
    # a rate or an amount of money is no count of whole things
    assert not holds_no_whole_number(parse_value(f"{whole}.{tenths} passengers per 1,000 people", units=units), units)
    assert not holds_no_whole_number(parse_value(f"${whole}.{tenths}", units=units), units)


def test_an_average_of_whole_things_is_compared_like_any_figure(tmp_path):
    """ "2.4 people" as the average household size is no miscounted people: two sources' 2.4 and
    2.7 disagree, as figures; "mean number of children" likewise."""
    ons = {"id": "hh", "entity": "Wales", "value": "2.4 people", "measure": "average household size", "period": "2021"}
    other = {**ons, "value": "2.7 people"}
    [finding] = raised(check_entries(tmp_path / "a", {"ons": [ons], "survey": [other]}))
    assert finding.rule == "cross-source-contradiction" and "no whole number" not in finding.message
    kids = {"id": "kids", "entity": "Wales", "value": "1.6 children", "measure": "mean number of children"}
    report = check_entries(tmp_path / "b", {"ons": [{**kids, "period": "2021"}]})
    assert all(c.alone is None for c in report.claims)
