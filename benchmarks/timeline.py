"""When each stage of a forked `check --format json` runs, in every process: where two cores wait.

    python benchmarks/timeline.py /tmp/reconcile-shapes/repo-100k            # default --jobs
    python benchmarks/timeline.py /tmp/reconcile-shapes/repo-100k --jobs 2

The check runs in this process as the console script would (JSON to /dev/null). Chosen
functions of the pipeline are wrapped to note, per process (children are forked, so they
inherit the wrappers), their start and end in wall time and their CPU seconds; after the run
each process's stages are printed on one time axis (seconds since the check started), with
the gaps in which a process was idle or waiting. The wrappers cost a little: compare the
stages with each other, not with shapes.py.
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
from pathlib import Path
from typing import Any

# (module, attribute): attribute may be "Class.method"
STAGES = [
    ("reconcile.load", "load"),
    ("reconcile.load", "_misspelt_entities"),
    ("reconcile.engines.forked", "read_file"),
    ("reconcile.engines.forked", "_read_share"),
    ("reconcile.engines.forked", "_Child.answer"),
    ("reconcile.engines.forked", "_Pipes.send"),
    ("reconcile.engines.forked", "_dumps"),
    ("reconcile.engines.forked", "check_loaded"),
    ("reconcile.engines.partitions", "entity_partitions"),
    ("reconcile.engines.partitions", "check_partition"),
    ("reconcile.engines.partitions", "gathered"),
    ("reconcile.consistency.groups", "group_claims"),
    ("reconcile.consistency.reliability", "Judge.__init__"),
    ("reconcile.consistency.reliability", "Judge.counts"),
    ("reconcile.consistency.reliability", "learn_from"),
    ("reconcile.consistency.graph", "build_graph"),
    ("reconcile.consistency.grade", "grade_all"),
    ("reconcile.pipeline", "finish"),
    ("reconcile.present.render.streaming", "write_json"),
    ("reconcile.present.render.streaming", "write_json_with"),
    ("reconcile.present.render.json", "write_claims"),
    ("reconcile.engines.forked", "ClaimsText.file"),
    ("reconcile.present.render.streaming", "_write"),
]

_log: int = -1


def _faults() -> int:
    """Minor page faults so far: in a forked process, mostly pages copied on write."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def _note(name: str, start: float, end: float, cpu: float, faults: int) -> None:
    os.write(_log, f"{os.getpid()}\t{name}\t{start:.6f}\t{end:.6f}\t{cpu:.6f}\t{faults}\n".encode())


def _wrapped(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start, cpu, faults = time.perf_counter(), time.process_time(), _faults()
        try:
            return function(*args, **kwargs)
        finally:
            _note(name, start, time.perf_counter(), time.process_time() - cpu, _faults() - faults)

    return timed


def _install() -> None:
    import importlib

    for module_name, attribute in STAGES:
        module = importlib.import_module(module_name)
        owner: Any = module
        *path, last = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        original = getattr(owner, last)
        timed = _wrapped(attribute, original)
        setattr(owner, last, timed)
        if not path:  # the same function imported by name elsewhere
            for other in list(sys.modules.values()):
                if getattr(other, "__name__", "").startswith("reconcile") and getattr(other, last, None) is original:
                    setattr(other, last, timed)


def main() -> None:
    global _log
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    import gc

    gc.disable()
    from reconcile import cli

    _install()
    with tempfile.NamedTemporaryFile("r", suffix=".tsv") as log:
        _log = os.open(log.name, os.O_WRONLY | os.O_APPEND)
        argv = ["check", str(args.repo), "--format", "json", *(["--jobs", str(args.jobs)] if args.jobs else [])]
        start, cpu = time.perf_counter(), time.process_time()
        stdout = sys.stdout
        with open(os.devnull, "w", encoding="utf-8") as sink:
            sys.stdout = sink
            try:
                cli.app(argv, standalone_mode=False)
            finally:
                sys.stdout = stdout
        end = time.perf_counter()
        print(f"whole check: {end - start:.2f} s wall, {time.process_time() - cpu:.2f} CPU-s here")
        rows = [line.split("\t") for line in log.read().splitlines()]
    by_pid: dict[str, list[tuple[str, float, float, float, int]]] = defaultdict(list)
    for pid, name, a, b, c, f in rows:
        by_pid[pid].append((name, float(a) - start, float(b) - start, float(c), int(f)))
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0, float("inf"), 0.0, 0])
    for pid, events in by_pid.items():
        for name, a, b, c, f in events:
            t = totals[(pid, name)]
            t[0] += b - a
            t[1] += c
            t[2] += 1
            t[3] = min(t[3], a)
            t[4] = max(t[4], b)
            t[5] += f
    for pid in sorted(by_pid, key=lambda p: min(e[1] for e in by_pid[p])):
        print(f"\nprocess {pid}{' (this one)' if int(pid) == os.getpid() else ''}")
        print(f"  {'stage':28} {'first':>7} {'last':>7} {'wall':>7} {'cpu':>7} {'calls':>6} {'faults':>8}")
        for (p, name), (wall, cpu_s, calls, first, last, f) in sorted(totals.items(), key=lambda kv: kv[1][3]):
            if p == pid:
                print(f"  {name:28} {first:7.2f} {last:7.2f} {wall:7.2f} {cpu_s:7.2f} {int(calls):6} {int(f):8}")


if __name__ == "__main__":
    main()
