"""Numbers that are no figure of any one entity (corpus 001, 005, 022) and a name that is a state
when the text calls it one (007); each tried on another domain too."""

from __future__ import annotations

from reconcile.extract import extract_document


def values(text: str, published: str | None = None) -> list[tuple[str, str]]:
    doc = extract_document(text, document="t.txt", source_id="t", published=published)
    return [(c.entity, c.value) for c in doc.claims]


def test_the_condition_that_picks_a_set_of_places_is_no_figure_of_one_of_them():
    """022: "eight cities with populations over 10 million" went to Macau, the last place named."""
    text = (
        "Cities\nMacau is the densest place on earth. Altogether, there are eight cities with populations "
        "over 10 million, and Tokyo has 37 million people.\n"
    )
    got = values(text)
    assert ("Tokyo", "37 million people") in got and not any("10 million" in v for _, v in got), got
    economy = "GDP\nThere are 17 countries with GDP above $1 trillion. Japan has a GDP of $4.2 trillion.\n"
    assert [v for _, v in values(economy) if "1 trillion" in v] == []


def test_a_month_and_day_is_no_count():
    """005: "17 countries with 10k or more deaths reported as of 9/29" gave "9 deaths"."""
    text = "Deaths\nBrazil reported 142,058 deaths as of 9/29, and Peru 32,396 deaths as of 9/29/2020.\n"
    got = values(text, "2020-09-30")
    assert [v for _, v in got] == ["142,058 deaths", "32,396 deaths"], got
    # a bare number before a slash that is no day stays what it was
    assert values("Rates\nIn 2021 Chile had 2.1 beds per 1,000 people, or 21/10,000.\n")[0][1].startswith("2.1")


def test_a_norm_the_text_states_is_no_figure_of_fact():
    """001: "a rate of about 85% is often considered a maximum to reduce the risk of bed shortages"."""
    text = (
        "Beds\nThe occupancy rate in Ireland was 90% in 2021. A rate of about 85% is often considered a "
        "maximum to reduce the risk of bed shortages.\n"
    )
    assert [v for _, v in values(text)] == ["90 percent"]
    debt = "Debt\nItaly's debt was 140% of GDP in 2023; 60% of GDP is widely regarded as the limit.\n"
    assert all("60" not in v for _, v in values(debt))


def test_a_name_that_is_a_state_and_a_city_is_the_state_when_the_text_calls_it_one():
    """007: "the worst affected US states are New York (32,464 deaths, ...)" is the state; in
    running text "New York" is the city."""
    text = (
        "Deaths\nIn the USA, the worst affected US states are New York (32,464 deaths, 434,000 cases), "
        "New Jersey (15,943 deaths, 191,000 cases).\nNew York has 8.3 million people.\n"
    )
    got = values(text)
    assert ("New York", "32,464 deaths") in got and ("New York City", "8.3 million people") in got, got
