"""The project's exceptions: every error this package raises on purpose.

    ReconcileError(Exception)
     ├── LocatedError               carries the file and line it is about
     │    ├── InputError            bad input in a claims repo; `rule` is the finding slug it becomes
     │    │    ├── LoadError              a file that cannot be read or is not a claim file
     │    │    ├── ValueParseError        a `value` string that does not parse (ValueError too)
     │    │    ├── UnitError              a unit or noun the registry does not know (ValueError too)
     │    │    ├── ConfigError            a bad `reconcile.toml`
     │    │    ├── InvalidClaimError      a claim lacks a field or has one of the wrong type
     │    │    │    └── CycleError        computed_from links that go round in a circle
     │    │    ├── DuplicateIdError       two claims or two sources share an id
     │    │    ├── UnknownReferenceError  computed_from names a claim the source does not have
     │    │    └── InvalidValueError      a value that cannot be used (a zero population)
     │    ├── BaselineError         a baseline file that cannot be read
     │    └── InternalError         a bug met while working on one file (the others go on)
     └── UsageError                 a bad command-line request (unknown claim id, bad option)

Input errors never escape `reconcile.check`: they become findings with a rule id,
so the rest of the repo is still checked. The CLI maps them to exit code 2.
"""

from __future__ import annotations

from typing import Self


class ReconcileError(Exception):
    """Base of every error this package raises on purpose."""


class LocatedError(ReconcileError):
    """An error about a place in a file; the place may be filled in by a caller that knows it."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def at(self, file: str | None, line: int | None) -> Self:
        """Fill in a location that the raiser could not know (parsers see only the string)."""
        if self.file is None:
            self.file = file
        if self.line is None:
            self.line = line
        return self

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"


class InputError(LocatedError):
    """Something in the claims repo is wrong; `rule` is the finding slug it becomes."""

    rule = "invalid-input"


class LoadError(InputError):
    rule = "load-error"


class ValueParseError(InputError, ValueError):
    rule = "parse-error"


class UncountedRateError(ValueParseError):
    """A rate that does not say what it counts ("25.6 per 100,000 residents"): the claim's
    `measure:` may say it ("homicides")."""


class UnitError(InputError, ValueError):
    rule = "unknown-unit"


class ConfigError(InputError):
    rule = "config-error"


class InvalidClaimError(InputError):
    rule = "invalid-claim"


class CycleError(InvalidClaimError):
    """computed_from links that go round: none of their arithmetic can be checked."""


class DuplicateIdError(InputError):
    rule = "duplicate-id"


class UnknownReferenceError(InputError):
    rule = "unknown-reference"


class InvalidValueError(InputError):
    rule = "invalid-value"


class BaselineError(LocatedError):
    """A baseline file (`check --baseline`) that is missing, not JSON, or not a baseline."""


class InternalError(LocatedError):
    """An unexpected exception while working on one file, caught so that a batch goes on with
    the others: a bug in reconcile, reported as one, never as bad input."""

    @classmethod
    def wrapping(cls, exc: BaseException, file: str) -> InternalError:
        detail = " ".join(str(exc).split())[:200]
        what = type(exc).__name__ + (f": {detail}" if detail else "")
        return cls(f"internal error ({what}); this is a bug in reconcile, please report it", file=file)


class UsageError(ReconcileError):
    """The request itself is wrong (not the data)."""


def _rules_of(cls: type[InputError]) -> set[str]:
    return {cls.rule}.union(*(_rules_of(sub) for sub in cls.__subclasses__()))


# The finding rules an input problem becomes: always reported, never baselined, exit code 2.
INPUT_RULES: frozenset[str] = frozenset(_rules_of(InputError) - {InputError.rule})
