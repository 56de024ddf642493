"""JSON written piece by piece, byte for byte what `json.dumps` would give for the whole document.

A renderer describes its document as plain dicts and lists in which the long lists (claims,
findings, results) are iterators; `write_json` walks only the containers that hold such
iterators and writes each of their items as soon as it is encoded. A big repo's output then
never exists whole in memory, and whatever fields a renderer adds flow through unchanged.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, TextIO

__all__ = ["Records", "dumps", "write_json"]

_CONTAINERS = (dict, list, tuple, Iterator)
_FLUSH_CHARS = 1 << 20  # write in chunks of about 1 MB: fewer calls, bounded memory


def write_json(
    document: Any, out: TextIO, *, indent: int | None = None, allow_nan: bool = False, split: str | None = None
) -> None:
    """Write `document` as `json.dumps(document, ensure_ascii=False, indent=indent, allow_nan=allow_nan)`
    would, with iterators in it treated as lists.

    `split`, a key of a compact document (a dict, `indent` None) after its first: a child process
    forked here encodes that member and the ones after it into a temporary file while this one
    writes those before it, then the file is copied out (where fork is available)."""
    if split is not None and indent is None and isinstance(document, dict) and hasattr(os, "fork"):
        keys = list(document)
        if split in keys[1:]:
            at = keys.index(split)
            items = list(document.items())
            _write_split(items[:at], items[at:], out, allow_nan)
            return
    _write(_encode(document, indent, allow_nan, 0), out)


def _write(chunks: Iterable[str], out: TextIO) -> None:
    buffer: list[str] = []
    size = 0
    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size >= _FLUSH_CHARS:
            out.write("".join(buffer))
            buffer.clear()
            size = 0
    out.write("".join(buffer))


def _members(items: Sequence[tuple[Any, Any]], allow_nan: bool, *, first: bool) -> Iterator[str]:
    """Members of a compact top-level dict, as `_container` writes them ("{" before the first)."""
    for n, (key, value) in enumerate(items):
        name = key if isinstance(key, str) else json.dumps(key)
        yield ("{" if first and n == 0 else ", ") + json.dumps(name, ensure_ascii=False) + ": "
        yield from _encode(value, None, allow_nan, 1)


def _write_split(
    head: Sequence[tuple[Any, Any]], tail: Sequence[tuple[Any, Any]], out: TextIO, allow_nan: bool
) -> None:
    """`head` written here while a forked child writes `tail` to a temporary file; then the file,
    then the closing brace. Should the child fail, `tail` is written here after all."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 1
            try:
                gc.disable()  # a collection would touch, and so copy, every shared page
                _write(_members(tail, allow_nan, first=False), spool)
                spool.flush()
                code = 0
            finally:
                os._exit(code)
        try:
            _write(_members(head, allow_nan, first=True), out)
        finally:
            _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            spool.seek(0)
            shutil.copyfileobj(spool, out, _FLUSH_CHARS)
        else:
            _write(_members(tail, allow_nan, first=False), out)
    out.write("}")


def dumps(document: Any, *, indent: int | None = None, allow_nan: bool = False) -> str:
    """The whole text at once (what `render` returns): the same bytes `write_json` writes."""
    return "".join(_encode(document, indent, allow_nan, 0))


