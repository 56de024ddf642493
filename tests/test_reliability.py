"""Culprits, source reliability and best estimates, on a health repo and a population repo."""

from __future__ import annotations

import json

import pytest

import reconcile
from reconcile.consistency.consensus import find_consensus, weighted_median
from reconcile.consistency.reliability import beta_interval
from reconcile.model import Interval
from reconcile.present import baseline
from reconcile.present.render import render
from reconcile.present.shown import estimate_cells

from .conftest import write

CENSUS = "source: {id: census, kind: reference, title: National statistics}\nclaims:\n"


def _article(folder, name, *claims: str) -> None:
    write(folder, f"{name}.yaml", f"source: {{id: {name}}}\nclaims:\n" + "".join(f"  - {c}\n" for c in claims))


def _culprits(report):
    return {f.culprit for f in report.findings if f.severity != "info"}


def test_a_derived_rate_votes_so_three_agree_against_one(tmp_path):
    """620 deaths ÷ the census = 5.99 per 100,000: with two articles that is three against one."""
    write(tmp_path, "census.yaml", CENSUS + "  - {id: pop, entity: Portugal, value: '10,352,042 people'}\n")
    _article(tmp_path, "daily", "{id: deaths, entity: Portugal, value: '620 deaths'}")
    _article(tmp_path, "weekly", "{id: rate, entity: Portugal, value: '6.0 deaths per 100,000 people'}")
    _article(tmp_path, "monthly", "{id: rate, entity: Portugal, value: 'about 6 deaths per 100,000 people'}")
    _article(tmp_path, "blog", "{id: rate, entity: Portugal, value: '9.5 deaths per 100,000 people'}")
    report = reconcile.check(tmp_path)
    flagged = [f for f in report.findings if f.severity == "error"]
    assert len(flagged) == 1
    assert flagged[0].culprit == "blog/rate"
    assert flagged[0].location.file.endswith("blog.yaml")
    assert "no majority" not in flagged[0].message


def test_two_unknown_sources_that_disagree_stay_undecided(tmp_path):
    _article(tmp_path, "alpha", "{id: gdp, entity: Chile, value: '$301 billion GDP'}")
    _article(tmp_path, "beta", "{id: gdp, entity: Chile, value: 'US$ 344 billion GDP'}")
    report = reconcile.check(tmp_path)
    (finding,) = [f for f in report.findings if f.severity == "error"]
    assert finding.culprit is None
    assert set(finding.rivals) == {"alpha/gdp", "beta/gdp"}
    assert "no majority says which is wrong" in finding.message
    (estimate,) = report.estimates
    assert estimate.disputed and not estimate.decided


def test_a_reference_decides_a_dispute_with_one_article(tmp_path):
    write(tmp_path, "census.yaml", CENSUS + "  - {id: pop, entity: Chile, value: '19,960,889 people', period: 2022}\n")
    _article(tmp_path, "blog", "{id: pop, entity: Chile, value: '21.3 million people', period: 2022}")
    report = reconcile.check(tmp_path)
    (finding,) = [f for f in report.findings if f.severity == "error"]
    assert finding.culprit == "blog/pop"
    assert "Track records decide" in finding.message and "census (a reference)" in finding.message
    (estimate,) = report.estimates
    assert estimate.value == 19_960_889 and estimate.decided and estimate.disputed


def _track_record_repo(folder):
    """`wrong` disagrees with two agreeing sources on five countries; then a one-to-one dispute."""
    countries = {"Chile": 19.6, "Peru": 34.0, "Ecuador": 18.0, "Bolivia": 12.2, "Uruguay": 3.4}
    good = [f"{{id: {c.lower()}, entity: {c}, value: '{v} million people'}}" for c, v in countries.items()]
    bad = [f"{{id: {c.lower()}, entity: {c}, value: '{v * 1.3:.1f} million people'}}" for c, v in countries.items()]
    _article(folder, "trusted", *good, "{id: deaths, entity: Chile, value: '4,100 deaths'}")
    _article(folder, "second", *good)
    _article(folder, "wrong", *bad, "{id: deaths, entity: Chile, value: '5,300 deaths'}")


