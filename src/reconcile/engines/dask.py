"""The Dask engine: `pipeline.check`'s stages spread over a dask.distributed cluster, the
claims kept on the workers.

    claim files ──read_files, one task per chunk of files (workers): Sources, Claims, kept
                  there; the client gets a summary of each file: its source, problems,
                  notices, how many claims, the entities they are about and what links them
                ──load() on the client, in file order, from the summaries: duplicate sources,
                  notices, misspellings, config problems, as the local engine finds them
                ──each entity's partition (partitions.assign: entities a share, a comparison
                  or a source's arithmetic links travel together), sent to the workers
                ──shuffle (workers): every chunk split by partition, each partition assembled
                  from its pieces on one worker, in claim order; the chunk also sends the
                  client its claims pickled, which go to a temporary file (spool.py)
                ──sources' reliability: each pass, every partition's Judge counts its
                  sources' claims inside and outside consensus (workers); the counts are
                  added up by source (client): a reduction, as `learn` does in one process
                ──one task per partition (workers): build_graph → grade_all with that
                  reliability; its derived values, estimates and findings stay there, each
                  beside its key in the report's order (the positions of their claims in the
                  repo) and sorted by it
                ──fetched a piece at a time to a temporary file (ondisk.Store), read back
                  merged in the local engine's order──▶ Report (its claims: the spooled file)

The stages are the local engine's own functions; only where they run changes. Groups,
derivations and consensus never cross entities except through the links above, so a
partition closed under them finds exactly what the whole repo would. The report is the
local engine's, byte for byte (tests/test_engines.py).

What the client holds grows with the files and entities, not with the claims nor the results:
a summary per file while they are read, an entry per entity while they are partitioned. The
claims and the results pass through it once, as bytes, to its disk; the outputs read them back
a chunk at a time (ondisk.Merged, spool.SpooledClaims).

Files are read by the workers from their own file system: on a real cluster the claims repo
must be on a path every worker sees (a shared volume), as for any Dask file input.
"""

from __future__ import annotations

