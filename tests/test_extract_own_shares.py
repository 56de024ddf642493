"""A place's share of its own whole, with its part unnamed, waits for review: "5.4 percent of GDP"
written as the United States' "share of GDP" would meet another page's 97 % (the debt's) as the
same figure. With its part named it is compared as "<part> as a share of GDP"; a share of another
place's whole is a figure of its own."""

from __future__ import annotations

import reconcile
from reconcile.extract import extract_document, extract_file


def _claims(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    doc = extract_document(text, document="t.txt", source_id="t", published="2023-10-10")
    return {c.value: (c.status, c.measure, c.entity) for c in doc.claims}


def test_a_countrys_share_of_its_own_gdp_with_its_part_unnamed_waits_for_review():
    got = _claims("Economy\nThe United States hit 5.4 percent of GDP in 2022.\n")
    assert got["5.4 percent"][0] == "needs-review"
    energy = _claims("Power\nGlobally, renewables generated 12 per cent of global electricity in 2022.\n")
    assert energy["12 percent"][0] == "needs-review"


def test_a_share_of_another_places_whole_is_compared():
    eu = _claims("EU GDP\nCroatia generated less than one percent of EU GDP in 2017.\n")
    assert eu["less than one percent"] == ("candidate", "share of EU GDP", "Croatia")


def test_with_its_part_named_check_reads_the_part_as_a_share_of_the_whole(tmp_path):
    article = tmp_path / "deficit.txt"
    article.write_text("Budget\nThe US deficit equaled 6.2 percent of GDP in 2023.\n")
    extract_file(article, tmp_path / "claims", published="2023-10-10")
    report = reconcile.check(tmp_path / "claims")
    (claim,) = [c for c in report.claims if "6.2" in c.value.text]
    assert claim.measure.what == "deficit as a share of GDP" and claim.alone is None
