"""The local engine on several cores: a team of this process and children forked before any
file is read, each reading a share of the files and then checking an entity partition.

    claim files ──load(): the first share of the files (by bytes) read here; each child reads
                  another into a temporary file, each file's result pickled on its own (by
                  the constructors of its frozen dataclasses: pickle's default rebuilds them
                  slot by slot, and costs about what reading the claim does); this process
                  unpickles each when load gets to it; load's repo-wide checks in file order
                  here──▶ claims
                ──partition by entity (partitions.py)──▶ the first partition stays here; each
                  other is pickled in chunks to its child, and kept here only in a temporary
                  file: what its claims held here is free for this partition's graph
                ──sources' reliability: each pass, every process counts its partition's
                  sources inside and outside consensus; this one adds them up (a reduction)
                ──every process builds and grades its partition's graph; each child writes
                  only what the Report needs (derived values, estimates, findings) to its
                  temporary file and ends, and then this process reads it, and the
                  partitions' claims back from theirs
                ──gathered in the local engine's order──▶ Report

Why forked before reading: a child that touches a claim it shares with its parent (reading an
attribute writes the claim's reference count) copies the memory page it lies on, and the claims
of every partition share pages; a checking child forked after loading ended up with its own
copy of nearly every claim (2,844 MiB in all at a million claims, against 1,935 in one process).
Sent pickled, each process holds only its own partition's claims while it checks.

The same stages and the same merge as the Dask engine, so the same report byte for byte
(tests/test_forked.py). Only where `os.fork` is safe (Linux and other POSIX systems, not
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
import signal
import tempfile
import traceback
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from ..consistency.groups import Group, GroupKey, group_claims
from ..consistency.reliability import Judge, learn_from
from ..load import FileRead, LoadResult
from ..load.claimfile import read_claim_file
from ..load.config import Config
from ..load.entities import EntityResolver
from ..load.measures import MeasureNames
from ..load.notices import Notice
from ..model import (
    Claim,
    Derived,
    Estimate,
    Finding,
    Interval,
    Location,
    Period,
    Report,
    Source,
    SourceRecord,
    Value,
)
from ..units import Units
from ..values import clear_caches
from .cores import AUTO_MIN_BYTES, AUTO_MIN_CLAIMS, can_fork, processes, reading_processes
from .partitions import Checked, check_partition, entity_labels, gathered

__all__ = [
    "AUTO_MIN_BYTES",
    "AUTO_MIN_CLAIMS",
    "Team",
    "can_fork",
    "processes",
    "read_in_children",
]

PIPE_BUFFER = 1 << 20  # bytes read or written at a time between processes
PARENT_SHARE = 1.1  # this process reads a little more than a child: it also unpickles the children's
# This process checks a smaller partition than a child's: it also pickles the others' for them,
# unpickles them again for the report, and gathers.
FIRST_PART = 1.0


# ------------------------------------------------------------------ the team


def read_in_children(
    files: Sequence[Path],
    jobs: int | None,
    config: Config,
    units: Units,
    resolver: EntityResolver,
    measures: MeasureNames,
) -> Team | None:
    """`load`'s reader when the files are worth sharing among `jobs` processes, else None
    (the children only read: `close` them after `load`)."""
    count, sizes = reading_processes(files, jobs)
    if count < 2:
        return None
    return Team(files, sizes, count, config, units, resolver, measures)


def _shares(files: Sequence[Path], sizes: Sequence[int], count: int) -> list[list[Path]]:
    """The files in `count` runs of about equal bytes, in file order (the first a little larger)."""
    total = sum(sizes) or 1
    weights = [PARENT_SHARE, *([1.0] * (count - 1))]
    ends = [total * sum(weights[: n + 1]) / sum(weights) for n in range(count)]
    shares: list[list[Path]] = [[] for _ in range(count)]
    done = 0
    n = 0
    for path, size in zip(files, sizes, strict=True):
        while n < count - 1 and done >= ends[n] and shares[n]:
            n += 1
        shares[n].append(path)
        done += size
    return [share for share in shares if share]


class Team:
    """This process and `count` − 1 children forked before any file is read, so that they share
    no claims with it (a child that touched a shared claim would copy its memory page).

    As `load`'s `read(path)`: this process reads the first share of the files; each child
    reads another meanwhile into a temporary file, every file's result pickled on its own, and
    this process unpickles each when `load` gets to that file. Then `check`: each child is
    sent one entity partition, pickled, and checks it; this process checks the first and keeps
    the others only pickled in temporary files until the children have ended, then reads back
    their results and claims (what crosses waits on disk, not in either process's memory)."""

    def __init__(
        self,
        files: Sequence[Path],
        sizes: Sequence[int],
        count: int,
        config: Config,
        units: Units,
        resolver: EntityResolver,
        measures: MeasureNames,
    ):
        shares = _shares(files, sizes, min(count, len(files))) if files else []
        shares += [[] for _ in range(count - len(shares))]  # a child with no file only checks
        self._context = (config, units, resolver, measures)
        self._here = set(shares[0])
        self._children: list[_Child] = []
        self._spills: list[_Spill] = []  # what each child wrote for this process to read
        self._kept: list[_Spill] = []  # each child's partition, pickled, until the report needs it
        self._where: dict[Path, int] = {}
        self._reading: tuple[int, BinaryIO] | None = None
        try:
            for share in shares[1:]:
                self._where.update((path, len(self._children)) for path in share)
                spill = _Spill()
                self._spills.append(spill)
                self._children.append(_Child.start(_member, (share, spill, *self._context), self._children))
        except BaseException:
            self.close()
            raise

    def __call__(self, path: Path) -> FileRead:
        if path in self._here:
            return read_file(path, *self._context)
        n = self._where[path]
        if self._reading is None or self._reading[0] != n:
            self._stop_reading()  # load reads in file order: an earlier child's files are done
            self._children[n].answer(final=False)  # its files are written
            self._reading = n, self._spills[n].reader()
        read: FileRead = pickle.load(self._reading[1])
        return read

    def _stop_reading(self) -> None:
        if self._reading is not None:
            self._reading[1].close()
            self._reading = None

    def check(self, loaded: LoadResult) -> Report:
        """The Report of `loaded` (read by this team), its entity partitions checked one per process."""
        self._stop_reading()
        children = self._children
        claims = loaded.claims
        order = entity_labels(claims, len(children) + 1, [FIRST_PART, *([1.0] * len(children))])
        parts: list[list[Claim]] = [[] for _ in range(len(children) + 1)]
        for claim, n in zip(claims, order, strict=True):
            parts[n].append(claim)
        for child, part in zip(children, parts[1:], strict=True):
            self._kept.append(_send_part(child, part))
        first = parts[0]
        del parts
        groups = group_claims(first)
        reliability = _learnt(groups, children, claims)
        # The other partitions' claims are only on disk now: what they held here is free for
        # this partition's graph.
        del claims
        loaded.claims = []
        for child in children:
            child.send(("check", reliability))
        checked = [check_partition(first, loaded.config, reliability, groups)]
        del groups
        for child, spill in zip(children, self._spills, strict=True):
            child.answer()  # and ended: its memory is free before its results are read here
            with spill.reader() as answer:
                checked.append(pickle.load(answer))
        loaded.claims = _merged(order, [first, *(_read_part(kept) for kept in self._kept)])
        return gathered(loaded, checked, reliability)

    def close(self) -> None:
        """Every child reaped (killed first if the check stopped before it answered), every
        temporary file gone."""
        self._stop_reading()
        for child in self._children:
            child.end()
        for spill in (*self._spills, *self._kept):
            spill.close()
        _VALUES.clear()


class _Spill:
    """A temporary file that one process writes and another then reads (or the same one later):
    made before a fork, both have it; only one uses it at a time (they share its offset)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115  (closed in close)

    def writer(self) -> BinaryIO:
        """Written from its start (what was there before is gone)."""
        fd = self._file.fileno()
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        return open(os.dup(fd), "wb", buffering=PIPE_BUFFER)

    def reader(self) -> io.BufferedReader:
        """Read from its start."""
        fd = self._file.fileno()
        os.lseek(fd, 0, os.SEEK_SET)
        return io.BufferedReader(io.FileIO(os.dup(fd), "r"), buffer_size=PIPE_BUFFER)

    def close(self) -> None:
        self._file.close()


def _learnt(
    groups: Mapping[GroupKey, Group], children: Sequence[_Child], claims: Sequence[Claim]
) -> dict[str, SourceRecord]:
    """The sources' reliability over the whole repo: each pass, every process counts its
    partition's sources inside and outside consensus, and this one adds them up."""
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

    return learn_from(count, claims)


def read_file(path: Path, config: Config, units: Units, resolver: EntityResolver, measures: MeasureNames) -> FileRead:
    notices: list[Notice] = []
    source, claims, problems = read_claim_file(
        path, config=config, units=units, resolver=resolver, measures=measures, notices=notices
    )
    return source, claims, problems, notices


def _member(pipes: _Pipes, files: list[Path], spill: _Spill, config: Config, *context: Any) -> None:
    """A child's life in a team: its files read into `spill` (each file pickled on its own, so
    that unpickling one never holds more than a file's memo), then its partition checked and its
    results written there too."""
    if files:
        with spill.writer() as out:
            for path in files:
                _dump(read_file(path, config, *context), out)
        pipes.send(("ok", len(files)))
        clear_caches()  # the values read here: no claim of this process holds them any more
    part: list[Claim] = []
    try:
        request = pipes.receive()
        while request[0] == "part":
            part.extend(request[1])
            request = pipes.receive()
    except EOFError:  # the team only read (load's `jobs`), or the check stopped
        return
    checked = _check_part(pipes, part, config, request)
    del part
    with spill.writer() as out:
        _dump(checked, out)


CHUNK = 10_000  # claims pickled together: the unpickler's memo of each holds them all until it ends


def _send_part(child: _Child, claims: Sequence[Claim]) -> _Spill:
    """`claims` sent to `child` in chunks, and kept here pickled in a temporary file."""
    kept = _Spill()
    with kept.writer() as out:
        for at in range(0, len(claims), CHUNK):
            message = _dumps(("part", claims[at : at + CHUNK]))
            out.write(message)
            child.pipes.outgoing.write(message)
    child.pipes.outgoing.flush()
    return kept


def _read_part(kept: _Spill) -> list[Claim]:
    claims: list[Claim] = []
    with kept.reader() as chunks:
        while chunks.peek(1):
            claims.extend(pickle.load(chunks)[1])
    return claims


def _merged(order: Sequence[int], parts: Sequence[Sequence[Claim]]) -> list[Claim]:
    """The partitions' claims back in claim order."""
    each = [iter(part) for part in parts]
    return [next(each[n]) for n in order]


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

    def __init__(self, pid: int, pipes: _Pipes):
        self.pid = pid
        self.pipes = pipes
        self.done = False

    @classmethod
    def start(cls, work: Callable[..., Any], args: tuple[Any, ...], inherited: list[_Child]) -> _Child:
        """A child that runs `work(pipes, *args)` and answers with what it returns."""
        down_read, down_write = os.pipe()
        up_read, up_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(down_write)
            os.close(up_read)
            for child in inherited:  # this process's ends of its earlier children's pipes
                child.pipes.close()
            _serve(_Pipes(down_read, up_write), work, args)
        os.close(down_read)
        os.close(up_write)
        return cls(pid, _Pipes(up_read, down_write))

    def send(self, request: tuple[Any, ...]) -> None:
        self.pipes.send(request)

    def answer(self, *, final: bool = True) -> Any:
        try:
            status, payload = self.pipes.receive()
        except EOFError:
            raise RuntimeError(f"a check process (pid {self.pid}) ended without an answer") from None
        if status != "ok":
            raise RuntimeError(f"a check process failed:\n{payload}")
        if final:
            self.done = True
            self.end()
        return payload

    def end(self) -> None:
        """Closed and reaped; killed first if it has not answered (this process is failing)."""
        if self.pid == 0:
            return
        self.pipes.close()
        if not self.done:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.pid = 0


def _serve(pipes: _Pipes, work: Callable[..., Any], args: tuple[Any, ...]) -> NoReturn:
    """The child's life: `work`, its answer sent, then an exit that neither runs the parent's exit
    handlers nor flushes the copies of its buffers."""
    gc.disable()  # a collection would touch, and so copy, every shared page of the parent
    try:
        pipes.send(("ok", work(pipes, *args)))
    except BaseException:  # noqa: BLE001  (whatever it is, the parent must hear of it, not wait)
        with contextlib.suppress(OSError):  # the parent is gone: nothing to tell
            pipes.send(("failed", traceback.format_exc()))
    finally:
        os._exit(0)


def _check_part(pipes: _Pipes, part: list[Claim], config: Config, request: tuple[Any, ...]) -> Checked:
    """Judge the partition's groups pass after pass as the parent asks (`request` its first ask),
    then check it."""
    groups = group_claims(part)
    judge = Judge(groups.values())
    while request[0] == "count":
        pipes.send(("ok", judge.counts(request[1], request[2])))
        request = pipes.receive()
    return check_partition(part, config, request[1], groups)


def _dumps(answer: object) -> memoryview:
    """`answer` pickled (`_dump`) into memory."""
    buffer = io.BytesIO()
    _dump(answer, buffer)
    return buffer.getbuffer()


def _dump(answer: object, out: BinaryIO | io.BytesIO) -> None:
    """`answer` pickled with the frozen dataclasses of claims and results rebuilt by their
    constructors: half the time both ways of pickle's default (a generated
    __getstate__/__setstate__ that sets each slot in a Python loop)."""
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _reducers()
    pickler.dump(answer)


@cache
def _reducers() -> dict[type, Callable[[Any], Any]]:
    table: dict[type, Callable[[Any], Any]] = dict(copyreg.dispatch_table)
    for cls in (Claim, Derived, Estimate, Finding, Interval, Location, Period, Source):
        fields = [f for f in dataclasses.fields(cls) if f.init]
        assert len(fields) == len(dataclasses.fields(cls)), cls  # the constructor rebuilds it whole
        table[cls] = _by_constructor(cls, attrgetter(*(f.name for f in fields)))
    table[Value] = _flat_value
    return table


def _by_constructor(cls: type, values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], tuple[Any, ...]]:
    return lambda obj: (cls, values(obj))


