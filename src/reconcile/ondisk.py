"""Long sequences kept on this machine's disk, not in its memory: sorted runs, merged as they are read.

The Dask engine's client receives each partition's derived values, estimates and findings
already sorted, a piece at a time; it writes them to a temporary file (`Store`) and reads
them back merged in the local engine's order (`Merged`), so what it holds does not grow with
the repo. A renderer that needs another order (the text table by entity, SARIF by rule) sorts
beyond memory the same way (`ordered`): sorted runs written out, then merged. Both are stable,
so the order is exactly what `sorted` gives.
"""

from __future__ import annotations

import heapq
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from operator import itemgetter
from typing import Any, TypeVar, overload

__all__ = ["CHUNK", "RUN", "Address", "Merged", "Store", "ordered"]

T = TypeVar("T")
Address = tuple[int, int]  # (offset, bytes) of one pickled chunk in a Store

RUN = 50_000  # items sorted in memory at once; fewer are sorted there and never touch the disk
CHUNK = 2_048  # items per pickled chunk: one chunk of every run is in memory while they merge


class Store:
    """A temporary file of pickled chunks, appended to and read back by address. Read with
    `os.pread`, so a forked child (streaming.write_json's `split`) reads it as well."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115  (lives as long as what it holds; deleted when closed)
        self._size = 0

    def put(self, data: bytes) -> Address:
        """Bytes already pickled (by a worker), after the others."""
        os.pwrite(self._file.fileno(), data, self._size)
        address = (self._size, len(data))
        self._size += len(data)
        return address

    def dump(self, items: list[Any]) -> list[Address]:
        """`items` pickled here, in chunks."""
        return [self.put(pickle.dumps(items[i : i + CHUNK], 5)) for i in range(0, len(items), CHUNK)]

    def load(self, address: Address) -> Any:
        offset, size = address
        return pickle.loads(os.pread(self._file.fileno(), size, offset))

    def read(self, run: Sequence[Address]) -> Iterator[Any]:
        """The items of a run, a chunk in memory at a time."""
        for address in run:
            yield from self.load(address)

    def close(self) -> None:
        self._file.close()


class Merged(Sequence[T]):
    """Items in the order of their keys, held on disk as runs of (key, item) pairs, each run
    sorted by key, and merged every time they are iterated; on equal keys the earlier run's item
    first (the stable sort of the runs one after another). Equal to any sequence of the same
    items (a local report's tuple). Indexing walks the runs: for a look-up now and then."""

    def __init__(self, store: Store, runs: Sequence[Sequence[Address]], length: int):
        self._store = store
        self._runs = [tuple(run) for run in runs if run]
        self._length = length

    def __iter__(self) -> Iterator[T]:
        if len(self._runs) == 1:
            return (item for _, item in self._store.read(self._runs[0]))
        merged = heapq.merge(*(self._store.read(run) for run in self._runs), key=itemgetter(0))
        return (item for _, item in merged)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return list(islice(self, *index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("index out of range")
        return next(islice(self, index, None))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal to lists and tuples alike

    def __repr__(self) -> str:
        return f"<{len(self)} items in {len(self._runs)} sorted runs on disk>"


def ordered(items: Iterable[T], key: Callable[[T], Any], *, run: int | None = None) -> Iterator[T]:
    """`iter(sorted(items, key=key))`, holding at most `run` (RUN) items at once: beyond that,
    sorted runs go to a temporary file and are merged from it (a chunk of each in memory).
    Items already in memory (a list, a tuple: the local engine's) are sorted there."""
    if isinstance(items, (list, tuple)):
        yield from sorted(items, key=key)
        return
    run = RUN if run is None else run
    source = iter(items)
    first = sorted(islice(source, run), key=key)
    if len(first) < run:
        yield from first
        return
    store = Store()
    try:
        runs = [store.dump(first)]
        del first
        while batch := sorted(islice(source, run), key=key):
            runs.append(store.dump(batch))
            del batch
        yield from heapq.merge(*(store.read(r) for r in runs), key=key)
    finally:
        store.close()
