"""The local engine on several cores: files read, and entity partitions checked, in forked
child processes.

    claim files ──load(): the first share of the files (by bytes) read here, each other share by
                  a child forked before reading, which sends back its files' sources, claims and
                  problems in one message: each file's claims as one flat list of their
                  fields (`_ClaimRows`), the rest pickled by their constructors (pickle's
                  default rebuilds a frozen dataclass slot by slot, and costs about what
                  reading the claim does); load's repo-wide checks in file order here──▶ claims
                ──partition by entity (partitions.py)──▶ one partition here, one per child
                  forked after loading: a child sees the claims as they are in memory
                  (copy-on-write), nothing is sent to it
                ──sources' reliability: each pass, every process counts its partition's
                  sources inside and outside consensus; this one adds them up (a reduction)
                ──every process builds and grades its partition's graph; each child sends
                  back only what the Report needs (derived values, estimates, findings)
                ──gathered in the local engine's order──▶ Report
                  (with `encode_claims`, for a caller that will write compact JSON: the first
                  child, its answer sent, writes the claims' JSON array into a temporary file
                  while this process gathers and encodes the rest: `ClaimsText`)

A check too big to fork after reading (cores.AUTO_MAX_CLAIMS: memory) is still read by several
processes, and its claims' JSON is written by a child forked once they are read
(`claims_encoded_meanwhile`) while this process checks them.

The same stages and the same merge as the Dask engine, so the same report byte for byte
(tests/test_engines.py). Only where `os.fork` is safe (Linux and other POSIX systems, not
macOS, where system libraries may not survive it); elsewhere a check stays in one process.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import gc
import io
import os
import pickle
import select
import signal
import tempfile
import traceback
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import cache, partial
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from ..consistency.groups import group_claims
from ..consistency.reliability import Judge, learn_from
from ..load import FileRead, LoadResult
from ..load.claimfile import read_claim_file
from ..load.config import Config
from ..load.entities import EntityResolver
from ..load.measures import MeasureNames
from ..load.notices import Notice
from ..model import Claim, Derived, Estimate, Finding, Interval, Location, Period, Report, Source, Value, slot_maker
from ..units import Units
from .cores import AUTO_MAX_CLAIMS, AUTO_MIN_BYTES, AUTO_MIN_CLAIMS, can_fork, processes, reading_processes
from .partitions import Checked, check_partition, claim_index, entity_partitions, gathered

__all__ = [
    "AUTO_MIN_BYTES",
    "AUTO_MIN_CLAIMS",
    "ChildReads",
    "ClaimsText",
    "EncodedClaims",
    "EncodedRecords",
    "can_fork",
    "check_loaded",
    "claims_encoded_meanwhile",
    "processes",
    "read_in_children",
]

PIPE_BUFFER = 1 << 20  # bytes read or written at a time between processes
# This process reads more than a child: a child also pickles what it read, and this process can
# unpickle it only once the child is done, so with equal shares it would wait (benchmarks/
# timeline.py, RESULTS Session 5: 0.2 s at 100k).
PARENT_SHARE = 1.2
# And it checks a bigger partition: a child's answer comes only after the child pickled it, which
# this process would otherwise wait for (~8 % of a partition's check).
CHECK_SHARE = 1.15
# Unless it then has the derived values' and estimates' JSON to encode (`encode_records`): it does
# some of that while the child pickles its answer, the rest after gathering while the child
# encodes the claims (RESULTS Session 5, fork100k).
ENCODING_CHECK_SHARE = 1.0


# ------------------------------------------------------------------ reading


def read_in_children(
    files: Sequence[Path],
    jobs: int | None,
    config: Config,
    units: Units,
    resolver: EntityResolver,
    measures: MeasureNames,
) -> ChildReads | None:
    """`load`'s reader when the files are worth sharing among `jobs` processes, else None."""
    count, sizes = reading_processes(files, jobs)
    if count < 2:
        return None
    return ChildReads(_shares(files, sizes, count), config, units, resolver, measures)


