"""Extraction on three real pages about one fiscal year's federal deficit (issue 9: CBO's
Monthly Budget Review, a business weekly, a forum repost of a wire story), each behaviour
also on a text of another domain: figures whose owner the text never names, the title
line whole, a fiscal year's end that does not date its figures, a change between two years,
and a change followed by the level it reached."""

from __future__ import annotations

from pathlib import Path

import yaml

import reconcile
from reconcile.extract import extract_document, write_claim_file
from reconcile.extract.candidates import CandidateClaim

# --------------------------------------------------------------------------- the pages (verbatim excerpts)

CBO = (
    "Monthly Budget Review: Summary for Fiscal Year 2023\n\n"
    "In fiscal year 2023, which ended on September 30, the federal budget deficit totaled nearly $1.7 "
    "trillion—an increase of $320 billion (or 23 percent) from the shortfall recorded in the previous year. "
    "Revenues and outlays alike declined from 2022 totals—revenues fell by 9 percent, or $457 billion, and "
    "outlays decreased by 2 percent, or $137 billion.\n"
    "In 2023, the deficit was equal to 6.3 percent of the nation’s gross domestic product (GDP). That "
    "deficit is greater than the 50-year average of 3.7 percent and has been exceeded only six times since "
    "1946 (from 2009 through 2012 and in 2020 and 2021)."
)
DU_TITLE = "U.S. budget deficit rises in FY 2023 amid surging interest rates"

# A health-spending page of the same shape: a national statistics office that never names its country.
HEALTH = (
    "National Health Expenditure: Summary for 2022\n\n"
    "In 2022, national health spending grew to $4.5 trillion, and spending on hospital care "
    "rose by 2.2 percent. The average over the decade was 4.1 percent, and the share was exceeded "
    "only three times."
)


def claims_of(text: str, published: str | None = "2023-10-10") -> list[CandidateClaim]:
    return extract_document(text, document="t.txt", source_id="t", published=published).claims


def by_value(text: str, published: str | None = "2023-10-10") -> dict[str, CandidateClaim]:
    return {c.value: c for c in claims_of(text, published)}


# --------------------------------------------------------------------------- figures nobody is named as owning


def test_cbo_figures_of_a_country_never_named_are_written_for_review_not_dropped():
    found = by_value(CBO)
    deficit = found["nearly 1.7 trillion dollars"]
    assert deficit.status == "needs-review" and "entity" in deficit.missing
    assert deficit.to_yaml_dict()["entity"] == ""
    # what the text offers instead of an owner, and the measure as a guess only (not written)
    assert "names no place" in deficit.doubts[0]
    assert "measure perhaps 'deficit'" in deficit.doubts
    assert "measure" not in deficit.to_yaml_dict()
    share = found["6.3 percent of GDP"]
    assert "'the nation' points at a place this document never names" in share.doubts[0]
    assert share.to_yaml_dict().get("period") is None and "period perhaps 2023" in share.doubts


def test_an_owner_less_figure_that_says_nothing_of_what_it_measures_is_not_written():
    """ "the 50-year average", "only six times", "since 1946": not figures a reviewer wants."""
    values = set(by_value(CBO))
    assert not {v for v in values if "50" in v or "six" in v or "1946" in v}
    health = by_value(HEALTH)
    assert set(health) >= {"4.5 trillion dollars", "2.2 percent"}
    assert not [v for v in health if "three" in v]
    assert all(c.status == "needs-review" and not c.to_yaml_dict()["entity"] for c in health.values())


def test_check_lists_the_owner_less_figures_and_compares_none(tmp_path: Path):
    doc = extract_document(CBO, document="cbo.txt", source_id="cbo", published="2023-10-10")
    write_claim_file(doc, tmp_path)
    data = yaml.safe_load((tmp_path / "cbo.yaml").read_text("utf-8"))
    assert len(data["claims"]) == len(doc.claims) >= 7
    report = reconcile.check(tmp_path)
    assert not report.input_errors
    assert [f.rule for f in report.findings] == ["needs-review"]
    assert str(len(doc.claims)) in report.findings[0].message


