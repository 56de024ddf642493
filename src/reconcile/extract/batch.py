"""Many documents → claim files, what `reconcile extract` runs. Plain functions: the
caller decides what to print (cli.py)."""

from __future__ import annotations

import hashlib
import itertools
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ..errors import ConfigError, InternalError, LoadError
from .candidates import WriteResult
from .claims import extract_document
from .documents import read_article, source_id_for
from .vocabulary import ExtraNouns, lexicon
from .writer import PendingWrite, claim_file_text, existing_document

__all__ = [
    "claim_file_id",
    "document_outcome",
    "extract_file",
    "extract_files",
    "extracting_processes",
    "refuse_special",
    "repo_nouns",
]


def repo_nouns(out: Path) -> dict[str, tuple[str, ...]]:
    """The extra count nouns of the claims repo the files go to (`<out>/reconcile.toml`,
    none when there is no such file); ConfigError when the file cannot be read or is
    not a valid reconcile.toml."""
    from ..load.config import CONFIG_NAME, load_config  # reconcile.load brings the unit registry: only when needed

    path = Path(out) / CONFIG_NAME
    if not path.is_file():
        return {}
    try:
        config = load_config(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", file=str(path)) from None
    try:
        lexicon(config.nouns)  # two nouns claiming one spelling
    except ConfigError as exc:
        raise exc.at(str(path), None) from None
    return dict(config.nouns)


def extract_files(
    documents: Iterable[str | Path],
    out: Path,
    extra_nouns: ExtraNouns | None = None,
    *,
    published: str | None = None,
    jobs: int | None = None,
) -> Iterator[WriteResult | LoadError | InternalError]:
    """One claim file per document in `out`, in order: each document's WriteResult, or the
    LoadError that says why it could not be read or written, or the InternalError of a bug met
    on it (the others are still written either way).
    Two documents never share a claim file (see `claim_file_id`).
    `jobs` processes extract them (forked.py: the same files and results); by default one per
    idle core when there are several documents of `AUTO_MIN_BYTES` or more in all, else one."""
    docs = list(documents)
    count = extracting_processes(docs, jobs)
    if count < 2:
        yield from _extracted_here(docs, out, extra_nouns, published)
        return
    from .forked import extracted_in_processes

    taken: set[str] = set()
    ids: list[str | None] = []
    known: list[LoadError | InternalError | None] = []
    for path in docs:  # in document order, as one process makes them
        try:
            ids.append(claim_file_id(path, out, taken))
            known.append(None)
        except LoadError as exc:
            ids.append(None)
            known.append(exc)
        except Exception as exc:  # noqa: BLE001 - a bug on one document must not cost the others
            ids.append(None)
            known.append(InternalError.wrapping(exc, str(path)))

    _warm_up(extra_nouns)

    def prepare(number: int) -> PendingWrite:
        return _claim_file(docs[number], out, extra_nouns, ids[number], published)

    yield from extracted_in_processes([str(path) for path in docs], known, prepare, count, _writers)


# What every process would otherwise build on its own first document: the word lists, the
# gazetteer, the unit registry, patterns compiled on first use, the claim file writer's tables.
_WARM_UP = "Warm-up\n\nIn 2020 Japan had 5.5 million cameras, or 43 per 1,000 people, up 3% from 2019.\n"


def _warm_up(extra_nouns: ExtraNouns | None) -> None:
    """Built once here, before forking, and shared by the children (copy-on-write)."""
    from .writer import _new_file_text

    _new_file_text(extract_document(_WARM_UP, document="warm-up.txt", source_id="warm-up", extra_nouns=extra_nouns))


def extracting_processes(documents: Sequence[str | Path], jobs: int | None) -> int:
    """How many processes extract `documents`: `jobs` (at most one per document), else one per idle
    core when they hold `AUTO_MIN_BYTES` or more in all; always 1 where fork is not available."""
    from ..engines.cores import processes

    if len(documents) < 2 or jobs == 1:
        return 1
    size = 0 if jobs is not None else sum(_size(Path(path)) for path in documents)
    return min(processes(jobs, size, AUTO_MIN_BYTES, None), len(documents))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # reported when the document is read
        return 0


def _writers() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=_WRITERS, thread_name_prefix="reconcile-extract-write")


