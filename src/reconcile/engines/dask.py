"""The Dask engine: `pipeline.check`'s stages spread over a dask.distributed cluster.

    claim files ──read_files, one task per partition of files (workers)──▶ Sources, Claims
                ──load() on the client, in file order: duplicate sources, notices…──▶ claims
                ──partition by entity: entities a share or a source's arithmetic links
                  travel together──▶ scattered to the workers
                ──sources' reliability: each pass, every partition's Judge counts its
                  sources' claims inside and outside consensus (workers); the counts are
                  added up by source (client): a reduction, as `learn` does in one process
                ──one task per partition (workers): build_graph → grade_all with that
                  reliability: groups, consensus, derivations, findings, estimates
                ──gather, in the local engine's order──▶ Report

The stages are the local engine's own functions; only where they run changes. Groups,
derivations and consensus never cross entities except through a share's whole (`of`) or a
source's own arithmetic (`computed_from`), so a partition closed under those links finds
exactly what the whole repo would. The report is the local engine's, byte for byte
(tests/test_engines.py): claims in file order, derived values in group order, findings sorted.

Files are read by the workers from their own file system: on a real cluster the claims repo
must be on a path every worker sees (a shared volume), as for any Dask file input.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..consistency.groups import group_claims
from ..consistency.reliability import Judge, learn_from
from ..errors import ConfigError, UsageError
from ..load import FileRead, discover, load
from ..load.claimfile import read_claim_file
from ..load.config import Config, find_config, load_config
from ..load.entities import EntityResolver
from ..load.measures import MeasureNames
from ..load.notices import Notice
from ..model import Claim, Report
from ..units import get_units
from .partitions import Checked, check_partition, entity_partitions, gathered

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = ["check", "entity_partitions"]

CONNECT_SECONDS = 10  # an address that does not answer is a usage error, not a hang
FILES_PER_TASK = 64  # a task reads this many files at most: enough work per task, many tasks to share


def check(
    paths: Sequence[str | Path],
    *,
    config: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    scheduler: str | None = None,
    client: Client | None = None,
) -> Report:
    """`pipeline.check` on a Dask cluster: at `scheduler`, or `client`'s, or a local one."""
    with _connected(client, scheduler) as dask:
        threads = max(1, sum(dask.nthreads().values()))
        path_list = [Path(p) for p in paths]
        settings = _config(path_list, config)
        files, _ = discover(path_list)
        reads = _read_in_parallel(dask, files, settings, tasks=max(threads * 4, len(files) // FILES_PER_TASK))
        loaded = load(path_list, config_path=config, progress=progress, read=reads)
        parts = [part for part in entity_partitions(loaded.claims, max(1, threads * 2)) if part]
        # Scattered straight to the workers, not carried through the scheduler in the task graph.
        scattered = dask.scatter(parts, hash=False)
        judges = [dask.submit(judge_partition, part, pure=False) for part in scattered]
        reliability = learn_from(_summed(dask, judges), loaded.claims)
        del judges  # their groups leave the workers' memory before the partitions are checked
        settings_future, reliability_future = dask.scatter([loaded.config, reliability], broadcast=True, hash=False)
        checked: list[Checked] = dask.gather(
            [dask.submit(check_partition, part, settings_future, reliability_future, pure=False) for part in scattered]
        )
    return gathered(loaded, checked, reliability)


def _summed(
    dask: Client, judges: list[Future]
) -> Callable[[Mapping[str, float], Mapping[str, float]], dict[str, list[int]]]:
    """One pass of the sources' track record: every partition's judge counts under the same
    weights (on the workers), and the counts are added up by source (here): a reduction."""

    def count(weights: Mapping[str, float], priors: Mapping[str, float]) -> dict[str, list[int]]:
        weights_future, priors_future = dask.scatter([dict(weights), dict(priors)], broadcast=True, hash=False)
        totals: dict[str, list[int]] = {}
        tasks = [dask.submit(judge_counts, j, weights_future, priors_future, pure=False) for j in judges]
        for counts in dask.gather(tasks):
            for source, (inside, outside) in counts.items():
                total = totals.setdefault(source, [0, 0])
                total[0] += inside
                total[1] += outside
        return totals

    return count


# ------------------------------------------------------------------ the cluster


@contextmanager
def _connected(client: Client | None, scheduler: str | None) -> Iterator[Client]:
    """The caller's client; a client of the scheduler at `scheduler`; or a local cluster for this check."""
    from distributed import Client, LocalCluster

    if client is not None:
        yield client
        return
    if scheduler is not None:
        try:
            remote = Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with remote:
            yield remote
        return
    # One thread per worker process: the stages are pure Python and hold the GIL.
    with (
        LocalCluster(threads_per_worker=1, dashboard_address=":0", silence_logs=logging.ERROR) as cluster,
        Client(cluster) as local,
    ):
        yield local


def _config(paths: list[Path], config: str | Path | None) -> Config:
    """The repo's settings as `load` will use them (it reports what is wrong with them): the
    defaults for a broken file, the shipped nouns only when the repo's cannot be defined."""
    try:
        settings = load_config(Path(config) if config else find_config(paths))
    except (ConfigError, OSError):
        return Config()
    try:
        get_units(settings.nouns or None)
    except ConfigError:
        return replace(settings, nouns={})
    return settings


# ------------------------------------------------------------------ reading


def read_files(files: Sequence[Path], config: Config) -> list[FileRead]:
    """One task: each file's source, claims and problems, as the local engine reads them."""
    units = get_units(config.nouns or None)
    resolver = EntityResolver(config.aliases)
    measures = MeasureNames(config.measures)
    reads: list[FileRead] = []
    for path in files:
        notices: list[Notice] = []
        source, claims, problems = read_claim_file(
            path, config=config, units=units, resolver=resolver, measures=measures, notices=notices
        )
        reads.append((source, claims, problems, notices))
    return reads


def _read_in_parallel(dask: Client, files: list[Path], config: Config, *, tasks: int) -> Callable[[Path], FileRead]:
    """Submit every file to the cluster at once; `read(path)` waits for the task that holds it."""
    if not files:
        return lambda path: (None, [], [], [])
    size = -(-len(files) // max(1, min(tasks, len(files))))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    config_future = dask.scatter(config, broadcast=True, hash=False)
    futures: list[Future] = [dask.submit(read_files, chunk, config_future, pure=False) for chunk in chunks]
    where = {path: (n, i) for n, chunk in enumerate(chunks) for i, path in enumerate(chunk)}
    done: dict[int, list[FileRead]] = {}

    def read(path: Path) -> FileRead:
        n, i = where[path]
        if n not in done:
            done.clear()  # load reads in file order: an earlier task's results are no longer needed
            done[n] = futures[n].result()
            futures[n].release()
        return done[n][i]

    return read


# ------------------------------------------------------------------ checking


def judge_partition(claims: list[Claim]) -> Judge:
    """One task, kept on its worker: the partition's contested groups, for every pass to judge."""
    return Judge(group_claims(claims).values())


def judge_counts(judge: Judge, weights: Mapping[str, float], priors: Mapping[str, float]) -> dict[str, list[int]]:
    """One task per partition and pass: its sources' claims inside and outside consensus."""
    return judge.counts(weights, priors)
