"""Report → GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`).

GitHub turns these lines into annotations on the pull request, but shows at most
10 error and 10 warning annotations per step (and 10 notices); the rest are dropped
silently. So the most severe findings come first, each level is cut at its limit, and a
closing notice says how many were left out and where to see them all.
"""

from __future__ import annotations

from ... import formatting
from ...model import SEVERITIES, SEVERITY_RANK, Finding, Report, Severity
from .controls import reveal

# GitHub's documented per-step annotation limits ("Usage limits" for workflow commands:
# 10 error and 10 warning annotations per step; notices share the same cap).
ANNOTATION_LIMITS = {"error": 10, "warning": 10, "notice": 10}
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(report: Report) -> str:
    by_level: dict[Severity, list[Finding]] = {sev: [] for sev in SEVERITIES}
    for f in sorted(report.findings, key=_order):
        by_level[f.severity].append(f)
    limits = {sev: ANNOTATION_LIMITS[COMMANDS[sev]] for sev in SEVERITIES}
    if any(len(by_level[sev]) > limits[sev] for sev in SEVERITIES):
        limits[Severity.INFO] -= 1  # keep a notice for the closing line
    lines: list[str] = []
    left_out: dict[Severity, int] = {}
    for sev in SEVERITIES:
        lines += [annotation(f) for f in by_level[sev][: limits[sev]]]
        if len(by_level[sev]) > limits[sev]:
            left_out[sev] = len(by_level[sev]) - limits[sev]
    if left_out:
        lines.append(_closing_notice(left_out))
    return "\n".join(lines) + ("\n" if lines else "")


def _order(f: Finding) -> tuple:
    """Most severe first; within a level the largest gap first, then by file and line."""
    file, line = (f.location.file, f.location.line or 0) if f.location else ("", 0)
    return (SEVERITY_RANK[f.severity], -(f.gap or 0.0), file, line, f.id)


def annotation(f: Finding) -> str:
    props = []
    if f.location:
        props.append(f"file={_property(f.location.file)}")
        if f.location.line:
            props.append(f"line={f.location.line}")
    props.append(f"title={_property(reveal(_title(f)))}")
    return f"::{COMMANDS[f.severity]} {','.join(props)}::{_data(reveal(f.message))}"


def _title(f: Finding) -> str:
    about = " · ".join(x for x in (f.entity, formatting.unit(str(f.measure)) if f.measure else None) if x)
    return f"{f.rule}: {about}" if about else f.rule


def _closing_notice(left_out: dict[Severity, int]) -> str:
    total = sum(left_out.values())
    parts = ", ".join(f"{n} {sev}" for sev, n in left_out.items())
    limits = f"{ANNOTATION_LIMITS['error']} errors and {ANNOTATION_LIMITS['warning']} warnings"
    message = (
        f"{total} more findings not shown as annotations ({parts}): GitHub shows at most {limits} "
        "per step. Run `reconcile check` or see the SARIF/HTML report for all of them."
    )
    return f"::notice title=reconcile::{_data(message)}"


def _data(text: str) -> str:
    """Escape a workflow command's message (GitHub's escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command's property value (GitHub's escapeProperty)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
