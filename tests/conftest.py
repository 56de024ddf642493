"""Shared fixtures: the shipped claims repo, the seed articles (skipped cleanly when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: the machine CI and helpers share is loaded, and a cold first call (a
# cache filling, a GC pause) took over hypothesis's default 200 ms once in three full runs
# (test_indian_grouping_equals_plain_digits: "FlakyFailure … DeadlineExceeded"). Speed is
# measured in benchmarks/, not asserted by tests.
settings.register_profile("reconcile", deadline=None)
settings.load_profile("reconcile")

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "claims"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seed_report():
    import reconcile

    return reconcile.check(CLAIMS)


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not here (a fresh clone has no ../shared)")
    return SEEDS


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
