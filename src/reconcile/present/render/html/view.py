"""The view model: a Report as plain data for the templates — strings, numbers, SVG geometry.

    build_page(report, title) → Page
      ├─ SeverityCount, RuleCount      the summary tiles and the by-rule table
      └─ GroupView                     one entity · measure, worst first
           └─ FindingView              one finding: message, gap, consensus
                ├─ Subject             one column of the side-by-side table (claim, derived or unknown)
                └─ chart.Chart         its number line

Numbers become text through `reconcile.formatting`; quotes through `highlight` (the only
Markup here). Everything else reaches the page through jinja2 autoescaping.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup

from .... import formatting
from ....model import SEVERITIES, SEVERITY_RANK, Claim, Derived, Estimate, Finding, Interval, Report
from ...shown import claims_read, estimate_cells
from .chart import Chart, number_line
from .highlight import highlight

SEVERITY_SHAPES = {"error": "▲", "warning": "●", "info": "○"}
SEVERITY_PLURALS = {"error": "errors", "warning": "warnings", "info": "info"}

# How a subject of a finding stands against the consensus: (symbol, words, role).
Status = tuple[str, str, str]
STATUS_OUTSIDE: Status = ("✕", "outside consensus", "outside")  # disjoint from the consensus
STATUS_AGREES: Status = ("✓", "in consensus", "agrees")  # contains the consensus (a member of it)
STATUS_OVERLAPS: Status = ("≈", "overlaps", "agrees")  # no consensus given, but every interval shares a point
STATUS_DISPUTED: Status = ("?", "disputed", "disputed")  # no majority: the consensus is the disputed range
STATUS_UNKNOWN: Status = ("–", "not in this report", "unknown")


# --------------------------------------------------------------------------- the dataclasses


@dataclass(frozen=True)
class Subject:
    """One column of a finding's side-by-side table."""

    id: str
    symbol: str
    status: str
    role: str  # outside | agrees | disputed | unknown — a CSS class and chart style
    label: str  # short name on the number line
    value: str
    interval: Interval | None
    interval_text: str  # in canonical units, without the unit
    canonical: str  # the point value in canonical units, without the unit
    unit: str = ""
    source: str = ""
    publisher: str = ""
    published: str = ""
    url: str | None = None
    period: str = "unknown"
    kind: str = ""
    quote: Markup | None = None
    location: str = ""
    derivation: str = ""
    rests_on: tuple[tuple[str, str], ...] = ()  # (claim id, file:line)
    is_derived: bool = False
    point: float | None = None  # the number as written (derived: computed from operands' points)
    heading: str = ""  # the column's title: a claim's id, or what a derived value is ("implied GDP per person")

    @property
    def title(self) -> str:
        return self.heading or self.id


@dataclass(frozen=True)
class FindingView:
    id: str
    rule: str
    severity: str
    shape: str
    message: str
    entity: str
    gap: str | None
    consensus: str | None
    location: str
    related: list[str]
    subjects: list[Subject]
    unit: str  # the canonical unit all subjects share ("" when they differ: shown per cell)
    chart: Chart | None
    has_derived: bool
    culprit: str = ""  # the claim most likely wrong
    rivals: list[str] = field(default_factory=list)  # when nothing decides


@dataclass
class GroupView:
    anchor: str
    entity: str
    measure: str
    severity: str
    filter_entity: str  # what the entity filter matches ("" for input problems: no entity)
    findings: list[FindingView] = field(default_factory=list)
    total: int = 0  # its findings, drawn or not (the last group drawn may be cut: MAX_FINDINGS)


@dataclass(frozen=True)
class SeverityCount:
    severity: str
    shape: str
    count: int
    words: str


@dataclass(frozen=True)
class RuleCount:
    rule: str
    counts: list[int]  # in SEVERITIES order
    total: int


@dataclass(frozen=True)
class EstimateRow:
    entity: str
    measure: str
    period: str
    value: str
    interval: str
    sources: int
    status: str  # "", "disputed" or "undecided"


@dataclass(frozen=True)
class SourceRow:
    id: str
    kind: str
    claims: int
    inside: int
    outside: int
    reliability: str
    interval: str
    weight: str


@dataclass(frozen=True)
class Page:
    title: str
    n_claims: int
    n_sources: int
    n_files: int
    n_derived: int
    n_findings: int
    verdict: str
    severities: list[SeverityCount]
    rules: list[RuleCount]
    groups: list[GroupView]  # the filter lists are filled by the script from the groups' data-*
    estimates: list[EstimateRow] = field(default_factory=list)  # disputed first, at most MAX_ROWS
    n_estimates: int = 0
    sources: list[SourceRow] = field(default_factory=list)  # least reliable first, at most MAX_ROWS
    n_sources_rated: int = 0
    n_shown: int = 0  # findings drawn: at most MAX_FINDINGS, the worst