def test_a_repeatedly_wrong_source_is_the_culprit_with_its_record(tmp_path):
    _track_record_repo(tmp_path)
    report = reconcile.check(tmp_path)
    wrong = report.reliability["wrong"]
    assert (wrong.inside, wrong.outside) == (0, 6)  # the deaths dispute too, judged by the others' records
    assert report.reliability["trusted"].reliability > 0.8 > 0.5 > wrong.reliability
    assert wrong.low < wrong.reliability < wrong.high
    (deaths,) = [f for f in report.findings if f.measure is not None and "wrong/deaths" in f.claims]
    assert deaths.culprit == "wrong/deaths"
    assert "wrong was outside consensus in 6 of 6 claims" in deaths.message
    assert "trusted in 0 of 6" in deaths.message


def test_explain_shows_the_weights_that_decided(tmp_path):
    _track_record_repo(tmp_path)
    from reconcile.present.explain import explain

    text = explain(reconcile.check(tmp_path), "wrong/deaths")
    assert "Weights" in text
    assert "wrong" in text and "outside consensus in 6 of 6" in text
    # the votes of the group itself: the trusted figure heavier than the wrong one
    votes = text[text.index("votes (weight") :].splitlines()[1:3]
    assert "✓ trusted/deaths" in votes[0] and "✕ wrong/deaths" in votes[1]
    assert float(votes[0].split()[0]) > float(votes[1].split()[0])


def test_a_source_with_two_claims_is_not_known_to_be_reliable():
    few_low, few_high = beta_interval(4 + 2, 2)
    many_low, many_high = beta_interval(4 + 200, 2)
    assert few_high - few_low > 0.4  # two claims inside: still anywhere from ~0.5 to ~0.97
    assert many_high - many_low < 0.05
    low, high = beta_interval(2, 3)  # exact: Beta(2, 3) quantiles
    assert low == pytest.approx(0.09761, abs=1e-4) and high == pytest.approx(0.75139, abs=1e-4)


def test_rounding_is_not_disagreement_and_the_estimate_is_the_shared_part(tmp_path):
    _article(tmp_path, "alpha", "{id: pop, entity: Springfield, value: '74,000 people'}")
    _article(tmp_path, "beta", "{id: pop, entity: Springfield, value: '74,123 people'}")
    _article(tmp_path, "gamma", "{id: pop, entity: Springfield, value: 'about 74,000 people'}")
    report = reconcile.check(tmp_path)
    assert [f for f in report.findings if f.severity != "info"] == []
    (estimate,) = report.estimates
    assert 74_122.5 <= estimate.value <= 74_123.5
    assert estimate.sources == 3 and not estimate.disputed


def test_a_wild_value_does_not_drag_the_estimate(tmp_path):
    for i, text in enumerate(["74,123", "74,100", "about 74,000", "74.1 thousand", "7,412,356"]):
        _article(tmp_path, f"s{i}", f"{{id: pop, entity: Springfield, value: '{text} people'}}")
    report = reconcile.check(tmp_path)
    (estimate,) = report.estimates
    assert estimate.value == pytest.approx(74_123, rel=1e-3)
    assert _culprits(report) == {"s4/pop"}


def test_weighted_median_is_robust_and_the_plain_median_when_weights_are_equal():
    assert weighted_median([1, 2, 3, 4], [1, 1, 1, 1]) == 2.5
    assert weighted_median([1, 2, 1e9], [1, 1, 1]) == 2
    assert weighted_median([10, 20, 30], [5, 1, 1]) == 10


def test_weights_decide_only_by_a_margin():
    a, b = Interval(1, 2), Interval(3, 4)
    assert find_consensus([a, b], [1.5, 3.5], [1.0, 1.2], margin=0.5).rivals  # too close to call
    decided = find_consensus([a, b], [1.5, 3.5], [1.0, 2.0], margin=0.5)
    assert decided.members == (1,) and decided.by_weight


def test_one_fault_one_finding_for_a_sources_wrong_arithmetic(tmp_path):
    """The source's rate is wrong by its own figures; other sources' figures give the same
    implied rate: one arithmetic-inconsistency, not also a derived contradiction."""
    _article(
        tmp_path,
        "paper",
        "{id: beds, entity: Peru, value: '54,000 hospital beds'}",
        "{id: pop, entity: Peru, value: '34 million people'}",
        "{id: rate, entity: Peru, value: '2.4 hospital beds per 1,000 people', computed_from: [beds, pop]}",
    )
    _article(tmp_path, "other", "{id: beds, entity: Peru, value: 'about 54,000 hospital beds'}")
    write(tmp_path, "reconcile.toml", '[nouns]\nhospital_bed = ["hospital beds"]\n')
    report = reconcile.check(tmp_path)
    about_rate = [f for f in report.findings if "paper/rate" in f.claims and f.severity != "info"]
    assert [f.rule for f in about_rate] == ["arithmetic-inconsistency"]
    assert about_rate[0].culprit == "paper/rate"


