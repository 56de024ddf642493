"""Report → one self-contained HTML page (jinja2 templates in ``templates/``).

This module only prepares a view model: plain strings, numbers and SVG coordinates.
The template lays them out. Every string from a claim file reaches the page through
jinja2 autoescaping; the one place that builds markup (quote highlighting) escapes
the text first and adds only its own ``<mark>`` tags.

The page makes no requests: CSS and JS are inlined, and a Content-Security-Policy
allows exactly those two blocks (by hash), so even injected markup could not run.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .... import formatting
from ....model import SEVERITIES, SEVERITY_RANK, Claim, Derived, Finding, Interval, Report

TEMPLATES = Path(__file__).parent / "templates"

SEVERITY_SHAPES = {"error": "▲", "warning": "●", "info": "○"}
SEVERITY_PLURALS = {"error": "errors", "warning": "warnings", "info": "info"}

# How a subject of a finding stands against the consensus: (symbol, words).
STATUS_OUTSIDE = ("✕", "outside consensus", "outside")  # disjoint from the consensus
STATUS_AGREES = ("✓", "in consensus", "agrees")  # contains the consensus (a member of it)
STATUS_OVERLAPS = ("≈", "overlaps", "agrees")  # no consensus given, but every interval shares a point
STATUS_DISPUTED = ("?", "disputed", "disputed")  # no majority: the consensus is the disputed range
STATUS_UNKNOWN = ("–", "not in this report", "unknown")

# Number line geometry (SVG user units; the SVG scales to the page width).
CHART_WIDTH = 640
CHART_LABEL_WIDTH = 190
CHART_RIGHT_PAD = 16
CHART_ROW = 22
CHART_TOP = 20
CHART_AXIS = 26
MIN_BAR = 6
# Short SVG classes, one per subject role (report.css draws them: solid, hatched, outlined).
BAR_CLASSES = {"agrees": "a", "outside": "o", "disputed": "d", "unknown": "d"}


# --------------------------------------------------------------------------- numbers


def fmt_number(x: float, sig: int = 4) -> str:
    """A readable number: 150 million, 627,707, 0.01335, 1.2×10⁻⁶, ∞."""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0"
    a = abs(x)
    for limit, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if a >= limit:
            return f"{_plain(x / limit, sig)} {word}"
    if a < 1e-4:
        mantissa, exponent = f"{x:.{sig - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        return f"{mantissa}×10{_superscript(int(exponent))}"
    return _plain(x, sig)


def fmt_tick(x: float) -> str:
    """Axis labels, short: 200M, 1.5B, 7,500, 0.07."""
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(x) >= limit:
            return _plain(x / limit, 3) + suffix
    return fmt_number(x, 3)


def _plain(x: float, sig: int) -> str:
    digits = sig - 1 - math.floor(math.log10(abs(x)))
    rounded = round(x, digits)
    if digits <= 0:
        return f"{int(rounded):,}"
    text = f"{rounded:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _superscript(n: int) -> str:
    return str(n).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def fmt_interval(iv: Interval) -> str:
    """[low, high] with ( ) for open ends; exact ends up to 7 digits, else 4, more if the ends look equal."""
    sig = max(_exact_digits(iv.low), _exact_digits(iv.high))
    low, high = fmt_number(iv.low, sig), fmt_number(iv.high, sig)
    while low == high and iv.low != iv.high and sig < 12:
        sig += 1
        low, high = fmt_number(iv.low, sig), fmt_number(iv.high, sig)
    opening = "(" if iv.low_open or math.isinf(iv.low) else "["
    closing = ")" if iv.high_open or math.isinf(iv.high) else "]"
    return f"{opening}{low}, {high}{closing}"


def _exact_digits(x: float, most: int = 7, fallback: int = 4) -> int:
    """The fewest significant digits (≤ most) that write x exactly, else `fallback`."""
    if x == 0 or math.isinf(x):
        return 1
    for sig in range(1, most + 1):
        if math.isclose(float(f"{x:.{sig - 1}e}"), x, rel_tol=1e-12):
            return sig
    return fallback


def fmt_gap(gap: float | None) -> str | None:
    if gap is None or gap == 0:
        return None
    if math.isinf(gap):
        return "gap ∞"
    return f"gap {gap * 100:.3g} %"


def fmt_point(point: float, unit: str) -> str:
    """The canonical value (unit shown apart), with '1 per N' for small ratios of units."""
    text = fmt_number(point, 6)
    if "/" in unit and 0 < point < 1:
        text += f" (1 per {fmt_number(1 / point, 4)})"
    return text


# --------------------------------------------------------------------------- quotes

# A number as people write it: digits with separators or a decimal part, optionally
# followed by a scale word. Number words are matched separately and only as words.
_DIGITS = r"\d[\d,]*(?:\.\d+)?|\.\d+"
_SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion|bn|mn|[kKmMbB])\b)?"
_NUMBER_RE = re.compile(rf"(?:{_DIGITS}){_SCALE}(?:\s*(?:%|percent|per\s*cent))?")
_NUMBER_WORDS = (
    "a quarter|a third|a half|half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    "twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
    "forty|fifty|sixty|seventy|eighty|ninety|a hundred|a thousand|a dozen|dozen"
)
_WORD_RE = re.compile(rf"\b(?:{_NUMBER_WORDS})\b{_SCALE}", re.IGNORECASE)


def _number_runs(text: str) -> list[str]:
    """Number-like runs in a value string, in order, digits before words."""
    runs = [m.group(0).strip() for m in _NUMBER_RE.finditer(text)]
    runs += [m.group(0).strip() for m in _WORD_RE.finditer(text)]
    return [r for r in dict.fromkeys(runs) if r]


_BEFORE = r"(?<![\w.,])"  # a whole number: not the tail of a longer one
_AFTER = r"(?![\w]|[.,]\d)"


def _search(pattern: str, haystack: str) -> tuple[int, int] | None:
    m = re.search(_BEFORE + pattern + _AFTER, haystack, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def highlight_spans(quote: str, value_text: str) -> list[tuple[int, int]]:
    """Spans of `quote` to highlight: the value's numbers as written, else the first number.

    Each number of the value is looked for as written ("200 million"), then as its digits
    with any scale word ("5.9 million" finds "5.9m").
    """
    spans: list[tuple[int, int]] = []
    for run in _number_runs(value_text):
        exact = re.escape(run).replace(r"\ ", r"\s+")
        digits = re.match(_DIGITS, run)
        patterns = [exact] + ([re.escape(digits.group(0)) + _SCALE] if digits else [])
        for pattern in patterns:
            span = _search(pattern, quote)
            if span and not any(s < span[1] and span[0] < e for s, e in spans):
                spans.append(span)
                break
    if not spans:
        m = _NUMBER_RE.search(quote) or _WORD_RE.search(quote)
        if m:
            spans.append((m.start(), m.start() + len(m.group(0).rstrip())))
    return sorted(spans)


def highlight(quote: str, value_text: str) -> Markup:
    """The quote, escaped, with the value's number wrapped in <mark>."""
    out = Markup("")
    pos = 0
    for start, end in highlight_spans(quote, value_text):
        out += escape(quote[pos:start]) + Markup("<mark>") + escape(quote[start:end]) + Markup("</mark>")
        pos = end
    return out + escape(quote[pos:])


