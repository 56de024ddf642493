"""typer's coercion of command-line values, without importing pydantic for the plain cases.

typer (0.29) turns every value of every parameter into its Python type through a pydantic
`TypeAdapter`, even a default or `None`; importing pydantic is ~0.4 G instructions, a sixth of
`reconcile check`'s start-up (benchmarks/STARTUP.md), to make Paths of strings and pick enum
members. Commands of class `Command` coerce the forms reconcile's parameters are given — a
string or a Path for a Path, a string or a member for an enum, a string for a string, plain digits
for an int, lists of these — with typer's own helpers (its choice matching and path checks); any other value, and any
value those helpers refuse, goes through typer's own coercion, so every result and every error
message is typer's (`tests/test_cli_coercion.py` compares the two for every parameter). With a
typer that lacks these helpers, `Command` is typer's command, unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args, get_origin

from typer.core import TyperCommand, TyperGroup

__all__ = ["Command", "Group", "coerce_plain"]

if TYPE_CHECKING:
    from typer._click import Context
    from typer.core import _TyperParameter
    from typer.models import ParameterInfo


_DIGITS = re.compile(r"0|[1-9][0-9]{0,17}")  # what every int parser reads alike


class _NotPlain(Exception):
    """The value is not one of the plain forms: typer's own coercion decides."""


def coerce_plain(annotation: Any, info: ParameterInfo, value: Any, param: Any = None, ctx: Any = None) -> Any:
    """`value` as typer's pydantic adapter for `annotation` would return it, when it is a plain
    form; raises _NotPlain for anything else (including every value typer would refuse)."""
    if info.parser is not None:
        raise _NotPlain
    if get_origin(annotation) is list:  # typer: a lone value becomes a list of one
        (item,) = get_args(annotation)
        items = value if isinstance(value, (list, tuple)) else [value]
        return [coerce_plain(item, info, one, param, ctx) for one in items]
    if get_origin(annotation) is not None:
        raise _NotPlain
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        if not isinstance(value, (str, annotation)):
            raise _NotPlain
        try:
            return coerce_cli_choice(value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx)
        except Exception:  # noqa: BLE001  # not a choice: typer's coercion raises its own error
            raise _NotPlain from None
    if annotation is str:
        if type(value) is not str:
            raise _NotPlain
        return value
    if annotation is int and not info.clamp:  # --jobs 2: plain digits only, within min and max
        if type(value) is str and _DIGITS.fullmatch(value):
            value = int(value)
        elif type(value) is not int:
            raise _NotPlain
        if (info.min is not None and value < info.min) or (info.max is not None and value > info.max):
            raise _NotPlain  # typer's message for it
        return value
    if annotation is Path and info.path_type is None:
        if type(value) is str:
            value = Path(value)  # what pydantic's Path validation does with a string
        elif not isinstance(value, Path):
            raise _NotPlain
        try:
            return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
        except Exception:  # noqa: BLE001  # refused (exists=, a NUL byte…): typer's coercion raises its own error
            raise _NotPlain from None
    raise _NotPlain


try:  # typer's internals this leans on (typer 0.29); without them, typer as it is
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path
    from typer.core import _TyperParameter as _Parameter
except ImportError:  # a typer without these: its own coercion, whatever it imports
    Command = TyperCommand
    Group = TyperGroup
else:

    @dataclass(frozen=True)
    class _PlainFirst(RuntimeParam):
        """Plain values without pydantic; the rest through typer's own adapter, built on first need."""

        def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
            try:
                return coerce_plain(self.annotation, self.parameter_info, value, param, ctx)
            except _NotPlain:
                return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)

    def _plain_first(params: list[Any]) -> list[Any]:
        for param in params:
            if isinstance(param, _Parameter) and param._runtime_param is None:
                descriptor = param.type_descriptor
                if descriptor.file_annotation is None:
                    param._runtime_param = _PlainFirst(
                        parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
                    )
        return params

    class Command(TyperCommand):  # type: ignore[no-redef]
        """A typer command whose parameters (and its --help) coerce plain values without pydantic."""

        def get_params(self, ctx: Context) -> list[Any]:
            return _plain_first(super().get_params(ctx))

    class Group(TyperGroup):  # type: ignore[no-redef]
        """The typer group of such commands, its own --help alike."""

        def get_params(self, ctx: Context) -> list[Any]:
            return _plain_first(super().get_params(ctx))
