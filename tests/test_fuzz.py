"""The fuzzing benchmark (benchmarks/fuzz.py), short: a few hundred mutated inputs per entry
point must give no crash (an exception the entry point does not promise) and no hang."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from .test_hostile import deadline

ROOT = Path(__file__).resolve().parents[1]
INPUTS = 400  # per entry point; `python benchmarks/fuzz.py --n 1000000` is the full run
# Crashes that another change owns, by type and place: reported, not failed on, until it lands.
KNOWN = {"line": ("AssertionError at scanner.py",)}


def _fuzz():
    spec = importlib.util.spec_from_file_location("reconcile_fuzz", ROOT / "benchmarks" / "fuzz.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


FUZZ = _fuzz()
ENTRIES = {e.name: e for e in FUZZ.entries()}


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_no_crash_on_mutated_input(name):
    with deadline(60):
        inputs = max(20, INPUTS // ENTRIES[name].share)
        result = FUZZ.run(ENTRIES[name], inputs, seed=12)
    assert result.inputs == inputs
    crashes = {where: example for where, example in result.crashes.items()}
    unexplained = {w: e for w, e in crashes.items() if not w.startswith(KNOWN.get(name, ()))}
    assert not unexplained, unexplained
    if crashes:
        pytest.xfail(f"known crash, fixed elsewhere: {sorted(crashes)}")


def test_mutations_reach_the_hostile_forms():
    import random

    rng = random.Random(5)
    made = [FUZZ.mutate(rng, ["5.9 million cameras"]) for _ in range(3000)]
    assert any("\u202e" in m for m in made) and any("1e400" in m for m in made)
    assert any(len(m) > 1000 for m in made)  # repeated slices: what grows badly
    assert len(set(made)) > 2500
