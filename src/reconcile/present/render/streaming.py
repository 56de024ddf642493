"""JSON written piece by piece, byte for byte what `json.dumps` would give for the whole document.

A renderer describes its document as plain dicts and lists in which the long lists (claims,
findings, results) are iterators; `write_json` walks only the containers that hold such
iterators and writes each of their items as soon as it is encoded. A big repo's output then
never exists whole in memory, and whatever fields a renderer adds flow through unchanged.
"""

from __future__ import annotations

import codecs
import gc
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any, BinaryIO, TextIO

from .chunked import FLUSH_CHARS, write_chunks

__all__ = [
    "Encoded",
    "PartlyEncoded",
    "RecordList",
    "Records",
    "dumps",
    "encode_each",
    "write_array",
    "write_json",
    "write_json_with",
]

_CONTAINERS = (dict, list, tuple, Iterator)


def write_json(
    document: Any,
    out: TextIO,
    *,
    indent: int | None = None,
    allow_nan: bool = False,
    split: str | tuple[str, int] | None = None,
) -> None:
    """Write `document` as `json.dumps(document, ensure_ascii=False, indent=indent, allow_nan=allow_nan)`
    would, with iterators in it treated as lists.

    `split`, for a compact document (a dict, `indent` None), where a child process forked here
    takes over (where fork is available): a key after the first (that member and the ones after
    it), or (key, n) for a member that is a `RecordList` (its records from the n-th on, and the
    members after it). The child encodes its part into a temporary file while this process
    writes the part before; then the file is copied out."""
    parts = _split(document, split) if indent is None and hasattr(os, "fork") else None
    if parts is None:
        write_chunks(_encode(document, indent, allow_nan, 0), out)
        return
    head, tail = parts
    _write_split(lambda: head(allow_nan), lambda: tail(allow_nan), out)


Chunks = Callable[[bool], Iterator[str]]


def _split(document: Any, split: str | tuple[str, int] | None) -> tuple[Chunks, Chunks] | None:
    """The chunks before and after `split` (write_json), or None when it does not split `document`."""
    if split is None or not isinstance(document, dict):
        return None
    key, n = (split, None) if isinstance(split, str) else split
    items = list(document.items())
    at = next((i for i, (k, _) in enumerate(items) if k == key), None)
    if at is None:
        return None
    if n is None:
        if at == 0:
            return None
        return (
            lambda allow_nan: _members(items[:at], allow_nan, first=True),
            lambda allow_nan: _members(items[at:], allow_nan, first=False),
        )
    records = items[at][1]
    if not isinstance(records, RecordList) or not 0 < n < len(records.items_of):
        return None

    def head(allow_nan: bool) -> Iterator[str]:
        yield from _members(items[:at], allow_nan, first=True)
        yield ("{" if at == 0 else ", ") + _name(key) + ": "
        yield from _compact_records(records.part(0, n), allow_nan, closing="")

    def tail(allow_nan: bool) -> Iterator[str]:
        yield from _compact_records(records.part(n, None), allow_nan, opening=", ")
        yield from _members(items[at + 1 :], allow_nan, first=False)

    return head, tail


def write_json_with(
    document: dict[str, Any],
    out: TextIO,
    key: str,
    encoded: Callable[[], BinaryIO | None],
    *,
    allow_nan: bool = False,
    ready: Callable[[], bool] | None = None,
) -> None:
    """`write_json` of a compact `document` whose member `key` another process is encoding
    meanwhile into a file (UTF-8): `encoded()` waits for that file, or gives None if it failed,
    and the member is then encoded here. So as not to wait, the members after `key` are encoded
    first, into a temporary file, then everything is written in order; unless `ready()` says
    the file is whole already: then everything is written in order at once."""
    items = list(document.items())
    at = [k for k, _ in items].index(key)
    if ready is not None and ready():
        _write_with(items, at, out, encoded, allow_nan)
        write_chunks(_members(items[at + 1 :], allow_nan, first=False), out)
        out.write("}")
        return
    with tempfile.TemporaryFile() as spool:
        rest = io.TextIOWrapper(spool, encoding="utf-8", newline="")
        write_chunks(_members(items[at + 1 :], allow_nan, first=False), rest)
        rest.flush()
        rest.detach()  # the spool is closed with this block
        _write_with(items, at, out, encoded, allow_nan)
        spool.seek(0)
        _copy(spool, out)
    out.write("}")


def _write_with(
    items: list[tuple[str, Any]], at: int, out: TextIO, encoded: Callable[[], BinaryIO | None], allow_nan: bool
) -> None:
    """The members before `items[at]`, then that one from the file another process wrote."""
    write_chunks(_members(items[:at], allow_nan, first=True), out)
    out.write(("{" if at == 0 else ", ") + _name(items[at][0]) + ": ")
    file = encoded()
    if file is None:
        write_chunks(_encode(items[at][1], None, allow_nan, 1), out)
    else:
        with file:
            _copy(file, out)


def _copy(file: BinaryIO, out: TextIO) -> None:
    """UTF-8 text from `file` onto `out`: as bytes when `out` writes UTF-8 bytes underneath (stdout,
    a file), without decoding and encoding again (0.08 s for the 89 MB of repo-100k's JSON)."""
    buffer = getattr(out, "buffer", None)
    try:
        utf8 = codecs.lookup(getattr(out, "encoding", None) or "").name == "utf-8"
    except LookupError:
        utf8 = False
    if buffer is not None and utf8:
        out.flush()
        shutil.copyfileobj(file, buffer, FLUSH_CHARS)
        return
    text = io.TextIOWrapper(file, encoding="utf-8", newline="")
    shutil.copyfileobj(text, out, FLUSH_CHARS)
    text.detach()  # `file` is its owner's to close


