"""The number line: every subject's interval on one log axis, as SVG geometry in whole units.

    number_line(subjects, consensus, unit)
      ├─ _Scale.fit    the domain: positive finite ends, padded; value → x
      ├─ _bars         one Bar per drawable subject (0 and ∞ become arrows)
      ├─ _paths        every bar of one role in one SVG path, in draw order
      ├─ _legend       the key for what this chart shows
      └─ _log_ticks    axis ticks (labels: formatting.fmt_tick)

Pure geometry on plain values: a subject is anything with an interval, a point, a role,
a symbol and a label (`view.Subject`); the template draws the result.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ....formatting import fmt_tick
from ....model import Interval

# Geometry (SVG user units; the SVG scales to the page width).
CHART_WIDTH = 640
CHART_LABEL_WIDTH = 190
CHART_RIGHT_PAD = 16
CHART_ROW = 22
CHART_TOP = 20
CHART_AXIS = 26
MIN_BAR = 6
# Short SVG classes, one per subject role (report.css draws them: solid, hatched, outlined).
BAR_CLASSES = {"agrees": "a", "outside": "o", "disputed": "d", "unknown": "d"}
# Draw order: the consensus band under the bars, then triangles and arrows on top.
PATH_ORDER = ("cons", "a", "d", "o", "pt", "arr")


class Drawable(Protocol):
    """What the number line reads of a subject."""

    @property
    def interval(self) -> Interval | None: ...
    @property
    def point(self) -> float | None: ...
    @property
    def role(self) -> str: ...
    @property
    def symbol(self) -> str: ...
    @property
    def label(self) -> str: ...


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
class _Scale:
    """The log axis: value → x between x0 and x1, with 0 and ∞ pinned to the edges."""

    log_lo: float
    log_hi: float
    x0: int = CHART_LABEL_WIDTH
    x1: int = CHART_WIDTH - CHART_RIGHT_PAD

    @classmethod
    def fit(cls, intervals: Sequence[Interval]) -> _Scale | None:
        """The domain of every positive finite end, padded by 6 % (at least 2 %); None if there is none."""
        ends = [x for iv in intervals for x in (iv.low, iv.high) if 0 < x < math.inf]
        if not ends:
            return None
        lo, hi = min(ends), max(ends)
        if lo == hi:
            lo, hi = lo / 1.1, hi * 1.1
        pad = max((math.log10(hi) - math.log10(lo)) * 0.06, math.log10(1.02))
        return cls(math.log10(lo) - pad, math.log10(hi) + pad)

    def x(self, v: float) -> int:
        if v <= 0:
            return self.x0
        if math.isinf(v):
            return self.x1
        return round(self.x0 + (math.log10(v) - self.log_lo) / (self.log_hi - self.log_lo) * (self.x1 - self.x0))

    def span(self, iv: Interval) -> tuple[int, int]:
        """(x, width) of an interval, at least MIN_BAR wide around its centre."""
        a, b = self.x(iv.low), self.x(iv.high)
        if b - a < MIN_BAR:
            a = (a + b) // 2 - MIN_BAR // 2
            b = a + MIN_BAR
        return a, b - a

    def ticks(self) -> list[tuple[int, str]]:
        return [(self.x(t), fmt_tick(t)) for t in _log_ticks(10**self.log_lo, 10**self.log_hi)]


def _log_ticks(lo: float, hi: float, most: int = 4) -> list[float]:
    """At most `most` tick values inside [lo, hi] for a log axis: decades, 1-2-5, or nice linear steps."""
    decades = math.log10(hi / lo)
    k0, k1 = math.ceil(math.log10(lo)), math.floor(math.log10(hi))
    if decades >= 1.5:
        every = max(1, math.ceil((k1 - k0 + 1) / most))
        return [10.0**k for k in range(k0, k1 + 1, every)]
    if decades >= 0.7:
        return [m * 10.0**k for k in range(k0 - 1, k1 + 1) for m in (1, 2, 5) if lo <= m * 10.0**k <= hi][:most]
    raw = (hi - lo) / 4
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(most) if first + i * step <= hi]


def _bars(drawn: Sequence[tuple[Drawable, Interval]], scale: _Scale) -> list[Bar]:
    """One row per subject, top to bottom, its status symbol before its label."""
    bars = []
    for row, (s, iv) in enumerate(drawn):
        bar_x, bar_width = scale.span(iv)
        bars.append(
            Bar(
                y=CHART_TOP + row * CHART_ROW,
                x=bar_x,
                width=bar_width,
                left_arrow=iv.low <= 0,
                right_arrow=math.isinf(iv.high),
                point_x=scale.x(s.point) if s.point is not None and 0 < s.point < math.inf else None,
                css=BAR_CLASSES[s.role],
                label=f"{s.symbol} {s.label}",
            )
        )
    return bars


def _paths(bars: Sequence[Bar], band: tuple[int, int] | None, scale: _Scale, axis_y: float) -> list[tuple[str, str]]:
    """Every shape of one class in one SVG path (a 1k-finding page must stay small), in PATH_ORDER."""
    shapes: dict[str, list[str]] = defaultdict(list)
    for b in bars:
        shapes[b.css].append(f"M{b.x} {b.y - 6}h{b.width}v12h{-b.width}z")
        if b.point_x is not None:
            shapes["pt"].append(f"M{b.point_x - 5} {b.y - 11}h10l-5 7z")  # ▼ above the bar
        if b.left_arrow:
            shapes["arr"].append(f"M{scale.x0 - 9} {b.y}l8-6v12z")
        if b.right_arrow:
            shapes["arr"].append(f"M{scale.x1 + 9} {b.y}l-8-6v12z")
    if band:
        shapes["cons"].append(f"M{band[0]} 2h{band[1]}v{axis_y - 2}h{-band[1]}z")
    return [(css, "".join(shapes[css])) for css in PATH_ORDER if shapes[css]]


def _legend(roles: set[str], band: tuple[int, int] | None, bars: Sequence[Bar]) -> list[str]:
    """Bars say their status in words (✓ ✕ ? ≈ before each label); the key names the rest."""
    entries = (
        ("outside" in roles, "▨ outside"),
        (band is not None and "agrees" in roles, "░ consensus"),
        (band is not None and "agrees" not in roles, "░ disputed range"),
        (any(b.point_x is not None for b in bars), "▼ as written"),
        (any(b.left_arrow or b.right_arrow for b in bars), "◀ ▶ to 0 or ∞"),
    )
    return [text for present, text in entries if present]


def number_line(subjects: Sequence[Drawable], consensus: Interval | None, unit: str) -> Chart | None:
    """Every subject's interval on one log axis; unbounded or non-positive ends become arrows."""
    drawn = [(s, s.interval) for s in subjects if s.interval is not None]
    scale = _Scale.fit([iv for _, iv in drawn] + ([consensus] if consensus else [])) if drawn else None
    if scale is None:
        return None
    bars = _bars(drawn, scale)
    band = scale.span(consensus) if consensus else None
    axis_y = CHART_TOP + len(drawn) * CHART_ROW - 6
    skipped = len(subjects) - len(drawn)
    return Chart(
        width=CHART_WIDTH,
        height=int(axis_y + CHART_AXIS),
        axis_y=axis_y,
        x0=scale.x0,
        x1=scale.x1,
        unit=unit,
        ticks=scale.ticks(),
        bars=bars,
        consensus=band,
        legend=_legend({s.role for s, _ in drawn}, band, bars),
        paths=_paths(bars, band, scale, axis_y),
        note=f"{skipped} not drawn: not in this report" if skipped else "",
    )
