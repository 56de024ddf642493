"""The one place a page is about, for its sentences that name none (extract/page.py), and the
year its title dates the levels of its changes to (extract/when.py): 053's "Total federal
outlays, however, slipped 1.4% to $6.13 trillion" and "Total receipts were in turn down by 9%,
to $4.44 billion" are the United States' outlays and receipts of FY 2023, so `check` can see
that outlays less receipts are no deficit of $1.69 trillion. Each rule also on a city's budget
and a province's health spending, and not on a page naming two places or none."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import reconcile
from reconcile.extract import extract_document, read_document, write_claim_file
from reconcile.extract.candidates import CandidateClaim

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "corpus"
DU = CORPUS / "documents" / "053-us-deficit-fy2023-du-reuters.txt"


def by_value(text: str) -> dict[str, CandidateClaim]:
    return {c.value: c for c in extract_document(text, document="t.txt", source_id="t").claims}


def fields(c: CandidateClaim) -> tuple[str, str | None, str | None, str]:
    """As written in the claim file: entity, measure, period, status."""
    written = c.to_yaml_dict()
    return written["entity"], written.get("measure"), c.period, c.status


# --------------------------------------------------------------------------- 053, the page the rule is for


def test_the_levels_of_053s_changes_are_the_pages_country_of_the_titles_year():
    found = by_value(read_document(DU))
    assert fields(found["6.13 trillion dollars"]) == ("United States", "outlays", "2023", "candidate")
    assert fields(found["4.44 billion dollars"]) == ("United States", "receipts", "2023", "candidate")
    assert fields(found["774 billion dollars"]) == ("United States", "defense spending", "2023", "candidate")
    # the year is a reading of the title, said so; the owner is established, nothing to doubt
    assert found["6.13 trillion dollars"].doubts == [
        "period 2023 from the title: the level a change came to, on a page the title dates"
    ]


def test_the_change_of_053s_deficit_and_its_levels_are_the_countrys():
    """ "The federal deficit jumped by 28% between fiscal year 2022 and fiscal year 2023, from $1.375
    trillion to $1.69 trillion": the change and both levels are of the sentence's subject."""
    found = by_value(read_document(DU))
    change = found["28 percent"]
    assert (change.entity, change.measure, change.role, change.period, change.missing) == (
        "United States",
        "deficit",
        "change",
        "2022-2023",
        [],
    )
    for level in ("1.375 trillion dollars", "1.69 trillion dollars"):
        assert (found[level].entity, found[level].measure) == ("United States", "deficit")
        assert "entity" not in found[level].missing and "measure" not in found[level].missing
    assert change.computed_from == [found["1.375 trillion dollars"].id, found["1.69 trillion dollars"].id]


def test_figures_of_053_whose_subject_is_a_part_of_something_are_the_countrys_but_wait_for_review():
    """ "Net outlays for interest on the public debt rose by 33% to $711 billion": the country's
    outlays for interest, neither its outlays nor its public debt; what and when are offered in the
    doubt. A change with no period ("down by 9%") is not compared either."""
    found = by_value(read_document(DU))
    for value in ("711 billion dollars", "33 percent", "9 percent", "1.4 percent"):
        assert found[value].to_yaml_dict()["entity"] == "United States", value
        assert found[value].status == "needs-review" and "measure" in found[value].missing, value
    assert "measure perhaps 'public debt'" in found["711 billion dollars"].doubts
    # "Outlays for the largest mandatory spending programs - Social Security, Medicare and Medicaid -
    # increased by 11%, to $2.8 trillion between them" (the subject's words run too long to be sure),
    # "a 17% fall in income tax revenues, to $2.18 trillion" (after the receipts' level): guesses only
    for value in ("2.8 trillion dollars", "2.18 trillion dollars"):
        assert found[value].status == "needs-review", value
        assert "entity not established" in " ".join(found[value].doubts), value


