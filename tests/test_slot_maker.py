"""`model.slot_maker`: a Claim made by filling a twin of its slots is the Claim its constructor
makes (equal, the same repr, hash and type, still frozen), for any fields; and classes it
cannot make (a `__post_init__`, a base class, no slots) are refused rather than made wrong."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.model import (
    Bound,
    Claim,
    ClaimKind,
    Interval,
    Location,
    PercentRole,
    Source,
    SourceKind,
    Value,
    slot_maker,
)

make_claim = slot_maker(Claim)
texts = st.one_of(st.none(), st.text(max_size=8))


@st.composite
def claim_fields(draw: st.DrawFn) -> tuple[object, ...]:
    """Every field of a Claim, by position, of the types they hold."""
    value = Value("5 cameras", None, Bound.EXACT, 5.0, "camera", "camera", 5.0, *[Interval(4.5, 5.5)] * 3)
    source = Source(id=draw(st.text(min_size=1, max_size=5)), kind=draw(st.sampled_from(list(SourceKind))))
    return (
        draw(st.text(max_size=12)),
        source,
        draw(st.text(max_size=8)),
        draw(st.text(max_size=8)),
        value,
        Location(draw(st.text(max_size=6)), draw(st.one_of(st.none(), st.integers(1, 10**6)))),
        draw(texts),
        draw(st.sampled_from(list(ClaimKind))),
        None,
        draw(texts),
        tuple(draw(st.lists(st.text(max_size=4), max_size=3))),
        draw(texts),
        draw(texts),
        draw(texts),
        draw(st.sampled_from([None, *PercentRole])),
        draw(texts),
        draw(texts),
    )


@given(claim_fields())
def test_a_claim_made_from_its_slots_is_the_claim_its_constructor_makes(values: tuple[object, ...]) -> None:
    made, built = make_claim(*values), Claim(*values)  # type: ignore[arg-type]
    assert type(made) is Claim
    assert made == built and repr(made) == repr(built) and hash(made) == hash(built)
    assert [getattr(made, f.name) for f in fields(Claim)] == list(values)
    assert pickle.loads(pickle.dumps(made)) == built
    assert dataclasses.replace(made, id="x/y") == dataclasses.replace(built, id="x/y")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.id = "x"  # type: ignore[misc]


def test_classes_it_cannot_make_are_refused() -> None:
    @dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclass(frozen=True, slots=True)
    class Base:
        a: int

    @dataclass(frozen=True, slots=True)
    class Derived(Base):
        b: int

    @dataclass(frozen=True, slots=True)
    class Later:
        a: int
        b: int = dataclasses.field(init=False, default=0)

    for cls in (NoSlots, Derived, Later, int):
        with pytest.raises(TypeError):
            slot_maker(cls)


@given(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["camera", "camera / person", "dimensionless", "USD"]),
    st.sampled_from([None, "camera", "GDP"]),
    st.sampled_from([None, *PercentRole]),
)
def test_a_value_made_from_its_slots_is_the_value_its_constructor_makes(
    x: float, unit: str, share_of: str | None, role: PercentRole | None
) -> None:
    """Value's `measure` is set by its `__post_init__`, which the maker calls."""
    values = ("t", None, Bound.ABOUT, x, unit, unit, x, *[Interval(x, x)] * 3, share_of, "w", role, None)
    made, built = slot_maker(Value)(*values), Value(*values)  # type: ignore[arg-type]
    assert type(made) is Value and made == built and repr(made) == repr(built)
    assert made.measure == built.measure and made.measure is built.measure
