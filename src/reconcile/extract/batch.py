"""Many documents → claim files, what `reconcile extract` runs. Plain functions: the
caller decides what to print (cli.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import ConfigError, LoadError
from .candidates import WriteResult
from .claims import extract_document
from .documents import read_document, source_id_for
from .vocabulary import ExtraNouns, lexicon
from .writer import write_claim_file

__all__ = ["extract_file", "extract_files", "repo_nouns"]


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
    documents: Iterable[str | Path], out: Path, extra_nouns: ExtraNouns | None = None
) -> Iterator[WriteResult | LoadError]:
    """One claim file per document in `out`, in order: each document's WriteResult, or the
    LoadError that says why it could not be read or written (the others are still written)."""
    for path in documents:
        result: WriteResult | LoadError
        try:
            result = extract_file(path, out, extra_nouns)
        except LoadError as exc:
            result = exc
        yield result


def extract_file(path: str | Path, out: Path, extra_nouns: ExtraNouns | None = None) -> WriteResult:
    """One document → its claim file in `out` (LoadError when either cannot be read)."""
    text = read_document(path)
    doc = extract_document(text, document=Path(path).name, source_id=source_id_for(path), extra_nouns=extra_nouns)
    return write_claim_file(doc, Path(out))
