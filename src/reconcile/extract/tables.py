"""Tables written as text ("City | Population | Area | Density | Country", a row of units
under it, then one line per row): one candidate per cell, each about its own row.

Which column means what comes from the header: a column whose name is a counted noun
("Population" → people) is a count; a row of units under the header ("km2 | mi² | / km2 |
/ mi²") gives the other numeric columns their units, right-aligned, one header name
covering the units of one kind (an area in km² and mi², a density per km² and per mi²).
A density ("/ km2") counts what the table's count column counts, and is linked by
`computed_from` to that count and the area in the same unit of its own row. A column
whose meaning cannot be read (no unit, a name that is no noun: "AMOUNT") gives nothing.

A list whose title, or the line right above it, says what kind of place its rows are
("List of metropolitan areas by population density") gives every row that scope: a
metropolitan area's population is never compared with a city proper's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import plural
from ..values import parse_value
from .candidates import CandidateClaim, could_be_computed
from .gazetteer import gazetteer
from .vocabulary import Lexicon

__all__ = ["Table", "find_tables"]

_CELL_NUMBER = re.compile(r"^(?P<n>-?\d{1,3}(?:,\d{3})+|-?\d+)(?P<d>\.\d+)?(?:\[\d+\])*$")
_FOOTNOTE = re.compile(r"\[\d+\]")
_SEPARATOR_ROW = re.compile(r"^[\s|:\-]+$")
_LIST_SCOPE = re.compile(r"\b(?:list\s+of\s+|(?:top\s+)?\d+\s+|the\s+)?(?P<s>metropolitan|metro|urban)\s+areas\b", re.I)
_SCOPES = {"metropolitan": "metropolitan area", "metro": "metropolitan area", "urban": "urban area"}
_AREA = {
    "km2": ("square kilometres", "square kilometre"),
    "km²": ("square kilometres", "square kilometre"),
    "sq km": ("square kilometres", "square kilometre"),
    "mi2": ("square miles", "square mile"),
    "mi²": ("square miles", "square mile"),
    "sq mi": ("square miles", "square mile"),
}


@dataclass(slots=True)
class Table:
    start: int  # offset of the header line in the document
    end: int  # offset just past the last row
    claims: list[CandidateClaim]


def find_tables(text: str, lex: Lexicon) -> list[Table]:
    """The pipe tables of a document that this module can read, with their candidates."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lines.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    out: list[Table] = []
    i = 0
    while i < len(lines):
        if lines[i][1].count("|") >= 2 and i + 1 < len(lines) and lines[i + 1][1].count("|") >= 2:
            j = i
            while j < len(lines) and lines[j][1].count("|") >= 2:
                j += 1
            table = _read(lines[i:j], lex)
            if table is not None:
                scope = _list_scope(lines[0][1], lines[i - 1][1] if i > 1 else "")
                for c in table.claims:
                    c.scope = scope
                out.append(table)
            i = j
        else:
            i += 1
    return out


def _list_scope(title: str, above: str) -> str | None:
    """The kind of place a list's rows are, from its title, else from the line above it."""
    for line in (title, above):
        m = _LIST_SCOPE.search(line)
        if m:
            return _SCOPES[m.group("s").lower()]
    return None


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _read(block: list[tuple[int, str]], lex: Lexicon) -> Table | None:
    header = [c for c in _cells(block[0][1]) if c]
    rows = [(p, line) for p, line in block[1:] if not _SEPARATOR_ROW.match(line)]
    units: list[str] = []
    if rows and not any(_CELL_NUMBER.match(c) for c in _cells(rows[0][1]) if c):
        units = [c for c in _cells(rows[0][1]) if c]
        rows = rows[1:]
    if len(header) < 2 or not rows:
        return None
    count_noun = next((lex.nouns.get(h.lower()) for h in header[1:] if lex.nouns.get(h.lower())), None)
    claims: list[CandidateClaim] = []
    for pos, line in rows:
        claims += _row(pos, line, header, units, count_noun, lex)
    if not claims:
        return None
    return Table(block[0][0], block[-1][0] + len(block[-1][1]), claims)


def _columns(header: list[str], units: list[str], n: int) -> list[tuple[str, str | None]]:
    """(header name, unit) of each of a row's n numeric cells."""
    unit_of: list[str | None] = [None] * max(0, n - len(units)) + list(units[-n:] if n else [])
    out: list[tuple[str, str | None]] = []
    j = 0
    for name in header[1:]:
        if j >= n:
            break
        if unit_of[j] is None:
            out.append((name, None))
            j += 1
            continue
        kind = (unit_of[j] or "").startswith("/")
        while j < n and unit_of[j] is not None and (unit_of[j] or "").startswith("/") == kind:
            out.append((name, unit_of[j]))
            j += 1
    return out


