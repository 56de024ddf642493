"""The input: a document's text (plain text, an HTML page or a PDF), and the source id its
claim file is named by.

Articles arrive as web pages and PDFs. An HTML page's main text — without navigation, ads and
footers, with its tables as `| a | b |` rows — and its own publication date are read by
trafilatura; a PDF's text layer by pypdf. Both are optional extras (`reconcile[html]`,
`reconcile[pdf]`): plain text needs neither.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import LoadError
from .candidates import slug

__all__ = ["MAX_DOCUMENT_BYTES", "Article", "read_article", "read_document", "source_id_for"]

_HTML = {".html", ".htm", ".xhtml"}
_PDF = {".pdf"}


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    published: str | None = None  # the page's own date (YYYY-MM-DD) when its HTML states one


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


def read_article(path: str | Path) -> Article:
    """The text of a document of any kind this reads (by its suffix), or a LoadError saying why not."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in _HTML:
        return _html_article(p, _read_bytes(p))
    if suffix in _PDF:
        return Article(_pdf_text(p, _read_bytes(p)))
    return Article(read_document(p))


def _html_article(p: Path, data: bytes) -> Article:
    try:
        import trafilatura
    except ImportError:
        raise LoadError("reading HTML needs the html extra: pip install 'reconcile[html]'", file=str(p)) from None
    page = trafilatura.bare_extraction(data, include_tables=True, with_metadata=True)
    text = getattr(page, "text", None) or ""
    if not text.strip():
        raise LoadError("has no article text that could be read (an empty page, or only navigation)", file=str(p))
    title = getattr(page, "title", None)
    if title and not text.startswith(title):  # the first line is the title, as in a text document
        text = f"{title}\n{text}"
    date = getattr(page, "date", None)
    return Article(text, date if isinstance(date, str) and date else None)


def _pdf_text(p: Path, data: bytes) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:
        raise LoadError("reading PDF needs the pdf extra: pip install 'reconcile[pdf]'", file=str(p)) from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError("is an encrypted PDF: save an unprotected copy first", file=str(p))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise LoadError(f"is not a PDF that can be read ({exc})", file=str(p)) from None
    if not text.strip():
        raise LoadError("has no text layer (a scanned PDF?): run OCR on it first", file=str(p))
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
