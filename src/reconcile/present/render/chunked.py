"""Text written about a megabyte at a time: a big output is never whole in memory, and the writer
is called rarely. Shared by the text table and the JSON stream (kept out of `streaming` so the
text table does not import the JSON machinery at start-up)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

__all__ = ["FLUSH_CHARS", "Writer", "write_chunks"]

FLUSH_CHARS = 1 << 20


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def write_chunks(chunks: Iterable[str], out: Writer) -> None:
    buffer: list[str] = []
    size = 0
    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size >= FLUSH_CHARS:
            out.write("".join(buffer))
            buffer.clear()
            size = 0
    out.write("".join(buffer))