def _row(
    pos: int, line: str, header: list[str], units: list[str], count_noun: str | None, lex: Lexicon
) -> list[CandidateClaim]:
    cells = _cells(line)
    name = _FOOTNOTE.sub("", cells[0]).strip()
    place = next((m for m in gazetteer().mentions(name, 0) if m.strong and m.start == 0), None)
    entity = place.name if place is not None and place.name else name
    if not entity or _CELL_NUMBER.match(entity):
        return []
    numeric = [(k, c) for k, c in enumerate(cells) if k > 0 and _CELL_NUMBER.match(c)]
    columns = _columns(header, units, len(numeric))
    if not units and len(cells) == len(header):
        # a row with a cell per header name: each figure under its own column's name, not the
        # first names in turn ("Candidate | Party | Votes | Vote (%)": 18,193 is the Votes, and
        # 43.1 was written as "43.1 votes" when the figures took the names after the row's own)
        columns = [(header[k], None) for k, _ in numeric]
    if not numeric or len(columns) != len(numeric):  # a row of words only ("| a.txt | US deficit | none |")
        return []
    quote_end = line.find(numeric[-1][1]) + len(numeric[-1][1])
    lead = len(line) - len(line.lstrip())
    quote = line[lead:quote_end].rstrip()
    span = (pos + lead, pos + lead + len(quote))
    made: dict[tuple[str, str | None], CandidateClaim] = {}
    for (_, cell), (col, unit) in zip(numeric, columns, strict=True):
        number = _FOOTNOTE.sub("", cell)
        value = _value(number, col, unit, count_noun, lex)
        if value is None:
            continue
        noun = lex.nouns.get(col.lower()) or (count_noun if unit is None or unit.startswith("/") else None)
        claim = CandidateClaim(id="", entity=entity, value=value, quote=quote, span=span, noun=noun)
        claim.doubt("read from a table row")
        first = next((c for (name, u), c in made.items() if name == col and u is not None), None)
        # "mi²" beside "km2" under one header: the same figure converted and rounded again. One that
        # agrees with the first is compared like it; one off in its last digits, as a conversion of a
        # rounded figure can be, is no alarm: left for a person
        if unit is not None and first is not None and not _restates(claim.value, first.value):
            claim.lacks("measure", f"the {col!r} column in another unit, off from the one before it in rounding")
        made[(col, unit)] = claim
    _link_densities(made)
    return list(made.values())


def _restates(converted: str, original: str) -> bool:
    """Whether a figure in another unit ("80 square miles") agrees with the one it converts
    ("206 square kilometres") at the precision both are written to: then it can be compared
    like any claim (it joins the first one's consensus and, when that row's arithmetic fails,
    the alarm); a conversion off in its last digits is left for a person to look at."""
    try:
        a, b = parse_value(converted), parse_value(original)
    except ValueError:
        return False
    return a.canonical_unit == b.canonical_unit and a.interval.overlaps(b.interval)


def _value(number: str, column: str, unit: str | None, count_noun: str | None, lex: Lexicon) -> str | None:
    noun = lex.nouns.get(column.lower())
    if unit is None:
        return f"{number} {plural(noun)}" if noun else None
    key = unit.lstrip("/ ").strip().lower()
    if key not in _AREA:
        return None
    if unit.startswith("/"):
        return f"{number} {plural(count_noun)} per {_AREA[key][1]}" if count_noun else None
    return f"{number} {_AREA[key][0]}"


def _link_densities(made: dict[tuple[str, str | None], CandidateClaim]) -> None:
    """A density is computed from its row's count and the area in the same unit — the first
    unit of the table only: a second one ("/ mi²" beside "/ km2") is the first converted and
    rounded again, not computed from the rounded area beside it."""
    count = next((c for (_, u), c in made.items() if u is None), None)
    first = next((u for (_, u) in made if u is not None and u.startswith("/")), None)
    for (_, unit), c in made.items():
        if unit is None or unit != first or count is None:
            continue
        area = next((a for (_, u), a in made.items() if u is not None and u == unit.lstrip("/ ").strip()), None)
        if area is not None and could_be_computed(c, (count, area)):
            c.links = (count, area)
            c.computed_from = ["?", "?"]
