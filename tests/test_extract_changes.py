"""A stated change and the two levels it was computed from, read together (extract/changes.py):
"The federal deficit jumped by 28% between fiscal year 2022 and fiscal year 2023, from $1.375
trillion to $1.69 trillion" is a change of the deficit over 2022–2023 computed from the deficit
of 2022 and that of 2023, which `check` then holds to its arithmetic (+22.9 %, not +28 %).
On the budget page of the corpus, on health and defence spending in shillings and euros, and
on a share that moved by points (no percentage change at all)."""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

import reconcile
from reconcile.extract import extract_document, write_claim_file
from reconcile.extract.candidates import CandidateClaim

from .conftest import ROOT, check_entries, raised

DOCUMENT_053 = ROOT / "benchmarks" / "corpus" / "documents" / "053-us-deficit-fy2023-du-reuters.txt"
TITLE = "A report on public money\n"


def claims_of(sentence: str) -> list[CandidateClaim]:
    return extract_document(TITLE + sentence, document="t.txt", source_id="t").claims


def by_value(sentence: str) -> dict[str, CandidateClaim]:
    return {c.value: c for c in claims_of(sentence)}


def checked(sentence: str, folder: Path):
    write_claim_file(extract_document(TITLE + sentence, document="t.txt", source_id="t"), folder)
    return reconcile.check(folder)


# --------------------------------------------------------------------------- what extract writes

US = (
    "The US federal deficit jumped by 28% between fiscal year 2022 and fiscal year 2023, from $1.375 trillion "
    "to $1.69 trillion, according to CBO estimates."
)


def test_the_change_is_a_change_of_the_deficit_computed_from_its_two_levels():
    found = by_value(US)
    change, start, end = found["28 percent"], found["1.375 trillion dollars"], found["1.69 trillion dollars"]
    assert (change.entity, change.measure, change.role, change.period) == (
        "United States",
        "deficit",
        "change",
        "2022-2023",
    )
    assert change.computed_from == [start.id, end.id]
    assert (start.measure, start.period) == ("deficit", "2022")
    assert (end.measure, end.period) == ("deficit", "2023")
    assert all(c.status == "candidate" for c in (change, start, end))  # check compares them
    written = change.to_yaml_dict()
    assert (written["measure"], written["role"], written["period"]) == ("deficit", "change", "2022-2023")


def test_check_names_the_change_and_both_levels_in_one_alarm(tmp_path: Path):
    report = checked(US, tmp_path)
    alarms = raised(report)
    assert len(alarms) == 1
    (alarm,) = alarms
    found = by_value(US)
    ids = {f"t/{found[v].id}" for v in ("28 percent", "1.375 trillion dollars", "1.69 trillion dollars")}
    assert set(alarm.claims) == ids
    assert alarm.culprit == f"t/{found['28 percent'].id}"
    assert "22.9 percent" in alarm.message  # 1.69 ÷ 1.375 − 1


def test_the_level_it_came_to_may_come_first_with_each_levels_own_year(tmp_path: Path):
    sentence = "Kenya's health spending rose 21% to KSh 116.5 billion in 2022, from KSh 104 billion in 2021."
    found = by_value(sentence)
    change, start, end = found["21 percent"], found["104 billion KES"], found["116.5 billion KES"]
    # from the level of 2021 to that of 2022: the change in 2022, as check reads `period: 2022`
    assert (change.measure, change.role, change.period) == ("health spending", "change", "2022")
    assert change.computed_from == [start.id, end.id]
    assert (start.period, end.period) == ("2021", "2022")
    assert not any("no period" in d for d in change.doubts)  # dated after all
    (alarm,) = raised(checked(sentence, tmp_path))
    assert set(alarm.claims) == {f"t/{c.id}" for c in (change, start, end)}  # +12.0 %, not +21 %


def test_a_consistent_change_raises_nothing(tmp_path: Path):
    # 116.5 ÷ 104 = 1.1202: "12%"
    sentence = "Kenya's health spending rose 12% between 2021 and 2022, from KSh 104 billion to KSh 116.5 billion."
    found = by_value(sentence)
    assert found["12 percent"].computed_from and found["12 percent"].role == "change"
    report = checked(sentence, tmp_path / "kenya")
    assert raised(report) == []
    assert len(report.claims) == 3  # compared, not held for review
    # 497.7 ÷ 469.1 = 1.061: "6.1%"
    germany = "Germany's health spending rose 6.1% to €497.7 billion in 2022, compared with €469.1 billion in 2021."
    found = by_value(germany)
    assert found["6.1 percent"].computed_from == [found["469.1 billion euros"].id, found["497.7 billion euros"].id]
    report = checked(germany, tmp_path / "germany")
    assert raised(report) == [] and len(report.claims) == 3