def test_a_figure_after_a_named_place_still_gets_the_place_as_a_guess_only():
    """du.txt: "… due mainly to a 17% fall in income tax revenues, to $2.18 trillion" after sentences
    about the U.S.: the sentence names no place, and the figure is no change of the aggregate it
    opens with (receipts), so whose figure it is waits for a person, the U.S. offered."""
    text = (
        "U.S. budget deficit rises\nU.S. budget deficit totaled nearly $1.7 trillion in fiscal year 2023.\n"
        "Total receipts were in turn down by 9%, to $4.44 billion - due mainly to a 17% fall in income tax "
        "revenues, to $2.18 trillion."
    )
    taxes = by_value(text)["2.18 trillion dollars"]
    assert taxes.to_yaml_dict()["entity"] == ""
    assert taxes.doubts[0] == "entity not established (perhaps United States)"


# --------------------------------------------------------------------------- the title line


def test_the_title_is_the_first_line_whole_not_cut_at_an_abbreviation():
    doc = extract_document(DU_TITLE + "\nThe deficit was $1.7 trillion.", document="du.txt", source_id="du")
    assert doc.title == DU_TITLE
    doc = extract_document("U.K. inflation falls to 4.6% in October\nText.", document="t.txt", source_id="t")
    assert doc.title == "U.K. inflation falls to 4.6% in October"
    # a sentence end and a dash still end a title
    doc = extract_document("Heathrow is busy. Read more here\nText.", document="t.txt", source_id="t")
    assert doc.title == "Heathrow is busy."


# --------------------------------------------------------------------------- periods


def test_a_fiscal_year_is_the_period_and_the_day_it_ended_dates_nothing():
    """du.txt: "in fiscal year 2023, which ended on September 30" was dated 2023-09-30."""
    text = (
        "U.S. budget deficit rises\nU.S. budget deficit totaled nearly $1.7 trillion in fiscal year 2023, "
        "which ended on September 30, as interest rates have been surging."
    )
    assert by_value(text)["nearly 1.7 trillion dollars"].period == "2023"
    # another domain, another spelling: a UK financial year, "FY" with a school budget
    assert (
        by_value("NHS\nIn the United Kingdom, NHS spending was £160 billion in financial year 2021/22.")[
            "160 billion pounds sterling"
        ].period
        == "2021/22"
    )
    found = by_value("Schools\nIn Canada, school spending reached $80 billion in FY 2022.")
    assert found["80 billion dollars"].period == "2022"


def test_a_day_a_period_ended_or_began_on_is_not_the_date_of_the_figures():
    text = "Budget\nThe fiscal year, which ended on September 30, closed with a deficit of $1.7 trillion in the United States."
    assert by_value(text)["1.7 trillion dollars"].period is None  # not 2023-09-30
    text = "Sales\nIn Japan, the quarter that began on April 1 saw car sales of 1.2 million cars."
    assert by_value(text)["1.2 million vehicles"].period is None
    # a day that dates the figure still does
    assert by_value("Deaths\nIn Brazil, deaths reached 4,000 on September 30.")["4,000 deaths"].period == "2023-09-30"


def test_a_change_between_two_years_is_over_both():
    text = (
        "Deficit\nIn the United States, the federal deficit jumped by 28% between fiscal year 2022 and fiscal "
        "year 2023, from $1.375 trillion to $1.69 trillion."
    )
    assert by_value(text)["28 percent"].period == "2022-2023"
    text = "Roads\nIn the European Union, road deaths fell by 17% between 2019 and 2020."
    assert by_value(text)["17 percent"].period == "2019-2020"
    # a level of such a sentence is no change: it keeps its own year
    text = "Roads\nIn France, road deaths were 3,244 in 2019, between 2019 and 2020 a year of lockdowns."
    assert by_value(text)["3,244 deaths"].period == "2019"


