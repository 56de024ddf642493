"""Shared fixtures: the shipped claims repo, the seed articles (skipped cleanly when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
