"""How many processes the local engine uses: the decision alone, without what forking needs.

Every check asks it; `forked.py` (with pickle, signals and its partition stages) is imported only
when the answer is more than one (start-up time, benchmarks/STARTUP.md).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "AUTO_MAX_CLAIMS",
    "AUTO_MIN_BYTES",
    "AUTO_MIN_CLAIMS",
    "can_fork",
    "claims_encoded_apart",
    "idle_cores",
    "processes",
    "reading_processes",
    "usable_cores",
]

AUTO_MIN_CLAIMS = 20_000  # by default a smaller repo is checked in one process: forking would not pay
# Above this many claims a check is not forked unless asked (--jobs): a child's writes to the
# reference counts of the claims it reads copy their memory pages, and claims of every
# partition share pages, so each checking process ends up with its own copy of the claims
# (at 1M claims 2,844 MiB in all for 2 processes, against 1,935 MiB in one).
AUTO_MAX_CLAIMS = 400_000
# Files of fewer bytes (~20,000 claims of YAML) are read in one process. Reading has no upper
# limit: a child forked before reading holds only its own share, and is gone before the graph
# stage, where one process peaks; the claims it sends back cost the first process a little more
# room than claims it read itself (duplicate values, floats that pickle does not share): at 1M
# claims, reading in two processes and the claims' JSON in a child (`claims_encoded_apart`) took
# 8 s off the critical path (52 → 44 CPU-clock s) for 1,801 MiB at the peak of all processes,
# against 1,723 in one (RESULTS Session 6, split1m).
AUTO_MIN_BYTES = 2_000_000


def can_fork() -> bool:
    """Whether checking in forked processes is possible and safe here."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every POSIX system
        return os.cpu_count() or 1


def idle_cores() -> int:
    """This process's core and those nothing else is using: the usable cores less the 1-minute
    load average (rounded: a run that just ended still weighs on it), at least 1. More processes
    than that pay off nowhere: on a machine whose cores are taken, they add 30 % to the work and
    nothing to its share of the machine (Linux shares the CPU between sessions, not processes:
    benchmarks/RESULTS.md, where the wall time got worse)."""
    cores = usable_cores()
    try:
        load = os.getloadavg()[0]
    except OSError:  # not known here
        load = 0.0
    return max(1, min(cores, 1 + round(cores - load)))


def processes(
    jobs: int | None, claims: int, minimum: int = AUTO_MIN_CLAIMS, maximum: int | None = AUTO_MAX_CLAIMS
) -> int:
    """How many processes check `claims` claims (or read that many bytes): `jobs` when given,
    else one per idle core from `minimum` up to `maximum`; always 1 where fork is not available."""
    if not can_fork():
        return 1
    if jobs is None:
        return idle_cores() if minimum <= claims and (maximum is None or claims <= maximum) else 1
    return max(1, jobs)


def reading_processes(files: Sequence[Path], jobs: int | None) -> tuple[int, list[int]]:
    """How many processes read `files` (by their bytes), and the files' sizes."""
    sizes = [_size(path) for path in files]
    return min(processes(jobs, sum(sizes), AUTO_MIN_BYTES, None), len(files)), sizes


def claims_encoded_apart(jobs: int | None, claims: int, idle: int | None = None) -> bool:
    """Whether a check of `claims` claims that stays in one process (above AUTO_MAX_CLAIMS) has a
    child forked once they are read write their JSON meanwhile, with an idle core (or --jobs
    above 1): the claims' part of the JSON off the critical path (~4 s at 1M claims). The child
    copies the pages of the claims it touches, but it is done (~4 CPU-s at 1M) before the graph
    stage has grown to the check's peak: 1,801 MiB of all processes at 1M (RESULTS Session 6).
    `idle`: `idle_cores()` as the check began; by the time its claims are read (~10 s at 1M) its
    own processes weigh on the load average, and would count against the core they leave idle."""
    if jobs is not None or idle is None:
        return processes(jobs, claims, AUTO_MAX_CLAIMS + 1, None) > 1
    return can_fork() and claims > AUTO_MAX_CLAIMS and idle > 1


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # load reports it when it reads the file
        return 0