# --------------------------------------------------------------------------- view model


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


@dataclass(frozen=True)
class Bar:
    """One interval on the number line, in whole SVG units (the page must stay small)."""

    y: int  # centre line of the row
    x: int
    width: int
    left_arrow: bool  # the interval reaches 0 (or below): clipped at the left edge
    right_arrow: bool  # the interval reaches ∞: clipped at the right edge
    point_x: int | None  # the value as written
    css: str  # BAR_CLASSES[role]
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    axis_y: float
    x0: int
    x1: int
    unit: str
    ticks: list[tuple[int, str]]
    bars: list[Bar]
    consensus: tuple[int, int] | None  # x, width
    legend: list[str]
    paths: list[tuple[str, str]]  # (css class, SVG path data): every bar of one role in one path
    note: str = ""


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


@dataclass
class GroupView:
    anchor: str
    entity: str
    measure: str
    severity: str
    filter_entity: str  # what the entity filter matches ("" for input problems: no entity)
    findings: list[FindingView] = field(default_factory=list)


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


def _safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def _label(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _contains(outer: Interval, inner: Interval) -> bool:
    """inner ⊆ outer, ignoring open ends and float noise (a consensus is its members' common part)."""
    slack = 1e-9 * max(abs(inner.low), abs(inner.high), 1e-300)
    return outer.low <= inner.low + slack and inner.high <= outer.high + slack


def _judge(interval: Interval | None, consensus: Interval | None, all_overlap: bool) -> tuple[str, str, str]:
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
        interval_text=fmt_interval(c.interval),
        canonical=fmt_point(c.point, c.value.canonical_unit),
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
        interval_text=fmt_interval(d.interval),
        canonical=fmt_point(d.point, d.canonical_unit),
        unit=d.canonical_unit,
        source=", ".join(c.source.label for c in {c.source.id: c for c in leaves}.values()),
        period=str(d.period) if d.period else "unknown",
        kind=d.kind,
        derivation=d.explanation,
        rests_on=rests_on,
        is_derived=True,
        point=d.point,
    )


def _unknown_subject(subject_id: str) -> Subject:
    return Subject(subject_id, "", "", "", _label(subject_id), "", None, "", "")