import logging
import pickle
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from operator import getitem, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..consistency.grade import finding_order
from ..consistency.graph import Provenance
from ..consistency.groups import group_claims
from ..consistency.reliability import Judge, learn_counted
from ..errors import ConfigError, InputError, UsageError
from ..load import FileRead, LoadResult, discover, load, written_names
from ..load.claimfile import read_claim_file
from ..load.config import Config, find_config, load_config
from ..load.entities import EntityResolver
from ..load.measures import MeasureNames
from ..load.notices import Notice
from ..model import Claim, Derived, Report, Source, SourceRecord
from ..ondisk import CHUNK, Address, Merged, Store
from ..pipeline import finish
from ..units import get_units
from .forked import _dumps
from .partitions import assign, check_partition, entity_partitions
from .spool import SpooledClaims

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
        size = -(-len(files) // max(1, min(max(threads * 4, len(files) // FILES_PER_TASK), len(files))))
        chunks = [files[i : i + size] for i in range(0, len(files), size)]
        config_future = dask.scatter(settings, broadcast=True, hash=False)
        reads: list[Future] = [dask.submit(read_files, chunk, config_future, pure=False) for chunk in chunks]
        summaries = _Summaries(dask, chunks, reads)
        loaded = load(path_list, config_path=config, progress=progress, read=summaries.read)
        repo = _Repo.of(loaded, summaries.files, _lookup(dask, reads, summaries.files))
        del summaries  # every file's entities and links: what follows needs the repo's alone
        loaded.notices.extend(repo.misspellings)
        count = max(1, threads * 2)
        target = assign(repo.entities, repo.links, count)
        repo = replace(repo, entities={}, links=[])  # let go: an entry per entity and link
        # Each task runs where its data is (pinned: the scheduler would otherwise move a chunk's
        # or a partition's claims to an idle worker, and moving them costs more than checking them).
        held = dask.who_has(reads)
        homes = [held[read.key][0] for read in reads]
        workers = sorted(dask.nthreads())
        # In a list: a dict itself would be scattered value by value, a future per entity.
        [target_future] = dask.scatter([target], broadcast=True, hash=False)
        splits = [
            _at(dask, home, split, read, repo.kept[n], repo.starts[n], target_future, count)
            for n, (read, home) in enumerate(zip(reads, homes, strict=True))
        ]
        del reads  # each chunk's claims leave its worker once it is split
        used = sorted(set(target.values()))
        del target  # an entry per entity: the workers have their copy
        places = [workers[n % len(workers)] for n in range(len(used))]
        parts = [
            _at(
                dask,
                place,
                assemble,
                *(_at(dask, home, getitem, s, 1 + p) for s, home in zip(splits, homes, strict=True)),
            )
            for p, place in zip(used, places, strict=True)
        ]
        claims = _spooled([_at(dask, home, getitem, s, 0) for s, home in zip(splits, homes, strict=True)], repo.counts)
        del splits
        judges = [_at(dask, place, judge_partition, part) for part, place in zip(parts, places, strict=True)]
        reliability = learn_counted(_summed(dask, judges, places), repo.sources, repo.made)
        del judges  # their groups leave the workers' memory before the partitions are checked
        settings_future, reliability_future = dask.scatter([loaded.config, reliability], broadcast=True, hash=False)
        results = [
            _at(dask, place, check_placed, part, settings_future, reliability_future)
            for part, place in zip(parts, places, strict=True)
        ]
        del parts
        fetched = _fetched(dask, results, places)
    return _report(loaded, claims, fetched, reliability)


def _at(dask: Client, worker: str, task: Callable[..., Any], *args: Any) -> Future:
    """`task(*args)` on that worker, never moved to another."""
    return dask.submit(task, *args, workers=[worker], allow_other_workers=False, pure=False)


def _summed(
    dask: Client, judges: list[Future], places: list[str]
) -> Callable[[Mapping[str, float], Mapping[str, float]], dict[str, list[int]]]:
    """One pass of the sources' track record: every partition's judge counts under the same
    weights (on the workers), and the counts are added up by source (here): a reduction."""

    def count(weights: Mapping[str, float], priors: Mapping[str, float]) -> dict[str, list[int]]:
        weights_future, priors_future = dask.scatter([dict(weights), dict(priors)], broadcast=True, hash=False)
        totals: dict[str, list[int]] = {}
        tasks = [
            _at(dask, at, judge_counts, j, weights_future, priors_future) for j, at in zip(judges, places, strict=True)
        ]
        for counts in dask.gather(tasks):
            for source, (inside, outside) in counts.items():
                total = totals.setdefault(source, [0, 0])
                total[0] += inside
                total[1] += outside
        return totals

    return count


# ------------------------------------------------------------------ what the client learns of the files


@dataclass(frozen=True)
class FileSummary:
    """One file as read on a worker, without its claims: what load's repo-wide checks and the
    partitioning need."""

    source: Source | None
    problems: list[InputError]
    notices: list[Notice]
    claims: int
    entities: dict[str, tuple[int, int]]  # entity: (claims, index of its first claim in the file)
    links: list[tuple[str, str]]  # entities a share, a comparison or the file's own arithmetic links
    refs: list[tuple[str, str]]  # (entity, claim id) a claim is computed from, not in this file
    written: list[tuple[str, Notice | None]]  # names as written, first time in the file (load.written_names)


def summary(read: FileRead, resolver: EntityResolver) -> FileSummary:
    source, claims, problems, notices = read
    entity_of = {c.id: c.entity for c in claims}
    entities: dict[str, tuple[int, int]] = {}
    links: dict[tuple[str, str], None] = {}
    refs: list[tuple[str, str]] = []
    for i, claim in enumerate(claims):
        size, first = entities.get(claim.entity, (0, i))
        entities[claim.entity] = (size + 1, first)
        links.update(((claim.entity, other), None) for other in (claim.of, claim.than, claim.measure.whole) if other)
        for ref in claim.computed_from:
            if ref in entity_of:
                links[(claim.entity, entity_of[ref])] = None
            else:
                refs.append((claim.entity, ref))
    written = written_names(claims, resolver)
    return FileSummary(source, problems, notices, len(claims), entities, list(links), refs, written)


class _Summaries:
    """`load`'s `read(path)`: the file's summary, gathered a chunk at a time in file order."""

    def __init__(self, dask: Client, chunks: list[list[Path]], reads: list[Future]):
        self._where = {path: (n, i) for n, chunk in enumerate(chunks) for i, path in enumerate(chunk)}
        self._futures = [dask.submit(getitem, read, 1, pure=False) for read in reads]
        self.files: list[list[FileSummary]] = [[] for _ in chunks]  # by chunk, each file's summary

    def read(self, path: Path) -> FileRead:
        n, i = self._where[path]
        if not self.files[n]:
            self.files[n] = list(self._futures[n].result())
            self._futures[n].release()
        file = self.files[n][i]
        return file.source, [], file.problems, file.notices


@dataclass(frozen=True)
class _Repo:
    """What the client knows of the repo's claims once the files are read: enough to partition
    them, learn the sources' reliability and place every result, never the claims."""

    kept: list[list[bool]]  # by chunk and file: its claims are checked (not a duplicate source's)
    starts: list[list[int]]  # by chunk and file: the position of its first claim in the repo
    counts: list[int]  # by chunk: claims kept
    entities: dict[str, tuple[int, int]]  # entity: (claims, position of its first claim)
    links: list[tuple[str, str]]
    sources: dict[str, Source]  # in the order of their first claim
    made: dict[str, int]  # claims by source
    misspellings: list[Notice]

    @classmethod
    def of(
        cls,
        loaded: LoadResult,
        files: list[list[FileSummary]],
        lookup: Callable[[list[list[bool]], set[str]], dict[str, str]],
    ) -> _Repo:
        owners = {id(source) for source in loaded.sources.values()}
        kept = [[f.source is not None and id(f.source) in owners for f in chunk] for chunk in files]
        starts: list[list[int]] = []
        counts: list[int] = []
        entities: dict[str, tuple[int, int]] = {}
        links: list[tuple[str, str]] = []
        refs: list[tuple[str, str]] = []
        sources: dict[str, Source] = {}
        made: dict[str, int] = {}
        misspellings: list[Notice] = []
        seen: set[str] = set()
        position = 0
        for chunk, keep in zip(files, kept, strict=True):
            starts.append([])
            counts.append(0)
            for file, checked in zip(chunk, keep, strict=True):
                starts[-1].append(position)
                if not checked or file.source is None:
                    continue
                for entity, (size, first) in file.entities.items():
                    known = entities.get(entity)
                    entities[entity] = (size, position + first) if known is None else (known[0] + size, known[1])
                links.extend(file.links)
                refs.extend(file.refs)
                if file.claims:
                    sources.setdefault(file.source.id, file.source)
                    made[file.source.id] = made.get(file.source.id, 0) + file.claims
                for written, notice in file.written:
                    if written not in seen:
                        seen.add(written)
                        if notice is not None:
                            misspellings.append(notice)
                position += file.claims
                counts[-1] += file.claims
        if refs:  # computed from another file's claim (a problem, yet it links): where is it?
            entity_of = lookup(kept, {ref for _, ref in refs})
            links.extend((entity, entity_of[ref]) for entity, ref in refs if ref in entity_of)
        return cls(kept, starts, counts, entities, links, sources, made, misspellings)


def _lookup(dask: Client, reads: list[Future], files: list[list[FileSummary]]) -> Callable[..., dict[str, str]]:
    def lookup(kept: list[list[bool]], wanted: set[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        [wanted_future] = dask.scatter([wanted], broadcast=True, hash=False)  # one future, not one per id
        for part in dask.gather(
            [
                dask.submit(entities_of, read, keep, wanted_future, pure=False)
                for read, keep in zip(reads, kept, strict=True)
            ]
        ):
            found.update(part)
        return found

    return lookup


def entities_of(chunk: tuple[list[FileRead], Any], kept: list[bool], wanted: set[str]) -> dict[str, str]:
    """One task: the entities of the wanted claims among the chunk's checked files."""
    return {
        c.id: c.entity
        for (_, claims, _, _), keep in zip(chunk[0], kept, strict=True)
        if keep
        for c in claims
        if c.id in wanted
    }


# ------------------------------------------------------------------ the shuffle


@dataclass(frozen=True)
class Partition:
    """Claims in repo order (a partition, or a chunk's piece of one) and the position of each in
    the repo. Pickled, when it moves between workers, by the claims' constructors (forked.py):
    half the time of pickle's default for frozen dataclasses."""

    claims: list[Claim]
    positions: list[int]

    def __reduce__(self) -> tuple[Callable[[bytes], Partition], tuple[bytes]]:
        return _unpickled, (bytes(_dumps((self.claims, self.positions))),)


def _unpickled(data: bytes) -> Partition:
    claims, positions = pickle.loads(data)
    return Partition(claims, positions)


def split(
    chunk: tuple[list[FileRead], Any], kept: list[bool], starts: list[int], target: Mapping[str, int], count: int
) -> tuple[bytes, *tuple[Partition, ...]]:
    """One task per chunk: its checked claims pickled in file order (for the client's spool),
    then its piece of every partition."""
    ordered: list[Claim] = []
    pieces = [Partition([], []) for _ in range(count)]
    for (_, claims, _, _), keep, start in zip(chunk[0], kept, starts, strict=True):
        if not keep:
            continue
        ordered.extend(claims)
        for i, claim in enumerate(claims):
            piece = pieces[target[claim.entity]]
            piece.claims.append(claim)
            piece.positions.append(start + i)
    return (bytes(_dumps(ordered)), *pieces)


def assemble(*pieces: Partition) -> Partition:
    """One task per partition: its pieces from every chunk, in chunk order (so in repo order)."""
    claims: list[Claim] = []
    positions: list[int] = []
    for piece in pieces:
        claims.extend(piece.claims)
        positions.extend(piece.positions)
    return Partition(claims, positions)


def _spooled(pickled: list[Future], counts: list[int]) -> SpooledClaims:
    """Every chunk's claims written to this machine's disk in order, each chunk's bytes let go
    on its worker as soon as they are here."""
    claims = SpooledClaims()
    for future, count in zip(pickled, counts, strict=True):
        claims.append(future.result(), count)
        future.release()
    return claims


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


def read_files(files: Sequence[Path], config: Config) -> tuple[list[FileRead], list[FileSummary]]:
    """One task, kept on its worker: each file's source, claims and problems, as the local
    engine reads them, and the summary of each for the client."""
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
    return reads, [summary(read, resolver) for read in reads]


# ------------------------------------------------------------------ checking


def judge_partition(part: Partition) -> Judge:
    """One task, kept on its worker: the partition's contested groups, for every pass to judge."""
    return Judge(group_claims(part.claims).values())


def judge_counts(judge: Judge, weights: Mapping[str, float], priors: Mapping[str, float]) -> dict[str, list[int]]:
    """One task per partition and pass: its sources' claims inside and outside consensus."""
    return judge.counts(weights, priors)


KINDS = ("derived", "estimates", "findings", "checks", "compared")  # a partition's results, each a sorted run
PIECE = 8 * CHUNK  # results sent to the client by one task: a few MB of pickles
WINDOW = 4  # pieces asked for ahead of the one being written: the workers keep busy, the client's memory small


@dataclass(frozen=True)
class Placed:
    """What one partition's check keeps on its worker (partitions.Checked), each result beside
    its key in the report's order, sorted by it; the client fetches them a piece at a time and
    merges the partitions' runs (ondisk.Merged). The keys name claims by their position in the
    repo: the client does not hold the claims to look them up.

    derived: (0, a group's first claim, n) or (1, the stated claim, n), as Checked.places;
    estimates: (their quantity's first claim, n); findings: grade.finding_order; checks: (the
    stated claim, n); compared: the key of the derived value compared."""

    runs: dict[str, list[tuple[Any, Any]]]
    problems: tuple[InputError, ...]


def check_placed(part: Partition, config: Config, reliability: Mapping[str, SourceRecord]) -> Placed:
    """One task per partition: the local engine's graph and grading (partitions.check_partition)."""
    checked = check_partition(part.claims, config, reliability)
    position = {c.id: at for c, at in zip(part.claims, part.positions, strict=True)}
    first = itemgetter(0)
    derived = sorted(
        (
            ((section, position[claim], n), d)
            for n, (d, (section, claim)) in enumerate(zip(checked.derived, checked.places, strict=True))
        ),
        key=first,
    )
    key_of = {d.id: key for key, d in derived}
    runs: dict[str, list[tuple[Any, Any]]] = {
        "derived": derived,
        "estimates": sorted(
            (
                ((position[claim], n), e)
                for n, (e, claim) in enumerate(zip(checked.estimates, checked.estimate_places, strict=True))
            ),
            key=first,
        ),
        "findings": sorted(((finding_order(f), f) for f in checked.findings), key=first),
        "checks": sorted(
            (((position[check[1]], n), check) for n, check in enumerate(checked.provenance.checks)), key=first
        ),
        "compared": sorted(((key_of[pair[0]], pair) for pair in checked.provenance.compared), key=first),
    }
    return Placed(runs, checked.problems)


def sizes(placed: Placed) -> tuple[dict[str, int], tuple[InputError, ...]]:
    """One task per partition: how many results of each kind, and its problems (few)."""
    return {kind: len(run) for kind, run in placed.runs.items()}, placed.problems


def piece(placed: Placed, kind: str, start: int, stop: int) -> list[bytes]:
    """One task per piece: results `start` to `stop` of a kind, pickled in chunks."""
    run = placed.runs[kind][start:stop]
    return [pickle.dumps(run[i : i + CHUNK], 5) for i in range(0, len(run), CHUNK)]


@dataclass(frozen=True)
class Fetched:
    """The partitions' results on the client's disk: for each kind, a sorted run per partition."""

    store: Store
    runs: dict[str, list[list[Address]]]
    sizes: dict[str, int]
    problems: list[InputError]


def _fetched(dask: Client, results: list[Future], places: list[str]) -> Fetched:
    """Every partition's results written to the client's disk a piece at a time (a few pieces
    asked for ahead), each piece let go on its worker once it is here."""
    counted = dask.gather([_at(dask, at, sizes, r) for r, at in zip(results, places, strict=True)])
    store = Store()
    runs: dict[str, list[list[Address]]] = {kind: [[] for _ in results] for kind in KINDS}
    problems = [problem for _, found in counted for problem in found]
    wanted = deque(
        (kind, p, start)
        for kind in KINDS
        for p, (size, _) in enumerate(counted)
        for start in range(0, size.get(kind, 0), PIECE)
    )
    pending: deque[tuple[str, int, Future]] = deque()
    while wanted or pending:
        while wanted and len(pending) <= WINDOW:
            kind, p, start = wanted.popleft()
            pending.append((kind, p, _at(dask, places[p], piece, results[p], kind, start, start + PIECE)))
        kind, p, future = pending.popleft()
        runs[kind][p].extend(store.put(chunk) for chunk in future.result())
        future.release()
    totals = {kind: sum(size.get(kind, 0) for size, _ in counted) for kind in KINDS}
    return Fetched(store, runs, totals, problems)


def _report(
    loaded: LoadResult, claims: SpooledClaims, fetched: Fetched, reliability: Mapping[str, SourceRecord]
) -> Report:
    """The partitions' results as one Report, in the local engine's order (partitions.gathered):
    derived values in group order, estimates by their quantity's first claim, findings sorted;
    all of them on the client's disk, merged as they are read."""
    store, runs, size = fetched.store, fetched.runs, fetched.sizes
    derived: Merged[Derived] = Merged(store, runs["derived"], size["derived"])
    checks: Merged[tuple[str, str]] = Merged(store, runs["checks"], size["checks"])
    compared: Merged[tuple[str, tuple[str, ...]]] = Merged(store, runs["compared"], size["compared"])
    provenance = partial(_provenance, claims, derived, checks, compared)
    # `finish` sorts the input problems and notices; they go first among equal findings, as there.
    head = finish(loaded, (), (), fetched.problems, provenance, estimates=(), reliability=reliability)
    inputs = [(finding_order(f), f) for f in head.findings]
    return replace(
        head,
        claims=claims,
        derived=derived,
        findings=Merged(store, [store.dump(inputs), *runs["findings"]], len(inputs) + size["findings"]),
        estimates=Merged(store, runs["estimates"], size["estimates"]),
    )


def _provenance(
    claims: Sequence[Claim],
    derived: Sequence[Derived],
    checks: Sequence[tuple[str, str]],
    compared: Sequence[tuple[str, tuple[str, ...]]],
) -> nx.DiGraph[str]:
    """The claim graph, built when asked for: the claims' ids and the results read back from disk then."""
    return Provenance(tuple(c.id for c in claims), tuple(derived), tuple(checks), tuple(compared))()
