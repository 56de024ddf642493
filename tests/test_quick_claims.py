"""Claims of the commonest shape (`id`, `entity`, a value string met before, maybe
`computed_from`) are made from a template (load/claimfile.py `_quick_claim`): the same claims,
problems and notices as the general reading, on generated files that mix that shape with its
near misses (blank or slashed ids, blank entities, values naming a share or a role, other
fields, bad references) and sources of every kind and date, read one after another so that
templates made by one file serve the next."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.load.claimfile import _FileReader, read_claim_text
from reconcile.load.config import Config
from reconcile.load.entities import EntityResolver
from reconcile.load.measures import MeasureNames
from reconcile.model import Policy
from reconcile.units import get_units

UNITS = get_units(None)
CONFIGS = [Config(), Config(policy=Policy(about_min_relative=0.1), measures={"road deaths": "traffic deaths"})]

IDS = ["a", "b", " c ", "d-1", "e", "f", "g", "h", "i", "a", "", "  ", "x/y"]
ENTITIES = ["France", "Metropolis", "  ", "UK", "united kingdom", "Place 9", "Frnace", "EU", "Germany"]
VALUES = [
    "8.92 million people",
    "about 8.77 million people",
    "about 667 cameras per square mile",
    "one camera for every 12 people",
    "an estimated one camera for every 7 people",
    "2,221,800 cameras",
    "42,514 road deaths",
    "104.7 passengers",
    "25 percent",
    "3.4 percent of GDP",
    "17.6 percent of EU GDP",
    "grew 3.4 percent",
    "$5 billion",
    "12 GW",
    "25.6 per 100,000 residents",
    "-5 people",
    "12 flurbs",
    "  ",
    "1,711 road deaths",
    "24 percent more",
]
EXTRA = [None] * 12 + ["measure: road deaths", "role: share", "status: needs-review", "of: France", "colour: red"]


@st.composite
def claim_files(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from([None, None, "article", "reference", "dataset"]))
    published = draw(st.sampled_from([None, None, "2021-08-15", "2021-03", "2019"]))
    lines = ["source:", f"  id: src-{draw(st.integers(0, 3))}"]
    if kind:
        lines.append(f"  kind: {kind}")
    if published:
        lines.append(f"  published: {published}")
    lines.append("claims:")
    for _ in range(draw(st.integers(1, 20))):
        lines.append(f'  - id: "{draw(st.sampled_from(IDS))}"')
        if draw(st.integers(0, 19)):
            lines.append(f'    entity: "{draw(st.sampled_from(ENTITIES))}"')
        lines.append(f'    value: "{draw(st.sampled_from(VALUES[:6] * 4 + VALUES))}"')
        refs = draw(st.sampled_from([None] * 6 + ["[a, b]", "[a]", "[zz]", "[]", "a", "[x/y, a]", "[a, 3]"]))
        if refs is not None:
            lines.append(f"    computed_from: {refs}")
        extra = draw(st.sampled_from(EXTRA))
        if extra is not None:
            lines.append(f"    {extra}")
    return "\n".join(lines) + "\n"


def _read(texts: list[str], config: Config, quick: bool, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every file's source, claims (repr: every field, -0.0 apart from 0.0), problems and notices."""
    monkeypatch.setattr(_FileReader, "quick", quick)
    resolver, measures = EntityResolver(config.aliases), MeasureNames(config.measures)
    out: list[Any] = []
    for n, text in enumerate(texts):
        notices: list[Any] = []
        source, claims, problems = read_claim_text(
            text, file=f"f{n}.yaml", config=config, units=UNITS, resolver=resolver, measures=measures, notices=notices
        )
        out.append(
            (
                repr(source),
                [repr(c) for c in claims],
                claims,
                [(type(p).__name__, str(p), p.file, p.line) for p in problems],
                notices,
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(claim_files(), min_size=1, max_size=4), config=st.sampled_from(CONFIGS))
def test_claims_made_from_templates_are_the_claims_read_in_full(texts: list[str], config: Config) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _read(texts, config, True, monkeypatch) == _read(texts, config, False, monkeypatch)


def test_the_commonest_claims_are_made_from_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    """The path is taken: a value string met before, with another entity, id and references."""
    made: list[Any] = []
    quick_claim = _FileReader._quick_claim

    def counted(self: _FileReader, *args: Any) -> Any:
        made.append(quick_claim(self, *args))
        return made[-1]

    monkeypatch.setattr(_FileReader, "_quick_claim", counted)
    text = (
        "source:\n  id: who\n  published: 2021-03-01\nclaims:\n"
        '  - id: a\n    entity: France\n    value: "42,514 road deaths"\n'
        '  - id: b\n    entity: Germany\n    value: "42,514 road deaths"\n    computed_from: [a]\n'
    )
    resolver, measures = EntityResolver(), MeasureNames()
    _, claims, problems = read_claim_text(
        text, file="t.yaml", config=Config(), units=UNITS, resolver=resolver, measures=measures
    )
    assert not problems and made[1] is not None
    first, second = claims
    assert (second.id, second.entity, second.computed_from) == ("who/b", "Germany", ("who/a",))
    assert second.value is first.value and second.what == first.what == "road deaths"
    assert second.period == first.period and str(second.period) == "2021"
    assert second.location.line == 8
