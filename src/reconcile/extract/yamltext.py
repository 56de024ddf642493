"""The YAML text of a new claim file, written directly: the same bytes ruamel.yaml's dumper
writes (writer.py's settings: block style, sequences indented 4 with their dash at 2, width
4096, quotes double-quoted, spans and `computed_from` in flow style), ~10× faster.

Only scalars whose form is certain are written here: plain text that ruamel writes plain
(no indicator, no `: ` or ` #`, no line break or control character, read back as a string),
else the same text quoted as ruamel quotes it; integers; double-quoted text that needs no
escape but `\\"` and `\\\\`; all on lines far shorter than the width where ruamel would fold them. A claim with any other scalar returns
None, and the writer dumps that claim with ruamel.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Characters ruamel writes as they are (allow_unicode), less line breaks (U+0085, U+2028,
# U+2029), the byte-order mark, tabs and controls: anything else goes to ruamel.
_SAFE_CHARS = "\\x20-\\x7e\\xa0-\\u2027\\u202a-\\ud7ff\\ue000-\\ufefe\\uff00-\\ufffd"
_LEADING_INDICATORS = "#,[]{}&*!|>'\"%@`"
_QUOTED = re.compile(f"[{_SAFE_CHARS}]*")
_FLOW_ITEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
# ruamel folds a line longer than its width (4096); stay well inside it
_MAX_LINE = 3000


@lru_cache(maxsize=1)
def _resolver() -> Any:
    from .writer import _yaml

    return _yaml().resolver


@lru_cache(maxsize=1)
def _implicit_resolvers() -> dict[Any, list[tuple[Any, re.Pattern[str]]]] | None:
    """The resolver's table: first character → the (tag, regex) pairs that may type a plain
    scalar starting with it; None when it has a resolver for any first character."""
    table = _resolver().versioned_resolver
    return None if None in table else table


@lru_cache(maxsize=65536)
def _reads_as_text(s: str) -> bool:
    """A plain `s` is read back as a string (not a number, date, bool, null, merge key...):
    ruamel's `resolve` for a plain scalar, without its per-call look-ups."""
    table = _implicit_resolvers()
    if not s or table is None:
        from ruamel.yaml.nodes import ScalarNode

        return bool(_resolver().resolve(ScalarNode, s, (True, False)) == "tag:yaml.org,2002:str")
    for tag, regexp in table.get(s[0], ()):
        if regexp.match(s):
            return bool(tag == "tag:yaml.org,2002:str")
    return True  # no implicit resolver takes it: ruamel's default scalar tag, str


@lru_cache(maxsize=65536)  # entities, measures, statuses and doubts repeat from claim to claim
def plain(s: str) -> str | None:
    """`s` as ruamel writes it plain in block context, or None when it would not be plain
    (ruamel's `analyze_scalar` for text of `_SAFE_CHARS`, and the resolver)."""
    if (
        not _QUOTED.fullmatch(s)
        or not s
        or s[0] == " "
        or s[-1] == " "
        or s.startswith(("---", "..."))
        or s[0] in _LEADING_INDICATORS
        or (s[0] in "?:-" and (len(s) == 1 or s[1] == " "))
        or ": " in s
        or s.endswith(":")
        or " #" in s
        or not _reads_as_text(s)
    ):
        return None
    return s


def quoted(s: str) -> str | None:
    """`s` as ruamel writes a string it cannot write plain (an empty one, "a: b", "2021"):
    single-quoted, or double-quoted when it holds a single quote."""
    if not _QUOTED.fullmatch(s):
        return None
    return double_quoted(s) if "'" in s else f"'{s}'"


def scalar(v: Any) -> str | None:
    """A block-context value: a string or an integer (never a bool)."""
    if isinstance(v, str):
        return plain(v) or quoted(v)
    if type(v) is int:
        return str(v)
    return None


def double_quoted(s: str) -> str | None:
    if not _QUOTED.fullmatch(s):
        return None
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(items: list[Any]) -> str | None:
    """`[a, b]` of integers and simple ids."""
    out = []
    for v in items:
        if type(v) is int:
            out.append(str(v))
        elif isinstance(v, str) and _FLOW_ITEM.fullmatch(v) and _reads_as_text(v):
            out.append(v)
        else:
            return None
    return "[" + ", ".join(out) + "]"


def claim_item(d: dict[str, Any]) -> str | None:
    """One claim of `claims:` (its `to_yaml_dict`), as ruamel writes it at indent 2; None
    when one of its scalars is not one whose form is certain."""
    lines = []
    for k, v in d.items():
        if k == "quote":
            text = double_quoted(v) if isinstance(v, str) else None
        elif k in ("span", "computed_from"):
            text = flow(v) if isinstance(v, list) and v else None
        else:
            text = scalar(v)
        if text is None or len(text) + len(k) + 8 > _MAX_LINE:
            return None
        lines.append(f"{k}: {text}\n")
    if not lines:
        return None
    return "  - " + "    ".join(lines)


def mapping(d: dict[str, Any], indent: str) -> str | None:
    """A mapping of plain scalars (`source:`), each line at `indent`."""
    out = []
    for k, v in d.items():
        text = scalar(v)
        if text is None or len(text) + len(k) + 8 > _MAX_LINE:
            return None
        out.append(f"{indent}{k}: {text}\n")
    return "".join(out)
