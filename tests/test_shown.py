"""Estimates of a power, an energy or a price per kWh are shown in a unit a person reads (the
unit a supporting claim was written in), not pint's base units (kg·km²/year³)."""

from __future__ import annotations

from pathlib import Path

import reconcile
from reconcile.present.render.html.view import _estimate_rows
from reconcile.present.tables import estimates

ENERGY = Path(__file__).resolve().parents[1] / "examples" / "energy"


def test_energy_estimates_read_in_written_units():
    report = reconcile.check(ENERGY)
    text = estimates(report)
    assert "kilogram * km²" not in text and "year ** " not in text
    lines = text.splitlines()
    france = next(line for line in lines if line.startswith("France") and "nuclear capacity" in line)
    assert "61.4 gigawatt" in france and "[61.35, 61.45]" in france
    day_ahead = [line for line in lines if "day-ahead price (EUR/megawatt_hour)" in line]
    assert any("95.2 EUR/megawatt_hour" in line for line in day_ahead)
    rows = _estimate_rows(report)
    solar = [r for r in rows if r.entity == "Germany" and r.measure.startswith("installed solar capacity")]
    assert solar and solar[0].value == "82.2 gigawatt" and solar[0].interval == "[82.15, 82.25]"


def test_counts_and_rates_keep_their_canonical_unit():
    report = reconcile.check(Path(__file__).resolve().parents[1] / "examples" / "economy")
    text = estimates(report)
    assert "USD/person" in text and "person " in text  # GDP per person and populations as before


def test_explain_shows_a_power_in_its_own_unit_and_names_the_measure():
    from reconcile.present.explain import explain

    report = reconcile.check(ENERGY)
    text = explain(report, "climate-desk/germany-solar-capacity")
    assert "means    (90.0, 100] gigawatt" in text and " T]" not in text
    assert "installed solar capacity (power)" in text
    finding = next(f for f in report.findings if f.culprit == "climate-desk/germany-solar-capacity")
    assert finding.message.startswith("Germany, installed solar capacity (power) in 2023:")


def test_a_gap_of_a_thousandfold_reads_as_in_the_message():
    from reconcile.formatting import fmt_gap

    assert fmt_gap(996.8) == "gap 997×" and fmt_gap(4.47) == "gap 447 %" and fmt_gap(12_345.0) == "gap 12,345×"
    report = reconcile.check(ENERGY)
    mw = next(f for f in report.findings if f.culprit == "power-wire/france-nuclear-capacity")
    assert "gap 997×" in mw.message and fmt_gap(mw.gap) == "gap 997×"


def test_the_html_finding_of_a_power_reads_in_the_claims_unit():
    from reconcile.present.render import render

    page = render(reconcile.check(ENERGY), "html")
    assert "kilogram * kilometer" not in page and "kilogram * km" not in page
    assert "interval (megawatt)" in page and "[61,350, 61,450]" in page  # 61.4 GW beside 61.4 MW


def test_a_comparison_estimate_reads_as_a_signed_percentage_and_its_times(tmp_path):
    (tmp_path / "imf.yaml").write_text(
        "source:\n  id: imf\nclaims:\n"
        "  - {id: us, entity: United States, value: $25.4 trillion, measure: GDP, period: 2022}\n"
        "  - {id: jp, entity: Japan, value: $4.2 trillion, measure: GDP, period: 2022}\n"
        "  - {id: more, entity: United States, role: comparison, than: Japan, value: 3.5 times, measure: GDP,"
        " period: 2022}\n"
        "  - {id: less, entity: Japan, role: comparison, than: Germany, value: 20 percent less, measure: GDP,"
        " period: 2022}\n"
    )
    lines = estimates(reconcile.check(tmp_path)).splitlines()
    us = next(line for line in lines if "GDP relative to Japan" in line)
    assert "+250% (3.50 times)" in us and "[+245, +255] %" in us  # "3.5 times" is A ÷ B − 1 = 2.5
    japan = next(line for line in lines if "GDP relative to Germany" in line)
    assert "-20.0% (0.800 times)" in japan and "[-25.0, -15.0] %" in japan


def test_explain_says_what_a_comparison_is_checked_against_and_reads_its_estimate(tmp_path):
    from reconcile.present.explain import explain

    (tmp_path / "ons.yaml").write_text(
        "source:\n  id: ons\nclaims:\n"
        "  - {id: uk, entity: United Kingdom, value: £285000, measure: average house price, period: 2023}\n"
        "  - {id: london, entity: London, value: 83 percent more, role: comparison, than: United Kingdom,"
        " measure: average house price, period: 2023}\n"
    )
    text = explain(reconcile.check(tmp_path), "ons/london")
    assert "checked against London's average house price ÷ United Kingdom's, in 2023" in text
    assert "Best estimate  +83.0% (1.83 times) [+82.5, +83.5] %" in text
