"""The extractor's quicker frozen-dataclass `__init__` (model.quick_init) makes the object the
dataclass's own `__init__` makes: the same signature, defaults, fields, equality and hash, and
still frozen."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.extract.gazetteer import Mention
from reconcile.extract.quantities import Quantity, Term
from reconcile.model import quick_init


def _generated(cls: type) -> type:
    """The same class with the dataclass's own __init__ (frozen, slots)."""
    return dataclasses.dataclass(frozen=True, slots=True)(
        type(cls.__name__, (), {"__annotations__": dict(cls.__annotations__), **_defaults(cls)})
    )


def _defaults(cls: type) -> dict[str, object]:
    return {f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING}


@pytest.mark.parametrize("cls", [Quantity, Term, Mention])
def test_same_signature_as_the_dataclass_init(cls: type) -> None:
    assert str(inspect.signature(cls.__init__)) == str(inspect.signature(_generated(cls).__init__))


texts = st.text(max_size=5)
maybe = st.none() | texts


@given(st.integers(), st.integers(), texts, maybe, texts, maybe)
def test_a_mention_is_what_the_dataclass_made(
    start: int, end: int, text: str, name: str | None, kind: str, country: str | None
) -> None:
    made = Mention(start, end, text, name, kind, country)
    plain = _generated(Mention)(start, end, text, name, kind, country)
    assert dataclasses.astuple(made) == dataclasses.astuple(plain)
    assert made == Mention(start, end, text, name, kind, country)
    assert hash(made) == hash(Mention(start, end, text, name, kind, country))
    assert pickle.loads(pickle.dumps(made)) == made
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 1  # type: ignore[misc]


@given(
    texts, st.floats(allow_nan=False), maybe, st.sampled_from(["count", "percent", "rate"]), st.none() | st.integers()
)
def test_a_quantity_is_what_the_dataclass_made(
    text: str, value: float, unit: str | None, form: str, group: int | None
) -> None:
    args = (text, value, value, value, unit, unit, None, "=", (0, len(text)), text)
    made = Quantity(*args, form=form, group=group)
    plain = _generated(Quantity)(*args, form=form, group=group)
    assert dataclasses.astuple(made) == dataclasses.astuple(plain)
    assert dataclasses.replace(made, form="range").form == "range" and made.form == form
    assert Quantity(*args).unit_known is False and Quantity(*args).numerator is None  # the defaults
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.form = "count"  # type: ignore[misc]


def test_only_for_slots_dataclasses_without_factories() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Factory:
        a: list[int] = dataclasses.field(default_factory=list)

    for cls in (NoSlots, Factory):
        with pytest.raises(TypeError):
            quick_init(cls)