def test_a_fall_is_a_negative_change(tmp_path: Path):
    wrong = "Germany's defence spending fell 12% between 2021 and 2022, from €50.0 billion to €46.0 billion."
    right = "Germany's defence spending fell 8% between 2021 and 2022, from €50.0 billion to €46.0 billion."
    change = by_value(wrong)["fell 12 percent"]
    assert (change.measure, change.role, change.period) == ("defence spending", "change", "2021-2022")
    assert len(raised(checked(wrong, tmp_path / "wrong"))) == 1  # −8 %, not −10 %
    assert raised(checked(right, tmp_path / "right")) == []


def test_a_change_in_one_year_dates_the_level_it_came_to_not_the_one_it_started_from():
    found = by_value("France's GDP grew 2% in 2022, from €2.50 trillion to €2.55 trillion.")
    change, start, end = found["2 percent"], found["2.50 trillion euros"], found["2.55 trillion euros"]
    assert (change.measure, change.role, change.period) == ("GDP", "change", "2022")
    assert (end.measure, end.period) == ("GDP", "2022")
    assert start.measure == "GDP" and "period" in start.missing and start.status == "needs-review"
    assert "period" not in start.to_yaml_dict()


def test_what_changed_is_the_subjects_own_words_when_the_vocabulary_names_no_measure(tmp_path: Path):
    found = by_value(
        "Nigeria's population grew 2.4% between 2021 and 2022, from 213.4 million people to 218.5 million people."
    )
    change = found["2.4 percent"]
    assert (change.measure, change.role, change.period) == ("population", "change", "2021-2022")
    assert len(change.computed_from) == 2
    energy = "Brazil's electricity generation increased by 3.2% between 2021 and 2022, from 656 TWh to 677 TWh."
    found = by_value(energy)
    assert found["3.2 percent"].measure == "electricity generation"
    assert found["656 TWh"].measure == found["677 TWh"].measure == "electricity generation"  # TWh alone says too little
    assert raised(checked(energy, tmp_path / "energy")) == []  # 677 ÷ 656 = 1.032
    assert len(raised(checked(energy.replace("3.2%", "3.1%"), tmp_path / "energy-wrong"))) == 1
    # the place after the subject is where, not what: −21.7 %, not −5 %
    roads = "Road deaths in France fell 5% between 2019 and 2020, from 3,244 to 2,541."
    found = by_value(roads)
    change = found["fell 5 percent"]
    assert (change.entity, change.measure) == ("France", "road deaths")
    (alarm,) = raised(checked(roads, tmp_path / "roads"))
    assert alarm.culprit == f"t/{change.id}"


def test_a_change_restated_in_brackets_and_a_level_stated_before(tmp_path: Path):
    """Ember's solar review: "rose by 24% (+245 TWh), from 1,039 TWh in 2021 to 1,284 TWh in 2022",
    after "Solar power produced 4.5% (1,284 TWh) of global electricity in 2022"."""
    text = (ROOT / "benchmarks" / "corpus" / "documents" / "026-ember-solar-trends-2022.txt").read_text(
        encoding="utf-8"
    )
    doc = extract_document(text, document="026.txt", source_id="s")
    found = {c.value: c for c in doc.claims if c.entity == "World"}
    change, start, end = found["24 percent"], found["1,039 TWh"], found["1,284 TWh"]
    assert (change.entity, change.measure, change.role, change.period) == (
        "World",
        "solar electricity generation",
        "change",
        "2022",
    )
    assert change.computed_from == [start.id, end.id]  # the 1,284 TWh of the earlier sentence, kept once
    assert "produced" in end.quote and end.measure == "solar electricity generation" and end.period == "2022"
    assert found["245 TWh"].status == "needs-review"  # a change of an amount: not read, as before
    write_claim_file(doc, tmp_path)
    assert raised(reconcile.check(tmp_path)) == []  # 1,284 ÷ 1,039 = +23.6 %: "24%"
    # a figure kept earlier with the same value but another measure is no level of this change
    other = extract_document(
        "Report\nGermany's GDP was €1.56 trillion in 2022.\nGermany's exports grew 14% between 2021 and 2022, "
        "from €1.37 trillion to €1.56 trillion.\n",
        document="t.txt",
        source_id="t",
    ).claims
    (exports,) = [c for c in other if c.role == "change"]
    assert exports.measure == "exports" and exports.computed_from == []


def test_the_place_after_a_known_measure_is_where_not_what():
    found = by_value(
        "Health spending in Kenya rose 12% between 2021 and 2022, from KSh 104 billion to KSh 116.5 billion."
    )
    change, start, end = found["12 percent"], found["104 billion KES"], found["116.5 billion KES"]
    assert (change.entity, change.measure, change.role) == ("Kenya", "health spending", "change")
    # read alone, the level it came to took the change's name ("health spending change"): no longer
    assert (start.measure, start.period, end.measure, end.period) == (
        "health spending",
        "2021",
        "health spending",
        "2022",
    )