def _shares(files: Sequence[Path], sizes: Sequence[int], count: int) -> list[list[Path]]:
    """The files in `count` runs of about equal bytes, in file order (the first larger: PARENT_SHARE),
    each of at least one file when there are enough."""
    total = sum(sizes) or 1
    weights = [PARENT_SHARE, *([1.0] * (count - 1))]
    ends = [total * sum(weights[: n + 1]) / sum(weights) for n in range(count)]
    shares: list[list[Path]] = [[] for _ in range(count)]
    done = 0
    n = 0
    for i, (path, size) in enumerate(zip(files, sizes, strict=True)):
        left = len(files) - i  # files not yet placed, this one included: one at least for each share
        while n < count - 1 and shares[n] and (done >= ends[n] or left <= count - 1 - n):
            n += 1
        shares[n].append(path)
        done += size
    return [share for share in shares if share]


class ChildReads:
    """`load`'s `read(path)`: this process reads the first share of the files as `load` would;
    a child forked per other share reads it meanwhile and answers when `load` gets there."""

    def __init__(
        self, shares: list[list[Path]], config: Config, units: Units, resolver: EntityResolver, measures: MeasureNames
    ):
        self._context = (config, units, resolver, measures)
        self._here = set(shares[0])
        self._children: list[_Child] = []
        self._where: dict[Path, tuple[int, int]] = {}
        self._answers: dict[int, list[FileRead]] = {}
        try:
            for share in shares[1:]:
                self._where.update((path, (len(self._children), i)) for i, path in enumerate(share))
                self._children.append(_Child.start(_read_share, (share, *self._context), self._children))
        except BaseException:
            self.close()
            raise

    def __call__(self, path: Path) -> FileRead:
        if path in self._here:
            return read_file(path, *self._context)
        n, i = self._where[path]
        if n not in self._answers:
            self._answers.clear()  # load reads in file order: an earlier child's files are done
            self._answers[n] = self._children[n].answer()
        return self._answers[n][i]

    def close(self) -> None:
        """Every child reaped (killed first if `load` stopped before it answered)."""
        for child in self._children:
            child.end()


def read_file(path: Path, config: Config, units: Units, resolver: EntityResolver, measures: MeasureNames) -> FileRead:
    notices: list[Notice] = []
    source, claims, problems = read_claim_file(
        path, config=config, units=units, resolver=resolver, measures=measures, notices=notices
    )
    return source, claims, problems, notices


def _read_share(_pipes: _Pipes, files: list[Path], *context: Any) -> list[tuple[Any, ...]]:
    """What a child read, its claims as `_ClaimRows` (unpickled as the list of claims)."""
    read = (read_file(path, *context) for path in files)
    return [(source, _ClaimRows(claims), problems, notices) for source, claims, problems, notices in read]


class _ClaimRows:
    """A file's claims on their way to the parent, pickled as one flat list of their fields (a
    location's file and line in place of it) and rebuilt there by position: no tuple of
    arguments and no reducer called per claim, and nothing per claim left in the unpickler's
    memo (at 1M claims a child read 450,000: pickling them went 4.8 → 3.0 µs a claim)."""

    __slots__ = ("claims",)

    def __init__(self, claims: list[Claim]):
        self.claims = claims

    def __reduce__(self) -> tuple[Callable[[list[Any]], list[Claim]], tuple[list[Any]]]:
        return _claims_from_rows, (list(chain.from_iterable(map(_claim_row(), self.claims))),)


_CLAIM_FIELDS = tuple(f.name for f in dataclasses.fields(Claim))
_AT = _CLAIM_FIELDS.index("location")
_ROW = len(_CLAIM_FIELDS) + 1  # the location's two fields for one


@cache
def _claim_row() -> Callable[[Claim], tuple[Any, ...]]:
    return attrgetter(*_CLAIM_FIELDS[:_AT], "location.file", "location.line", *_CLAIM_FIELDS[_AT + 1 :])


@cache
def _make_claim() -> Callable[..., Claim]:
    """A Claim from its fields without `__init__` (`model.slot_maker`: ~4k instructions a claim,
    not ~15k): a reading child's claims are rebuilt here on the critical path."""
    return slot_maker(Claim)


