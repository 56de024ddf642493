"""SARIF 2.1.0 and GitHub Actions annotations: shape, locations, stable fingerprints, limits."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import yaml

from reconcile.model import Claim, Finding, Interval, Location, Report, Source, Value
from reconcile.present.render import github, sarif

SRC = Source("seed-003", "Chinese cities are under the heaviest CCTV surveillance in the world")


def claim(cid: str, text: str, low: float, high: float, line: int) -> Claim:
    v = Value(
        text,
        None,
        "=",
        low,
        "camera / person",
        "camera / person",
        low,
        Interval(low, high),
        Interval(low, high),
        Interval(low, high),
    )
    return Claim(cid, SRC, "London", "London", v, Location(f"claims/{cid.split('/')[0]}.yaml", line))


def finding(
    rule="cross-source-contradiction",
    severity="error",
    line=64,
    others=(12, 20),
    gap=4.47,
    message="London: 13.35 per 1,000 disagrees with 1 per 14, gap 447%.",
    claims=("a", "b", "c"),
) -> Finding:
    return Finding(
        id="f" + str(line),
        rule=rule,
        severity=severity,
        message=message,
        entity="London",
        measure="camera / person",
        claims=claims,
        subjects=claims,
        gap=gap,
        location=Location("claims/seed-003.yaml", line),
        related=tuple(Location("claims/seed-001.yaml", n) for n in others),
    )


def report(*findings: Finding) -> Report:
    claims = [claim("seed-001/london-rate", "one camera for every 14 people", 1 / 14.5, 1 / 13.5, 12)]
    return Report(claims=claims, derived=[], findings=list(findings))


# --------------------------------------------------------------------------- SARIF


def test_sarif_shape():
    doc = json.loads(
        sarif.render(
            report(finding(), finding("value-spread", "warning", 30), finding("projection-differs", "info", 40))
        )
    )
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "reconcile"
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    assert rules[0]["shortDescription"]["text"]  # titles come from reconcile.rules
    results = run["results"]
    assert len(results) == 3  # one per finding
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    first = results[0]
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "claims/seed-003.yaml"
    assert loc["region"]["startLine"] == 64
    related = first["relatedLocations"]
    assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [12, 20]
    assert related[0]["message"]["text"].startswith("seed-001/london-rate: one camera for every 14 people")
    assert first["message"]["text"].startswith("London: 13.35")


def test_sarif_fingerprints_survive_moved_lines_and_changed_values():
    before = json.loads(sarif.render(report(finding(line=64, others=(12, 20), gap=4.47))))
    after = json.loads(sarif.render(report(finding(line=90, others=(3, 41), gap=3.9, message="changed"))))
    fp = lambda doc: doc["runs"][0]["results"][0]["partialFingerprints"]  # noqa: E731
    assert fp(before) == fp(after)
    other = json.loads(sarif.render(report(finding(claims=("a", "b", "d")))))
    assert fp(other) != fp(before)


def test_sarif_finding_without_location():
    f = Finding(id="x", rule="config-error", severity="error", message="bad toml")
    result = json.loads(sarif.render(report(f)))["runs"][0]["results"][0]
    assert "locations" not in result and result["ruleId"] == "config-error"


def test_sarif_absolute_paths_become_relative_to_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    f = replace(finding(), location=Location(str(tmp_path / "claims" / "x.yaml"), 3), related=())
    loc = json.loads(sarif.render(report(f)))["runs"][0]["results"][0]["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "claims/x.yaml"


# --------------------------------------------------------------------------- GitHub


def test_github_annotation_format_and_escaping():
    f = finding(message="line one\nline two: 100% sure, really")
    (line,) = github.render(report(f)).splitlines()
    assert line.startswith("::error file=claims/seed-003.yaml,line=64,title=cross-source-contradiction%3A London")
    assert line.endswith("::line one%0Aline two: 100%25 sure, really")


def test_github_most_severe_first_and_levels():
    out = github.render(
        report(finding("projection-differs", "info", 1), finding("value-spread", "warning", 2), finding(line=3))
    ).splitlines()
    assert [line.split(" ", 1)[0] for line in out] == ["::error", "::warning", "::notice"]


def test_github_limits_and_closing_notice():
    findings = [finding(line=i, claims=(str(i),)) for i in range(1, 14)]  # 13 errors
    findings += [finding("value-spread", "warning", 100 + i, claims=(f"w{i}",)) for i in range(12)]
    findings += [finding("period-change", "info", 200 + i, claims=(f"i{i}",)) for i in range(3)]
    out = github.render(report(*findings)).splitlines()
    assert sum(line.startswith("::error ") for line in out) == github.ANNOTATION_LIMITS["error"] == 10
    assert sum(line.startswith("::warning ") for line in out) == github.ANNOTATION_LIMITS["warning"] == 10
    assert out[-1].startswith("::notice title=reconcile::5 more findings not shown")
    assert "3 error, 2 warning" in out[-1]
    # within a level the largest gap comes first
    gaps = [finding(line=i, gap=g, claims=(str(i),)) for i, g in ((1, 0.1), (2, 9.0), (3, 1.0))]
    assert [line.split("line=")[1].split(",")[0] for line in github.render(report(*gaps)).splitlines()] == [
        "2",
        "3",
        "1",
    ]


def test_github_nothing_to_say():
    assert github.render(report()) == ""


# --------------------------------------------------------------------------- real seed claims


def test_seed_sarif_points_at_real_claim_lines(seed_report):
    root = Path(__file__).resolve().parents[1]
    doc = json.loads(sarif.render(seed_report))
    results = doc["runs"][0]["results"]
    assert len(results) == len(seed_report.findings) > 0

    def line_of(physical: dict) -> str:
        path = Path(physical["artifactLocation"]["uri"])
        path = path if path.is_absolute() else root / path
        assert path.suffix in {".yaml", ".yml", ".csv"}
        return path.read_text(encoding="utf-8").splitlines()[physical["region"]["startLine"] - 1]

    claims_at = {(Path(c.location.file).resolve(), c.location.line): c for c in seed_report.claims}
    for result in results:
        for loc in [*result.get("locations", []), *result.get("relatedLocations", [])]:
            physical = loc["physicalLocation"]
            path = Path(physical["artifactLocation"]["uri"])
            claim = claims_at[
                ((path if path.is_absolute() else root / path).resolve(), physical["region"]["startLine"])
            ]
            # the line is that claim's entry in its YAML file: "- id: <local id>"
            assert line_of(physical).strip() == f"- id: {claim.id.split('/', 1)[1]}"


# --------------------------------------------------------------------------- pre-commit hook


def test_pre_commit_hook_checks_the_whole_repo():
    root = Path(__file__).resolve().parents[1]
    (hook,) = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "reconcile-check"
    assert hook["entry"] == "reconcile check" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert all(
        files.search(p)
        for p in ("claims/seed-001.yaml", "claims/reference/uk.yml", "claims/reconcile.toml", "claims/table.csv")
    )
    assert not any(files.search(p) for p in ("src/reconcile/cli.py", "README.md", "reclaims/x.yaml"))