def test_the_year_of_the_change_before_the_level_it_came_to():
    found = by_value("Germany's exports grew 14% in 2022 to €1.56 trillion from €1.37 trillion.")
    change, start, end = found["14 percent"], found["1.37 trillion euros"], found["1.56 trillion euros"]
    assert (change.measure, change.role, change.period) == ("exports", "change", "2022")
    assert change.computed_from == [start.id, end.id]
    assert (end.measure, end.period) == ("exports", "2022")
    assert start.measure == "exports" and start.status == "needs-review" and "period" in start.missing


def test_a_change_noun_then_what_changed(tmp_path: Path):
    consistent = (
        "Kenya recorded a 12% increase in health spending between 2021 and 2022, from KSh 104 billion to "
        "KSh 116.5 billion."
    )
    found = by_value(consistent)
    change = found["12 percent"]
    assert (change.measure, change.role, change.period) == ("health spending", "change", "2021-2022")
    assert found["104 billion KES"].measure == "health spending"  # read alone: "spending"
    assert raised(checked(consistent, tmp_path / "consistent")) == []
    deficit = (
        "The US saw a 28% rise in the federal deficit between fiscal year 2022 and fiscal year 2023, from $1.375 "
        "trillion to $1.69 trillion."
    )
    found = by_value(deficit)
    assert (found["28 percent"].measure, found["28 percent"].period) == ("deficit", "2022-2023")
    (alarm,) = raised(checked(deficit, tmp_path / "deficit"))
    assert set(alarm.claims) == {f"t/{c.id}" for c in found.values()}
    fall = "France recorded a 12% drop in road deaths in 2020, to 2,541 deaths from 3,244 deaths in 2019."
    found = by_value(fall)
    assert (found["fell 12 percent"].measure, found["fell 12 percent"].period) == ("road deaths", "2020")
    assert len(raised(checked(fall, tmp_path / "fall"))) == 1  # −21.7 %


def test_the_start_level_counted_back_from_the_end_levels_year(tmp_path: Path):
    wrong = "US defense spending rose 9% to $774 billion in 2023, up from $723 billion the previous year."
    found = by_value(wrong)
    change, start, end = found["9 percent"], found["723 billion dollars"], found["774 billion dollars"]
    assert (change.measure, change.period, start.period, end.period) == ("defense spending", "2023", "2022", "2023")
    assert change.computed_from == [start.id, end.id]
    (alarm,) = raised(checked(wrong, tmp_path / "wrong"))  # 774 ÷ 723 = +7.1 %
    assert alarm.culprit == f"t/{change.id}"
    assert raised(checked(wrong.replace("9%", "7%"), tmp_path / "right")) == []
    # "last year" counts from a date the sentence does not give: the start level stays undated
    found = by_value("US defense spending rose 7% to $774 billion in 2023, from $723 billion last year.")
    assert found["723 billion dollars"].status == "needs-review" and "period" in found["723 billion dollars"].missing


# --------------------------------------------------------------------------- when the sentence says it otherwise


def test_points_of_a_share_are_no_percentage_change(tmp_path: Path):
    for i, sentence in enumerate(
        (
            "Kenya's deficit share rose by 2 points from 5.4% to 6.2% between 2021 and 2022.",
            "In Kenya, the share rose by 2 points from 5.4% to 6.2% between 2021 and 2022.",
        )
    ):
        claims = claims_of(sentence)
        assert "2 percentage points" in {c.value for c in claims}, sentence
        assert not any(c.role == "change" or c.computed_from for c in claims), sentence
        assert "2 percent" not in {c.value for c in claims}, sentence
        assert raised(checked(sentence, tmp_path / str(i))) == [], sentence


def test_a_change_of_a_percentage_between_two_percentages_is_left_alone():
    # relative (+14.8 %) or sloppy points (+0.8)? which one is a guess
    claims = claims_of("Kenya's unemployment rate rose 0.8% between 2021 and 2022, from 5.4% to 6.2%.")
    assert not any(c.role == "change" or c.computed_from for c in claims)


def test_a_measure_ending_a_phrase_is_not_what_changed():
    claims = claims_of(
        "US net outlays for interest on the public debt rose by 33% between 2022 and 2023, from $534 billion "
        "to $711 billion."
    )
    assert not any(c.role == "change" or c.computed_from for c in claims)
    assert not any(c.measure == "public debt" for c in claims)