def test_the_previous_years_figure_and_its_gloss_are_of_the_previous_year():
    """bizweekly.txt: "... for fiscal year 2023 reached $1.695 trillion, ... from the previous year’s
    $1.376 trillion (5.4% of GDP)": the sentence's 2023 dated all four."""
    text = (
        "Deficit\nThe U.S. federal deficit for fiscal year 2023 reached a staggering $1.695 trillion, or "
        "approximately 6.3% of gross domestic product (GDP), marking a sharp increase from the previous "
        "year’s $1.376 trillion (5.4% of GDP)."
    )
    found = by_value(text)
    assert found["1.695 trillion dollars"].period == "2023"
    assert found["1.376 trillion dollars"].period == "2022"
    assert found["5.4 percent"].period == "2022"
    # health: the year before's spending, and its share of GDP in brackets
    text = (
        "Health\nIn Canada, health spending in 2022 was $331 billion, up from the previous year’s $308 billion "
        "(12.2% of GDP)."
    )
    found = by_value(text)
    assert found["331 billion dollars"].period == "2022"
    assert found["12.2 percent of GDP"].period == "2021"


def test_slipped_is_a_fall_not_a_level():
    """du.txt: "Total federal outlays, however, slipped 1.4% to $6.13 trillion" read 1.4 % as a level of spending."""
    text = "Budget\nIn the United States, total federal outlays slipped 1.4% to $6.13 trillion in 2023."
    assert by_value(text)["1.4 percent"].measure == "outlays change"
    text = "Exports\nIn Germany, exports dipped 2.1% to €1.56 trillion in 2023."
    assert by_value(text)["2.1 percent"].measure == "exports change"


# --------------------------------------------------------------------------- a share of the claim's own whole


def test_a_share_of_gdp_names_its_part_and_keeps_its_whole(tmp_path: Path):
    """CBO: "the deficit was equal to 6.3 percent of the nation’s gross domestic product (GDP)" and
    "federal debt held by the public ... rising to 97.3 percent of GDP": written as "6.3 percent"
    and "97.3 percent", both `measure: share of GDP`, they were two values of one measure."""
    text = (
        "Budget\nIn the United States, the deficit was equal to 6.3 percent of the nation’s gross domestic "
        "product (GDP) in 2023. In the United States, federal debt held by the public also increased in "
        "2023, rising to 97.3 percent of GDP."
    )
    found = by_value(text)
    deficit, debt = found["6.3 percent of GDP"], found["97.3 percent of GDP"]
    assert (deficit.measure, deficit.period, deficit.status) == ("deficit", "2023", "candidate")
    assert debt.measure == "federal debt"
    # check reads them as two ratios (deficit ÷ GDP, debt ÷ GDP), not one measure with two values
    doc = extract_document(text, document="b.txt", source_id="b", published="2023-10-10")
    write_claim_file(doc, tmp_path)
    report = reconcile.check(tmp_path)
    assert not report.input_errors
    assert not [f for f in report.findings if f.severity in ("error", "warning")]
    # health: the same for a part of another whole
    health = by_value("Health\nIn Canada, health spending was 12.2 percent of GDP in 2022.")
    assert health["12.2 percent of GDP"].measure == "spending"


def test_a_share_with_no_part_named_stays_a_share_of_its_whole():
    found = by_value("Economy\nIn Canada, in 2022, exports were worth $780 billion, or 35 percent of GDP.")
    assert found["35 percent of GDP"].measure == "exports"
    found = by_value("Economy\nIn 2022, Canada grew by 3.4 percent, and 35 percent of GDP came from services.")
    assert found["35 percent"].measure == "share of GDP"


# --------------------------------------------------------------------------- a cue inside a name


def test_a_measure_word_inside_an_organisations_name_says_nothing_of_the_figure():
    """bizweekly.txt: "According to the Congressional Budget Office (CBO), this represents roughly a
    23% rise, or an increase of $319 billion" became a 23 % change of a "budget", compared."""
    text = (
        "Deficit\nThe U.S. federal deficit for fiscal year 2023 reached $1.695 trillion. According to the "
        "Congressional Budget Office (CBO), this represents roughly a 23% rise, or an increase of $319 billion."
    )
    found = by_value(text)
    for value in ("23 percent", "319 billion dollars"):
        assert found[value].measure is None and found[value].status == "needs-review"
    # health: an institute's name is no measure either
    found = by_value("Health\nIn Canada, according to the Canadian Institute for Health Spending, costs rose 5.2%.")
    assert found["5.2 percent"].measure != "spending change"
    # a label written in capitals is a measure: its words are all cues, fillers or places
    found = by_value("Germany\nAnnual GDP Growth Rate: 1.6%\nEU GDP share: 24.7%")
    assert found["1.6 percent"].measure == "GDP growth"