def _extracted_here(
    documents: Iterable[str | Path], out: Path, extra_nouns: ExtraNouns | None, published: str | None
) -> Iterator[WriteResult | LoadError | InternalError]:
    """`extract_files` in this process alone."""
    taken: set[str] = set()
    # A file is written (synced to disk, which waits for the disk) by a thread while the next
    # documents are read; the results still come in the documents' order.
    with _writers() as writers:
        pending: deque[tuple[str | Path, Future[WriteResult] | LoadError | InternalError]] = deque()
        for path in documents:
            item: Future[WriteResult] | LoadError | InternalError
            try:
                write = _claim_file(path, out, extra_nouns, claim_file_id(path, out, taken), published)
                item = writers.submit(write.write)
            except LoadError as exc:
                item = exc
            except Exception as exc:  # noqa: BLE001 - a bug on one document must not cost the others
                item = InternalError.wrapping(exc, str(path))
            pending.append((path, item))
            while len(pending) > _IN_FLIGHT or (pending and _finished(pending[0][1])):
                yield document_outcome(*pending.popleft())
        while pending:
            yield document_outcome(*pending.popleft())


# Documents of fewer bytes in all are extracted in one process by default: a child costs ~10 ms
# of start (the pages it copies as it goes) against ~5 ms of work per 10 KB of text.
AUTO_MIN_BYTES = 32_000
_WRITERS = 4  # files synced to disk at once (the file system commits them together)
_IN_FLIGHT = 8  # documents read ahead of the last result given: their texts wait in memory


def _finished(item: Future[WriteResult] | LoadError | InternalError) -> bool:
    return not isinstance(item, Future) or item.done()


def document_outcome(
    path: str | Path, item: Future[WriteResult] | LoadError | InternalError
) -> WriteResult | LoadError | InternalError:
    """A document's result: its written file, or why it was not written."""
    if not isinstance(item, Future):
        return item
    try:
        return item.result()
    except LoadError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - a bug on one document must not cost the others
        return InternalError.wrapping(exc, str(path))


def refuse_special(path: str | Path) -> None:
    """LoadError for a path that exists but is not a regular file: reading a FIFO would block
    for ever, a device would never end."""
    p = Path(path)
    if p.exists() and not p.is_file() and not p.is_dir():  # a directory gets read_document's own message
        raise LoadError("is not a regular file (a FIFO, socket or device); not read", file=str(p))


def claim_file_id(path: str | Path, out: Path, taken: set[str]) -> str:
    """The source id (and file name) of a document's claim file in `out`, unique in this run.

    The slug of the document's name (`a b.txt` → `a-b`); a name with no letter or digit
    to slug (`日本.txt`, `..txt`) gets one from a hash of the name. When another document
    already has that file — named in its `source.document`, or earlier in this run — the
    next free `-2`, `-3`, … is used, and a re-run finds the same file again because the
    file names its document. `taken` collects the ids this run has used.
    """
    name = Path(path).name
    base = source_id_for(path)
    if not any(ch.isascii() and ch.isalnum() for ch in Path(path).stem):
        base = "document-" + hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    for n in itertools.count(1):
        source_id = base if n == 1 else f"{base}-{n}"
        if source_id in taken:
            continue
        file = Path(out) / f"{source_id}.yaml"
        if not file.exists() and not file.is_symlink():
            break
        if file.exists() and not file.is_file():  # a FIFO or folder with that name: never opened
            continue
        owner = existing_document(file) if file.is_file() else None
        if owner is None or owner == name:
            break
    taken.add(source_id)
    return source_id


def extract_file(
    path: str | Path,
    out: Path,
    extra_nouns: ExtraNouns | None = None,
    *,
    source_id: str | None = None,
    published: str | None = None,
) -> WriteResult:
    """One document → its claim file in `out` (LoadError when either cannot be read).
    `published`, the document's date (else the date an HTML page states), resolves its yearless
    days and relative years."""
    return _claim_file(path, out, extra_nouns, source_id, published).write()


def _claim_file(
    path: str | Path, out: Path, extra_nouns: ExtraNouns | None, source_id: str | None, published: str | None
) -> PendingWrite:
    refuse_special(path)
    article = read_article(path)
    doc = extract_document(
        article.text,
        document=Path(path).name,
        source_id=source_id or source_id_for(path),
        extra_nouns=extra_nouns,
        published=published or article.published,
    )
    return claim_file_text(doc, Path(out))