# --------------------------------------------------------------------------- number line


def _log_ticks(lo: float, hi: float, most: int = 4) -> list[float]:
    """At most `most` tick values inside [lo, hi] for a log axis: decades, 1-2-5, or nice linear steps."""
    decades = math.log10(hi / lo)
    k0, k1 = math.ceil(math.log10(lo)), math.floor(math.log10(hi))
    if decades >= 1.5:
        step = max(1, math.ceil((k1 - k0 + 1) / most))
        return [10.0**k for k in range(k0, k1 + 1, step)]
    if decades >= 0.7:
        return [m * 10.0**k for k in range(k0 - 1, k1 + 1) for m in (1, 2, 5) if lo <= m * 10.0**k <= hi][:most]
    raw = (hi - lo) / 4
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(lo / step) * step
    ticks = [first + i * step for i in range(most) if first + i * step <= hi]
    return ticks


def number_line(subjects: list[Subject], consensus: Interval | None, unit: str) -> Chart | None:
    """Every subject's interval on one log axis; unbounded or non-positive ends become arrows."""
    drawn = [s for s in subjects if s.interval is not None]
    if not drawn:
        return None
    ends: list[float] = []
    for iv in [s.interval for s in drawn] + ([consensus] if consensus else []):
        ends += [x for x in (iv.low, iv.high) if 0 < x < math.inf]
    if not ends:
        return None
    lo, hi = min(ends), max(ends)
    if lo == hi:
        lo, hi = lo / 1.1, hi * 1.1
    pad = max((math.log10(hi) - math.log10(lo)) * 0.06, math.log10(1.02))
    log_lo, log_hi = math.log10(lo) - pad, math.log10(hi) + pad
    x0, x1 = CHART_LABEL_WIDTH, CHART_WIDTH - CHART_RIGHT_PAD

    def x(v: float) -> int:
        if v <= 0:
            return x0
        if math.isinf(v):
            return x1
        return round(x0 + (math.log10(v) - log_lo) / (log_hi - log_lo) * (x1 - x0))

    def span(iv: Interval) -> tuple[int, int]:
        a, b = x(iv.low), x(iv.high)
        if b - a < MIN_BAR:
            a = (a + b) // 2 - MIN_BAR // 2
            b = a + MIN_BAR
        return a, b - a

    bars = []
    for i, s in enumerate(drawn):
        iv = s.interval
        bar_x, bar_width = span(iv)
        bars.append(
            Bar(
                y=CHART_TOP + i * CHART_ROW,
                x=bar_x,
                width=bar_width,
                left_arrow=iv.low <= 0,
                right_arrow=math.isinf(iv.high),
                point_x=x(s.point) if s.point is not None and 0 < s.point < math.inf else None,
                css=BAR_CLASSES[s.role],
                label=f"{s.symbol} {s.label}",
            )
        )
    band = span(consensus) if consensus else None
    lo_v, hi_v = 10**log_lo, 10**log_hi
    ticks = [(x(t), fmt_tick(t)) for t in _log_ticks(lo_v, hi_v)]
    axis_y = CHART_TOP + len(drawn) * CHART_ROW - 6
    skipped = len(subjects) - len(drawn)
    roles = {s.role for s in drawn}
    shapes: dict[str, list[str]] = defaultdict(list)
    for b in bars:
        shapes[b.css].append(f"M{b.x} {b.y - 6}h{b.width}v12h{-b.width}z")
        if b.point_x is not None:
            shapes["pt"].append(f"M{b.point_x - 5} {b.y - 11}h10l-5 7z")  # ▼ above the bar
        if b.left_arrow:
            shapes["arr"].append(f"M{x0 - 9} {b.y}l8-6v12z")
        if b.right_arrow:
            shapes["arr"].append(f"M{x1 + 9} {b.y}l-8-6v12z")
    if band:
        shapes["cons"].append(f"M{band[0]} 2h{band[1]}v{axis_y - 2}h{-band[1]}z")
    # Draw order: the consensus band under the bars, then diamonds and arrows on top.
    paths = [(css, "".join(shapes[css])) for css in ("cons", "a", "d", "o", "pt", "arr") if shapes[css]]
    # Bars say their status in words (✓ ✕ ? ≈ before each label); the key names the rest.
    legend = [text for present, text in (
        ("outside" in roles, "▨ outside"),
        (band is not None and "agrees" in roles, "░ consensus"),
        (band is not None and "agrees" not in roles, "░ disputed range"),
        (any(b.point_x is not None for b in bars), "▼ as written"),
        (any(b.left_arrow or b.right_arrow for b in bars), "◀ ▶ to 0 or ∞"),
    ) if present]
    return Chart(
        width=CHART_WIDTH,
        height=int(axis_y + CHART_AXIS),
        axis_y=axis_y,
        x0=x0,
        x1=x1,
        unit=unit,
        ticks=ticks,
        bars=bars,
        consensus=band,
        legend=legend,
        paths=paths,
        note=f"{skipped} not drawn: not in this report" if skipped else "",
    )


