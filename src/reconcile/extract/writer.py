"""Writing extracted candidates into a claim file without touching what a person reviewed.

A new file is written whole. An existing one is merged: every claim already in it
stays byte for byte (comments, order, quoting, reviewed status), and only new
candidates are added, at the end of `claims:`. A candidate is already there when a
claim has its id, or its entity and value, or its quote and value — so a person
who corrects an entity or a value and keeps the id does not get the original
back — or, for one who changed both id and value, when the file already has as many
claims on the candidate's quote span as there are such candidates. Nothing is ever
deleted: reject a candidate with `status: rejected`. A file is only ever merged with
candidates of the document it names (`source.document`), keeps its line endings
(CRLF stays CRLF), and a document name reaches its header comment only as one
printable line.

The common case — `claims:` is the last key of the file, in block style — is an
append of text, so the old bytes cannot change. Otherwise the file goes through
ruamel.yaml's round-trip loader and dumper, which keeps comments and order. Either
way the result is read again, by the claim files' own reader, before it replaces the file,
atomically. So is a new file that ruamel wrote any part of; one written wholly in yamltext's
forms reads back by construction (a property test reads back every field), unread here: the
read-back was ~8 % of `extract`.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import LoadError
from ..fileio import write_atomic
from .candidates import CandidateClaim, ExtractedDocument, WriteResult
from .yamltext import claim_item, mapping

__all__ = ["PendingWrite", "claim_file_text", "comment_text", "existing_document", "write_claim_file"]

HEADER = (
    "# Candidate claims extracted by `reconcile extract` from {document}.\n"
    "# Review each one: fix entity/value/period if needed, then set `status: reviewed`\n"
    "# (or `status: rejected` — do not delete: a re-run would add it again).\n"
    "# Re-running extract keeps every claim and comment here and only adds new candidates.\n"
)


def _load_errors() -> tuple[type[Exception], ...]:
    """What ruamel.yaml raises on text it cannot load: its own errors (ParserError, ScannerError,
    ComposerError, ConstructorError, ReaderError, ...) and, building a tagged or date-like scalar
    (`!!int x`, `!!bool ''`, `2001-13-45`), plain ValueError, KeyError and IndexError; and
    RecursionError, for a file nested thousands deep (ruamel composes recursively)."""
    from ruamel.yaml.error import YAMLError

    return (YAMLError, ValueError, KeyError, IndexError, RecursionError)


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    y.preserve_quotes = True
    return y


def _norm(s: Any) -> str:
    return " ".join(str(s or "").split()).casefold()


def _dump(obj: Any, y: Any | None = None) -> str:
    buf = io.StringIO()
    (y or _yaml()).dump(obj, buf)
    return buf.getvalue()


def _claim_map(c: CandidateClaim) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    d = c.to_yaml_dict()
    m = CommentedMap()
    for k, v in d.items():
        if k == "quote":
            v = DoubleQuotedScalarString(v)
        elif k in ("span", "computed_from"):
            seq = CommentedSeq(v)
            seq.fa.set_flow_style()
            v = seq
        m[k] = v
    return m


def write_claim_file(doc: ExtractedDocument, out_dir: Path) -> WriteResult:
    """Write a document's candidates to `<out_dir>/<source id>.yaml`: a new file whole, an
    existing one merged (LoadError when it cannot be read; it is then left as it is)."""
    return claim_file_text(doc, out_dir).write()


@dataclass(frozen=True, slots=True)
class PendingWrite:
    """A claim file's new text, checked, not yet written (`text` None: nothing to add)."""

    path: Path
    text: str | None
    result: WriteResult

    def write(self) -> WriteResult:
        """Replace the file with the text, atomically (synced to disk before it is renamed over it)."""
        if self.text is not None:
            write_atomic(self.path, self.text)
        return self.result


def claim_file_text(doc: ExtractedDocument, out_dir: Path) -> PendingWrite:
    """What `write_claim_file` writes, before it is written: the new file, or the existing one
    merged with the new candidates, read back by the claim files' own reader (LoadError when
    the existing file cannot be read). Writing is the slow part — syncing the file to disk
    waits for the disk — so a batch can write one file while it reads the next document."""
    path = Path(out_dir) / f"{doc.source_id}.yaml"
    if not path.exists():
        text, direct = _new_file_text(doc)
        if not direct:  # yamltext's forms read back by construction (tests/test_extract_yamltext.py reads every field)
            _verify(text, path, expect=len(doc.claims))
        return PendingWrite(path, text, WriteResult(path, added=len(doc.claims), kept=0, created=True))

    old, y, data = _read_existing(path)
    owner = document_of(data)
    if owner is not None and owner != doc.document:
        raise LoadError(
            f"belongs to another document ({comment_text(owner)}); {comment_text(doc.document)}'s candidates "
            "are not added to it",
            file=str(path),
        )
    existing = data.get("claims") or []
    if not isinstance(existing, list):
        raise LoadError("`claims:` in the existing file is not a list", file=str(path))

    new = _new_candidates(doc.claims, existing)
    kept = len(existing)
    if not new:
        return PendingWrite(path, None, WriteResult(path, added=0, kept=kept, created=False))

    # Work in "\n" and give the new text the file's own line endings: a reviewer's CRLF
    # file stays CRLF, and the old bytes of an append stay exactly as they were.
    crlf = "\r\n" in old
    old_lf = old.replace("\r\n", "\n")
    appended = _append_text(old_lf, data, new)
    if appended is None:
        text = _roundtrip_text(y, data, new)
        if crlf:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    elif crlf:
        text = old + appended[len(old_lf) :].replace("\n", "\r\n")
    else:
        text = appended
    _verify(text, path, expect=kept + len(new))
    return PendingWrite(path, text, WriteResult(path, added=len(new), kept=kept, created=False))


