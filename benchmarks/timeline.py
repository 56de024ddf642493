"""When each stage of a forked `check --format json` runs, in every process: where two cores wait.

    python benchmarks/timeline.py /tmp/reconcile-shapes/repo-100k            # default --jobs
    python benchmarks/timeline.py /tmp/reconcile-shapes/repo-100k --jobs 2

The check runs in this process as the console script would (JSON to /dev/null). Chosen
functions of the pipeline are wrapped to note, per process (children are forked, so they
inherit the wrappers), when they start and end, their CPU seconds, their minor page faults
(in a forked process, mostly pages copied on write: ~2.6 µs each here) and the process's
resident memory as a stage ends (the largest, for a stage called many times).

Times are on a CPU clock, so that a shared machine's load does not blur them: each process's
clock is its CPU seconds, a child's starting where its parent's was when it forked, and a
process that waits for another (a message, a child's exit) moves its clock on to the other's
when that sent it or exited. The last clock of this process is then what the check would take
on cores of its own ("critical path"); compare it with the real wall time on a quiet machine.
The wrappers cost a little: compare stages with each other, not with shapes.py.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

# (module, attribute): attribute may be "Class.method"
STAGES = [
    ("reconcile.load", "load"),
    ("reconcile.load", "_misspelt_entities"),
    ("reconcile.engines.forked", "read_file"),
    ("reconcile.engines.forked", "_read_share"),
    ("reconcile.engines.forked", "_Child.answer"),
    ("reconcile.engines.forked", "_dumps"),
    ("reconcile.engines.forked", "check_loaded"),
    ("reconcile.engines.forked", "_encoded_meanwhile"),
    ("reconcile.engines.partitions", "entity_partitions"),
    ("reconcile.engines.partitions", "check_partition"),
    ("reconcile.engines.partitions", "gathered"),
    ("reconcile.consistency.groups", "group_claims"),
    ("reconcile.consistency.reliability", "learn_from"),
    ("reconcile.consistency.graph", "build_graph"),
    ("reconcile.consistency.grade", "grade_all"),
    ("reconcile.pipeline", "finish"),
    ("reconcile.present.render.streaming", "write_json"),
    ("reconcile.present.render.streaming", "write_json_with"),
    ("reconcile.present.render.streaming", "_write"),
    ("reconcile.present.render.json", "write_claims"),
    ("reconcile.engines.forked", "ClaimsText.file"),
    ("reconcile.engines.forked", "claims_encoded_meanwhile"),
]

_log: int = -1
_offset = 0.0  # this process's clock less its CPU seconds


def clock() -> float:
    return _offset + time.process_time()


def _wait_until(moment: float, since: float) -> None:
    """This process waited, from `since` on its clock, for something that happened at `moment`
    on another's: what it did meanwhile (unpickling as the bytes came) came after that."""
    global _offset
    _offset += max(0.0, moment - since)