def _claims_from_rows(flat: list[Any]) -> list[Claim]:
    rows = zip(*[iter(flat)] * _ROW, strict=True)
    claim = _make_claim()  # by position: the fields as _CLAIM_FIELDS lists them
    return [claim(*row[:_AT], Location(row[_AT], row[_AT + 1]), *row[_AT + 2 :]) for row in rows]


# ------------------------------------------------------------------ checking


def check_loaded(
    loaded: LoadResult,
    jobs: int,
    *,
    encode_claims: Callable[[Sequence[Claim], BinaryIO], None] | None = None,
    encode_records: Callable[[Sequence[Derived | Estimate]], list[str]] | None = None,
) -> Report:
    """The Report of `loaded`, its entity partitions checked by `jobs` processes (this one and
    jobs − 1 children). `encode_claims(claims, file)`, when given, is run by the first child
    once it has answered, into a temporary file: the report's claims are then `EncodedClaims`.
    `encode_records(items)`, when given, gives each derived value's or estimate's text: this
    process encodes its own partition's while it waits for the first child's answer (the
    report's derived values and estimates are then `EncodedRecords`)."""
    if len(loaded.claims) > AUTO_MAX_CLAIMS:
        # A child that lives on after its check keeps its memory meanwhile, and its copies of
        # every claim's pages: at 1M claims with --jobs 2, 3,190 MiB in all (RESULTS Session 5).
        encode_claims = encode_records = None
    share = ENCODING_CHECK_SHARE if encode_records is not None else CHECK_SHARE
    parts = [part for part in entity_partitions(loaded.claims, jobs, share) if part]
    children: list[_Child] = []
    text: BinaryIO | None = None
    try:
        for part in parts[1:]:
            after = None
            if encode_claims is not None and text is None:
                text = tempfile.TemporaryFile()  # noqa: SIM115  (ClaimsText closes it)
                after = partial(encode_claims, loaded.claims, text)
            children.append(_Child.start(_check_part, (part, loaded.config), children, after=after))
        groups = group_claims(parts[0] if parts else [])
        judge = Judge(groups.values())

        def count(weights: Mapping[str, float], priors: Mapping[str, float]) -> dict[str, list[int]]:
            for child in children:
                child.send(("count", weights, priors))
            totals = {source: list(counts) for source, counts in judge.counts(weights, priors).items()}
            for child in children:
                for source, (inside, outside) in child.answer(final=False).items():
                    total = totals.setdefault(source, [0, 0])
                    total[0] += inside
                    total[1] += outside
            return totals

        reliability = learn_from(count, loaded.claims)
        for child in children:
            child.send(("check", reliability))
        checked = [check_partition(parts[0] if parts else [], loaded.config, reliability, groups)]
        index = claim_index(loaded.claims)  # while the children finish
        texts = _encoded_meanwhile(checked[0], encode_records, children[0]) if encode_records and children else {}
        checked.extend(child.answer() for child in children)
        report = gathered(loaded, checked, reliability, index)
        if texts:
            report = replace(
                report, derived=EncodedRecords(report.derived, texts), estimates=EncodedRecords(report.estimates, texts)
            )
        if text is not None:
            claims = EncodedClaims(report.claims)
            claims.json = ClaimsText(children[0].hand_over(), text)
            text = None
            return replace(report, claims=claims)
        return report
    finally:
        for child in children:
            child.end()
        if text is not None:
            text.close()


_ENCODED_AT_A_TIME = 2048  # records encoded between two looks at whether the child has answered


def _encoded_meanwhile(
    own: Checked, encode: Callable[[Sequence[Derived | Estimate]], list[str]], child: _Child
) -> dict[int, str]:
    """This partition's derived values' and estimates' texts by id(), encoded until `child` has
    its answer ready: it is read then (the child waits for that to go on), the rest is encoded
    when the report is written."""
    items: list[Derived | Estimate] = [*own.derived, *own.estimates]
    texts: dict[int, str] = {}
    for start in range(0, len(items), _ENCODED_AT_A_TIME):
        if child.ready():
            break
        batch = items[start : start + _ENCODED_AT_A_TIME]
        texts.update(zip(map(id, batch), encode(batch), strict=True))
    return texts


