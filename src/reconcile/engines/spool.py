"""A report's claims on this machine's disk, read back a chunk at a time.

The Dask engine keeps claims on its workers; only outputs that list every claim (JSON) need
them all here, and then one after another, in file order. So the workers send them, pickled,
a chunk of files at a time, and they are written to a temporary file, not kept in memory:
the client's memory does not grow with the repo, its disk does (about 0.3 KB per claim).
"""

from __future__ import annotations

import bisect
import os
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from typing import overload

from ..model import Claim

__all__ = ["SpooledClaims"]


class SpooledClaims(Sequence[Claim]):
    """Claims in order, pickled in chunks to a temporary file; a chunk in memory while it is read.

    Equal to any sequence of the same claims (a local report's tuple)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115  (lives as long as the claims; deleted when closed)
        self._chunks: list[tuple[int, int]] = []  # (offset, bytes) of each pickled chunk
        self._ends: list[int] = []  # claims up to the end of each chunk
        self._size = 0

    def append(self, pickled: bytes, count: int) -> None:
        """A chunk of `count` claims, pickled (a list), after those already here."""
        if not count:
            return
        self._file.seek(self._size)
        self._file.write(pickled)
        self._file.flush()
        self._chunks.append((self._size, len(pickled)))
        self._size += len(pickled)
        self._ends.append(len(self) + count)

    def _chunk(self, n: int) -> list[Claim]:
        offset, size = self._chunks[n]
        claims: list[Claim] = pickle.loads(os.pread(self._file.fileno(), size, offset))
        return claims

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def __iter__(self) -> Iterator[Claim]:
        for n in range(len(self._chunks)):
            yield from self._chunk(n)

    @overload
    def __getitem__(self, index: int) -> Claim: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Claim]: ...
    def __getitem__(self, index: int | slice) -> Claim | Sequence[Claim]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("claim index out of range")
        n = bisect.bisect_right(self._ends, index)
        return self._chunk(n)[index - (self._ends[n - 1] if n else 0)]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or len(other) != len(self):
            return NotImplemented if not isinstance(other, Sequence) else False
        return all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable while it is filled, as a list is

    def __repr__(self) -> str:
        return f"<{len(self)} claims in {len(self._chunks)} chunks on disk>"

    def close(self) -> None:
        self._file.close()
