"""Pages never used while building extract (held-out Canadian budget reports, real excerpts):
what `extract` then `check` got wrong on them, each fixed with a case of another domain."""

from __future__ import annotations

from pathlib import Path

import reconcile
from reconcile.extract import extract_document, write_claim_file

CANADA = (
    "Canada Records C$19 Billion Deficit in 2017-18 Fiscal Year\n"
    "The final budgetary results indicated that Canada's revenue rose 6.9% in the last fiscal year, "
    "to C$313.61 billion."
)
PLEDGE = (
    "Canada's deficit reaches $25.7 billion\n"
    "Canada has reported a budgetary deficit of $25.7 billion as of the end of January. "
    "Canada's commitments include capping the deficit at approximately $40 billion for the current fiscal year."
)


def _by_value(text: str) -> dict:
    return {c.value: c for c in extract_document(text, document="d.txt", source_id="d").claims}


def test_the_level_a_change_came_to_after_its_period_measures_the_thing_not_its_change():
    """ "revenue rose 6.9% in the last fiscal year, to C$313.61 billion": 313.61 billion is revenue;
    it was written as "revenue change", a level compared with changes."""
    level = _by_value(CANADA)["313.61 billion CAD"]
    assert level.measure == "revenue"
    health = _by_value("Kenya's health spending grew 4.2 percent in 2022, to KSh 125 billion.")
    assert (health["125 billion KES"].measure, health["4.2 percent"].measure) == (
        "health spending",
        "health spending growth",
    )


def test_a_cap_or_pledge_is_a_projection_never_an_estimate_against_the_figure_to_date(tmp_path: Path):
    """A deficit of $25.7 billion to January and a pledge to cap it at about $40 billion for the year
    were an error 'cannot all be true'; the pledge is a figure to come, compared only at info."""
    doc = extract_document(PLEDGE, document="d.txt", source_id="d")
    found = {c.value: c for c in doc.claims}
    assert found["approximately 40 billion dollars"].kind == "projection"
    assert found["25.7 billion dollars"].kind != "projection"
    write_claim_file(doc, tmp_path)
    report = reconcile.check(tmp_path)
    assert [f for f in report.findings if f.severity in ("error", "warning")] == []


BRIDGEND = (
    "Bridgend: 2019 general election results\n"
    "Candidate | Party | Votes | Vote (%) | Change (%) |\n"
    "---|---|---|---|---|\n"
    "Jamie Wallis | Con | 18,193 | 43.1 | 3.3 |\n"
    "Madeleine Moon | Lab | 17,036 | 40.3 | -10.3 |\n"
)


def test_a_table_figure_takes_its_own_columns_name_not_the_next_name_in_the_header():
    """Held-out Bridgend results: with a text column (Party) between the name and the figures, each
    figure took the header names in turn from the second, so the vote share 43.1 became "43.1
    votes" and the 18,193 votes were dropped; beside another page's 18,193 votes, a false error."""
    votes = {c.entity: c.value for c in extract_document(BRIDGEND, document="d.txt", source_id="d").claims}
    assert votes == {"Jamie Wallis": "18,193 votes", "Madeleine Moon": "17,036 votes"}
    table = (
        "Population by country, 2023\n"
        "Country | Continent | Population |\n"
        "---|---|---|\n"
        "Nigeria | Africa | 223,800,000 |\n"
        "Brazil | South America | 216,400,000 |\n"
    )
    people = {c.entity: c.value for c in extract_document(table, document="d.txt", source_id="d").claims}
    assert people == {"Nigeria": "223,800,000 people", "Brazil": "216,400,000 people"}