def _flat_value(value: Value) -> tuple[Callable[..., Value], tuple[Any, ...]]:
    """A Value as the plain fields it is made of (its intervals' bounds in line), rebuilt by
    `_shared_value`: one Value however many files and chunks it comes in (a process that
    reads it shares it among claims, as `values` does)."""
    return _shared_value, (
        value.text,
        value.qualifier,
        value.bound,
        value.value,
        value.unit,
        value.canonical_unit,
        value.point,
        *_bounds(value.interval),
        *_bounds(value.operand_interval),
        *_bounds(value.result_interval),
        value.share_of,
        value.measure_words,
        value.percent_role,
        value.whole_words,
    )


def _bounds(interval: Interval) -> tuple[float, float, bool, bool]:
    return interval.low, interval.high, interval.low_open, interval.high_open


# Every Value unpickled in this process by its fields, while a team is at work (Team.close
# empties it): equal fields, one Value.
_VALUES: dict[tuple[Any, ...], Value] = {}


def _shared_value(*fields: Any) -> Value:
    value = _VALUES.get(fields)
    if value is None:
        value = _VALUES[fields] = Value(  # type: ignore[call-arg]  # (mypy: not from a fixed tuple)
            *fields[:7],
            Interval(*fields[7:11]),
            Interval(*fields[11:15]),
            Interval(*fields[15:19]),
            *fields[19:],
        )
    return value
