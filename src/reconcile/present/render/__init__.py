"""Renderers: Report → str. No logic beyond presentation; one module per output format."""

from __future__ import annotations

from importlib import import_module
from typing import Any, TextIO

from ...model import Report

FORMATS = ("text", "json", "sarif", "github")


def render(report: Report, fmt: str, **options: Any) -> str:
    """Render with the named format's module (imported on demand: start-up time matters in CI)."""
    if fmt not in (*FORMATS, "html"):
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    text: str = import_module(f"{__name__}.{fmt}").render(report, **options)
    return text


def write(report: Report, fmt: str, out: TextIO, **options: Any) -> None:
    """`render` written to `out`: formats that can stream (json, sarif) write as they encode."""
    if fmt not in (*FORMATS, "html"):
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    module = import_module(f"{__name__}.{fmt}")
    if hasattr(module, "write"):
        module.write(report, out, **options)
    else:
        out.write(module.render(report, **options))