# --------------------------------------------------------------------------- a fiscal year told by its end, a restated figure


def test_the_fiscal_year_that_ends_in_a_month_is_counted_from_the_documents_date():
    """Corpus 011 (31 January 2012): "will total $1.1 trillion for the fiscal year that ends in
    September, down slightly from the previous year"; undated, it met 2023's deficits of 052 and 053."""
    text = (
        "Report: US deficit falls slightly to $1.1 trillion\nThe federal government's budget deficit will total "
        "$1.1 trillion for the fiscal year that ends in September, down slightly from the previous year."
    )
    deficit = by_value(text, published="2012-01-31")["1.1 trillion dollars"]
    # the title states the figure first; its restatement in the body dates it, and says it is a projection
    assert (deficit.period, deficit.kind, deficit.status) == ("2012", "projection", "candidate")
    assert by_value(text, published=None)["1.1 trillion dollars"].period is None  # no date to count from
    # education: a year that ended before the document's date; one that ends later this year
    text = "Schools\nIn Canada, school boards spent $80 billion in the fiscal year that ended in June."
    assert by_value(text, published="2023-09-01")["80 billion dollars"].period == "2023"
    assert by_value(text, published="2023-03-01")["80 billion dollars"].period == "2022"
    text = "Schools\nIn Canada, school boards will spend $80 billion in the fiscal year that ends in June."
    assert by_value(text, published="2023-09-01")["80 billion dollars"].period == "2024"


def test_check_keeps_a_dated_restatement_apart_from_another_years_figure(tmp_path: Path):
    old = (
        "Report: US deficit falls slightly to $1.1 trillion\nThe federal government's budget deficit will total "
        "$1.1 trillion for the fiscal year that ends in September, down slightly from the previous year."
    )
    new = "Deficit\nThe U.S. federal deficit for fiscal year 2023 reached a staggering $1.695 trillion."
    for name, text, published in (("old", old, "2012-01-31"), ("new", new, "2023-10-10")):
        write_claim_file(extract_document(text, document=f"{name}.txt", source_id=name, published=published), tmp_path)
    report = reconcile.check(tmp_path)
    assert not [f for f in report.findings if f.severity in ("error", "warning")]


def test_receipts_say_what_an_amount_measures():
    """du.txt: "Total receipts were in turn down by 9%, to $4.44 billion" (an error of that page: they
    were $4.44 trillion) was not written at all: nothing said what the amount measured. It is the
    level its sentence's subject fell to, on a page about the U.S. alone (extract/page.py)."""
    text = (
        "U.S. budget deficit rises\nU.S. budget deficit totaled nearly $1.7 trillion in fiscal year 2023.\n"
        "Total receipts were in turn down by 9%, to $4.44 billion."
    )
    receipts = by_value(text)["4.44 billion dollars"]
    assert (receipts.entity, receipts.measure, receipts.missing) == ("United States", "receipts", [])
    # tourism: the same word, a country named
    found = by_value("Tourism\nIn Thailand, tourism receipts reached $60 billion in 2019.")
    assert (found["60 billion dollars"].measure, found["60 billion dollars"].period) == ("tourism receipts", "2019")


def test_a_change_after_a_sentence_dating_a_level_is_into_that_year():
    """bizweekly.txt: "... for fiscal year 2023 reached $1.695 trillion ... According to the
    Congressional Budget Office (CBO), this represents roughly a 23% rise": from 2022 to 2023."""
    text = (
        "Deficit\nIn the United States, the federal deficit for fiscal year 2023 reached $1.695 trillion. "
        "According to the Congressional Budget Office (CBO), this represents roughly a 23% rise."
    )
    assert by_value(text)["23 percent"].period == "2022-2023"
    text = "Exports\nIn Japan, exports were worth $717 billion in 2023. That was an increase of $30 billion."
    found = by_value(text)
    assert found["717 billion dollars"].period == "2023"  # a level keeps its year
    assert found["30 billion dollars"].period == "2022-2023"


