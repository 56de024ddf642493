"""The Python API for notebooks, and CSV tables of claims (bulk sources) read through pandas."""

from __future__ import annotations

import reconcile

from .conftest import CLAIMS, write


def test_check_returns_report_with_dataframes(seed_report):
    claims = seed_report.claims_frame()
    assert len(claims) == len(seed_report.claims)
    london = claims.set_index("id").loc["seed-004/london-rate"]
    assert (london["low"], london["high"]) == (0.073, 0.074)
    findings = seed_report.findings_frame()
    assert set(findings["severity"]) <= {"error", "warning", "info"}
    assert (findings["rule"] == "arithmetic-inconsistency").any()
    derived = seed_report.derived_frame()
    assert derived["explanation"].str.contains("[÷×].* = ").all()  # every derived value says how


def test_public_surface_is_all():
    assert set(reconcile.__all__) >= {"check", "Report", "Claim", "Finding", "Interval"}
    for name in reconcile.__all__:
        assert getattr(reconcile, name) is not None


def test_csv_table_of_claims_with_lines(tmp_path):
    write(
        tmp_path,
        "census.csv",
        "id,entity,value,kind,period,source_title\n"
        'pop-fr,France,"68,373,433 people",reference,2023,INSEE estimates\n'
        'pop-de,Germany,"84,482,267 people",reference,2023,INSEE estimates\n',
    )
    write(
        tmp_path,
        "article.yaml",
        "source: {id: art}\nclaims:\n"
        "  - {id: fr, entity: France, value: 'one doctor for every 300 people'}\n"
        "  - {id: fr-docs, entity: France, value: 'about 230,000 doctors'}\n",
    )
    write(tmp_path, "reconcile.toml", '[nouns]\ndoctor = ["physician"]\n')
    report = reconcile.check(tmp_path)
    assert report.input_errors == []
    table = {c.id: c for c in report.claims}
    assert table["census/pop-de"].location.line == 3
    assert table["census/pop-fr"].kind == "reference" and table["census/pop-fr"].period.label == "2023"
    assert report.sources["census"].title == "INSEE estimates"
    # 230,000 doctors ÷ 68.4 M people = 1 per 297: consistent with "one for every 300"
    assert any(d.entity == "France" for d in report.derived)
    assert [f for f in report.findings if f.severity == "error"] == []


def test_check_accepts_a_single_path_string():
    assert len(reconcile.check(str(CLAIMS)).claims) > 60
