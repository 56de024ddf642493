"""The plain form most claim files are written in, read line by line without a YAML parser.

    source:
      id: who-2023
      title: Road traffic deaths
    claims:
      - id: uk-deaths          # a comment
        entity: United Kingdom
        value: "1,711 road deaths"

Every line is blank, a comment, or one `key: value` (a list item's first key after `- `); a
value is plain words, quoted text (no escapes but \\" and \\\\), or a list of plain words (`[cams, pop]`). The top level maps keys to values, to one
mapping of values (`source:`) or to a list of such mappings (`claims:`). Anything else — a flow
list, a block string, an anchor or tag, a tab, a key written twice, a value that goes on to the
next line — gives None, and the YAML parser reads the file (`yamlfile.read_yaml`); for every
text this accepts the two give the same data and lines (tests/test_plainyaml.py). Why: a
repo of a million claims is mostly this form, and PyYAML's parser makes a Python object with
two marks for each of its ~9 million events; a regular expression a line is about 3× cheaper.
"""

from __future__ import annotations

import re

from .yamlfile import Mapping, Sequence

__all__ = ["read_plain"]

# indent, "- " of a list item, key, and the rest of the line after the colon
_LINE = re.compile(r"( *)(- +)?([A-Za-z_][A-Za-z0-9_-]*):(?= |$)(.*)")
_BLANK = re.compile(r" *(#.*)?")
# Every line of a text, in order, in one `findall` (cheaper than a `fullmatch` and its `groups()`
# a line: a million claims are 3.4 million lines). The commonest lines come with their value
# read by the pattern itself — `key: "text"` with no quote or backslash inside and nothing after
# it, or `key: plain words` with no '#' or ':' in them, not starting with an indicator nor ending
# in a space, as `_value` reads both — as indent, "- ", key, quoted text, plain words (no line
# break in any); any other line whole in the last group, for `_LINE` and `_value`.
_LINES = re.compile(
    r"""^(?:( *)(- +)?([A-Za-z_][A-Za-z0-9_-]*): +"""
    r"""(?:"([^"\\\n]*)"|([^-?:,\[\]{}#&*!|>'"%@` \n](?:[^#:\n]*[^#: \n])?))$|(.*))""",
    re.MULTILINE,
)
_OPENS = object()  # `key:` with nothing after it: its value is on the next lines
# Characters the plain reader leaves to the parser: a tab, a carriage return, YAML's other line
# breaks (U+0085, U+2028, U+2029), a byte-order mark and the characters YAML refuses (controls,
# surrogates, U+FFFE, U+FFFF). Listed, not negated: "[^…]" of the allowed ranges takes re 20 ms to compile.
_OTHER = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# The same characters in ASCII text (most claim files): looking for each one (`in`: a memchr)
# costs a tenth of the pattern's search, which tests every character against its classes.
_ASCII_OTHER = tuple(chr(c) for c in (*range(0x0A), *range(0x0B, 0x20), 0x7F))
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # a plain value cannot start with one
_NULLS = frozenset({"null", "Null", "NULL", "~"})  # as yamlfile: a plain null is None, a quoted one text
# "text" with no escape but \" and \\, or 'text' with no ' inside; a comment may follow
_QUOTED = re.compile(r"""(?:"((?:[^"\\]|\\["\\])*)"|'([^']*)')( +#.*)?""")
_ESCAPED = re.compile(r'\\(["\\])')
_FLOW = re.compile(r"\[([^\[\]{}#:'\"]*)\]( +#.*)?")  # a list on one line: `[cams, pop]`