# --------------------------------------------------------------------------- subjects


def _safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def _label(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _contains(outer: Interval, inner: Interval) -> bool:
    """inner ⊆ outer, ignoring open ends and float noise (a consensus is its members' common part)."""
    slack = 1e-9 * max(abs(inner.low), abs(inner.high), 1e-300)
    return outer.low <= inner.low + slack and inner.high <= outer.high + slack


def _judge(interval: Interval | None, consensus: Interval | None, all_overlap: bool) -> Status:
    """How one subject stands: (symbol, words, role)."""
    if interval is None:
        return STATUS_UNKNOWN
    if consensus is None:
        return STATUS_OVERLAPS if all_overlap else STATUS_DISPUTED
    if not interval.overlaps(consensus):
        return STATUS_OUTSIDE
    return STATUS_AGREES if _contains(interval, consensus) else STATUS_DISPUTED


def _with_status(subjects: list[Subject], consensus: Interval | None) -> list[Subject]:
    intervals = [s.interval for s in subjects if s.interval is not None]
    common: Interval | None = intervals[0] if intervals else None
    for iv in intervals[1:]:
        common = common.intersect(iv) if common else None
    out = []
    for s in subjects:
        symbol, status, role = _judge(s.interval, consensus, common is not None)
        out.append(replace(s, symbol=symbol, status=status, role=role))
    return out


def _claim_subject(c: Claim) -> Subject:
    kind = "reference" if c.is_reference else c.kind
    return Subject(
        id=c.id,
        symbol="",
        status="",
        role="",
        label=_label(c.source.id),
        value=c.value.text,
        interval=c.interval,
        interval_text=formatting.fmt_interval(c.interval),
        canonical=formatting.fmt_point(c.point, c.value.canonical_unit),
        unit=c.value.canonical_unit,
        source=c.source.label,
        publisher=c.source.publisher or "",
        published=c.source.published or "",
        url=_safe_url(c.source.url),
        period=str(c.period) if c.period else "unknown",
        kind=kind,
        quote=highlight(c.quote, c.value.text) if c.quote else None,
        location=str(c.location),
        derivation="stated in the source",
        point=c.point,
    )


def _derived_subject(d: Derived, claims: dict[str, Claim]) -> Subject:
    leaves = [claims[i] for i in d.claims if i in claims]
    sources = sorted({c.source.id for c in leaves})
    rests_on = tuple((i, str(claims[i].location) if i in claims else "") for i in d.claims)
    return Subject(
        id=d.id,
        symbol="",
        status="",
        role="",
        label=_label("derived · " + "+".join(sources) if sources else "derived"),
        value="(derived)",
        interval=d.interval,
        interval_text=formatting.fmt_interval(d.interval),
        canonical=formatting.fmt_point(d.point, d.canonical_unit),
        unit=d.canonical_unit,
        source=", ".join(c.source.label for c in {c.source.id: c for c in leaves}.values()),
        period=str(d.period) if d.period else "unknown",
        kind=d.kind,
        derivation=d.explanation,
        rests_on=rests_on,
        is_derived=True,
        point=d.point,
        heading=_derived_heading(d),
    )


def _derived_heading(d: Derived) -> str:
    """A derived value named for a person, never by its internal id ("d:India:dollar / person:…")."""
    where = d.entity + (f" ({d.scope})" if d.scope else "") + (f", {d.period}" if d.period else "")
    measure = getattr(d.measure, "label", str(d.measure))  # a Measure (tests may build Derived by hand)
    return f"implied {formatting.unit(measure)} · {where}"


def _unknown_subject(subject_id: str) -> Subject:
    return Subject(subject_id, "", "", "", _label(subject_id), "", None, "", "")


# --------------------------------------------------------------------------- findings and groups


def _subjects(f: Finding, claims: dict[str, Claim], derived: dict[str, Derived]) -> tuple[list[Subject], list[str]]:
    """The finding's subjects in order, judged against its consensus, with distinct labels;
    and the canonical units of those found in the report."""
    subjects: list[Subject] = []
    units: list[str] = []
    for sid in f.subjects:
        if sid in claims:
            subjects.append(_claim_subject(claims[sid]))
            units.append(claims[sid].value.canonical_unit)
        elif sid in derived:
            subjects.append(_derived_subject(derived[sid], claims))
            units.append(derived[sid].canonical_unit)
        else:
            subjects.append(_unknown_subject(sid))
    subjects = _with_status(subjects, f.consensus)
    labels = Counter(s.label for s in subjects)
    subjects = [replace(s, label=_label(s.id)) if labels[s.label] > 1 and not s.is_derived else s for s in subjects]
    return subjects, units


def _written_scale(f: Finding, claims: dict[str, Claim], unit: str) -> tuple[float, str] | None:
    """(canonical units per written unit, the written unit) when nobody reads `unit` (a power is
    kg·km²/year³): the first subject claim's own unit, else None."""
    if not formatting.unread(unit):
        return None
    for sid in f.subjects:
        c = claims.get(sid)
        if c and c.value.canonical_unit == unit and isinstance(c.value.value, float) and c.value.value and c.point:
            return c.value.point / c.value.value, c.value.unit
    return None


def _scaled(iv: Interval, factor: float) -> Interval:
    return replace(iv, low=iv.low / factor, high=iv.high / factor)


def _finding_view(f: Finding, claims: dict[str, Claim], derived: dict[str, Derived]) -> FindingView:
    subjects, units = _subjects(f, claims, derived)
    unit = units[0] if units else (str(f.measure) if f.measure else "")
    consensus = f.consensus
    if len(set(units)) <= 1 and (scale := _written_scale(f, claims, unit)) is not None:
        factor, unit = scale  # the chart, the table and the consensus in the unit a claim was written in
        subjects = [
            replace(
                s,
                interval=_scaled(s.interval, factor),
                interval_text=formatting.fmt_interval(_scaled(s.interval, factor)),
                point=s.point / factor,
                canonical=formatting.fmt_point(s.point / factor, unit),
                unit=unit,
            )
            if s.interval is not None and s.point is not None
            else s
            for s in subjects
        ]
        units = [unit]
        consensus = _scaled(consensus, factor) if consensus is not None else None
    shared = unit if len(set(units)) <= 1 else ""
    chart = number_line(subjects, consensus, unit) if subjects else None
    return FindingView(
        id=f.id,
        rule=f.rule,
        severity=f.severity,
        shape=SEVERITY_SHAPES[f.severity],
        message=f.message,
        entity=f.entity or "",
        gap=formatting.fmt_gap(f.gap),
        consensus=f"{formatting.fmt_interval(consensus)} {unit}".strip() if consensus else None,
        location=str(f.location) if f.location else "",
        related=[str(loc) for loc in f.related],
        subjects=subjects,
        unit=shared,
        chart=chart,
        has_derived=any(s.is_derived for s in subjects),
        culprit=f.culprit or "",
        rivals=list(f.rivals) if f.severity != "info" else [],
    )


def _finding_order(f: Finding) -> tuple[int, float, str, str]:
    return (SEVERITY_RANK[f.severity], -(f.gap or 0.0), f.rule, f.id)


def _group_order(item: tuple[tuple[str, str], tuple[int, float, str, str], int]) -> tuple[int, bool, int, str, str]:
    """A group, (entity, measure), by its worst finding's order and its size."""
    (entity, measure), worst, size = item
    # Input problems first among equals: until they are fixed the check is incomplete.
    return (worst[0], bool(entity or measure), -size, entity.casefold(), measure)


MAX_FINDINGS = 1_000  # findings drawn in full, in page order: 11,500 made a 27 MB page a browser took 40 s to open


def _shown(report: Report) -> tuple[list[tuple[tuple[str, str], list[Finding], int]], int]:
    """The groups of findings to draw, in page order (worst group first), each with its findings
    worst first and its size: up to MAX_FINDINGS findings in all, the last group drawn cut if it
    must be. Only those findings are held (the Dask engine's are on disk, read twice)."""
    sizes: dict[tuple[str, str], list[Any]] = {}  # group: [its worst finding's order, its size]
    for f in report.findings:
        order = _finding_order(f)
        size = sizes.setdefault((f.entity or "", str(f.measure) if f.measure else ""), [order, 0])
        size[0] = min(size[0], order)
        size[1] += 1
    ranked = sorted(sizes.items(), key=lambda item: _group_order((item[0], item[1][0], item[1][1])))
    budget: dict[tuple[str, str], int] = {}
    left = MAX_FINDINGS
    for key, (_, size) in ranked:
        if left <= 0:
            break
        budget[key] = min(size, left)
        left -= budget[key]
    kept: dict[tuple[str, str], list[Finding]] = {key: [] for key in budget}
    for f in report.findings:
        held = kept.get((f.entity or "", str(f.measure) if f.measure else ""))
        if held is not None:
            held.append(f)
    shown = [(key, sorted(fs, key=_finding_order)[: budget[key]], sizes[key][1]) for key, fs in kept.items()]
    return shown, sum(len(fs) for _, fs, _ in shown)


def _groups(
    shown: list[tuple[tuple[str, str], list[Finding], int]], claims: dict[str, Claim], derived: dict[str, Derived]
) -> list[GroupView]:
    """Findings by (entity, measure), worst group first, each group's findings worst first."""
    groups = []
    for n, ((entity, measure), fs, size) in enumerate(shown):
        group = GroupView(
            anchor=f"g{n + 1}",
            entity=entity or "Input problems",
            measure=formatting.unit(measure) if measure else "",
            severity=fs[0].severity,
            filter_entity=entity,
            total=size,
        )
        group.findings = [_finding_view(f, claims, derived) for f in fs]
        groups.append(group)
    return groups


# --------------------------------------------------------------------------- the page


def _rule_counts(report: Report) -> list[RuleCount]:
    """Rules with the most errors first, then warnings, then info; ties by name."""
    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    for f in report.findings:
        by_rule[f.rule][f.severity] += 1
    return [
        RuleCount(rule, [c[s] for s in SEVERITIES], sum(c.values()))
        for rule, c in sorted(by_rule.items(), key=lambda kv: ([-kv[1][s] for s in SEVERITIES], kv[0]))
    ]


def _verdict(counts: dict[str, int]) -> str:
    if counts["error"]:
        return "Some of these claims cannot all be true: see the errors first."
    if counts["warning"]:
        return "No hard contradictions, but some claims disagree slightly or spread widely."
    if counts["info"]:
        return "No contradictions; only notes on changes between periods or projections."
    return "No contradictions found: every claim agrees with the others it can be compared with."


MAX_ROWS = 300  # rows of the estimates and sources tables: the CLI prints them all


def _estimates_shown(report: Report) -> list[Estimate]:
    """Disputed first, at most MAX_ROWS (the smallest by that order, not every estimate sorted)."""
    return heapq.nsmallest(
        MAX_ROWS,
        report.estimates,
        key=lambda e: (e.decided, not e.disputed, e.entity.casefold(), str(e.measure), e.period or ""),
    )


def _estimate_rows(
    report: Report, estimates: list[Estimate] | None = None, claims: Mapping[str, Claim] | None = None
) -> list[EstimateRow]:
    return [
        EstimateRow(
            entity=e.entity + (f" ({e.scope})" if e.scope else ""),
            measure=measure + (" (projection)" if e.projection else ""),
            period=e.period or "",
            value=value,
            interval=interval,
            sources=e.sources,
            status="undecided" if not e.decided else ("disputed" if e.disputed else ""),
        )
        for e in (_estimates_shown(report) if estimates is None else estimates)
        for measure, value, interval in [estimate_cells(e, report, claims)]
    ]


def _source_rows(report: Report) -> list[SourceRow]:
    ordered = sorted(report.reliability.values(), key=lambda r: (r.reliability, r.id))
    return [
        SourceRow(
            r.id,
            str(r.kind),
            r.claims,
            r.inside,
            r.outside,
            f"{r.reliability:.2f}",
            f"{r.low:.2f}–{r.high:.2f}",
            f"{r.weight:.2f}",
        )
        for r in ordered[:MAX_ROWS]
    ]


def build_page(report: Report, title: str) -> Page:
    shown, n_shown = _shown(report)
    estimates = _estimates_shown(report)
    subjects = {sid for _, fs, _ in shown for f in fs for sid in f.subjects}
    derived = {d.id: d for d in report.derived if d.id in subjects} if subjects else {}
    wanted = subjects | {c for d in derived.values() for c in d.claims} | {c for e in estimates for c in claims_read(e)}
    # One pass over the claims (the Dask engine's are on disk): the ones drawn, the sources, the files.
    claims: dict[str, Claim] = {}
    sources = set(report.sources)
    files: set[str] = set()
    for c in report.claims:
        if c.id in wanted:
            claims[c.id] = c
        sources.add(c.source.id)
        if not report.files:
            files.add(c.location.file)
    counts = report.counts()
    return Page(
        title=title,
        n_claims=len(report.claims),
        n_sources=len(sources),
        n_files=len(report.files) or len(files),
        n_derived=len(report.derived),
        n_findings=len(report.findings),
        verdict=_verdict(counts),
        severities=[
            SeverityCount(s, SEVERITY_SHAPES[s], counts[s], SEVERITY_PLURALS[s] if counts[s] != 1 else s)
            for s in SEVERITIES
        ],
        rules=_rule_counts(report),
        groups=_groups(shown, claims, derived),
        estimates=_estimate_rows(report, estimates, claims),
        n_estimates=len(report.estimates),
        sources=_source_rows(report),
        n_sources_rated=len(report.reliability),
        n_shown=n_shown,
    )
