"""Baselines: keyed on rule + entity + measure + sorted claim ids, so they survive edits."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from reconcile.errors import BaselineError
from reconcile.model import Finding, Location, Report
from reconcile.present import baseline

ROOT = Path(__file__).resolve().parents[1]


def finding(
    rule="cross-source-contradiction",
    entity="London",
    claims=("seed-003/london-rate", "seed-001/london-rate"),
    line=64,
    severity="error",
    message="London disagrees",
) -> Finding:
    return Finding(
        id=f"{rule}:{line}",
        rule=rule,
        severity=severity,
        message=message,
        entity=entity,
        measure="camera / person",
        claims=claims,
        location=Location("claims/seed-003.yaml", line),
    )


def report(*findings: Finding) -> Report:
    return Report(claims=[], derived=[], findings=list(findings))


# --------------------------------------------------------------------------- keys and files


def test_key_is_rule_entity_measure_sorted_claims():
    a = finding(claims=("b", "a"), line=1, message="x")
    b = finding(claims=("a", "b"), line=99, message="y", severity="warning")
    assert baseline.baseline_key(a) == baseline.baseline_key(b)
    key = json.loads(baseline.baseline_key(a))
    assert key == ["cross-source-contradiction", "London", "camera / person", ["a", "b"]]
    assert baseline.baseline_key(a) != baseline.baseline_key(replace(a, rule="value-spread"))
    assert baseline.baseline_key(a) != baseline.baseline_key(replace(a, entity="Paris"))
    assert baseline.baseline_key(a) != baseline.baseline_key(replace(a, measure="camera"))


def test_dump_load_round_trip_and_deterministic():
    r = report(finding(), finding("value-spread", "China", ("x", "y"), severity="warning"))
    text = baseline.dump(r)
    assert text == baseline.dump(report(*reversed(r.findings)))
    doc = json.loads(text)
    assert doc["version"] == 1
    assert set(doc["entries"][0]) == {"key", "rule", "entity", "measure", "claims", "severity", "message", "culprit"}
    loaded = baseline.load(text, file=".reconcile-baseline.json")
    assert loaded.keys() == {baseline.baseline_key(f) for f in r.findings}


def test_input_errors_are_never_baselined():
    bad = finding("parse-error", entity=None, claims=())
    r = report(finding(), bad)
    assert "parse-error" not in baseline.dump(r)
    # even a hand-written entry for it does not hide it
    forged = json.loads(baseline.dump(r))
    forged["entries"].append({"rule": "parse-error", "entity": "", "measure": "camera / person", "claims": []})
    result = baseline.apply(r, baseline.load(json.dumps(forged), file="b.json"))
    assert result.new == [bad]


def test_apply_new_known_stale():
    old = report(finding(), finding("value-spread", "China", ("x", "y")))
    base = baseline.load(baseline.dump(old), file="b.json")
    fresh = finding("cross-source-contradiction", "Paris", ("p", "q"))
    result = baseline.apply(report(finding(line=80, message="moved"), fresh), base)
    assert result.new == [fresh]
    assert [f.entity for f in result.known] == ["London"]
    assert [e.entity for e in result.stale] == ["China"]
    assert "value-spread: China" in str(result.stale[0])


@pytest.mark.parametrize(
    ("text", "line"),
    [("{not json", 1), ('{\n "version": 1,\n "entries": [\n  {"rule": }\n ]\n}', 4)],
)
def test_load_malformed_json_names_file_and_line(text, line):
    with pytest.raises(BaselineError) as err:
        baseline.load(text, file=".reconcile-baseline.json")
    assert err.value.file == ".reconcile-baseline.json" and err.value.line == line
    assert ".reconcile-baseline.json:" in str(err.value)


@pytest.mark.parametrize(
    "doc",
    [
        [],
        {"version": 1},
        {"version": 2, "entries": []},
        {"version": 1, "entries": [1]},
        {"version": 1, "entries": [{"claims": []}]},
        {"version": 1, "entries": [{"rule": "x", "claims": "a"}]},
        {"version": 1, "entries": [{"rule": "x", "claims": [], "entity": 3}]},
    ],
)
def test_load_malformed_shape(doc):
    with pytest.raises(BaselineError) as err:
        baseline.load(json.dumps(doc), file="b.json")
    assert err.value.file == "b.json"


# --------------------------------------------------------------------------- on real claim files


def _check():
    import reconcile

    return reconcile.check


@pytest.fixture
def repo(tmp_path) -> Path:
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    return tmp_path / "claims"


def _reformat(path: Path) -> None:
    """Same claims, different YAML: re-dumped with other indentation, key order and quoting."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(
        yaml.safe_dump(
            doc, indent=4, sort_keys=True, default_flow_style=False, width=60, allow_unicode=True, default_style=None
        ),
        encoding="utf-8",
    )


def _move_claims(path: Path) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["claims"].reverse()
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _insert_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    spaced = text.replace("\n  - id:", "\n\n  - id:")  # a blank line before every claim
    path.write_text("# reviewed again\n\n# (blank lines above and below)\n\n" + spaced, encoding="utf-8")


@pytest.mark.parametrize("edit", [_reformat, _move_claims, _insert_lines])
def test_baseline_survives_edits_of_claim_files(repo, edit):
    check = _check()
    before = check([str(repo)])
    assert before.findings, "the seed claims have findings to baseline"
    base = baseline.load(baseline.dump(before), file="b.json")
    lines_before = {f.id: f.location for f in before.findings}

    for path in sorted(repo.rglob("*.yaml")):
        edit(path)
    after = check([str(repo)])

    result = baseline.apply(after, base)
    assert [f.message for f in result.new] == [], "no new findings after a cosmetic edit"
    assert result.stale == []
    assert len(result.known) == len(after.findings)
    if edit is not _reformat:
        # the edit did move lines: the baseline matched without them
        assert {f.id: f.location for f in after.findings} != lines_before


def _edit(path: Path, change) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc["claims"])
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_baseline_fails_only_on_new_and_reports_stale(repo):
    check = _check()
    base = baseline.load(baseline.dump(check([str(repo)])), file="b.json")
    assert any(e.entity == "Comparitech surveillance study" for e in base.entries)
    # a fix: seed-004's "120 cities" goes, so the 120-vs-150 contradiction is gone (stale entry)
    _edit(
        repo / "seed-004.yaml", lambda claims: claims.remove(next(c for c in claims if c["id"] == "comparitech-cities"))
    )
    # a new problem: two rates for Paris that cannot both be true
    _edit(
        repo / "seed-001.yaml",
        lambda claims: claims.extend(
            [
                {"id": "paris-rate", "entity": "Paris", "value": "one camera for every 14 people"},
                {"id": "paris-rate-2", "entity": "Paris", "value": "one camera for every 70 people"},
            ]
        ),
    )

    result = baseline.apply(check([str(repo)]), base)
    assert result.new and {f.entity for f in result.new} == {"Paris"}
    assert [e.entity for e in result.stale] == ["Comparitech surveillance study"]
    assert len(result.known) == len(base.entries) - 1
