"""The objects that flow through the pipeline: files → Claim → Derived → Finding → Report.

All frozen dataclasses; the pure core builds them and the renderers only read them.
The enumerations are `StrEnum`s: they compare equal to, print as and serialise as the
plain words of the claim-file format and the JSON contract ("error", "projection").
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from .errors import INPUT_RULES

if TYPE_CHECKING:  # pandas and networkx are imported only by who uses them
    import networkx as nx
    import pandas as pd


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most severe: sort keys and `--fail-on` thresholds."""
        return SEVERITIES.index(self)


SEVERITIES: tuple[Severity, ...] = tuple(Severity)


_C = TypeVar("_C", bound=type)
_T = TypeVar("_T")


def quick_init(cls: _C) -> _C:
    """A frozen slotted dataclass whose `__init__` fills its slots through their descriptors.

    dataclasses' own `__init__` of a frozen class sets each field with `object.__setattr__`,
    which looks the name up again every time (~0.1 µs a field); a big repo builds a few objects
    of 4–17 fields per claim (and `extract` a few per number). Same parameters, defaults,
    annotations and `__post_init__`; still frozen. A field with a default factory would need the
    factory called per object: such a class is refused, as is one without slots."""
    if not is_dataclass(cls) or "__slots__" not in vars(cls):
        raise TypeError(f"{cls.__name__} is not a dataclass with slots")
    params: list[str] = []
    lines: list[str] = []
    env: dict[str, Any] = {}
    for f in fields(cls):
        if f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: a default factory")
        if not f.init:
            continue
        env[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is not MISSING:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        else:
            params.append(f.name)
        lines.append(f"    _set_{f.name}(self, {f.name})")
    if hasattr(cls, "__post_init__"):
        lines.append("    self.__post_init__()")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(lines), env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    generated = vars(cls)["__init__"]  # dataclasses' own, for its signature's annotations
    init.__doc__ = generated.__doc__
    init.__annotations__ = dict(generated.__annotations__)
    cls.__init__ = init  # type: ignore[misc]
    return cls


def slot_maker(cls: type[_T]) -> Callable[..., _T]:
    """A function that makes a `cls` from all its fields, by position, without `__init__`.

    For a frozen slotted dataclass of many fields built once per claim (Claim: 17): even
    `quick_init`'s descriptor calls cost ~0.9 µs. The maker fills an object of a twin class with
    the same slots (so the same layout) by plain attribute stores, then makes it a `cls` by
    assigning `__class__`, which Python allows between classes of one layout: the same object,
    ~4 times cheaper. Its parameters are the fields `__init__` takes, all of them by position;
    a `__post_init__` is then called, and must set any other field (one with a default is
    refused). For a class with no base but `object`; anything else is refused."""
    found = fields(cls) if is_dataclass(cls) else ()
    names = [f.name for f in found]
    params = [f.name for f in found if f.init]
    if (
        not names
        or cls.__bases__ != (object,)
        or tuple(vars(cls).get("__slots__", ())) != tuple(names)
        or any(not f.init and (f.default is not MISSING or f.default_factory is not MISSING) for f in found)
        or (len(params) < len(names) and not hasattr(cls, "__post_init__"))
    ):
        raise TypeError(f"{cls.__name__}: no slot maker for it")
    twin = type(f"_{cls.__name__}Fill", (), {"__slots__": tuple(names)})
    env: dict[str, Any] = {"_new": object.__new__, "_twin": twin, "_cls": cls}
    body = "".join(f"    made.{name} = {name}\n" for name in params)
    post = "    made.__post_init__()\n" if hasattr(cls, "__post_init__") else ""
    exec(
        f"def make({', '.join(params)}):\n    made = _new(_twin)\n{body}    made.__class__ = _cls\n{post}    return made",
        env,
    )
    make: Callable[..., _T] = env["make"]
    make.__qualname__ = make.__name__ = f"make_{cls.__name__}"
    return make


SEVERITY_RANK: dict[str, int] = {s.value: s.rank for s in Severity}


class ClaimKind(StrEnum):
    ESTIMATE = "estimate"
    PROJECTION = "projection"
    REFERENCE = "reference"


CLAIM_KINDS: tuple[str, ...] = tuple(k.value for k in ClaimKind)


class SourceKind(StrEnum):
    ARTICLE = "article"
    REFERENCE = "reference"
    DATASET = "dataset"


class PercentRole(StrEnum):
    """What a percentage says: only a share takes part in unit algebra (share × whole = part)."""

    SHARE = "share"  # "25 percent of EU GDP": a part of a whole
    CHANGE = "change"  # "grew 3.4 percent", "+8.5%", "a 9 percent rise": between two periods
    RATE = "rate"  # "an unemployment rate of 5 percent": a measure of its own
    COMPARISON = "comparison"  # "24 percent more passengers than Heathrow": A ÷ B − 1, with `than:` B


class Bound(StrEnum):
    """How a qualifier bounds the true figure around the number X as written."""

    EXACT = "="  # rounding only
    ABOUT = "~"  # rounding widened to at least ±about_min_relative
    OVER = ">"  # (X, X + one unit]
    UNDER = "<"  # [X − one unit, X)
    AT_MOST = "<="  # (0, X]
    AT_LEAST = ">="  # [X, ∞)
    RANGE = "range"  # [X, Y]

    def flipped(self) -> Bound:
        """The bound on 1/X: "nearly one for every two" is N over 2."""
        return _FLIPPED.get(self, self)


_FLIPPED = {
    Bound.OVER: Bound.UNDER,
    Bound.UNDER: Bound.OVER,
    Bound.AT_LEAST: Bound.AT_MOST,
    Bound.AT_MOST: Bound.AT_LEAST,
}


# --------------------------------------------------------------------------- intervals


@quick_init
@dataclass(frozen=True, slots=True)
class Interval:
    """A set of real numbers [low, high], each end possibly open.

    What a stated number can mean. Arithmetic returns closed intervals that contain
    every possible result (sound, possibly a little wider than exact): openness only
    matters when comparing claims, where "over 6 million" must not touch "6.0 million".
    """

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def __post_init__(self) -> None:
        if not self.low <= self.high:  # one comparison for both faults (NaN compares false): a check makes millions
            if math.isnan(self.low) or math.isnan(self.high):
                raise ValueError("interval bound is NaN")
            raise ValueError(f"interval low {self.low} > high {self.high}")

    @classmethod
    def point(cls, x: float) -> Interval:
        return cls(x, x)

    # -- predicates
    @property
    def is_empty(self) -> bool:
        return self.low == self.high and (self.low_open or self.high_open)

    def contains(self, x: float) -> bool:
        above = x > self.low if self.low_open else x >= self.low
        below = x < self.high if self.high_open else x <= self.high
        return above and below

    def overlaps(self, other: Interval) -> bool:
        """Whether they share a point: `intersect` is not None, without making the common part."""
        if self.low > other.low or (self.low == other.low and self.low_open):
            low, low_open = self.low, self.low_open
        else:
            low, low_open = other.low, other.low_open
        if self.high < other.high or (self.high == other.high and self.high_open):
            high, high_open = self.high, self.high_open
        else:
            high, high_open = other.high, other.high_open
        return not (low > high or (low == high and (low_open or high_open)))

    def intersect(self, other: Interval) -> Interval | None:
        """The common part, or None when the two share no point. When both ends are one
        interval's, it is that interval itself (no new object: a group of agreeing claims
        intersects them all, and most lie inside one another)."""
        low_is_self = self.low > other.low or (self.low == other.low and self.low_open)
        low, low_open = (self.low, self.low_open) if low_is_self else (other.low, other.low_open)
        high_is_self = self.high < other.high or (self.high == other.high and self.high_open)
        high, high_open = (self.high, self.high_open) if high_is_self else (other.high, other.high_open)
        if low > high or (low == high and (low_open or high_open)):
            return None
        if low_is_self == high_is_self:
            return self if low_is_self else other
        return Interval(low, high, low_open, high_open)

    def hull(self, other: Interval) -> Interval:
        """The smallest interval containing both."""
        if self.low < other.low or (self.low == other.low and not self.low_open):
            low, low_open = self.low, self.low_open
        else:
            low, low_open = other.low, other.low_open
        if self.high > other.high or (self.high == other.high and not self.high_open):
            high, high_open = self.high, self.high_open
        else:
            high, high_open = other.high, other.high_open
        return Interval(low, high, low_open, high_open)

    def gap(self, other: Interval) -> float:
        """Relative distance between the nearest ends (`low_b / high_a − 1`); 0 when they overlap."""
        if self.overlaps(other):
            return 0.0
        a, b = (self, other) if self.high <= other.low else (other, self)
        if a.high <= 0:
            # Not a magnitude comparison any more: fall back to distance over the larger end.
            scale = max(abs(a.high), abs(b.low))
            gap = (b.low - a.high) / scale if scale else math.inf
        else:
            gap = b.low / a.high - 1
        # Disjoint intervals always have a positive gap, even when they only touch at an
        # open end ("(6, 7]" and "[5.9, 6]") or the ratio rounds to 1.
        return max(gap, _TINY)

    @property
    def midpoint(self) -> float:
        if math.isinf(self.high) and math.isinf(self.low):
            return 0.0
        if math.isinf(self.high) or math.isinf(self.low):
            return self.low if math.isinf(self.high) else self.high
        return (self.low + self.high) / 2

    @property
    def width(self) -> float:
        return self.high - self.low

    # -- arithmetic (closed, sound)
    def __add__(self, other: Interval | float) -> Interval:
        other = _as_interval(other)
        return Interval(_add(self.low, other.low, -1), _add(self.high, other.high, 1))

    __radd__ = __add__

    def __sub__(self, other: Interval | float) -> Interval:
        other = _as_interval(other)
        return Interval(_add(self.low, -other.high, -1), _add(self.high, -other.low, 1))

    def __rsub__(self, other: float) -> Interval:
        return _as_interval(other) - self

    def __mul__(self, other: Interval | float) -> Interval:
        other = _as_interval(other)
        products = [_mul(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(products), max(products))

    __rmul__ = __mul__

    def reciprocal(self) -> Interval:
        """1/x over the interval; unbounded when the interval reaches zero."""
        if self.low > 0 or self.high < 0:
            return Interval(1 / self.high, 1 / self.low)
        if self.low == 0 and self.high > 0:
            return Interval(1 / self.high, math.inf)
        if self.high == 0 and self.low < 0:
            return Interval(-math.inf, 1 / self.low)
        return Interval(-math.inf, math.inf)

    def __truediv__(self, other: Interval | float) -> Interval:
        other = _as_interval(other)
        low, high, other_low, other_high = self.low, self.high, other.low, other.high
        isfinite = math.isfinite  # every derived value divides: no generator, no comprehension
        if (
            (other_low > 0 or other_high < 0)
            and isfinite(low)
            and isfinite(high)
            and isfinite(other_low)
            and isfinite(other_high)
        ):
            # Divide at the corners rather than multiply by rounded reciprocals, so that
            # a / b computed in floats for members a, b always lands inside.
            quotients = [low / other_low, low / other_high, high / other_low, high / other_high]
            return Interval(min(quotients), max(quotients))
        return self * other.reciprocal()

    def __rtruediv__(self, other: float) -> Interval:
        return _as_interval(other) / self

    def scale(self, factor: float) -> Interval:
        """Exact change of units: keeps openness (factor > 0)."""
        if factor <= 0:
            raise ValueError("unit factors are positive")
        return Interval(self.low * factor, self.high * factor, self.low_open, self.high_open)

    def closed(self) -> Interval:
        return Interval(self.low, self.high)

    def clamp(self, x: float) -> float:
        """The nearest point of the closed interval to x: a point shown with its interval lies in it."""
        return min(max(x, self.low), self.high)


_TINY = math.ulp(0.0)  # the gap of intervals that touch without sharing a point


def _as_interval(x: Interval | float) -> Interval:
    return x if isinstance(x, Interval) else Interval.point(float(x))


def _add(a: float, b: float, sign: int) -> float:
    # inf + (−inf) only arises at an unbounded end: it stays unbounded in the outward direction.
    total = a + b
    return sign * math.inf if math.isnan(total) else total


def _mul(a: float, b: float) -> float:
    # inf * 0 is undefined; for bounds, zero wins (0 × anything finite-or-not at an end is 0).
    if a == 0 or b == 0:
        return 0.0
    return a * b


# --------------------------------------------------------------------------- values


@quick_init
@dataclass(frozen=True, slots=True)
class Value:
    """What one `value` string means, in the claim's own unit and in canonical units.

    Three intervals because the SPEC judges a number differently by use:
    `interval` is the default reading (rounding + qualifier) used across sources;
    `operand_interval` is the tight reading when a source computes from its own figure
    (its rounding is not in doubt, only its qualifier widens it); `result_interval` is
    the tight reading of a stated result (matches to its own last digit, rounded or
    truncated).
    """

    text: str
    qualifier: str | None
    bound: Bound
    value: float | tuple[float, float]  # as written, scale words applied, in `unit`
    unit: str  # the unit as written, normalised by pint, e.g. "camera / (1000 * person)"
    canonical_unit: str  # e.g. "camera / person"; a share is "dimensionless" (see share_of)
    point: float  # the number as written, in canonical units
    interval: Interval
    operand_interval: Interval
    result_interval: Interval
    share_of: str | None = None  # canonical noun unit a share is a share of ("camera")
    # Words of the value string that name what is measured beyond its unit: "GDP" in
    # "$25.4 trillion GDP", "road deaths" in "42,514 road deaths"; None when the unit says it all.
    measure_words: str | None = None
    percent_role: PercentRole | None = None  # for percentages: share, change or rate; None = unknown
    whole_words: str | None = None  # a share's whole as written: "EU GDP" in "25 percent of EU GDP"
    # What it measures, built once per distinct value string (claims share Values) and read
    # for every claim by grouping and output.
    measure: Measure = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        key = (self.canonical_unit, self.share_of)
        measure = _MEASURES.get(key)
        if measure is None:  # a repo has a few dozen measures: one tuple each, not one per Value
            measure = _MEASURES[key] = Measure(self.canonical_unit, self.share_of)
        object.__setattr__(self, "measure", measure)


class Measure(NamedTuple):
    """What a quantity measures: quantities are compared only within one measure.

    A measure is its canonical unit ("camera / person") and, when the unit does not say it
    all, its name ("GDP" in dollars, "road deaths" in deaths): GDP and federal debt are both
    dollars and never meet. A share is a share of a counted noun or of a named measure
    ("share of camera", "share of GDP"), and in a group, of one entity's whole ("share of
    camera in World"); a change is the change of a named measure between two periods.
    Kept structured so that nothing parses the words back. A named tuple, not a dataclass:
    it is part of every group key, hashed millions of times in a big repo, and a tuple
    hashes in C.
    """

    unit: str  # canonical unit; "dimensionless" for a share or a change
    share_of: str | None = None  # what a share is a share of: a counted noun ("camera") or a measure ("GDP")
    whole: str | None = None  # the entity a share is of ("World")
    what: str | None = None  # the measure's name as the repo spells it ("GDP"); None: the unit says it all
    change: bool = False  # a percentage change of `what` between two periods ("grew 3.4 percent")
    than: str | None = None  # a comparison of `what` with this entity's ("24 percent more than Heathrow")

    @property
    def name(self) -> str:
        """The measure without its whole: "camera / person", "share of camera", "GDP (dollar)"."""
        if self.than:
            return f"{self.what} relative to {self.than}"
        if self.share_of:
            return f"share of {self.what or self.share_of}"
        if self.change:
            return f"change in {self.what}"
        if self.what:
            return self.what if self.unit == "dimensionless" else f"{self.what} ({self.unit})"
        return self.unit

    @property
    def label(self) -> str:
        """How a person names it: "GDP", "change in GDP", "camera / person"."""
        if self.what and not self.share_of and not self.change and not self.than:
            return self.what
        return self.name

    def __str__(self) -> str:
        return f"{self.name} in {self.whole}" if self.whole else self.name


_MEASURES: dict[tuple[str, str | None], Measure] = {}


# --------------------------------------------------------------------------- claims


@quick_init
@dataclass(frozen=True, slots=True)
class Location:
    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True, slots=True)
class Period:
    """A span of time a claim is about; a year is 1 Jan–31 Dec."""

    start: date
    end: date
    label: str

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    retrieved: str | None = None
    document: str | None = None
    kind: SourceKind = SourceKind.ARTICLE
    location: Location | None = None

    @property
    def label(self) -> str:
        return self.title or self.id


@quick_init
@dataclass(frozen=True, slots=True)
class Claim:
    id: str  # global: "<source.id>/<local id>"
    source: Source
    entity: str  # canonical name
    entity_as_written: str
    value: Value
    location: Location
    scope: str | None = None
    kind: ClaimKind = ClaimKind.ESTIMATE
    period: Period | None = None
    quote: str | None = None
    computed_from: tuple[str, ...] = ()  # global ids of the source's own figures this was computed from
    of: str | None = None  # for shares: the canonical entity of the whole ("World")
    note: str | None = None
    what: str | None = None  # the measure's name, aliases resolved ("GDP"); None: its unit says it all
    role: PercentRole | None = None  # for a percentage: share, change or rate; None = unknown
    alone: str | None = None  # why it is compared with nothing (a bare amount of money with no measure)
    than: str | None = None  # for a comparison: the canonical entity it is compared with ("Heathrow")

    @property
    def measure(self) -> Measure:
        """What it measures; a share's measure names its whole (`of:`), a named measure its name."""
        measure = self.value.measure
        if self.what is None and self.role is None:  # the common case: no new tuple
            return measure if self.of is None else measure._replace(whole=self.of)
        if self.role is PercentRole.CHANGE:
            return Measure(measure.unit, what=self.what, change=True)
        if self.role is PercentRole.COMPARISON:
            return Measure(measure.unit, what=self.what, than=self.than)
        if self.role is PercentRole.RATE:  # its own measure, even "17.6 percent of GDP" of its own GDP
            return Measure(measure.unit, what=self.what)
        if self.role is PercentRole.SHARE or measure.share_of:
            return Measure(measure.unit, measure.share_of or self.what, self.of, self.what)
        return measure._replace(what=self.what, whole=self.of)

    @property
    def interval(self) -> Interval:
        return self.value.interval

    @property
    def point(self) -> float:
        return self.value.point

    @property
    def is_reference(self) -> bool:
        return self.kind is ClaimKind.REFERENCE or self.source.kind is SourceKind.REFERENCE


@quick_init  # built once per derived value, finding or group in consistency/
@dataclass(frozen=True, slots=True)
class Derived:
    """A quantity implied by other quantities, with the chain that explains it."""

    id: str  # "d:<entity>:<measure>:<operation>…", stable across runs
    entity: str
    measure: Measure
    canonical_unit: str
    interval: Interval
    point: float
    inputs: tuple[str, ...]  # ids of the groups or claims it was computed from
    claims: tuple[str, ...]  # every claim it rests on (leaves)
    explanation: str  # "627,707 camera ÷ 9.1 M person = 0.0690 camera/person"
    scope: str | None = None
    kind: ClaimKind = ClaimKind.ESTIMATE
    period: Period | None = None


# --------------------------------------------------------------------------- findings


FindingKey = tuple[str, str, str, tuple[str, ...]]


def finding_key(rule: str, entity: str | None, measure: Measure | str | None, claims: Iterable[str]) -> FindingKey:
    """What a finding is about — rule, entity, measure and the sorted claims it rests on —
    never lines or values, so it survives edits. Finding ids, baselines and SARIF
    fingerprints are all encodings of this one key."""
    return (rule, entity or "", str(measure) if measure else "", tuple(sorted(set(claims))))


def finding_id(key: FindingKey) -> str:
    rule, entity, measure, claims = key
    text = "\x1f".join([rule, entity, measure, *claims])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@quick_init
@dataclass(frozen=True, slots=True)
class Finding:
    """One thing that cannot all be true (or an input problem), graded.

    `subjects` are the claim or derived ids shown side by side, the suspect first;
    `consensus` is the interval they are judged against, when there is one.
    """

    id: str
    rule: str
    severity: Severity
    message: str
    entity: str | None = None
    measure: Measure | None = None
    claims: tuple[str, ...] = ()  # every claim it rests on, derived ones through their sources
    subjects: tuple[str, ...] = ()
    gap: float | None = None
    consensus: Interval | None = None
    location: Location | None = None  # where a CI annotation points: the culprit's line when there is one
    related: tuple[Location, ...] = ()
    # The claim most likely wrong; None when nothing decides, with the rivals (claim ids) listed.
    culprit: str | None = None
    rivals: tuple[str, ...] = ()

    @property
    def key(self) -> FindingKey:
        return finding_key(self.rule, self.entity, self.measure, self.claims)


@quick_init
@dataclass(frozen=True, slots=True)
class Estimate:
    """The best-supported figure for one group (entity × measure × scope × period), in its
    canonical unit: the reliability-weighted median of its consensus, inside the consensus."""

    entity: str
    measure: Measure
    scope: str | None
    period: str | None
    projection: bool
    value: float
    interval: Interval
    unit: str  # canonical
    claims: tuple[str, ...]  # the claims that support it (derived values through their claims)
    sources: int  # independent sources behind it
    disputed: bool  # some claim or derived value disagrees, or nothing decides between rivals
    decided: bool = True  # False when rivals tie and the estimate is the disputed range
    # the votes that decided it: (claim or derived id, weight, inside the consensus), heaviest first
    votes: tuple[tuple[str, float, bool], ...] = ()


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """A source's track record over the repo, and what it earns: a Beta posterior over the chance
    that one of its claims is inside consensus. Only contested groups (two sources or more,
    decided) count as evidence; the prior is the same for every article, stronger for references."""

    id: str
    kind: SourceKind
    claims: int  # claims it makes
    inside: int  # claims inside a decided consensus of a contested group
    outside: int  # claims outside it
    reliability: float  # posterior mean
    low: float  # 90 % credible interval
    high: float
    weight: float  # the vote it casts in consensus: log(10 · reliability / (1 − reliability)), floored

    @property
    def judged(self) -> int:
        return self.inside + self.outside

    @property
    def record(self) -> str:
        """ "outside consensus in 41 of 52 claims" """
        return f"outside consensus in {self.outside} of {self.judged} claim{'s' if self.judged != 1 else ''}"


@dataclass(frozen=True, slots=True)
class Policy:
    """Every figure of the default reading and grading; overridable in reconcile.toml [policy]."""

    about_min_relative: float = 0.05  # about / roughly: rounding widened to at least ±5 %
    error_gap: float = 0.02  # disjoint with gap ≥ 2 % → error
    spread_warning: float = 0.05  # consensus holds but points spread > 5 % → warning
    integer_trailing_zeros_significant: bool = False


# "health spending as a share of GDP": a percentage that is one measure of an entity divided by
# another of the same entity, declared by its name alone (load writes it, consistency/ratios.py divides)
OWN_SHARE = "as a share of"


@dataclass(frozen=True, slots=True)
class Ratio:
    """A measure that is one measure divided by another, of the same entity and period
    (reconcile.toml `[ratios]`: "turnout" = "voters / electors"). Which measure divides which is
    a fact of the domain, so the repo declares it. Each name is the repo's one spelling of its
    measure (`[measures]` aliases resolved); a side may also be a counted noun ("deaths")."""

    name: str
    numerator: str
    denominator: str
    line: int | None = None  # in reconcile.toml


@dataclass(frozen=True, slots=True)
class Sum:
    """A measure that is other measures added and subtracted, of the same entity and period
    (reconcile.toml `[sums]`: "deficit" = "outlays - receipts", "population" = "urban population +
    rural population"). An identity of the domain, so the repo declares it. Each name is the repo's
    one spelling of its measure (`[measures]` aliases resolved); a term may be a counted noun."""

    name: str
    terms: tuple[tuple[int, str], ...]  # (+1 or -1, measure name), the first one added
    line: int | None = None  # in reconcile.toml

    @property
    def formula(self) -> str:
        """ "outlays − receipts", as messages show it."""
        text = self.terms[0][1]
        for sign, name in self.terms[1:]:
            text += f" {'+' if sign > 0 else '−'} {name}"
        return text


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one check produced; what every renderer and the Python API read."""

    # Tuples; the Dask engine's are on this machine's disk, read back as they are iterated
    # (engines/spool.py, ondisk.py).
    claims: Sequence[Claim]
    derived: Sequence[Derived]
    findings: Sequence[Finding]
    sources: Mapping[str, Source] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    policy: Policy = Policy()
    # Builds the networkx graph of claims and derived values with provenance edges (`graph`),
    # the first time it is asked for: a check that only prints never pays for it.
    provenance: Callable[[], nx.DiGraph[str]] | None = field(default=None, repr=False, compare=False)
    nouns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # the repo's [nouns], to read units back
    estimates: Sequence[Estimate] = ()  # one per group
    reliability: Mapping[str, SourceRecord] = field(default_factory=dict)  # by source id

    _graph: list[nx.DiGraph[str]] = field(default_factory=list, init=False, repr=False, compare=False)  # built once

    @property
    def graph(self) -> nx.DiGraph[str] | None:
        """Claims and derived values, with provenance edges (networkx); None without provenance."""
        if self.provenance is None:
            return None
        if not self._graph:
            self._graph.append(self.provenance())
        return self._graph[0]

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in SEVERITIES}
        for f in self.findings:
            out[f.severity] += 1
        return out

    @property
    def input_errors(self) -> list[Finding]:
        """Problems with the files themselves: until they are fixed the check is incomplete."""
        return [f for f in self.findings if f.rule in INPUT_RULES]

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    # -- tables for notebooks (pandas is imported only when asked for)
    def claims_frame(self) -> pd.DataFrame:
        from .present.frames import claims_frame

        return claims_frame(self)

    def derived_frame(self) -> pd.DataFrame:
        from .present.frames import derived_frame

        return derived_frame(self)

    def findings_frame(self) -> pd.DataFrame:
        from .present.frames import findings_frame

        return findings_frame(self)

    def estimates_frame(self) -> pd.DataFrame:
        from .present.frames import estimates_frame

        return estimates_frame(self)

    def sources_frame(self) -> pd.DataFrame:
        from .present.frames import sources_frame

        return sources_frame(self)
