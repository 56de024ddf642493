"""The shipped claims repo: what `reconcile check` must flag on the five seed articles, and must not."""

from __future__ import annotations

import pytest

from reconcile.pipeline import exit_code


def _touching(report, *claim_ids):
    """Findings that rest on every one of these claims."""
    return [f for f in report.findings if all(c in f.claims for c in claim_ids)]


def _severities(findings):
    return {f.severity for f in findings}


def test_check_exits_1_with_errors_and_no_input_problems(seed_report):
    assert seed_report.input_errors == []
    assert exit_code(seed_report, "error") == 1
    assert len(seed_report.claims) >= 60


def test_uk_estimated_5_9_million_against_over_6_million_is_flagged(seed_report):
    found = _touching(seed_report, "seed-001/uk-cameras")
    assert any("seed-001/uk-cameras-estimated" in f.claims or "seed-000/uk-cameras" in f.claims for f in found)
    assert _severities(found) & {"error", "warning"}


def test_us_one_per_six_against_50_million_and_census_names_the_implied_rate(seed_report):
    found = _touching(seed_report, "seed-001/us-rate", "ref-us-census-2020/us-population")
    assert found, "the US rate is not compared with cameras ÷ census population"
    finding = found[0]
    assert finding.severity in {"error", "warning"}
    assert "1 per 6.6" in finding.message
    assert "331,449,281 people" in finding.message


def test_london_627707_for_9_1_million_is_not_nearly_74_per_1000(seed_report):
    found = [
        f
        for f in _touching(seed_report, "seed-004/london-rate", "seed-004/london-cameras", "seed-004/london-population")
        if f.rule == "arithmetic-inconsistency"
    ]
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].gap == pytest.approx(73 / (627707 / 9.1e6 * 1000) - 1, rel=1e-6)  # 5.8 %
    assert "69.0 per 1,000" in found[0].message


def test_london_13_35_per_1000_against_one_per_14_is_an_error(seed_report):
    found = _touching(seed_report, "seed-003/london-rate", "seed-001/london-rate")
    assert found and found[0].severity == "error"
    assert found[0].subjects[0] == "seed-003/london-rate"  # the outlier is named first


def test_china_432_2_per_1000_against_626_million_for_1_46_billion_is_flagged(seed_report):
    found = [f for f in _touching(seed_report, "seed-003/china-rate-2021-high") if f.rule == "arithmetic-inconsistency"]
    assert found and found[0].severity in {"error", "warning"}
    assert found[0].gap == pytest.approx(432.15 / (626 / 1.46) - 1, rel=1e-3)


def test_nyc_187_per_square_mile_against_11000_cameras_over_land_area(seed_report):
    found = _touching(
        seed_report, "seed-003/nyc-density", "seed-004/nyc-cameras", "ref-nyc-census-2020-land-area/nyc-land-area"
    )
    assert found and found[0].severity == "error"
    assert "36.6" in found[0].message  # 11,000 ÷ 300.46 mi²


@pytest.mark.parametrize(
    "claim_id",
    [
        "seed-000/china-cameras",
        "seed-001/china-cameras",
        "seed-001/china-cameras-estimated",
        "seed-002/china-cameras",
        "seed-000/china-population",
        "seed-004/china-population",
        "seed-001/china-rate",
        "seed-002/china-rate",
        "seed-004/chongqing-cameras",
        "seed-004/chongqing-population",
        "seed-004/chongqing-rate",
        "seed-001/chongqing-cameras",
        "seed-004/atlanta-rate",
        "seed-004/atlanta-cameras",
        "seed-004/atlanta-population",
        "seed-004/chicago-rate",
        "seed-004/chicago-cameras",
        "seed-004/chicago-population",
        "seed-004/washington-rate",
        "seed-004/washington-cameras",
        "seed-004/washington-population",
    ],
)
def test_not_flagged(seed_report, claim_id):
    flagged = [f for f in seed_report.findings if claim_id in f.claims and f.severity != "info"]
    assert flagged == [], [f.message for f in flagged]


def test_372_8_per_1000_is_not_an_error(seed_report):
    found = _touching(seed_report, "seed-003/china-rate-2021")
    assert "error" not in _severities(found)


def test_every_finding_points_at_a_real_claim_line(seed_report):
    lines = {c.id: c.location for c in seed_report.claims}
    for finding in seed_report.findings:
        assert finding.location is not None
        assert finding.location in set(lines.values())