def _value(rest: str, number: int) -> object:
    """The text after `key:` on line `number` (not empty) as the parser reads it, or _NOT_PLAIN."""
    if rest[0] != " ":
        return _NOT_PLAIN
    text = rest.strip(" ")
    if not text:
        return _NOT_PLAIN
    first = text[0]
    if first in _INDICATORS:
        if first == '"' and len(text) > 1 and text[-1] == '"':
            inner = text[1:-1]
            if '"' not in inner and "\\" not in inner:  # "2,221,800 cameras": the commonest quoted text
                return inner
        if first == "#":  # `key:` and a comment: an empty value
            return _NOT_PLAIN
        if first in "\"'":
            quoted = _QUOTED.fullmatch(text)
            if quoted is None:
                return _NOT_PLAIN
            double, single = quoted.group(1, 2)
            if double is None:
                return single
            return _ESCAPED.sub(r"\1", double) if "\\" in double else double
        if first == "[":
            return _flow(text, number)
        return _NOT_PLAIN
    comment = text.find(" #")
    if comment >= 0:
        text = text[:comment].rstrip(" ")
    if ": " in text or text.endswith(":"):
        return _NOT_PLAIN
    return None if text in _NULLS else text


def _flow(text: str, number: int) -> object:
    """`[a, b]` of plain words as a Sequence, or _NOT_PLAIN."""
    flow = _FLOW.fullmatch(text)
    if flow is None:
        return _NOT_PLAIN
    items = Sequence()
    inside = flow.group(1).strip(" ")
    for item in inside.split(",") if inside else ():
        word = item.strip(" ")
        if not word or word[0] in _INDICATORS:
            return _NOT_PLAIN
        items.append(None if word in _NULLS else word)
    items.item_lines = [number] * len(items)
    return items


_NOT_PLAIN = object()


def read_plain(text: str) -> Mapping | None:
    """The data of a claim file in the plain form, with the lines `read_yaml` gives; None for any
    other text (the caller then reads it with the YAML parser)."""
    if any(map(text.__contains__, _ASCII_OTHER)) if text.isascii() else _OTHER.search(text):
        return None
    root = Mapping()
    root.line, root.key_lines, root.duplicates = 1, {}, None
    opened: str | None = None  # a top-level key whose value is on the next lines
    inner: Mapping | None = None  # the mapping lines are added to: a nested one or a list item
    inner_indent = -1  # the column of its keys
    items: Sequence | None = None  # the list under the last opened key
    dash_indent = -1
    key_lines: dict[str, int] = {}  # inner's
    value: object
    for number, (indent, dash, key, quoted, plain, line) in enumerate(_LINES.findall(text), 1):
        if key:  # the commonest form: its groups ("" for one that took no part)
            value = (None if plain in _NULLS else plain) if plain else quoted
        else:
            match = _LINE.fullmatch(line)
            if match is None:
                if _BLANK.fullmatch(line):
                    continue
                return None
            indent, dash, key, rest = match.groups("")
            value = _value(rest, number) if rest else _OPENS
            if value is _NOT_PLAIN:
                return None
        if key in _NULLS:
            return None  # `null:` is no key the parser takes
        column = len(indent)
        if column == 0 and not dash:  # a top-level key
            if opened is not None or key in root.key_lines:
                return None  # an opened key with nothing under it, or a key written twice
            if not root.key_lines:
                root.line = number
            root.key_lines[key] = number
            inner, items = None, None
            if value is _OPENS:
                opened = key
            else:
                root[key] = value
            continue
        if dash:  # a new list item: `- key: value`
            if opened is not None:
                items = Sequence()
                items.item_lines = []
                root[opened], opened, dash_indent = items, None, column
            if items is None or column != dash_indent:
                return None
            inner = Mapping()
            inner.line, inner.key_lines, inner.duplicates = number, {}, None
            key_lines = inner.key_lines
            inner_indent = column + len(dash)
            items.append(inner)
            items.item_lines.append(number)
        elif opened is not None:  # the first key of a nested mapping
            inner = Mapping()
            inner.line, inner.key_lines, inner.duplicates = number, {}, None
            key_lines = inner.key_lines
            inner_indent = column
            root[opened], opened = inner, None
        elif inner is None or column != inner_indent:
            return None
        if value is _OPENS or key in key_lines:
            return None  # a value nested deeper, or a key written twice
        key_lines[key] = number
        inner[key] = value
    if opened is not None or not root.key_lines:
        return None
    return root
