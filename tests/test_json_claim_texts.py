"""Compact JSON's claim, estimate and derived records are put together as text (json.py
`_claim_texts`, `_estimate_texts`, `_derived_texts`) rather than encoded from dicts: the bytes must be what json's encoder writes for the dicts, whatever the
claim's text holds (quotes, backslashes, control characters, any Unicode) and with its optional
fields absent."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.model import Location
from reconcile.present.render import json as json_render

text = st.text(max_size=12)  # quotes, backslashes, control characters, any Unicode json keeps as it is


def _records_json(claims: list) -> str:
    return json.dumps(list(json_render._claim_records(claims)), ensure_ascii=False, allow_nan=False)


def test_the_shipped_claims_as_text_are_json_encoders_bytes(seed_report) -> None:
    claims = list(seed_report.claims)
    assert len(claims) > 50
    assert "[" + ", ".join(json_render._claim_texts(claims)) + "]" == _records_json(claims)


@settings(max_examples=60, deadline=None)
@given(
    st.data(),
    text,
    text,
    st.one_of(st.none(), text),
    st.one_of(st.none(), text),
    st.one_of(st.none(), st.integers(0, 10**12)),
)
def test_any_claim_text_is_written_as_json_encodes_it(
    seed_report, data: st.DataObject, id_: str, entity: str, scope: str | None, quote: str | None, line: int | None
) -> None:
    claims = list(seed_report.claims)
    claim = claims[data.draw(st.integers(0, len(claims) - 1))]
    odd = dataclasses.replace(
        claim,
        id=id_,
        entity=entity,
        scope=scope,
        quote=quote,
        location=Location(data.draw(text), line),
        period=None if data.draw(st.booleans()) else claim.period,
    )
    assert ", ".join(json_render._claim_texts([odd, claim, odd])) == _records_json([odd, claim, odd])[1:-1]


def _estimates_json(estimates: list) -> str:
    return json.dumps(list(map(json_render.estimate_record, estimates)), ensure_ascii=False, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    st.data(),
    text,
    st.one_of(st.none(), text),
    st.lists(text, max_size=3).map(tuple),
    st.sampled_from([0.0, -0.0, 1e300, float("inf"), -float("inf"), 2394700.0, 0.1 + 0.2, 7]),
)
def test_any_estimate_is_written_as_json_encodes_it(
    seed_report, data: st.DataObject, entity: str, period: str | None, claims: tuple, value: float
) -> None:
    """Estimates too (open ends are null), with the shipped claims' own and odd ones side by side."""
    estimates = list(seed_report.estimates)
    estimate = estimates[data.draw(st.integers(0, len(estimates) - 1))]
    odd = dataclasses.replace(
        estimate, entity=entity, period=period, claims=claims, value=value, projection=data.draw(st.booleans())
    )
    assert ", ".join(json_render._estimate_texts([odd, *estimates])) == _estimates_json([odd, *estimates])[1:-1]


@settings(max_examples=40, deadline=None)
@given(st.data(), text, text, st.lists(text, max_size=3).map(tuple))
def test_any_derived_value_is_written_as_json_encodes_it(
    seed_report, data: st.DataObject, id_: str, explanation: str, claims: tuple
) -> None:
    derived = list(seed_report.derived)
    one = derived[data.draw(st.integers(0, len(derived) - 1))]
    odd = dataclasses.replace(one, id=id_, explanation=explanation, claims=claims)
    expected = json.dumps(list(map(json_render.derived_record, [odd, *derived])), ensure_ascii=False)
    assert "[" + ", ".join(json_render._derived_texts([odd, *derived])) + "]" == expected