# --------------------------------------------------------------------------- assembly


def _finding_view(f: Finding, claims: dict[str, Claim], derived: dict[str, Derived]) -> FindingView:
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
    unit = units[0] if units else (str(f.measure) if f.measure else "")
    shared = unit if len(set(units)) <= 1 else ""
    chart = number_line(subjects, f.consensus, unit) if subjects else None
    return FindingView(
        id=f.id,
        rule=f.rule,
        severity=f.severity,
        shape=SEVERITY_SHAPES[f.severity],
        message=f.message,
        entity=f.entity or "",
        gap=fmt_gap(f.gap),
        consensus=f"{fmt_interval(f.consensus)} {unit}".strip() if f.consensus else None,
        location=str(f.location) if f.location else "",
        related=[str(loc) for loc in f.related],
        subjects=subjects,
        unit=shared,
        chart=chart,
        has_derived=any(s.is_derived for s in subjects),
    )


def _finding_order(f: Finding) -> tuple:
    return (SEVERITY_RANK[f.severity], -(f.gap or 0.0), f.rule, f.id)


def build_page(report: Report, title: str) -> Page:
    claims = {c.id: c for c in report.claims}
    derived = {d.id: d for d in report.derived}
    by_group: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_group[(f.entity or "", str(f.measure) if f.measure else "")].append(f)

    def group_order(item: tuple[tuple[str, str], list[Finding]]) -> tuple:
        (entity, measure), fs = item
        worst = min(_finding_order(f) for f in fs)
        # Input problems first among equals: until they are fixed the check is incomplete.
        return (worst[0], bool(entity or measure), -len(fs), entity.casefold(), measure)

    groups = []
    for n, ((entity, measure), fs) in enumerate(sorted(by_group.items(), key=group_order)):
        fs = sorted(fs, key=_finding_order)
        group = GroupView(
            anchor=f"g{n + 1}",
            entity=entity or "Input problems",
            measure=formatting.unit(measure) if measure else "",
            severity=fs[0].severity,
            filter_entity=entity,
        )
        group.findings = [_finding_view(f, claims, derived) for f in fs]
        groups.append(group)

    counts = report.counts()
    by_rule: dict[str, Counter] = defaultdict(Counter)
    for f in report.findings:
        by_rule[f.rule][f.severity] += 1
    rules = [
        RuleCount(rule, [c[s] for s in SEVERITIES], sum(c.values()))
        for rule, c in sorted(by_rule.items(), key=lambda kv: ([-kv[1][s] for s in SEVERITIES], kv[0]))
    ]
    return Page(
        title=title,
        n_claims=len(report.claims),
        n_sources=len({c.source.id for c in report.claims} | set(report.sources)),
        n_files=len(report.files) or len({c.location.file for c in report.claims}),
        n_derived=len(report.derived),
        n_findings=len(report.findings),
        verdict=_verdict(counts),
        severities=[
            SeverityCount(s, SEVERITY_SHAPES[s], counts[s], SEVERITY_PLURALS[s] if counts[s] != 1 else s)
            for s in SEVERITIES
        ],
        rules=rules,
        groups=groups,
    )


def _verdict(counts: dict[str, int]) -> str:
    if counts["error"]:
        return "Some of these claims cannot all be true: see the errors first."
    if counts["warning"]:
        return "No hard contradictions, but some claims disagree slightly or spread widely."
    if counts["info"]:
        return "No contradictions; only notes on changes between periods or projections."
    return "No contradictions found: every claim agrees with the others it can be compared with."


# --------------------------------------------------------------------------- rendering


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )


_ENV = _environment()


def _asset(name: str) -> tuple[Markup, str]:
    """A static CSS/JS file to inline, and its CSP hash. Our own files: trusted, never claim text."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    if "</" in text:
        raise ValueError(f"{name} must not contain '</' (it is inlined in a <script>/<style> element)")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"


def render(report: Report, *, title: str = "reconcile report") -> str:
    """The whole report as one HTML document (pure: same report, same text)."""
    css, css_hash = _asset("report.css")
    js, js_hash = _asset("report.js")
    csp = f"default-src 'none'; style-src {css_hash}; script-src {js_hash}; form-action 'none'"
    page = build_page(report, title)
    return _ENV.get_template("report.html.j2").render(
        page=page, css=css, js=js, csp=csp, severities=SEVERITIES, shapes=SEVERITY_SHAPES
    )
