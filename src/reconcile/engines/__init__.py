"""Engines: where the pipeline's stages run. Every engine returns the same Report.

local   this machine, the stages one after another (`pipeline.check`; the default); on a big
        repo its entity partitions are checked in forked processes, one per idle core (forked.py)
dask    files read and entities checked in parallel on a dask.distributed cluster
        (`pip install 'reconcile[dask]'`; engines/dask.py)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from ..model import Report

__all__ = ["ENGINES", "run"]

ENGINES = ("local", "dask")


def run(
    engine: str,
    paths: Sequence[str | Path],
    *,
    config: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    scheduler: str | None = None,
    jobs: int | None = None,
) -> Report:
    """`pipeline.check` on the named engine; UsageError for an unknown one or a missing extra."""
    if engine == "local":
        if scheduler is not None:
            raise UsageError("--scheduler is for --engine dask")
        from ..pipeline import check

        return check(paths, config=config, progress=progress, jobs=jobs)
    if engine == "dask":
        if jobs is not None:
            raise UsageError("--jobs is for the local engine (a Dask cluster has its own workers)")
        try:
            import distributed  # noqa: F401  (only to say what is missing)
        except ImportError:
            raise UsageError("the dask engine needs dask.distributed: pip install 'reconcile[dask]'") from None
        from . import dask

        return dask.check(paths, config=config, progress=progress, scheduler=scheduler)
    raise UsageError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