def write_array(records: Iterable[Any], out: TextIO, *, allow_nan: bool = False) -> None:
    """A compact list of plain records (no iterator in them), as `write_json` writes one."""
    write_chunks(_compact_records(iter(records), allow_nan), out)


def _name(key: Any) -> str:
    """A member's name as json writes it (1 → "1", None → "null")."""
    return json.dumps(key if isinstance(key, str) else json.dumps(key), ensure_ascii=False)


def _members(items: Sequence[tuple[Any, Any]], allow_nan: bool, *, first: bool) -> Iterator[str]:
    """Members of a compact top-level dict, as `_container` writes them ("{" before the first)."""
    for n, (key, value) in enumerate(items):
        yield ("{" if first and n == 0 else ", ") + _name(key) + ": "
        yield from _encode(value, None, allow_nan, 1)


def _write_split(head: Callable[[], Iterator[str]], tail: Callable[[], Iterator[str]], out: TextIO) -> None:
    """`head()` written here while a forked child writes `tail()` to a temporary file; then the
    file, then the closing brace. Should the child fail, `tail` is written here after all."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 1
            try:
                gc.disable()  # a collection would touch, and so copy, every shared page
                write_chunks(tail(), spool)
                spool.flush()
                code = 0
            finally:
                os._exit(code)
        try:
            write_chunks(head(), out)
        finally:
            _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            spool.seek(0)
            shutil.copyfileobj(spool, out, FLUSH_CHARS)
        else:
            write_chunks(tail(), out)
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


class RecordList(Records):
    """`Records` of a sequence, `records(items)` made from each of its items (in a batch, so that
    it may share work between neighbours): a long list that `write_json` can split by position."""

    __slots__ = ("items_of", "records")

    def __init__(self, items: Sequence[Any], records: Callable[[Iterable[Any]], Iterator[Any]]):
        super().__init__(records(items))
        self.items_of = items
        self.records = records

    def part(self, start: int, stop: int | None) -> Iterator[Any]:
        """The records of items[start:stop], made afresh."""
        return self.records(islice(self.items_of, start, stop))


class Encoded(Iterator[str]):
    """Records given as their compact JSON text already (a renderer that writes some faster than
    json's encoder would): a compact list joins them as they are."""

    __slots__ = ("texts",)

    def __init__(self, texts: Iterable[str]):
        self.texts = iter(texts)

    def __next__(self) -> str:
        return next(self.texts)


class PartlyEncoded(Records):
    """`Records` of a sequence, `record(item)` each, some of which were encoded already (`texts`,
    by the item's id(): `encode_each`'s text of its record, compact): a compact list writes those
    texts as they are and encodes the others (a forked check encodes its own while it waits)."""

    __slots__ = ("items_of", "record", "texts")

    def __init__(self, items: Sequence[Any], record: Callable[[Any], Any], texts: Mapping[int, str]):
        super().__init__(map(record, items))
        self.items_of = items
        self.record = record
        self.texts = texts


def encode_each(records: Iterable[Any], *, allow_nan: bool = False) -> list[str]:
    """Each plain record's compact text, as a compact list writes it (json's C encoder made once
    where there is one: json.dumps would make one per record)."""
    encoder = _encoder(None, allow_nan)
    if c_make_encoder is None:  # pragma: no cover  (CPython has it)
        return [encoder.encode(record) for record in records]
    encode = c_make_encoder(
        None, encoder.default, encode_basestring, None, encoder.key_separator, encoder.item_separator,
        False, False, allow_nan,
    )  # fmt: skip
    return ["".join(encode(record, 0)) for record in records]


def _compact_texts(records: PartlyEncoded, allow_nan: bool) -> Iterator[str]:
    """`_compact_records` of `records`, the texts already made used as they are."""
    texts = records.texts
    missing = texts.get
    opening = "["
    for start in range(0, len(records.items_of), _BATCH):
        batch = records.items_of[start : start + _BATCH]
        known = [missing(id(item)) for item in batch]
        if None in known:
            made = iter(
                encode_each(
                    [records.record(i) for i, t in zip(batch, known, strict=True) if t is None], allow_nan=allow_nan
                )
            )
            known = [next(made) if t is None else t for t in known]
        yield opening + ", ".join(known)  # type: ignore[arg-type]
        opening = ", "
    yield "[]" if opening == "[" else "]"


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
    elif indent is None and isinstance(value, PartlyEncoded):
        yield from _compact_texts(value, allow_nan)
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


def _compact_records(items: Iterator[Any], allow_nan: bool, *, opening: str = "[", closing: str = "]") -> Iterator[str]:
    """`_compact_list` of records that hold no iterator: each batch encoded as it comes (a part
    of a split list: `opening` ", " after the part before it, `closing` "" before the part after)."""
    encoder = _encoder(None, allow_nan)
    encoded = isinstance(items, Encoded)  # texts already: joined as they are
    first = True
    while batch := list(islice(items, _BATCH)):
        yield (opening if first else ", ") + (", ".join(batch) if encoded else encoder.encode(batch)[1:-1])
        first = False
    yield opening + closing if first else closing
