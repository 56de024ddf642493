"""YAML text → plain data that remembers the line of every mapping and key.

The C parser yields events; building the data from them ourselves (instead of PyYAML's
composer and constructor) keeps lines, is faster on big repos, and lets hostile input
be refused by policy before it costs anything:

- no tags but the plain YAML types: nothing is constructed or executed;
- nesting at most `MAX_DEPTH` deep (the data is built with an explicit stack, never by
  recursion, so a 200,000-deep file is an error, not a RecursionError or a segfault);
- at most `MAX_ALIASES` aliases, and no alias may make the document stand for more than
  `MAX_EXPANDED` values once expanded (a "billion laughs" bomb): aliased structure is
  shared, never copied, and nothing downstream expands it to build a message;
- a key written twice in one mapping is recorded (`Mapping.duplicates`), not silently
  overwritten: the caller decides what it invalidates.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml import events

from ..errors import LoadError

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_EXPANDED", "Mapping", "read_yaml"]

MAX_DEPTH = 64  # a claim file is 4 deep; nobody writes 64 levels by hand
MAX_ALIASES = 10_000
MAX_EXPANDED = 1_000_000  # values the document would hold with every alias written out


class Mapping(dict[Any, Any]):
    """A dict that remembers the line of itself and of each key, and any key written twice."""

    line: int = 1
    key_lines: dict[Any, int]
    # key → (line of the repeat, line of the first); None for the many mappings without one
    duplicates: dict[Any, tuple[int, int]] | None = None


_BaseLoader = yaml.CBaseLoader if hasattr(yaml, "CBaseLoader") else yaml.BaseLoader

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
_SCALARS = {_TAG + t for t in ("int", "float", "bool", "null", "timestamp")}
_NO_KEY = object()  # a mapping waiting for its next key
_OPEN = object()  # an anchored collection not yet closed
_IN_SEQUENCE = object()  # a sequence: values are appended


class _Frame:
    """A collection being built: the value, the key it waits to fill, its expanded size."""

    __slots__ = ("anchor", "key", "size", "value")

    def __init__(self, value: Any, key: Any, anchor: str | None):
        self.value = value
        self.key = key
        self.anchor = anchor
        self.size = 1


def _line(event: events.Event) -> int:
    return int(event.start_mark.line) + 1 if event.start_mark is not None else 1


class _Builder:
    """Events → plain data with lines: strings, numbers, dates, lists, Mappings."""

    def __init__(self, file: str):
        self.file = file
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor → (value, expanded size)
        self.aliases = 0
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
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise self.error(f"more than {MAX_ALIASES:,} YAML aliases in one file; write the values out", event)
        try:
            return self.anchors[event.anchor or ""]
        except KeyError:
            raise self.error(f"the YAML alias *{event.anchor} has no anchor before it", event) from None

    def build(self, loader: Any) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        while loader.check_event():
            event = loader.get_event()
            kind = event.__class__
            size = 1
            if kind is events.ScalarEvent:
                value = self.scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
            elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                mapping = kind is events.MappingStartEvent
                if event.tag not in (None, "!", _MAP if mapping else _SEQ):
                    raise self._tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise self.error(f"nested more than {MAX_DEPTH} levels deep; a claim file needs 4", event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (_OPEN, 0)
                if mapping:
                    container: Any = Mapping()
                    container.line = _line(event)
                    container.key_lines = {}
                    stack.append(_Frame(container, _NO_KEY, event.anchor))
                else:
                    stack.append(_Frame([], _IN_SEQUENCE, event.anchor))
                continue
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                frame = stack.pop()
                value, size = frame.value, frame.size
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (value, size)
            elif kind is events.AliasEvent:
                value, size = self.alias(event)
                if value is _OPEN:
                    raise self.error("a YAML alias refers to the collection it is in", event)
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
            self._add(stack[-1], value, size, event)
        return root

    def _add(self, top: _Frame, value: Any, size: int, event: Any) -> None:
        top.size += size
        if top.size > MAX_EXPANDED:
            raise self.error(
                f"YAML aliases here would expand to more than {MAX_EXPANDED:,} values (an alias bomb?)", event
            )
        if top.key is _IN_SEQUENCE:
            top.value.append(value)
            return
        mapping: Mapping = top.value
        if top.key is _NO_KEY:
            if isinstance(value, (list, dict)) or value is None:
                raise self.error("a mapping key must be a plain word", event)
            top.key = value
            line = _line(event)
            if value in mapping.key_lines:
                if mapping.duplicates is None:
                    mapping.duplicates = {}
                mapping.duplicates.setdefault(value, (line, mapping.key_lines[value]))
                top.key = _Duplicate(value)
            else:
                mapping.key_lines[value] = line
            return
        if not isinstance(top.key, _Duplicate):  # the first value written stays; the repeat is reported
            mapping[top.key] = value
        top.key = _NO_KEY


class _Duplicate:
    """The key of a value that is a repeat: it is read (to find its end) and dropped."""

    __slots__ = ("key",)

    def __init__(self, key: Any):
        self.key = key


def read_yaml(text: str, file: str) -> Any:
    """Text → data (or None for an empty file); LoadError naming file and line for anything else."""
    loader = _BaseLoader(text)
    try:
        return _Builder(file).build(loader)
    except yaml.MarkedYAMLError as exc:
        # the construct that is broken (an unclosed bracket) is more useful than where the parser gave up
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and exc.problem_mark:
            problem = (
                f"{problem} ({exc.context} at line {exc.context_mark.line + 1}, noticed at line "
                f"{exc.problem_mark.line + 1})"
            )
        raise LoadError(f"not valid YAML: {problem}", file=file, line=line) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"not valid YAML: {exc}", file=file) from None
    finally:
        loader.dispose()