def test_an_agreeing_claim_does_not_resurface_a_baselined_finding(tmp_path):
    write(tmp_path, "census.yaml", CENSUS + "  - {id: pop, entity: Chile, value: '19,960,889 people'}\n")
    _article(tmp_path, "blog", "{id: pop, entity: Chile, value: '21.3 million people'}")
    base = baseline.load(baseline.dump(reconcile.check(tmp_path)), file="b.json")
    _article(tmp_path, "agrees", "{id: pop, entity: Chile, value: 'nearly 20 million people'}")
    result = baseline.apply(reconcile.check(tmp_path), base)
    assert [f for f in result.new if f.severity != "info"] == []
    assert result.stale == []


def test_an_old_baseline_without_culprits_still_reads(tmp_path):
    write(tmp_path, "census.yaml", CENSUS + "  - {id: pop, entity: Chile, value: '19,960,889 people'}\n")
    _article(tmp_path, "blog", "{id: pop, entity: Chile, value: '21.3 million people'}")
    report = reconcile.check(tmp_path)
    doc = json.loads(baseline.dump(report))
    for entry in doc["entries"]:
        del entry["culprit"]
    result = baseline.apply(report, baseline.load(json.dumps(doc), file="old.json"))
    assert result.new == [] and result.stale == []


def test_json_carries_culprits_estimates_and_sources(tmp_path):
    _track_record_repo(tmp_path)
    doc = json.loads(render(reconcile.check(tmp_path), "json"))
    deaths = next(f for f in doc["findings"] if "wrong/deaths" in f["claims"])
    assert deaths["culprit"] == "wrong/deaths"
    chile = next(e for e in doc["estimates"] if e["entity"] == "Chile" and e["measure"] == "person")
    assert chile["value"] == 19.6e6 and chile["sources"] == 2 and chile["disputed"] is True
    assert {"entity", "measure", "scope", "period", "value", "low", "high", "unit", "claims"} <= set(chile)
    wrong = next(s for s in doc["sources"] if s["id"] == "wrong")
    assert (wrong["claims"], wrong["inside"], wrong["outside"]) == (6, 0, 6)
    assert 0 < wrong["reliability"] < 0.5


def test_estimates_and_sources_frames(seed_report):
    estimates = seed_report.estimates_frame()
    china = estimates[(estimates["entity"] == "China") & (estimates["measure"] == "person")]
    assert list(china["value"]) == [1_411_778_724]  # the census decides against 1.46 billion
    assert (estimates["low"] <= estimates["value"]).all() and (estimates["value"] <= estimates["high"]).all()
    sources = seed_report.sources_frame().set_index("id")
    assert sources.loc["seed-003", "outside"] >= 2
    assert sources.loc["ref-china-nbs-census-2020", "reliability"] > sources.loc["seed-003", "reliability"]


def test_no_seed_finding_says_no_majority_where_a_reference_decides(seed_report):
    for finding in seed_report.findings:
        if "no majority" in finding.message:
            sources = {c.split("/")[0] for c in finding.claims}
            assert not any(s.startswith("ref-") for s in sources), finding.message
            assert finding.culprit is None and len(finding.rivals) >= 2
        elif finding.severity != "info":  # a culprit, or (a spread both ends of which agree) the rivals
            assert finding.culprit is not None or len(finding.rivals) >= 2, finding.message


def test_the_report_has_estimates_and_sources_tables_and_names_culprits(seed_report):
    page = render(seed_report, "html")
    assert '<h2 id="estimates">Best estimates</h2>' in page
    assert '<h2 id="sources">Sources</h2>' in page
    assert "Likely wrong: <code>seed-003/london-rate</code>" in page
    assert "<code>ref-china-nbs-census-2020</code>" in page
    assert page.index("1.41 B person") < page.index('<h2 id="sources">')


