"""Rule ids and messages: the stable slugs every finding carries (they become SARIF ruleIds).

A taxonomy as data: each rule has a title, a default severity, a one-line description
and whether it is about the input (never baselined, exit code 2) or about what the
claims say. Severities of consistency rules are graded per finding by gap (see
check/grade.py). Message templates live here too, so that every sentence a user
reads can be found, and reworded, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    severity: Severity
    description: str
    input: bool = False  # about the files themselves, not about what the claims say


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_RULES = [
    # -- what the claims say
    Rule(
        "cross-source-contradiction",
        "Sources disagree",
        _E,
        "A claim cannot be true together with the largest set of claims that agree with each other.",
    ),
    Rule(
        "internal-contradiction",
        "A source contradicts itself",
        _E,
        "Two figures for the same quantity in one source cannot both be true.",
    ),
    Rule(
        "arithmetic-inconsistency",
        "A source's arithmetic does not add up",
        _E,
        "A result the source states does not follow from the figures it computed it from.",
    ),
    Rule(
        "derived-contradiction",
        "An implied value contradicts a claim",
        _E,
        "A quantity derived from other claims (e.g. cameras ÷ people) disagrees with what is claimed.",
    ),
    Rule(
        "change-inconsistency",
        "A stated change does not match its figures",
        _E,
        'A percentage change ("grew 3.4 percent") disagrees with the same measure\'s figures in the two periods.',
    ),
    Rule(
        "comparison-inconsistency",
        "A stated comparison does not match its figures",
        _E,
        'A comparison of two entities ("24 percent more passengers than Heathrow") disagrees with their figures.',
    ),
    Rule(
        "value-spread",
        "Agreeing claims spread widely",
        _W,
        "The intervals share a point but the numbers as written differ by more than the policy allows.",
    ),
    Rule(
        "period-change",
        "Change between periods",
        _I,
        "The same quantity differs between periods; reported with the implied change.",
    ),
    Rule(
        "projection-differs",
        "Projection differs from estimate",
        _I,
        "A forecast disagrees with an estimate; informational only.",
    ),
    Rule(
        "needs-review",
        "Claims to complete",
        _I,
        "Claims marked `status: needs-review` (an entity, measure or period `extract` could not establish) "
        "are listed and compared with nothing until a person fills the field.",
    ),
    # -- the input, as a warning: the check is complete, but something was probably meant otherwise
    Rule(
        "unknown-field",
        "Unknown field",
        _W,
        "A claim or source field the format does not have (a typo such as `sorce:`); it is ignored.",
    ),
    Rule(
        "entity-spelling",
        "Entity one edit from a known name",
        _W,
        "An entity no list knows is one letter away from one that is known (Frnace: did you mean France?).",
    ),
    # -- the input itself: always reported, never baselined away
    Rule(
        "load-error",
        "File cannot be read",
        _E,
        "A claim file is not valid YAML/CSV, not a mapping, or uses a forbidden YAML tag.",
        input=True,
    ),
    Rule(
        "parse-error",
        "Value does not parse",
        _E,
        "A claim's value string is not a number the tool can read.",
        input=True,
    ),
    Rule(
        "unknown-unit",
        "Unknown unit",
        _E,
        "A unit or counted noun is not known; declare it under [nouns] in reconcile.toml.",
        input=True,
    ),
    Rule("duplicate-id", "Duplicate id", _E, "Two claims (or two sources) share an id.", input=True),
    Rule(
        "invalid-value",
        "Impossible value",
        _E,
        "A value that cannot be used, such as a zero population or area.",
        input=True,
    ),
    Rule(
        "invalid-claim",
        "Malformed claim",
        _E,
        "A claim lacks a required field or has a field of the wrong type.",
        input=True,
    ),
    Rule(
        "unknown-reference",
        "Unknown reference",
        _E,
        "`computed_from` names a claim that does not exist in the same source.",
        input=True,
    ),
    Rule("config-error", "Bad configuration", _E, "reconcile.toml is malformed or sets an unknown option.", input=True),
]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}

# The same set the error classes give (errors.INPUT_RULES); a test keeps the two in step.
INPUT_RULES: frozenset[str] = frozenset(r.id for r in _RULES if r.input)


# Message templates (str.format). `where` is "Entity (scope), measure in period";
# labels name a claim as written with its id, or a derived value with its chain.
MESSAGES: dict[str, str] = {
    # a member outside the largest consistent set, against it
    "outlier": "{where}: {suspect} = {suspect_interval} disagrees with {binding}{others}; "
    "{basis} {consensus}, gap {gap}.",
    # a count of whole things that holds no whole number, outside its quantity's consensus (consistency/wholes.py)
    "no-whole-number": "{where}: {suspect} = {suspect_interval} is no whole number of {noun}: a scale word "
    "may be missing{scaled}. It disagrees with {binding}{others}; consensus {consensus}, gap {gap}.",
    # two or more equally large consistent sets
    "no-majority": "{where}: {camps} cannot all be true (gap {gap}); no majority says which is wrong.",
    # appended when sources' track records decided what a plain count would not, or could not decide
    "weights-decide": "Track records decide: {records}.",
    "sources-decide": "The implied value rests on {count} other sources ({sources}) against {against}, and no record counts against any of them.",
    "claims-decide": "No record decides ({records}): the stated figure was preferred only because the "
    "implied one rests on more claims.",
    "weights-undecided": "Track records do not decide either: {records}.",
    "value-spread": "{where}: {low} and {high} overlap as intervals, but their numbers as written differ by "
    "{spread} ({low_result} vs {high_result}).",
    "arithmetic-inconsistency": "{entity}, {measure}: {source} states “{stated}” ({claim}), but its own figures "
    "give {computed}; gap {gap}.",
    "period-change": "{entity}, {measure}: {earlier} in {earlier_period} and {later} in {later_period} differ; "
    "implied change {growth:+.1%}.",
    "change-inconsistency": "{entity}, {measure}: {stated} says it changed by {stated_change} from "
    "{earlier_period} to {later_period}, but {earlier} and {later} give {implied:+.1%}; gap {gap}.",
    "comparison-inconsistency": "{entity}, {measure}: {stated} says {entity} ÷ {than} = {stated_ratio:.3g} "
    "({stated_difference:+.1%}), but {ours} and {theirs} give {implied_ratio:.3g} ({implied:+.1%}); gap {gap}.",
    "projection-differs": "{entity}, {measure}: the projection {projection} differs from the estimate "
    "{estimate}; gap {gap} (projections are compared with estimates only for information).",
}


def message(template: str, **fields: Any) -> str:
    """One finding's sentence; claim text is substituted, never interpreted as a template."""
    return MESSAGES[template].format(**fields)
