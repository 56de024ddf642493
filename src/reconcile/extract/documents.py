"""The input: a plain-text document, and the source id its claim file is named by."""

from __future__ import annotations

from pathlib import Path

from ..errors import LoadError
from .candidates import slug

__all__ = ["MAX_DOCUMENT_BYTES", "read_document", "source_id_for"]

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def source_id_for(path: str | Path) -> str:
    return slug(Path(path).stem)


def read_document(path: str | Path) -> str:
    """A plain-text document, or a LoadError saying why it cannot be one (binary,
    not UTF-8, empty, too large, missing)."""
    p = Path(path)
    data = _read_bytes(p)
    if b"\x00" in data[:8192]:
        raise LoadError("is a binary file, not plain text", file=str(p))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LoadError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it first, "
            "e.g. `iconv -f latin1 -t utf-8`",
            file=str(p),
            line=line,
        ) from None
    if not text.strip():
        raise LoadError("is empty: there is nothing to extract", file=str(p))
    return text


def _read_bytes(p: Path) -> bytes:
    try:
        size = p.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            limit = MAX_DOCUMENT_BYTES // 2**20
            raise LoadError(f"the document is {size / 1e6:.0f} MB; the limit is {limit} MB", file=str(p))
        return p.read_bytes()
    except FileNotFoundError:
        raise LoadError("no such file", file=str(p)) from None
    except IsADirectoryError:
        raise LoadError("is a directory, not a text document", file=str(p)) from None
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}", file=str(p)) from None
