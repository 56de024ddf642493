"""Fuzzing, short, as CI runs it: a few hundred inputs per entry point of the mutational
benchmark (benchmarks/fuzz.py), and hypothesis text for each reader. No crash (an exception
the reader does not promise) and no hang."""

from __future__ import annotations

import contextlib
import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_hostile import deadline

ROOT = Path(__file__).resolve().parents[1]
INPUTS = 400  # per entry point; `python benchmarks/fuzz.py --n 1000000` is the full run


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
    assert not result.crashes, result.crashes  # where → (smallest input, error)


def test_mutations_reach_the_hostile_forms():
    import random

    rng = random.Random(5)
    made = [FUZZ.mutate(rng, ["5.9 million cameras"]) for _ in range(3000)]
    assert any("\u202e" in m for m in made) and any("1e400" in m for m in made)
    assert any(len(m) > 1000 for m in made)  # repeated slices: what grows badly
    assert len(set(made)) > 2500


def test_what_the_fuzzer_found_in_the_text_scanner_stays_fixed():
    from reconcile.extract import scan_line

    for line in ("1e400", "1E309 cameras", "2.5e308 people"):  # OverflowError, then infinity
        assert scan_line(line) == []
    assert [q.value for q in scan_line("1.5e6 people")] == [1_500_000.0]


# Hypothesis, beside the mutational fuzzer: arbitrary text (any code point, surrogates
# included) and text built from the readers' own syntax, with shrinking to a minimal case.


TOKENS = [*"0123456789.,-:[]{}&*!?'\"#|>%$=e \n\t\u202e", " per ", " million", "!!int ", "- ", "1e400"]
SYNTAX = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=80), SYNTAX)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


def _read_yaml(text):
    from reconcile.load.yamlfile import read_yaml

    read_yaml(text, "f.yaml")


def _read_toml(text):
    from reconcile.load.config import parse_config

    parse_config(text, file="reconcile.toml")


def _read_baseline(text):
    from reconcile.present.baseline import load

    load(text, file="b.json")


# each file reader: what it reads, the one error it may raise, and the file that error must name
FILE_READERS = {
    "yaml": (_read_yaml, "LoadError", "f.yaml"),
    "toml": (_read_toml, "ConfigError", "reconcile.toml"),
    "baseline": (_read_baseline, "BaselineError", "b.json"),
}


@pytest.mark.parametrize("name", sorted(FILE_READERS))
@FAST
@given(text=ANY_TEXT)
def test_file_text_is_read_or_refused_naming_the_file(name, text):
    from reconcile import errors

    read, error, file = FILE_READERS[name]
    try:
        read(text)
    except getattr(errors, error) as exc:
        assert exc.file == file


@FAST
@given(ANY_TEXT)
def test_a_value_string_is_read_or_refused_and_a_line_is_always_scanned(text):
    from reconcile.errors import InputError
    from reconcile.extract import scan_line
    from reconcile.values import parse_value

    with contextlib.suppress(InputError):
        parse_value(text)
    assert isinstance(scan_line(text), list)


def test_a_unit_that_divides_by_zero_is_refused_not_crashed_on():
    from reconcile.errors import UnitError
    from reconcile.units import get_units

    with pytest.raises(UnitError, match="divides by zero"):
        get_units()._pint_parse("came1 per 0ras")  # found by 10⁶ fuzzed claim files
