"""Reading a claims repo: files → Sources and Claims with file:line, and the problems found.

    load(paths) ── discover files ── reconcile.toml (config) ── each file (claimfile) ──▶ LoadResult

Nothing here decides whether claims agree; a bad file or claim becomes a problem
(an InputError), never a crash, and the rest of the repo is still read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError, DuplicateIdError, InputError, LoadError
from ..model import Claim, Source
from ..units import get_units
from .claimfile import read_claim_file
from .config import Config, find_config, load_config
from .entities import EntityResolver

__all__ = ["CLAIM_SUFFIXES", "FileRead", "LoadResult", "discover", "load"]

CLAIM_SUFFIXES = (".yaml", ".yml", ".csv")
FileRead = tuple[Source | None, list[Claim], list[InputError]]  # what reading one claim file gives


@dataclass
class LoadResult:
    claims: list[Claim] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[InputError] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    config: Config = field(default_factory=Config)


def discover(paths: Sequence[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Claim files under the given paths, sorted; a missing path is a problem, not a crash."""
    found: list[Path] = []
    problems: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.suffix.lower() in CLAIM_SUFFIXES and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            problems.append(LoadError("no such file or directory", file=str(path)))
    unique = list(dict.fromkeys(found))
    return unique, problems


def load(
    paths: Sequence[str | Path],
    *,
    config_path: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    read: Callable[[Path], FileRead] | None = None,
) -> LoadResult:
    """Read every claim file under `paths`; a bad file or claim becomes a problem, never a crash.

    `progress(done, total)` is called after each file, for a caller that shows a bar.
    `read(path)` replaces reading one file here, for an engine that read them elsewhere
    (in parallel); everything else, in file order, is the same.
    """
    path_list = [Path(p) for p in paths]
    result = LoadResult()
    try:
        result.config = load_config(Path(config_path) if config_path else find_config(path_list))
    except ConfigError as problem:
        result.problems.append(problem)
    except OSError as exc:
        result.problems.append(ConfigError(f"cannot read: {exc.strerror}", file=str(config_path)))
    units = get_units(result.config.nouns or None)
    resolver = EntityResolver(result.config.aliases)
    files, problems = discover(path_list)
    result.problems.extend(problems)
    source_files: dict[str, str] = {}
    for done, path in enumerate(files, 1):
        if progress:
            progress(done, len(files))
        file = str(path)
        result.files.append(file)
        if read is not None:
            source, claims, problems = read(path)
        else:
            source, claims, problems = read_claim_file(path, config=result.config, units=units, resolver=resolver)
        result.problems.extend(problems)
        if source is None:
            continue
        if source.id in source_files:
            result.problems.append(
                DuplicateIdError(
                    f"source id {source.id!r} is already used by {source_files[source.id]}; "
                    "this file's claims are not checked",
                    file=file,
                    line=source.location.line if source.location else None,
                )
            )
            continue
        source_files[source.id] = file
        result.sources[source.id] = source
        result.claims.extend(claims)
    return result
