"""The terminal table: findings grouped by entity, worst first; reads the same in a CI log.

Plain wrapped text with a fixed left margin rather than rich tables: a big repo has
tens of thousands of findings, and rich lays out every cell (minutes, not seconds).
Colour is rich's styling of the severity mark only, and only when asked for. Text from
claim files has its terminal controls and bidi overrides shown, not obeyed (`controls`).
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from itertools import groupby

from ... import ondisk
from ...model import SEVERITY_RANK, Finding, Report
from .chunked import Writer, write_chunks
from .controls import reveal

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MARK = {"error": "✖ error", "warning": "▲ warning", "info": "● info"}
_INPUT = "(input problems)"


def _painter(color: bool) -> Callable[[str, str], str]:
    if not color:
        return lambda text, style: text
    from rich.console import Console  # only to colour: rich costs start-up time a plain table does not need
    from rich.text import Text

    console = Console(force_terminal=True, color_system="standard", highlight=False)

    def paint(text: str, style: str) -> str:
        with console.capture() as capture:
            console.print(Text(text, style=style), end="")
        return capture.get()

    return paint


def render(report: Report, *, color: bool | None = False, width: int | None = None) -> str:
    return "".join(_text(report, color=color, width=width))


def write(report: Report, out: Writer, *, color: bool | None = False, width: int | None = None) -> None:
    """`render`, written to `out` a megabyte at a time: a big repo's table is never whole in memory."""
    write_chunks(_text(report, color=color, width=width), out)


def _text(report: Report, *, color: bool | None, width: int | None) -> Iterator[str]:
    width = width or int(os.environ.get("COLUMNS", 0) or 120)
    paint = _painter(bool(color))
    counts = report.counts()
    summary = (
        f"reconcile: {len(report.claims)} claims from {len(report.sources)} sources in "
        f"{len(report.files)} files · {counts['error']} errors · {counts['warning']} warnings · "
        f"{counts['info']} info"
    )
    if not report.findings:
        yield summary + " · all consistent\n"
        return

    def entity_of(finding: Finding) -> str:
        return finding.entity or _INPUT

    rule_width = max(len(f.rule) for f in report.findings)
    # Sorted beyond memory when there are many (the Dask engine's findings are on disk).
    ordered = ondisk.ordered(
        report.findings,
        key=lambda f: (entity_of(f) != _INPUT, entity_of(f), SEVERITY_RANK[f.severity], -(f.gap or 0)),
    )
    indent = " " * (len(_MARK["warning"]) + 1)
    wrap = textwrap.TextWrapper(
        width=max(40, width),
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    for entity, findings in groupby(ordered, key=entity_of):
        lines = [paint(reveal(entity), "bold")]
        for f in findings:
            mark = paint(f"{_MARK[f.severity]:<{len(indent) - 1}}", _STYLE[f.severity])
            where = f"  {reveal(str(f.location))}" if f.location else ""
            lines.append(f"{mark} {f.rule:<{rule_width}}{where}")
            lines.extend(wrap.wrap(reveal(f.message)))
            if f.culprit:
                lines.extend(wrap.wrap(f"→ likely wrong: {reveal(f.culprit)}"))
            elif f.rivals and f.severity != "info":
                lines.extend(wrap.wrap(f"→ nothing decides between: {reveal(', '.join(f.rivals))}"))
        lines.append("")
        yield "\n".join(lines) + "\n"
    yield summary + "\n"