def document_of(data: Any) -> str | None:
    """The `source.document` an existing claim file was extracted from (None when it does not say)."""
    source = data.get("source") if hasattr(data, "get") else None
    document = source.get("document") if source is not None and hasattr(source, "get") else None
    return document if isinstance(document, str) else None


def existing_document(path: Path) -> str | None:
    """The document an existing claim file belongs to; None when it does not say or cannot be
    read (the writer then reports why, rather than a second file being started beside it)."""
    try:
        return document_of(_read_existing(path)[2])
    except LoadError:
        return None


def _check_safe(text: str, path: Path) -> None:
    """The claim files' own reader first (no recursion, depth and alias limits, no tags): ruamel,
    which keeps comments for the merge, composes recursively and takes seconds to give up on a
    file nested a thousand deep."""
    from ..load.yamlfile import read_yaml

    try:
        read_yaml(text, str(path))
    except LoadError as exc:
        raise LoadError(
            f"the existing claim file cannot be read ({exc.message}); fix it before re-running extract",
            file=str(path),
            line=exc.line,
        ) from None


def _read_existing(path: Path) -> tuple[str, Any, Any]:
    """The existing claim file's text, its round-trip loader and its data (a mapping);
    LoadError when it cannot be read or is not YAML — a broken file is never overwritten."""
    try:
        old = path.read_bytes().decode("utf-8")  # not read_text: its universal newlines would hide CRLF
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"cannot read the existing claim file: {exc}", file=str(path)) from None
    _check_safe(old, path)
    y = _yaml()
    try:
        data = y.load(old) if old.strip() else None
    except _load_errors() as exc:
        mark = getattr(exc, "problem_mark", None)
        raise LoadError(
            f"the existing claim file is not valid YAML ({getattr(exc, 'problem', exc)}); "
            "fix it before re-running extract",
            file=str(path),
            line=(mark.line + 1) if mark is not None else None,
        ) from None
    if data is None:
        from ruamel.yaml.comments import CommentedMap

        data = CommentedMap()
    if not hasattr(data, "get"):
        raise LoadError("the existing claim file is not a mapping with `source:` and `claims:`", file=str(path))
    return old, y, data


def _new_candidates(cands: list[CandidateClaim], existing: list[Any]) -> list[CandidateClaim]:
    ids = {str(c.get("id")) for c in existing if hasattr(c, "get")}
    by_ev = {(_norm(c.get("entity")), _norm(c.get("value"))) for c in existing if hasattr(c, "get")}
    by_qv = {(_norm(c.get("quote")), _norm(c.get("value"))) for c in existing if hasattr(c, "get")}
    # A claim a reviewer re-identified and corrected (new id, new value) still sits on its
    # quote's span: as many candidates of a span as the file has claims there are already in.
    unclaimed: Counter[tuple[int, int]] = Counter()
    for claim in existing:
        span = _span(claim) if hasattr(claim, "get") else None
        if span is not None:
            unclaimed[span] += 1
    unmatched: list[CandidateClaim] = []
    for c in cands:
        if c.id in ids or (_norm(c.entity), _norm(c.value)) in by_ev or (_norm(c.quote), _norm(c.value)) in by_qv:
            unclaimed[(c.span[0], c.span[1])] -= 1
        else:
            unmatched.append(c)
    fresh: list[CandidateClaim] = []
    renamed: dict[str, str] = {}
    taken = set(ids)
    for c in unmatched:
        if unclaimed[(c.span[0], c.span[1])] > 0:
            unclaimed[(c.span[0], c.span[1])] -= 1
            continue
        cid, n = c.id, 2
        while cid in taken:
            cid, n = f"{c.id}-{n}", n + 1
        if cid != c.id:
            renamed[c.id] = cid
        taken.add(cid)
        fresh.append(c)
    return [
        replace(c, id=renamed.get(c.id, c.id), computed_from=[renamed.get(x, x) for x in c.computed_from])
        for c in fresh
    ]


def _span(claim: Any) -> tuple[int, int] | None:
    """An existing claim's `span: [start, end]`, if it has a well-formed one."""
    span = claim.get("span")
    if isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span):
        return (span[0], span[1])
    return None


