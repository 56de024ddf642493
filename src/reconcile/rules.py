"""Rule ids: the stable slugs every finding carries (they become SARIF ruleIds).

A taxonomy as data: each rule has a title, a default severity and a one-line
description. Severities of contradiction rules are graded per finding by gap
(see compare.py); the default here is what input problems and the catalogue use.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    severity: str
    description: str


_RULES = [
    # -- contradictions between quantities
    Rule("cross-source-contradiction", "Sources disagree", "error",
         "A claim cannot be true together with the largest set of claims that agree with each other."),
    Rule("internal-contradiction", "A source contradicts itself", "error",
         "Two figures for the same quantity in one source cannot both be true."),
    Rule("arithmetic-inconsistency", "A source's arithmetic does not add up", "error",
         "A result the source states does not follow from the figures it computed it from."),
    Rule("derived-contradiction", "An implied value contradicts a claim", "error",
         "A quantity derived from other claims (e.g. cameras ÷ people) disagrees with what is claimed."),
    Rule("value-spread", "Agreeing claims spread widely", "warning",
         "The intervals share a point but the numbers as written differ by more than the policy allows."),
    Rule("period-change", "Change between periods", "info",
         "The same quantity differs between periods; reported with the implied change."),
    Rule("projection-differs", "Projection differs from estimate", "info",
         "A forecast disagrees with an estimate; informational only."),
    # -- input problems: always reported, never baselined away
    Rule("load-error", "File cannot be read", "error",
         "A claim file is not valid YAML/CSV, not a mapping, or uses a forbidden YAML tag."),
    Rule("parse-error", "Value does not parse", "error",
         "A claim's value string is not a number the tool can read."),
    Rule("unknown-unit", "Unknown unit", "error",
         "A unit or counted noun is not known; declare it under [nouns] in reconcile.toml."),
    Rule("duplicate-id", "Duplicate id", "error",
         "Two claims (or two sources) share an id."),
    Rule("invalid-value", "Impossible value", "error",
         "A value that cannot be used, such as a zero population or area."),
    Rule("invalid-claim", "Malformed claim", "error",
         "A claim lacks a required field or has a field of the wrong type."),
    Rule("unknown-reference", "Unknown reference", "error",
         "`computed_from` names a claim that does not exist in the same source."),
    Rule("config-error", "Bad configuration", "error",
         "reconcile.toml is malformed or sets an unknown option."),
]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}

INPUT_RULES: frozenset[str] = frozenset(
    {"load-error", "parse-error", "unknown-unit", "duplicate-id", "invalid-value",
     "invalid-claim", "unknown-reference", "config-error"}
)
