"""The project's exceptions.

    ReconcileError(Exception)
     ├── InputError            bad input found while reading a claims repo; carries file and line
     │    ├── LoadError        a file that cannot be read or is not a claim file (YAML, CSV, shape)
     │    ├── ValueParseError  a `value` string that does not parse (ValueError too)
     │    ├── UnitError        a unit or noun the registry does not know
     │    └── ConfigError      a bad `reconcile.toml`
     └── UsageError            a bad command-line request (unknown claim id, bad option)

Input errors never escape `reconcile.check`: they become findings with a rule id,
so the rest of the repo is still checked. The CLI maps them to exit code 2.
"""

from __future__ import annotations


class ReconcileError(Exception):
    """Base of every error this package raises on purpose."""


class InputError(ReconcileError):
    """Something in the claims repo is wrong; `rule` is the finding slug it becomes."""

    rule = "invalid-input"

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def at(self, file: str | None, line: int | None) -> "InputError":
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


class LoadError(InputError):
    rule = "load-error"


class ValueParseError(InputError, ValueError):
    rule = "parse-error"


class UnitError(InputError, ValueError):
    rule = "unknown-unit"


class ConfigError(InputError):
    rule = "config-error"


class UsageError(ReconcileError):
    """The request itself is wrong (not the data)."""
