"""Entity names meet across spellings; reconcile.toml sets the policy, aliases and nouns."""

from __future__ import annotations

import pytest

import reconcile
from reconcile.errors import ConfigError
from reconcile.load.config import parse_config
from reconcile.load.entities import EntityResolver

from .conftest import write


@pytest.mark.parametrize(
    "written, canonical",
    [
        ("UK", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("United Kingdom", "United Kingdom"),
        ("US", "United States"),
        ("USA", "United States"),
        ("America", "United States"),
        ("United States of America", "United States"),
        ("South Korea", "South Korea"),
        ("Korea, Republic of", "South Korea"),
        ("Russian Federation", "Russia"),
        ("GBR", "United Kingdom"),
        ("Chongqing", "Chongqing"),
        ("  New  York City ", "New York City"),
    ],
)
def test_country_names_resolve_to_one_canonical_name(written, canonical):
    assert EntityResolver().canonical(written) == canonical


def test_repo_aliases_extend_the_shipped_ones():
    resolver = EntityResolver({"NYC": "New York City", "Big Apple": "NYC"})
    assert resolver.canonical("nyc") == "New York City"
    assert resolver.canonical("Big Apple") == "New York City"


def test_aliases_bring_claims_into_one_group(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        "source: {id: a}\nclaims:\n"
        "  - {id: x, entity: UK, value: 5.9 million cameras}\n"
        "  - {id: y, entity: Britain, value: 8 million cameras}\n",
    )
    report = reconcile.check(tmp_path)
    assert {c.entity for c in report.claims} == {"United Kingdom"}
    assert [f.rule for f in report.findings] == ["internal-contradiction"]


def test_policy_figures_come_from_reconcile_toml(tmp_path):
    claims = (
        "source: {id: a}\nclaims:\n  - {id: x, entity: Spain, value: 5.9 million cameras}\n"
        "  - {id: y, entity: Spain, value: 6.1 million cameras}\n"
    )  # gap 6.05/5.95 − 1 = 1.7 %
    write(tmp_path, "a.yaml", claims)
    assert reconcile.check(tmp_path).findings[0].severity == "warning"
    write(tmp_path, "reconcile.toml", "[policy]\nerror_gap = 0.01\n")
    assert reconcile.check(tmp_path).findings[0].severity == "error"


def test_repo_nouns_are_units(tmp_path):
    write(tmp_path, "reconcile.toml", '[nouns]\nhospital_bed = ["beds", "hospital beds"]\n')
    write(
        tmp_path,
        "a.yaml",
        "source: {id: a}\nclaims:\n"
        "  - {id: x, entity: Spain, value: '2.97 hospital beds per 1,000 people'}\n"
        "  - {id: y, entity: Spain, value: 140000 beds}\n"
        "  - {id: z, entity: Spain, value: 47.4 million people}\n",
    )
    report = reconcile.check(tmp_path)
    assert report.input_errors == []
    assert any("hospital_bed" in str(d.measure) for d in report.derived)


@pytest.mark.parametrize(
    "text, needle",
    [
        ("[policy]\nerror_gapp = 0.1\n", "error_gapp"),
        ("[polcy]\n", "polcy"),
        ("[policy]\nerror_gap = 'big'\n", "error_gap"),
        ("[policy\n", "TOML"),
    ],
)
def test_bad_config_is_a_config_error(text, needle):
    with pytest.raises(ConfigError) as exc:
        parse_config(text, file="reconcile.toml")
    assert needle in str(exc.value)
