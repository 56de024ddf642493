"""The terminal table: findings grouped by entity, worst first; reads the same in a CI log."""

from __future__ import annotations

import io
import os
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import SEVERITY_RANK, Report

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MARK = {"error": "✖ error", "warning": "▲ warning", "info": "● info"}


def _console(file: io.StringIO, color: bool | None, width: int | None) -> Console:
    width = width or (int(os.environ.get("COLUMNS", 0)) or 120)
    return Console(file=file, force_terminal=bool(color), no_color=not color, width=width,
                   highlight=False, soft_wrap=False)


def render(report: Report, *, color: bool | None = False, width: int | None = None) -> str:
    out = io.StringIO()
    console = _console(out, color, width)
    counts = report.counts()
    summary = (f"reconcile: {len(report.claims)} claims from {len(report.sources)} sources in "
               f"{len(report.files)} files · {counts['error']} errors · {counts['warning']} warnings · "
               f"{counts['info']} info")
    if not report.findings:
        console.print(summary + " · all consistent")
        return out.getvalue()

    def entity_key(finding):
        return finding.entity or "(input)"

    ordered = sorted(report.findings, key=lambda f: (entity_key(f) != "(input)", entity_key(f),
                                                     SEVERITY_RANK[f.severity], -(f.gap or 0)))
    for entity, findings in groupby(ordered, key=entity_key):
        findings = list(findings)
        table = Table(title=Text(entity, style="bold"), title_justify="left", show_header=False,
                      box=None, pad_edge=False, expand=False, padding=(0, 1))
        table.add_column("severity", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        table.add_column("message", overflow="fold")
        for f in findings:
            where = f"{f.location}" if f.location else ""
            table.add_row(Text(_MARK[f.severity], style=_STYLE[f.severity]), f.rule,
                          Text(f"{where}\n{f.message}" if where else f.message))
        console.print(table)
        console.print()
    console.print(summary)
    return _strip(out.getvalue())


def _strip(text: str) -> str:
    # rich pads every cell to the column width; trailing blanks only add noise to CI logs
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