def test_levels_in_two_currencies_or_a_year_of_something_else_are_left_alone():
    for sentence in (
        "Kenya's health spending rose 12% between 2021 and 2022, from $1.04 billion to KSh 116.5 billion.",
        "Kenya's health spending, the highest since 2015, rose 12% between 2021 and 2022, from KSh 104 "
        "billion to KSh 116.5 billion.",
        "Kenya's health spending rose 12%, from KSh 104 billion to KSh 116.5 billion.",  # no year at all
        "It rose 12% between 2021 and 2022, from KSh 104 billion to KSh 116.5 billion.",
        "Unemployment in Spain fell 12% between 2021 and 2022, from 3.4 million people to 3.0 million people.",
        "Kenya's sales of the company rose 12% between 2021 and 2022, from KSh 104 billion to KSh 116.5 billion.",
    ):
        assert not any(c.role == "change" or c.computed_from for c in claims_of(sentence)), sentence


def test_the_budget_page_of_the_corpus_links_its_change_for_when_its_country_is_known():
    """053 names no country in the sentence: the entity is a person's (or the refer-back's) to
    fill; the measure, periods and computed_from are already there."""
    text = DOCUMENT_053.read_text(encoding="utf-8")
    claims = extract_document(text, document=DOCUMENT_053.name, source_id="053").claims
    found = {c.value: c for c in claims}
    change, start, end = found["28 percent"], found["1.375 trillion dollars"], found["1.69 trillion dollars"]
    assert (change.measure, change.role, change.period) == ("deficit", "change", "2022-2023")
    assert change.computed_from == [start.id, end.id]
    assert (start.measure, start.period, end.measure, end.period) == ("deficit", "2022", "deficit", "2023")
    # the level of the next sentences' changes ("rose by 33% to $711 billion") has no start level: not linked
    assert not found["33 percent"].computed_from and found["33 percent"].role is None


# --------------------------------------------------------------------------- end to end, any figures


@given(
    start=st.integers(min_value=100, max_value=9_999),  # tenths of a billion
    growth=st.integers(min_value=1, max_value=60),
    # "10%", "20%": a round number whose last zero may be no digit (check reads "10" as 5 to 15)
    stated=st.integers(min_value=1, max_value=60).filter(lambda p: p % 10 != 0),
    falls=st.booleans(),
)
def test_check_raises_an_alarm_exactly_when_the_stated_change_disagrees_with_its_levels(
    start: int, growth: int, stated: int, falls: bool
):
    end = start * (100 - growth if falls else 100 + growth) // 100
    assume(end > 0)
    ratio = Fraction(end, start) - 1  # the levels as written
    # a stated whole percent is anything from rounded to truncated: [P − 0.5, P + 1), mirrored for a fall
    low, high = Fraction(2 * stated - 1, 200), Fraction(stated + 1, 100)
    size = -ratio if falls else ratio
    assume(size not in (low, high))  # on a bound exactly, float rounding decides (12.2 ÷ 10.0 = 1.2199…)
    agrees = low <= size < high
    verb = "fell" if falls else "rose"
    sentence = (
        f"Kenya's health spending {verb} {stated}% between 2021 and 2022, from KSh {start / 10:.1f} billion "
        f"to KSh {end / 10:.1f} billion."
    )
    with tempfile.TemporaryDirectory() as folder:
        alarms = raised(checked(sentence, Path(folder)))
    assert len(alarms) == (0 if agrees else 1), sentence


# --------------------------------------------------------------------------- check: one finding per fault


def _budget(change: str, computed: bool) -> list[dict[str, object]]:
    entry: dict[str, object] = {
        "id": "change",
        "entity": "Kenya",
        "value": change,
        "measure": "health spending",
        "role": "change",
    }
    entry["period"] = "2021-2022"
    if computed:
        entry["computed_from"] = ["start", "end"]
    return [
        entry,
        {"id": "start", "entity": "Kenya", "value": "28.9 billion KES", "measure": "health spending", "period": "2021"},
        {"id": "end", "entity": "Kenya", "value": "36.1 billion KES", "measure": "health spending", "period": "2022"},
    ]


def test_a_change_computed_from_its_levels_is_judged_as_its_arithmetic_once(tmp_path: Path):
    # 36.1 ÷ 28.9 − 1 = +24.9 %
    wrong = raised(check_entries(tmp_path / "wrong", {"s": _budget("28 percent", computed=True)}))
    assert [f.rule for f in wrong] == ["arithmetic-inconsistency"]
    assert set(wrong[0].claims) == {"s/change", "s/start", "s/end"}
    # "24%" is +24.9 % truncated: its own figures allow it
    assert raised(check_entries(tmp_path / "truncated", {"s": _budget("24 percent", computed=True)})) == []
    # not computed from them: judged against the levels of its two years
    alone = raised(check_entries(tmp_path / "alone", {"s": _budget("28 percent", computed=False)}))
    assert [f.rule for f in alone] == ["change-inconsistency"]
