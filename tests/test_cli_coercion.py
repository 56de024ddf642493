"""The CLI coerces plain values without pydantic (cli_coercion.py), and every value, plain or
not, comes out exactly as typer's own pydantic coercion makes it: the same object, or the same
error with the same message."""

from __future__ import annotations

import enum
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.cli import app

_coercion = pytest.importorskip("typer._coercion")
from typer._click import Context  # noqa: E402
from typer.core import TyperArgument, TyperOption  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _parameters() -> list[tuple[str, Any, Context]]:
    group = typer.main.get_command(app)
    found = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        ctx = Context(command)
        for param in command.get_params(ctx):  # with its --help
            found.append((f"{name} {param.name}", param, ctx))
    ctx = Context(group)
    found += [(f"reconcile {param.name}", param, ctx) for param in group.get_params(ctx)]
    return found


PARAMETERS = _parameters()


class Other(enum.Enum):
    text = "text"


def _outcome(coerce: Any, value: Any) -> tuple[str, Any]:
    try:
        result = coerce(value)
    except Exception as exc:  # noqa: BLE001  # whatever typer raises, ours must raise alike
        return ("error", (type(exc).__name__, str(exc), getattr(exc, "message", None)))
    return (
        "value",
        (type(result).__name__, result, [type(item) for item in result] if isinstance(result, list) else None),
    )


def _both(param: Any, ctx: Context, value: Any) -> tuple[tuple[str, Any], tuple[str, Any]]:
    ours = param.get_runtime_param()
    typers = _coercion.build_runtime_param(param.type_descriptor)
    return (
        _outcome(lambda v: ours.coerce(v, param=param, ctx=ctx), value),
        _outcome(lambda v: typers.coerce(v, param=param, ctx=ctx), value),
    )


def test_every_parameter_of_every_command_coerces_plain_values_without_pydantic() -> None:
    params = [param for _, param, _ in PARAMETERS if isinstance(param, (TyperArgument, TyperOption))]
    assert len(params) >= 30  # the eight commands' parameters and --help options
    assert all(type(param.get_runtime_param()).__name__ == "_PlainFirst" for param in params)


VALUES: list[Any] = [
    None,
    "",
    "claims",
    "claims/seed-001.yaml",
    " spaced name ",
    "-",
    "text",
    "json",
    "JSON",
    "xml",
    "error",
    "never",
    "local",
    "dask",
    "csv",
    "\x1b[31mred",
    "café/ünïcode",
    Path("reports/index.html"),
    PurePosixPath("pure"),
    b"bytes",
    3,
    2.5,
    True,
    False,
    Other.text,
    ["a", "b"],
    ("a", Path("b")),
    ["a", 3],
    [],
    (),
    ["text", "json"],
    "0",
    "1",
    "2",
    "16",
    "007",
    "-1",
    "+3",
    " 3",
    "3 ",
    "3.0",
    "1_000",
    "١٢",
    "999999999999999999",
    "99999999999999999999999",
    0,
    1,
    -4,
]


@pytest.mark.parametrize(("name", "param", "ctx"), PARAMETERS, ids=[name for name, _, _ in PARAMETERS])
def test_each_parameter_coerces_every_value_as_typer_does(name: str, param: Any, ctx: Context) -> None:
    if not isinstance(param, (TyperArgument, TyperOption)):
        pytest.skip("not a typer parameter")
    members = list(type(param.default)) if isinstance(param.default, enum.Enum) else []
    values = [*VALUES, param.default, *members]
    for value in values:
        ours, typers = _both(param, ctx, value)
        assert ours == typers, (name, value)


@settings(max_examples=200, deadline=None)
@given(
    value=st.one_of(
        st.text(),
        st.lists(st.text(), max_size=3),
        st.sampled_from(["Text", "json ", "sarif", "GitHub"]),
        st.integers(min_value=-5, max_value=10**20).map(str),
    )
)
def test_any_text_is_coerced_as_typer_does(value: Any) -> None:
    for name, param, ctx in PARAMETERS:
        if isinstance(param, (TyperArgument, TyperOption)):
            ours, typers = _both(param, ctx, value)
            assert ours == typers, (name, value)


def test_a_check_of_the_shipped_claims_never_imports_pydantic_and_a_bad_choice_reads_as_before() -> None:
    code = (
        "import sys; from reconcile.cli import app\n"
        "try: app(['check', sys.argv[1], '--fail-on', 'never'])\n"
        "except SystemExit as exc: print('exit', exc.code, 'pydantic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "claims")], capture_output=True, text=True, check=True)
    assert out.stdout.rstrip().endswith("exit 0 False")
    bad = subprocess.run(
        [sys.executable, "-m", "reconcile.cli", "check", str(ROOT / "claims"), "--format", "xml"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert (
        "Invalid value for '--format' / '-f': Value error, 'xml' is not one of 'text', 'json', 'sarif', 'github'."
        in bad.stderr
    )


def test_a_typer_without_these_internals_keeps_its_own_coercion() -> None:
    """cli_coercion leans on typer 0.29's internals; where they are missing the commands are
    typer's own, and a check reads the same."""
    code = (
        "import sys, typer.core; kept = typer.core._TyperParameter; del typer.core._TyperParameter\n"
        "from reconcile import cli_coercion; from typer.core import TyperCommand\n"  # as if typer had none
        "typer.core._TyperParameter = kept\n"
        "assert cli_coercion.Command is TyperCommand\n"
        "from reconcile.cli import app\n"
        "try: app(['check', sys.argv[1]])\n"
        "except SystemExit as exc: print('exit', exc.code)\n"
    )
    plain = subprocess.run(
        [sys.executable, "-m", "reconcile.cli", "check", str(ROOT / "claims")], capture_output=True, text=True
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "claims")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout == plain.stdout + f"exit {plain.returncode}\n"