def _new_file(doc: ExtractedDocument) -> str:
    """The whole file: written directly (yamltext.py), each claim whose form that cannot be
    sure of dumped by ruamel as an append would; ruamel for all of it when the source is such."""
    return _new_file_text(doc)[0]


def _new_file_text(doc: ExtractedDocument) -> tuple[str, bool]:
    """`_new_file`, and whether yamltext wrote all of it (no part dumped by ruamel)."""
    source = {"id": doc.source_id, **({"title": doc.title} if doc.title else {}), "document": doc.document}
    printable = all(v.isprintable() for v in source.values())  # else `_one_line` double-quotes it
    head = mapping({**source, "kind": "article"}, "  ") if printable else None
    if head is None:
        return _new_file_ruamel(doc), False
    parts = [HEADER.format(document=comment_text(doc.document)), "source:\n", head]
    if not doc.claims:  # what ruamel writes for an empty list, with its note
        return "".join([*parts, "claims: []  # no figures found\n"]), True
    parts.append("claims:\n")
    y = None
    direct = True
    for c in doc.claims:
        item = claim_item(c.to_yaml_dict())
        if item is None:
            direct = False
            from ruamel.yaml.comments import CommentedSeq

            if y is None:
                y = _yaml()
                y.indent(mapping=2, sequence=4, offset=2)
            item = _dump({"claims": CommentedSeq([_claim_map(c)])}, y).split("\n", 1)[1]
        parts.append(item)
    return "".join(parts), direct


def _new_file_ruamel(doc: ExtractedDocument) -> str:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    source = CommentedMap()
    source["id"] = doc.source_id
    if doc.title:
        source["title"] = _one_line(doc.title)
    source["document"] = _one_line(doc.document)
    source["kind"] = "article"
    data = CommentedMap()
    data["source"] = source
    seq = CommentedSeq([_claim_map(c) for c in doc.claims])
    data["claims"] = seq
    body = _dump(data)
    if not doc.claims:
        body = body.replace("claims: []", "claims: []  # no figures found")
    return HEADER.format(document=comment_text(doc.document)) + body


def _one_line(text: str) -> Any:
    """Text as a YAML scalar that reads back the same: double-quoted (with escapes) when it holds
    a character some YAML reader takes for a line break or a control (NEL, U+2028, a tab...)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return text if text.isprintable() else DoubleQuotedScalarString(text)


def comment_text(name: str) -> str:
    """A file name as it may appear in a YAML comment: as is when it is one printable line,
    else JSON-quoted (a newline, U+2028 or U+0085 in a name would end the comment and let the
    rest of the name be read as YAML)."""
    return name if name.isprintable() else json.dumps(name)


_TOP_KEY = re.compile(r"^[^\s#-][^:]*:", re.M)


def _append_text(old: str, data: Any, new: list[CandidateClaim]) -> str | None:
    """Append new items as text when `claims:` is the last top-level key, in block style."""
    keys = list(data.keys())
    if not keys or keys[-1] != "claims" or not data.get("claims"):
        return None
    m = re.search(r"^claims:[ \t]*(?:#.*)?$", old, re.M)
    if not m or any(k.start() > m.start() for k in _TOP_KEY.finditer(old)):
        return None
    item = re.search(r"^([ \t]*)- ", old[m.end() :], re.M)
    if not item:
        return None
    indent = item.group(1)
    from ruamel.yaml.comments import CommentedSeq

    y = _yaml()
    offset = len(indent)
    y.indent(mapping=2, sequence=offset + 2, offset=offset)
    seq = CommentedSeq([_claim_map(c) for c in new])
    chunk = _dump({"claims": seq}, y).split("\n", 1)[1]
    sep = "" if old.endswith("\n") else "\n"
    return old + sep + chunk


def _roundtrip_text(y: Any, data: Any, new: list[CandidateClaim]) -> str:
    from ruamel.yaml.comments import CommentedSeq

    claims = data.get("claims")
    if not claims:
        claims = CommentedSeq()
        data["claims"] = claims
    for c in new:
        claims.append(_claim_map(c))
    return _dump(data, y)


def _verify(text: str, path: Path, *, expect: int) -> None:
    """The text reads back through the claim files' own reader (what `check` will read) with every
    claim: never replace a file with something worse. It is libyaml's, ~35× faster than ruamel's
    round-trip loader, which made this check about a third of the time of `extract`."""
    from ..load.yamlfile import read_yaml

    try:
        data = read_yaml(text, str(path))
    except LoadError as exc:  # pragma: no cover - a bug in the writer, not in the input
        raise LoadError(
            f"internal error: the merged file would not parse ({exc.message}); nothing written", file=str(path)
        ) from None
    claims = data.get("claims") if isinstance(data, dict) else None
    got = len(claims) if isinstance(claims, list) else 0
    if got != expect:  # pragma: no cover
        raise LoadError(
            f"internal error: merged file has {got} claims, expected {expect}; nothing written", file=str(path)
        )