def test_a_word_naming_a_kind_of_the_measure_is_part_of_it():
    """du.txt: "Defense spending rose 7%, to $774 billion" and "Total federal outlays ... slipped 1.4%
    to $6.13 trillion" were both 'spending': accepted as guessed, two false contradictions."""
    text = (
        "Budget\nIn the United States, defense spending rose 7%, to $774 billion in 2023. In the United "
        "States, total federal outlays slipped 1.4% to $6.13 trillion in 2023."
    )
    found = by_value(text)
    assert found["774 billion dollars"].measure == "defense spending"
    assert found["6.13 trillion dollars"].measure == "outlays"  # "total", "federal": of scope, not of kind
    # trade: a trade deficit is not the budget deficit
    found = by_value("Trade\nIn Japan, the trade deficit was $70 billion in 2023; the deficit was $400 billion.")
    assert found["70 billion dollars"].measure == "trade deficit"
    assert found["400 billion dollars"].measure == "deficit"
    # a verb or a superlative before the cue is no kind of it
    found = by_value("Turnout\nIn the United Kingdom, the highest turnout was 83.9% in 1950.")
    assert found["83.9 percent"].measure == "turnout"


def test_an_amount_of_money_stays_money_whatever_noun_follows():
    """bizweekly.txt: "reflecting a $320 billion increase" was "320 billion increases", a unit `check`
    refuses; "the $6.272 trillion spent in FY 2022" was "6.272 trillion spents"."""
    text = (
        "Deficit\nIn the United States, the Treasury confirms the deficit at $1.695 trillion, reflecting a $320 "
        "billion increase from FY 2022."
    )
    increase = by_value(text)["320 billion dollars"]
    # a change of the deficit, not a deficit of $320 billion: what changed is for a person
    assert increase.status == "needs-review" and "measure" in increase.missing
    from reconcile.extract.scanner import scan_line
    from reconcile.extract.vocabulary import lexicon

    (q,) = scan_line("the government announced a $30 billion deal", lexicon(None))
    assert (q.text, q.canonical_unit) == ("$30 billion", "USD")
    (q,) = scan_line("a €2.5 billion rise in health spending", lexicon(None))
    assert (q.text, q.canonical_unit) == ("€2.5 billion", "EUR")
    # a counted noun a reader knows still counts: "$5 per person" is a rate, "5 million cameras" a count
    (q,) = scan_line("5 million cameras", lexicon(None))
    assert q.canonical_unit == "camera"


def test_a_year_compared_with_far_after_the_figure_is_not_its_period():
    """du.txt: "... rose by 33% to $711 billion - mainly because interest rates were significantly higher
    than they were in fiscal year 2022": 2022 is what 2023 is compared with, not the $711 billion's year."""
    text = (
        "Budget\nIn the United States, interest outlays rose by 33% to $711 billion - mainly because interest "
        "rates were significantly higher than they were in fiscal year 2022."
    )
    assert by_value(text)["711 billion dollars"].period != "2022"
    text = (
        "Sales\nIn Japan, car sales reached 4.2 million cars, mostly because prices were lower than they were in 2021."
    )
    assert by_value(text)["4.2 million vehicles"].period != "2021"
    # a year right after a figure is still its own
    assert (
        by_value("Sales\nIn Japan, car sales reached 4.2 million cars in 2021.")["4.2 million vehicles"].period
        == "2021"
    )


def test_a_headline_in_title_case_still_says_what_its_figure_measures():
    """bizweekly.txt's title "Federal Deficit Soars to $1.7 Trillion in FY 2023": its capitals are no
    organisation's name (the gazetteer reads "Federal Deficit Soars" as one)."""
    found = by_value("Federal Deficit Soars to $1.7 Trillion in FY 2023, Equivalent to 6.3% of GDP\nText.")
    assert "measure perhaps 'deficit'" in found["1.7 Trillion dollars"].doubts
    found = by_value("Health Spending Jumps to $4.5 Trillion in 2022\nIn Canada, costs rose.")
    assert "measure perhaps 'health spending'" in found["4.5 Trillion dollars"].doubts