def _faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def _rss_mib() -> int:
    """This process's resident set now (a forked child's counts the pages it shares)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") >> 20


def _note(*fields: object) -> None:
    os.write(_log, ("\t".join(map(str, (os.getpid(), *fields))) + "\n").encode())


def _wrapped(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start, cpu, faults = clock(), time.process_time(), _faults()
        try:
            return function(*args, **kwargs)
        finally:
            _note(
                name,
                f"{start:.6f}",
                f"{clock():.6f}",
                f"{time.process_time() - cpu:.6f}",
                _faults() - faults,
                _rss_mib(),
            )

    return timed


def _install() -> None:
    import importlib

    for module_name, attribute in STAGES:
        module = importlib.import_module(module_name)
        owner: Any = module
        *path, last = attribute.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        original = getattr(owner, last, None)
        if original is None:  # not in this version of reconcile
            continue
        timed = _wrapped(attribute, original)
        setattr(owner, last, timed)
        if not path:  # the same function imported by name elsewhere
            for other in list(sys.modules.values()):
                if getattr(other, "__name__", "").startswith("reconcile") and getattr(other, last, None) is original:
                    setattr(other, last, timed)
    _install_clocks()


def _install_clocks() -> None:
    """Clocks carried across forks, messages and exits."""
    from reconcile.engines import forked

    fork, exit_, waitpid = os.fork, os._exit, os.waitpid
    send, receive = forked._Pipes.send, forked._Pipes.receive

    def clocked_fork() -> int:
        global _offset
        now = clock()
        pid = fork()
        if pid == 0:
            _offset = now - time.process_time()  # a child's CPU seconds start at 0
        return pid

    def clocked_exit(code: int) -> None:
        _note("exit", f"{clock():.6f}")
        exit_(code)

    def clocked_waitpid(pid: int, options: int) -> tuple[int, int]:
        since = clock()
        answer = waitpid(pid, options)
        if answer[0]:
            ended = _exits().get(answer[0])
            if ended is not None:
                _wait_until(ended, since)
        return answer

    def clocked_send(self: Any, message: object) -> None:
        send(self, ("clock", clock(), message))

    def clocked_receive(self: Any) -> Any:
        since = clock()
        _, moment, message = receive(self)
        _wait_until(moment, since)
        return message

    os.fork, os._exit, os.waitpid = clocked_fork, clocked_exit, clocked_waitpid  # type: ignore[assignment]
    forked._Pipes.send, forked._Pipes.receive = clocked_send, clocked_receive  # type: ignore[method-assign]


_log_name = ""


def _exits() -> dict[int, float]:
    with open(_log_name, encoding="utf-8") as log:
        return {int(f[0]): float(f[2]) for f in (line.split("\t") for line in log) if f[1] == "exit"}


def main() -> None:
    global _log, _log_name
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo")
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    import gc

    gc.disable()
    from reconcile import cli

    _install()
    with tempfile.NamedTemporaryFile("r", suffix=".tsv") as log:
        _log, _log_name = os.open(log.name, os.O_WRONLY | os.O_APPEND), log.name
        argv = ["check", args.repo, "--format", "json", *(["--jobs", str(args.jobs)] if args.jobs else [])]
        start, begun = time.perf_counter(), clock()
        stdout = sys.stdout
        with open(os.devnull, "w", encoding="utf-8") as sink:
            sys.stdout = sink
            try:
                cli.app(argv, standalone_mode=False)
            finally:
                sys.stdout = stdout
        wall = time.perf_counter() - start
        print(
            f"check: critical path {clock():.2f} s of CPU clock (start-up {begun:.2f} of it), "
            f"wall {wall + begun:.2f} s with start-up, load average {os.getloadavg()[0]:.1f}"
        )
        rows = [line.rstrip("\n").split("\t") for line in log]
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0, float("inf"), 0.0, 0, 0])
    exits = {}
    for pid, name, *fields in rows:
        if name == "exit":
            exits[pid] = float(fields[0])
            continue
        a, b, c, f, rss = float(fields[0]), float(fields[1]), float(fields[2]), int(fields[3]), int(fields[4])
        t = totals[(pid, name)]
        t[5] = max(t[5], rss)
        t[0] += c
        t[1] += 1
        t[2] = min(t[2], a)
        t[3] = max(t[3], b)
        t[4] += f
    pids = sorted(
        {p for p, _ in totals} | set(exits),
        key=lambda p: min((t[2] for (q, _), t in totals.items() if q == p), default=0),
    )
    for pid in pids:
        mine = int(pid) == os.getpid()
        print(
            f"\nprocess {pid}{' (the check)' if mine else ''}"
            + (f", exits at {exits[pid]:.2f}" if pid in exits else "")
        )
        print(f"  {'stage':28} {'from':>7} {'to':>7} {'cpu':>7} {'calls':>6} {'faults':>8} {'RSS MiB':>8}")
        for (p, name), (cpu_s, calls, first, last, f, rss) in sorted(totals.items(), key=lambda kv: kv[1][2]):
            if p == pid:
                print(f"  {name:28} {first:7.2f} {last:7.2f} {cpu_s:7.2f} {int(calls):6} {int(f):8} {int(rss):8}")


if __name__ == "__main__":
    main()