class EncodedRecords(tuple[Any, ...]):
    """A report's derived values or estimates (a tuple, equal to any other of the same items) with
    the texts of some of their records, by id() (`present/render/streaming.PartlyEncoded`)."""

    texts: Mapping[int, str]

    def __new__(cls, items: Sequence[Any], texts: Mapping[int, str]) -> EncodedRecords:
        made = super().__new__(cls, items)
        made.texts = texts
        return made

    def __reduce__(self) -> tuple[type, tuple[tuple[Any, ...]]]:
        return tuple, (tuple(self),)  # ids mean nothing in another process


class EncodedClaims(tuple[Claim, ...]):
    """A report's claims (a tuple, equal to any other of the same claims) with their JSON text,
    which another process is writing meanwhile (`json`)."""

    json: ClaimsText

    def __reduce__(self) -> tuple[type, tuple[tuple[Claim, ...]]]:
        return tuple, (tuple(self),)  # the text stays in this process


class ClaimsText:
    """The claims' JSON array, written by a child into a temporary file: `file()` waits for it."""

    def __init__(self, pid: int, text: BinaryIO):
        self._pid = pid
        self._text: BinaryIO | None = text
        self._status: int | None = None  # the child's, once reaped
        # never taken: killed and reaped
        self._ended: weakref.finalize[..., ClaimsText] = weakref.finalize(self, _reap, pid, text)

    def ready(self) -> bool:
        """Whether `file()` would give its answer without waiting: the child has ended."""
        if self._text is None or self._status is not None:
            return True
        pid, status = os.waitpid(self._pid, os.WNOHANG)
        if pid == 0:
            return False
        self._status = status
        self._ended.detach()  # reaped: its pid may be another process's from now on
        self._ended = weakref.finalize(self, self._text.close)
        return True

    def file(self) -> BinaryIO | None:
        """The text from its start, once the child has written it all; None if it failed (or
        the file was taken already): then the caller encodes the claims itself."""
        text, self._text = self._text, None
        if text is None:
            return None
        self._ended.detach()
        status = self._status if self._status is not None else os.waitpid(self._pid, 0)[1]
        if os.waitstatus_to_exitcode(status) != 0:
            text.close()
            return None
        text.seek(0)
        return text


def claims_encoded_meanwhile(
    claims: Sequence[Claim], encode: Callable[[Sequence[Claim], BinaryIO], None]
) -> ClaimsText:
    """`encode(claims, file)` run by a child forked now, into a temporary file, while this process
    goes on (a check too big to fork, RESULTS Session 6: its claims' JSON off the critical path)."""
    text = tempfile.TemporaryFile()  # noqa: SIM115  (ClaimsText closes it)
    try:
        pid = os.fork()
    except BaseException:
        text.close()
        raise
    if pid == 0:  # the child: never returns
        code = 1
        try:
            gc.disable()  # a collection would touch, and so copy, every shared page
            encode(claims, text)
            text.flush()
            code = 0
        finally:
            os._exit(code)
    return ClaimsText(pid, text)


def _reap(pid: int, text: BinaryIO) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
    text.close()


class _Pipes:
    """Two pipes to another process: messages are pickles, which say where they end."""

    def __init__(self, incoming: int, outgoing: int):
        self.incoming: BinaryIO = open(incoming, "rb", buffering=PIPE_BUFFER)  # noqa: SIM115  (closed in close)
        self.outgoing: BinaryIO = open(outgoing, "wb", buffering=PIPE_BUFFER)  # noqa: SIM115

    def send(self, message: object) -> None:
        """Pickled whole first (a child's answer is ready before its parent asks for it), then written."""
        self.outgoing.write(_dumps(message))
        self.outgoing.flush()

    def receive(self) -> Any:
        """Unpickled as it is read: the bytes are never whole in this process's memory."""
        return pickle.load(self.incoming)

    def close(self) -> None:
        for file in (self.incoming, self.outgoing):
            with contextlib.suppress(OSError):
                file.close()