def test_estimates_and_sources_commands(tmp_path):
    from typer.testing import CliRunner

    from reconcile.cli import app

    _track_record_repo(tmp_path)
    runner = CliRunner()
    text = runner.invoke(app, ["estimates", str(tmp_path)])
    assert text.exit_code == 0
    assert "Chile" in text.output and "19.6 M person" in text.output and "disputed" in text.output
    rows = runner.invoke(app, ["estimates", str(tmp_path), "--format", "csv"]).output.splitlines()
    assert rows[0].startswith("entity,measure,scope,period,kind,value,low,high,unit,sources,disputed")
    assert len(rows) == 1 + 6  # five populations and one death toll
    doc = json.loads(runner.invoke(app, ["sources", str(tmp_path), "--format", "json"]).output)
    assert doc[0]["id"] == "wrong"  # least reliable first
    table = runner.invoke(app, ["sources", str(tmp_path)]).output
    assert table.splitlines()[1].split()[:5] == ["wrong", "article", "6", "0", "6"]


def test_annotations_sit_on_the_culprits_line(tmp_path):
    """The census is listed first, but the SARIF result and the GitHub annotation point at the blog."""
    write(tmp_path, "census.yaml", CENSUS + "  - {id: pop, entity: Chile, value: '19,960,889 people'}\n")
    _article(tmp_path, "blog", "{id: pop, entity: Chile, value: '21.3 million people'}")
    report = reconcile.check(tmp_path)
    sarif = json.loads(render(report, "sarif"))
    (result,) = [r for r in sarif["runs"][0]["results"] if r["level"] == "error"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("blog.yaml") and location["region"]["startLine"] == 3
    assert result["properties"]["culprit"] == "blog/pop"
    github = render(report, "github")
    assert "blog.yaml,line=3," in github and "census.yaml,line" not in github


def test_two_good_claims_do_not_make_a_source_trusted_enough_to_decide(tmp_path):
    """A source agreed with twice, against a source with no record: still undecided, said plainly."""
    good = [
        "{id: peru, entity: Peru, value: '34.0 million people'}",
        "{id: chile, entity: Chile, value: '19.6 million people'}",
    ]
    _article(tmp_path, "careful", *good, "{id: beds, entity: Peru, value: '54,000 hospital beds'}")
    _article(tmp_path, "echo", *good)
    _article(tmp_path, "newcomer", "{id: beds, entity: Peru, value: '71,000 hospital beds'}")
    write(tmp_path, "reconcile.toml", '[nouns]\nhospital_bed = ["hospital beds"]\n')
    report = reconcile.check(tmp_path)
    assert (report.reliability["careful"].inside, report.reliability["careful"].outside) == (2, 0)
    (finding,) = [f for f in report.findings if f.severity == "error"]
    assert finding.culprit is None and set(finding.rivals) == {"careful/beds", "newcomer/beds"}
    assert "Track records do not decide either: careful was outside consensus in 0 of 2 claims" in finding.message


def test_estimates_are_shown_in_the_form_people_wrote_them(tmp_path):
    """A death rate per 100,000 stays per 100,000, a share a percentage, a one-in-N rate keeps its 1 per N;
    the JSON keeps canonical numbers."""
    write(tmp_path, "census.yaml", CENSUS + "  - {id: pop, entity: Portugal, value: '10,352,042 people'}\n")
    _article(
        tmp_path,
        "daily",
        "{id: rate, entity: Portugal, value: '6.0 road deaths per 100,000 people'}",
        "{id: doctors, entity: Portugal, value: '1 doctor for every 180 people'}",
        "{id: share, entity: Portugal, value: '1.5 percent of EU GDP', of: European Union, period: 2022}",
    )
    report = reconcile.check(tmp_path)
    shown = {e.measure.unit: estimate_cells(e, report) for e in report.estimates}
    assert shown["death / person"][1:] == ("6.00 death per 100,000 person", "[5.95, 6.05]")
    assert shown["doctor / person"][1] == "0.00556 doctor/person (1 per 180)"
    assert shown["dimensionless"][1:] == ("1.50%", "[1.45, 1.55] %")
    doc = json.loads(render(report, "json"))
    rate = next(e for e in doc["estimates"] if e["unit"] == "death / person")
    assert rate["value"] == pytest.approx(6.0e-5)
