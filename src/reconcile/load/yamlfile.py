"""YAML text → plain data that remembers the line of every mapping and key.

The C parser yields events; building the data from them ourselves (instead of PyYAML's
composer and constructor) keeps lines, is faster on big repos, and lets hostile input
be refused by policy before it costs anything:

- no tags but the plain YAML types: nothing is constructed or executed;
- nesting at most `MAX_DEPTH` deep (the data is built with an explicit stack, never by
  recursion, so a 200,000-deep file is an error, not a RecursionError or a segfault);
- at most `MAX_ALIASES` aliases, standing for at most `MAX_EXPANDED` values together once
  written out (a "billion laughs" bomb stands for 10⁹): aliased structure is shared, never
  copied, and nothing downstream expands it to build a message. A big file of plain
  values is not limited by this (only by its size);
- a key written twice in one mapping is recorded (`Mapping.duplicates`), not silently
  overwritten: the caller decides what it invalidates.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml import events

from ..errors import LoadError

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_EXPANDED", "Mapping", "Sequence", "parse_yaml", "read_yaml"]

MAX_DEPTH = 64  # a claim file is 4 deep; nobody writes 64 levels by hand
MAX_ALIASES = 10_000
MAX_EXPANDED = 1_000_000  # values all aliases together would stand for, written out


class Mapping(dict[Any, Any]):
    """A dict that remembers the line of itself and of each key, and any key written twice.
    Slotted (a claim file has one a claim; an instance dict would cost more than the claim's
    fields), so whoever makes one sets all three."""

    __slots__ = ("duplicates", "key_lines", "line")
    line: int
    key_lines: dict[Any, int]
    # key → (line of the repeat, line of the first); None for the many mappings without one
    duplicates: dict[Any, tuple[int, int]] | None


class Sequence(list[Any]):
    """A list that remembers the line of each item (a claim that is not a mapping is named by it)."""

    item_lines: list[int]


_BaseLoader = yaml.CBaseLoader if hasattr(yaml, "CBaseLoader") else yaml.BaseLoader

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
_SCALARS = {_TAG + t for t in ("int", "float", "bool", "null", "timestamp")}
_NULLS = frozenset({"null", "Null", "NULL", "~"})  # YAML's plain nulls; "" is left to callers
_NO_KEY = object()  # a mapping waiting for its next key
_OPEN = object()  # an anchored collection not yet closed
_IN_SEQUENCE = object()  # a sequence: values are appended


class _Frame:
    """A collection being built: the value, the key it waits to fill, its expanded size."""

    __slots__ = ("anchor", "key", "line", "size", "value")

    def __init__(self, value: Any, key: Any, anchor: str | None, line: int):
        self.value = value
        self.key = key
        self.anchor = anchor
        self.line = line
        self.size = 1


def _line(event: events.Event) -> int:
    return int(event.start_mark.line) + 1 if event.start_mark is not None else 1


class _Builder:
    """Events → plain data with lines: strings, numbers, dates, lists, Mappings."""

    def __init__(self, file: str):
        self.file = file
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor → (value, expanded size)
        self.aliases = 0
        self.expanded = 0  # values the aliases so far stand for, written out
        self.scalars = yaml.constructor.SafeConstructor()

    def error(self, message: str, event: events.Event) -> LoadError:
        return LoadError(message, file=self.file, line=_line(event))

    def scalar(self, event: events.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!" or tag == _STR:
            return event.value
        if tag not in _SCALARS:
            raise self._tag(event)
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        try:
            return self.scalars.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError, TypeError, KeyError, IndexError):
            raise self.error(f"{event.value[:40]!r} is not a valid {tag.removeprefix(_TAG)}", event) from None

    def _tag(self, event: Any) -> LoadError:
        return self.error(
            f"the YAML tag {event.tag!r} is not allowed in claim files (claims are plain data; "
            "nothing is constructed or executed)",
            event,
        )

    def alias(self, event: events.AliasEvent) -> tuple[Any, int]:
        """The value an alias shares (never a copy) and how many values it stands for."""
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise self.error(f"more than {MAX_ALIASES:,} YAML aliases in one file; write the values out", event)
        try:
            value, size = self.anchors[event.anchor or ""]
        except KeyError:
            raise self.error(f"the YAML alias *{event.anchor} has no anchor before it", event) from None
        if value is _OPEN:
            raise self.error("a YAML alias refers to the collection it is in", event)
        self.expanded += size
        if self.expanded > MAX_EXPANDED:
            raise self.error(
                f"YAML aliases here would expand to more than {MAX_EXPANDED:,} values (an alias bomb?)", event
            )
        return value, size

    def build(self, loader: Any) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        scalar_event, alias_event = events.ScalarEvent, events.AliasEvent
        starts = (events.MappingStartEvent, events.SequenceStartEvent)
        ends = (events.MappingEndEvent, events.SequenceEndEvent)
        get_event = loader.get_event
        # get_event alone (None after the last event): half the calls of check_event + get_event
        while (event := get_event()) is not None:
            kind = event.__class__
            size = 1
            if kind is scalar_event:
                if event.tag is None and event.anchor is None:  # nearly every scalar: plain text
                    value = event.value
                    if value in _NULLS and not event.style:  # plain `of: null` is nothing; "null" is text
                        value = None
                else:
                    value = self.scalar(event)
                    if event.anchor is not None:
                        self.anchors[event.anchor] = (value, 1)
                line = 0  # a scalar's line is read below only where it is kept (a key, a list item)
            elif kind in starts:
                self.open(event, stack)
                continue
            elif kind in ends:
                frame = stack.pop()
                value, size, line = frame.value, frame.size, frame.line
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (value, size)
            elif kind is alias_event:
                value, size = self.alias(event)
                line = _line(event)
            elif kind is events.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.error("a second YAML document (`---`); a claim file holds one", event)
                continue
            else:
                continue
            if not stack:
                root = value
                continue
            top = stack[-1]
            top.size += size
            key = top.key
            if key is _IN_SEQUENCE:
                top.value.append(value)
                top.value.item_lines.append(line or event.start_mark.line + 1)
            elif key is _NO_KEY:
                self.key(top, value, line or event.start_mark.line + 1, event)
            else:
                if key.__class__ is not _Duplicate:  # the first value written stays; a repeat is reported
                    top.value[key] = value
                top.key = _NO_KEY
        return root

    def open(self, event: Any, stack: list[_Frame]) -> None:
        """A mapping or sequence starts: refuse a tag or a depth past the limit, else push it."""
        mapping = event.__class__ is events.MappingStartEvent
        if event.tag not in (None, "!", _MAP if mapping else _SEQ):
            raise self._tag(event)
        if len(stack) >= MAX_DEPTH:
            raise self.error(f"nested more than {MAX_DEPTH} levels deep; a claim file needs 4", event)
        if event.anchor is not None:
            self.anchors[event.anchor] = (_OPEN, 0)
        line = _line(event)
        container: Any
        if mapping:
            container = Mapping()
            container.line = line
            container.key_lines = {}
            container.duplicates = None
            stack.append(_Frame(container, _NO_KEY, event.anchor, line))
        else:
            container = Sequence()
            container.item_lines = []
            stack.append(_Frame(container, _IN_SEQUENCE, event.anchor, line))

    def key(self, top: _Frame, value: Any, line: int, event: Any) -> None:
        """The next key of a mapping; a repeat is recorded, and its value will be dropped."""
        mapping: Mapping = top.value
        if not isinstance(value, str):  # a list, a mapping, or a tagged number, date or null
            raise self.error("a mapping key must be a plain word", event)
        top.key = value
        if value in mapping.key_lines:
            if mapping.duplicates is None:
                mapping.duplicates = {}
            mapping.duplicates.setdefault(value, (line, mapping.key_lines[value]))
            top.key = _Duplicate(value)
        else:
            mapping.key_lines[value] = line


class _Duplicate:
    """The key of a value that is a repeat: it is read (to find its end) and dropped."""

    __slots__ = ("key",)

    def __init__(self, key: Any):
        self.key = key


def read_yaml(text: str, file: str) -> Any:
    """Text → data (or None for an empty file); LoadError naming file and line for anything else."""
    from .plainyaml import read_plain  # it builds this module's Mapping and Sequence

    plain = read_plain(text)  # most claim files: read line by line, the same data, ~2× faster
    return plain if plain is not None else parse_yaml(text, file)


def parse_yaml(text: str, file: str) -> Any:
    """`read_yaml` through PyYAML's parser, whatever the text's form."""
    try:
        loader = _BaseLoader(text)  # the C reader encodes the text to UTF-8 first
    except UnicodeError:  # a lone surrogate: text that came from no UTF-8 file
        raise LoadError("not valid text (a lone surrogate code point)", file=file) from None
    try:
        return _Builder(file).build(loader)
    except yaml.MarkedYAMLError as exc:
        # the construct that is broken (an unclosed bracket) is more useful than where the parser gave up
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or "invalid YAML"
        if "maximum nesting depth" in problem:  # libyaml ≥ 0.2.5 (PyYAML 6.0.4 wheels) refuses deep flow first
            raise LoadError(
                f"nested more than {MAX_DEPTH} levels deep; a claim file needs 4", file=file, line=line
            ) from None
        if exc.context and exc.context_mark and exc.problem_mark:
            problem = (
                f"{problem} ({exc.context} at line {exc.context_mark.line + 1}, noticed at line "
                f"{exc.problem_mark.line + 1})"
            )
        raise LoadError(f"not valid YAML: {problem}", file=file, line=line) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, a control)
        at = exc.position if isinstance(exc.position, int) else 0  # a byte offset (libyaml reads UTF-8)
        line = text.encode("utf-8", "surrogatepass")[:at].count(b"\n") + 1
        raise LoadError(
            f"not valid YAML: {exc.reason} (character #x{exc.character:04x})", file=file, line=line
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"not valid YAML: {exc}", file=file) from None

    finally:
        loader.dispose()