class _Child:
    """A forked process at work for this one, and the pipes to it."""

    def __init__(self, pid: int, pipes: _Pipes, *, lingers: bool = False):
        self.pid = pid
        self.pipes = pipes
        self.done = False
        self.lingers = lingers  # works on once it has answered: not waited for when it has

    @classmethod
    def start(
        cls,
        work: Callable[..., Any],
        args: tuple[Any, ...],
        inherited: list[_Child],
        *,
        after: Callable[[], None] | None = None,
    ) -> _Child:
        """A child that runs `work(pipes, *args)`, answers with what it returns, then runs `after()`
        (its exit status saying whether that went well)."""
        down_read, down_write = os.pipe()
        up_read, up_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(down_write)
            os.close(up_read)
            for child in inherited:  # this process's ends of its earlier children's pipes
                child.pipes.close()
            _serve(_Pipes(down_read, up_write), work, args, after)
        os.close(down_read)
        os.close(up_write)
        return cls(pid, _Pipes(up_read, down_write), lingers=after is not None)

    def send(self, request: tuple[Any, ...]) -> None:
        self.pipes.send(request)

    def ready(self) -> bool:
        """Whether its next message (or its end) can be read without waiting."""
        return bool(select.select([self.pipes.incoming], [], [], 0)[0])

    def answer(self, *, final: bool = True) -> Any:
        try:
            status, payload = self.pipes.receive()
        except EOFError:
            raise RuntimeError(f"a check process (pid {self.pid}) ended without an answer") from None
        if status != "ok":
            raise RuntimeError(f"a check process failed:\n{payload}")
        if final:
            self.done = True
            if self.lingers:
                self.pipes.close()
            else:
                self.end()
        return payload

    def end(self) -> None:
        """Closed and reaped; killed first if it has not answered (this process is failing), or
        if it works on after answering and nobody took it over (`hand_over`)."""
        if self.pid == 0:
            return
        self.pipes.close()
        if not self.done or self.lingers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.pid = 0

    def hand_over(self) -> int:
        """The pid of a child that answered and works on: the caller reaps it from now on."""
        assert self.done and self.lingers
        pid, self.pid = self.pid, 0
        return pid


def _serve(
    pipes: _Pipes, work: Callable[..., Any], args: tuple[Any, ...], after: Callable[[], None] | None
) -> NoReturn:
    """The child's life: `work`, its answer sent, `after()`, then an exit that neither runs the
    parent's exit handlers nor flushes the copies of its buffers (status 1 if `after` failed)."""
    gc.disable()  # a collection would touch, and so copy, every shared page of the parent
    code = 1
    try:
        try:
            pipes.send(("ok", work(pipes, *args)))
        except BaseException:  # noqa: BLE001  (whatever it is, the parent must hear of it, not wait)
            with contextlib.suppress(OSError):  # the parent is gone: nothing to tell
                pipes.send(("failed", traceback.format_exc()))
        else:
            pipes.close()  # the parent hears no more from it
            if after is not None:
                after()
            code = 0
    finally:
        os._exit(code)


def _check_part(pipes: _Pipes, part: list[Claim], config: Config) -> Checked:
    """Judge the partition's groups pass after pass as the parent asks, then check it."""
    groups = group_claims(part)
    judge = Judge(groups.values())
    while True:
        request = pipes.receive()
        if request[0] != "count":
            return check_partition(part, config, request[1], groups)
        pipes.send(("ok", judge.counts(request[1], request[2])))


def _dumps(answer: object) -> memoryview:
    """A child's answer pickled with the results' frozen dataclasses rebuilt by their constructors:
    half the time both ways of pickle's default (a generated __getstate__/__setstate__ that
    sets each slot in a Python loop)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _reducers()
    pickler.dump(answer)
    return buffer.getbuffer()


@cache
def _reducers() -> dict[type, Callable[[Any], Any]]:
    table: dict[type, Callable[[Any], Any]] = dict(copyreg.dispatch_table)
    for cls in (Claim, Derived, Estimate, Finding, Interval, Location, Period, Source, Value):
        fields = [f for f in dataclasses.fields(cls) if f.init]
        # the constructor must rebuild it whole: a Value's measure is its __post_init__'s
        assert len(fields) == len(dataclasses.fields(cls)) - (cls is Value), cls
        table[cls] = _by_constructor(cls, attrgetter(*(f.name for f in fields)))
    return table


def _by_constructor(cls: type, values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], tuple[Any, ...]]:
    return lambda obj: (cls, values(obj))