def test_check_finds_053s_receipts_wrong_by_a_thousand(tmp_path: Path):
    """The corpus's reconcile.toml declares deficit = outlays − receipts: 6.13 trillion − 4.44 billion
    is no deficit of 1.7 trillion, and the alarm names the three figures."""
    doc = extract_document(read_document(DU), document=DU.name, source_id="053")
    write_claim_file(doc, tmp_path)
    report = reconcile.check(tmp_path, config=CORPUS / "reconcile.toml")
    alarms = [f for f in report.findings if f.severity in ("error", "warning")]
    by_value_id = {c.id: c.value for c in doc.claims}
    sums = [f for f in alarms if "outlays − receipts" in f.message]
    assert sums, [f.message for f in alarms]
    named = {by_value_id.get(c.split("/", 1)[1]) for c in sums[0].claims}
    assert {"6.13 trillion dollars", "4.44 billion dollars"} <= named


# --------------------------------------------------------------------------- other domains


def test_a_city_budget_page_gives_its_levels_to_the_city():
    text = (
        "Toronto's 2024 budget: spending rises in 2024\n"
        "Toronto council approved a budget of $17 billion for 2024 on Thursday.\n"
        "Total spending rose 5% to $17.2 billion. Police spending rose 2% to $1.2 billion. "
        "Property tax revenue was up by 9.5%, to $5.2 billion."
    )
    found = by_value(text)
    assert fields(found["17.2 billion dollars"]) == ("Toronto", "spending", "2024", "candidate")
    assert fields(found["1.2 billion dollars"]) == ("Toronto", "police spending", "2024", "candidate")
    # two words before the noun that are no scope ("property tax revenue"): what it is, is for a person
    assert found["5.2 billion dollars"].to_yaml_dict()["entity"] == ""
    # a change with no period is not compared, whoever's it is
    assert found["5 percent"].status == "needs-review"


def test_a_province_health_page_gives_its_levels_to_the_province():
    text = (
        "Ontario health spending grows in 2024\n"
        "Ontario will spend more on hospitals this year, the province said on Tuesday.\n"
        "Health spending rose 4% to $85 billion. Total revenue climbed 3% to $206 billion."
    )
    found = by_value(text)
    assert fields(found["85 billion dollars"]) == ("Ontario", "health spending", "2024", "candidate")
    assert fields(found["206 billion dollars"]) == ("Ontario", "revenue", "2024", "candidate")


# --------------------------------------------------------------------------- where the page's place is no owner

RECEIPTS = "Total receipts were in turn down by 9%, to $4.44 trillion."


def test_a_page_naming_two_places_gives_neither():
    text = (
        "U.S. and China budgets in FY 2023\n"
        "U.S. budget deficit totaled nearly $1.7 trillion in fiscal year 2023, China's about $1 trillion.\n" + RECEIPTS
    )
    receipts = by_value(text)["4.44 trillion dollars"]
    assert receipts.to_yaml_dict()["entity"] == "" and receipts.status == "needs-review"


def test_a_page_naming_no_place_gets_none_invented():
    """CBO's own review never names the country: nothing to refer back to."""
    text = (
        "Monthly Budget Review: Summary for Fiscal Year 2023\nThe federal deficit totaled $1.7 trillion.\n" + RECEIPTS
    )
    found = by_value(text)
    assert all(c.to_yaml_dict()["entity"] == "" for c in found.values())
    assert "this document names no place" in found["4.44 trillion dollars"].doubts[0]


def test_a_place_first_named_past_the_first_sentence_is_no_pages_subject():
    text = (
        "Budget review\nThe deficit totaled $1.7 trillion in fiscal year 2023.\n"
        "Analysts in the United States were not surprised.\n" + RECEIPTS
    )
    assert by_value(text)["4.44 trillion dollars"].to_yaml_dict()["entity"] == ""


def test_a_title_before_the_place_is_named_is_not_given_it():
    """052: "Federal Deficit Soars to $1.7 Trillion in FY 2023" above "The U.S. federal deficit for
    fiscal year 2023 reached $1.695 trillion": the page refers back to a place, not ahead."""
    text = (
        "Federal Deficit Soars to $1.7 Trillion in FY 2023\n\n"
        "The U.S. federal deficit for fiscal year 2023 reached a staggering $1.695 trillion.\n" + RECEIPTS
    )
    found = by_value(text)
    assert found["1.7 Trillion dollars"].to_yaml_dict()["entity"] == ""
    assert found["1.695 trillion dollars"].entity == "United States"
    assert found["4.44 trillion dollars"].entity == "United States"


