"""The local engine on several cores: entity partitions checked in forked child processes.

    claim files ──load(), this process (moving claims between processes costs about what
                  reading them does: benchmarks/RESULTS.md)──▶ claims
                ──partition by entity (partitions.py)──▶ one partition here, one per child
                  forked after loading: a child sees the claims as they are in memory
                  (copy-on-write), nothing is sent to it
                ──sources' reliability: each pass, every process counts its partition's
                  sources inside and outside consensus; this one adds them up (a reduction)
                ──every process builds and grades its partition's graph; each child sends
                  back only what the Report needs (derived values, estimates, findings)
                ──gathered in the local engine's order──▶ Report

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
import signal
import sys
import traceback
from collections.abc import Callable, Mapping
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NoReturn

from ..consistency.groups import group_claims
from ..consistency.reliability import Judge, learn_from
from ..load import LoadResult
from ..load.config import Config
from ..model import Claim, Derived, Estimate, Finding, Interval, Location, Period, Report
from .partitions import Checked, check_partition, entity_partitions, gathered

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

__all__ = ["AUTO_MIN_CLAIMS", "can_fork", "check_loaded", "processes"]

AUTO_MIN_CLAIMS = 20_000  # by default a smaller repo is checked in one process: forking would not pay


def can_fork() -> bool:
    """Whether checking in forked processes is possible and safe here."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every POSIX system
        return os.cpu_count() or 1


def processes(jobs: int | None, claims: int) -> int:
    """How many processes check `claims` claims: `jobs` when given, else one per usable core for
    a repo of AUTO_MIN_CLAIMS or more; always 1 where fork is not available."""
    if not can_fork():
        return 1
    if jobs is None:
        return usable_cores() if claims >= AUTO_MIN_CLAIMS else 1
    return max(1, jobs)


def check_loaded(loaded: LoadResult, jobs: int) -> Report:
    """The Report of `loaded`, its entity partitions checked by `jobs` processes (this one and
    jobs − 1 children)."""
    parts = [part for part in entity_partitions(loaded.claims, jobs) if part]
    children: list[_Child] = []
    try:
        for part in parts[1:]:
            children.append(_Child.fork(part, loaded.config, [child.connection for child in children]))
        groups = group_claims(parts[0] if parts else [])
        judge = Judge(groups.values())

        def count(weights: Mapping[str, float], priors: Mapping[str, float]) -> dict[str, list[int]]:
            for child in children:
                child.send(("count", weights, priors))
            totals = {source: list(counts) for source, counts in judge.counts(weights, priors).items()}
            for child in children:
                for source, (inside, outside) in child.answer().items():
                    total = totals.setdefault(source, [0, 0])
                    total[0] += inside
                    total[1] += outside
            return totals

        reliability = learn_from(count, loaded.claims)
        for child in children:
            child.send(("check", reliability))
        checked = [check_partition(parts[0] if parts else [], loaded.config, reliability, groups)]
        checked.extend(child.answer() for child in children)
    finally:
        for child in children:
            child.end()
    return gathered(loaded, checked, reliability)


class _Child:
    """A forked process checking one partition, and the two-way pipe to it."""

    def __init__(self, pid: int, connection: Connection):
        self.pid = pid
        self.connection = connection
        self.done = False

    @classmethod
    def fork(cls, part: list[Claim], config: Config, inherited: list[Connection]) -> _Child:
        from multiprocessing.connection import Pipe

        ours, theirs = Pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            ours.close()
            for connection in inherited:  # the parent's ends of its earlier children's pipes
                connection.close()
            _serve(theirs, part, config)
        theirs.close()
        return cls(pid, ours)

    def send(self, request: tuple[Any, ...]) -> None:
        self.connection.send(request)

    def answer(self) -> Any:
        try:
            status, payload = pickle.loads(self.connection.recv_bytes())
        except EOFError:
            raise RuntimeError(f"a check process (pid {self.pid}) ended without an answer") from None
        if status != "ok":
            raise RuntimeError(f"a check process failed:\n{payload}")
        if isinstance(payload, Checked):
            self.done = True
        return payload

    def end(self) -> None:
        """Closed and reaped; killed first if it has not answered (this process is failing)."""
        self.connection.close()
        if not self.done:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def _serve(connection: Connection, part: list[Claim], config: Config) -> NoReturn:
    """The child's life: judge its partition's groups pass after pass, then check it, then exit
    without running the parent's exit handlers or flushing its copies of the parent's buffers."""
    gc.disable()  # a collection would touch, and so copy, every shared page of the parent
    try:
        groups = group_claims(part)
        judge = Judge(groups.values())
        while True:
            request = connection.recv()
            if request[0] != "count":
                break
            connection.send_bytes(_dumps(("ok", judge.counts(request[1], request[2]))))
        connection.send_bytes(_dumps(("ok", check_partition(part, config, request[1], groups))))
    except BaseException:  # noqa: BLE001  (whatever it is, the parent must hear of it, not wait)
        with contextlib.suppress(OSError):  # the parent is gone: nothing to tell
            connection.send_bytes(_dumps(("failed", traceback.format_exc())))
    finally:
        os._exit(0)


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
    for cls in (Derived, Estimate, Finding, Interval, Location, Period):
        fields = dataclasses.fields(cls)
        assert all(f.init for f in fields), cls  # the constructor alone must rebuild it whole
        table[cls] = _by_constructor(cls, attrgetter(*(f.name for f in fields)))
    return table


def _by_constructor(cls: type, values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], tuple[Any, ...]]:
    return lambda obj: (cls, values(obj))