class Records(Iterator[Any]):
    """A long list of records a renderer knows hold no iterator (plain dicts of plain values):
    written a batch at a time without looking inside each record first."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]):
        self.items = iter(items)

    def __next__(self) -> Any:
        return next(self.items)


_ENCODERS: dict[tuple[int | None, bool], json.JSONEncoder] = {}
_PLAIN = frozenset({str, int, float, bool, type(None)})  # exact types that hold no iterator


_BATCH = 512  # records of a compact list encoded together: one call into json's C encoder, not 512


def _encoder(indent: int | None, allow_nan: bool) -> json.JSONEncoder:
    """The encoder json.dumps would build for these options on every call, built once."""
    encoder = _ENCODERS.get((indent, allow_nan))
    if encoder is None:
        encoder = _ENCODERS[(indent, allow_nan)] = json.JSONEncoder(
            ensure_ascii=False, indent=indent, allow_nan=allow_nan
        )
    return encoder


def _whole(value: Any, indent: int | None, allow_nan: bool, depth: int) -> str:
    text = _encoder(indent, allow_nan).encode(value)
    if indent is None or depth == 0:
        return text
    # Nested one level deeper per depth: json escapes newlines inside strings, so every
    # newline of the text is layout and can be shifted safely.
    return text.replace("\n", "\n" + " " * (indent * depth))


def _lazy(value: Any) -> bool:
    """Whether a value holds an iterator somewhere in its dicts and lists (only those are walked)."""
    kind = type(value)
    if kind is dict or kind is list or kind is tuple:  # a record: exact types first (ABC checks are slow)
        for item in value.values() if kind is dict else value:
            if type(item) not in _PLAIN and isinstance(item, _CONTAINERS) and _lazy(item):
                return True
        return False
    if kind in _PLAIN:
        return False
    if isinstance(value, Iterator):
        return True
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, (list, tuple)):
        return False
    return any(isinstance(item, _CONTAINERS) and _lazy(item) for item in value)


def _encode(value: Any, indent: int | None, allow_nan: bool, depth: int) -> Iterator[str]:
    if isinstance(value, dict) and _lazy(value):
        yield from _container("{", "}", value.items(), indent, allow_nan, depth, keyed=True)
    elif indent is None and isinstance(value, Records):
        yield from _compact_records(value.items, allow_nan)
    elif indent is None and isinstance(value, Iterator):
        yield from _compact_list(value, allow_nan, depth)
    elif isinstance(value, Iterator) or (isinstance(value, (list, tuple)) and _lazy(value)):
        yield from _container("[", "]", ((None, v) for v in value), indent, allow_nan, depth, keyed=False)
    else:
        yield _whole(value, indent, allow_nan, depth)


def _container(
    opening: str,
    closing: str,
    items: Iterable[tuple[Any, Any]],
    indent: int | None,
    allow_nan: bool,
    depth: int,
    *,
    keyed: bool,
) -> Iterator[str]:
    if indent is None:
        separator, newline, closing_newline = ", ", "", ""
    else:
        separator = ","
        newline = "\n" + " " * (indent * (depth + 1))
        closing_newline = "\n" + " " * (indent * depth)
    first = True
    for key, item in items:
        yield (opening if first else separator) + newline
        first = False
        if keyed:
            name = key if isinstance(key, str) else json.dumps(key)  # as json: 1 → "1", None → "null"
            yield json.dumps(name, ensure_ascii=False) + ": "
        yield from _encode(item, indent, allow_nan, depth + 1)
    yield (opening + closing) if first else closing_newline + closing


def _compact_list(items: Iterator[Any], allow_nan: bool, depth: int) -> Iterator[str]:
    """A long list without indentation, as `_container` writes it ("[a, b, c]"), its plain records
    encoded a batch at a time: json writes a list of them as the same records joined by ", "."""
    encoder = _encoder(None, allow_nan)
    batch: list[Any] = []
    opening = "["
    for item in items:
        if type(item) in _PLAIN or not _lazy(item):
            batch.append(item)
            if len(batch) < _BATCH:
                continue
            yield opening + encoder.encode(batch)[1:-1]
        else:  # an item with a long list inside: walked as `_container` would
            if batch:
                yield opening + encoder.encode(batch)[1:-1]
                opening = ", "
            yield opening
            yield from _encode(item, None, allow_nan, depth + 1)
        batch.clear()
        opening = ", "
    if batch:
        yield opening + encoder.encode(batch)[1:-1]
        opening = ", "
    yield "[]" if opening == "[" else "]"


def _compact_records(items: Iterator[Any], allow_nan: bool) -> Iterator[str]:
    """`_compact_list` of records that hold no iterator: each batch encoded as it comes."""
    encoder = _encoder(None, allow_nan)
    opening = "["
    while batch := list(islice(items, _BATCH)):
        yield opening + encoder.encode(batch)[1:-1]
        opening = ", "
    yield "[]" if opening == "[" else "]"