def test_a_name_before_the_measure_is_an_owner_not_a_kind():
    """ "Tesla revenue rose 3% to $25 billion" on a page that writes Tesla mid-sentence: Tesla's
    revenue, not the country's."""
    text = (
        "U.S. electric car sales rise in 2023\n"
        "U.S. buyers bought more electric cars from Tesla and others in 2023.\n"
        "Tesla revenue rose 3% to $25 billion."
    )
    assert by_value(text)["25 billion dollars"].to_yaml_dict()["entity"] != "United States"


def test_a_subject_that_is_no_aggregate_of_a_place_is_not_given_it():
    """A page about India's election: "Turnout rose 2% to 67%" would be India's, but turnout is
    not the kind of figure a page states of its place without naming it; left as it was read."""
    text = "India votes in 2019\nIndia held its general election in 2019.\nTurnout rose 1.2 percent to 67.4 percent."
    found = by_value(text)
    assert found and all(c.entity != "India" or "entity" in c.missing for c in found.values())


# --------------------------------------------------------------------------- the title's year


def test_the_titles_year_dates_only_a_level_a_change_came_to():
    base = "U.S. budget deficit rises in FY 2023\nU.S. budget deficit totaled nearly $1.7 trillion.\n"
    found = by_value(base + "Total receipts fell to $4.44 trillion, down from $4.9 trillion.")
    assert found["4.44 trillion dollars"].period == "2023"
    start = found["4.9 trillion dollars"]  # where it came from: another year, not stated
    assert (start.entity, start.measure, start.period, start.missing) == ("United States", "receipts", None, ["period"])
    # a sentence naming a month dates its figures to some year it does not say
    found = by_value(base + "Total receipts fell to $4.44 trillion in December.")
    assert found["4.44 trillion dollars"].period is None
    # a sentence with a year of its own keeps it
    found = by_value(base + "Total receipts fell to $4.44 trillion in 2019.")
    assert found["4.44 trillion dollars"].period == "2019"
    # "due to" is no level a change came to: the 17 % fall stays a change with no period
    found = by_value(base + "Total receipts fell to $4.44 trillion, due mainly to a 17% fall in income tax revenues.")
    assert found["4.44 trillion dollars"].period == "2023"
    assert all(c.period is None for c in found.values() if c.value.startswith("17"))


def test_a_title_dated_by_its_month_or_naming_two_years_dates_nothing():
    """ "Economy at a Glance, January 2023": when it was published, not what it reports on."""
    for title in ("Economy at a Glance, January 2023", "U.S. budget deficit rises in 2023 and 2024"):
        text = f"{title}\nU.S. budget deficit totaled nearly $1.7 trillion.\nTotal receipts fell to $4.44 trillion."
        assert by_value(text)["4.44 trillion dollars"].period is None, title


# --------------------------------------------------------------------------- any place, year and figures

PLACES = ["Canada", "Kenya", "Japan", "Ontario", "Toronto", "Brazil", "Germany", "India"]


@settings(max_examples=40, deadline=None)
@given(
    place=st.sampled_from(PLACES),
    other=st.sampled_from(PLACES),
    year=st.integers(min_value=1995, max_value=2030),
    # not the title's own $90 billion: the figures are found by their value
    receipts=st.integers(min_value=2, max_value=900).filter(lambda figure: figure != 90),
    pct=st.integers(min_value=1, max_value=40),
    measure=st.sampled_from(["receipts", "revenue", "spending", "outlays"]),
)
def test_the_level_of_a_pages_aggregate_is_its_only_places_of_its_titles_year(
    place: str, other: str, year: int, receipts: int, pct: int, measure: str
):
    title = f"{place} budget deficit rises in FY {year}\n{place} budget deficit totaled $90 billion.\n"
    level = f"{receipts} billion dollars"
    found = by_value(f"{title}Total {measure} fell by {pct}%, to ${receipts} billion.")
    assert fields(found[level]) == (place, measure, str(year), "candidate")
    # another place named anywhere: whose it is, the page no longer says
    if other != place:
        found = by_value(f"{title}Total {measure} fell by {pct}%, to ${receipts} billion. {other} did better.")
        assert found[level].to_yaml_dict()["entity"] != place
