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
from .measures import MeasureNames
from .notices import Notice

__all__ = ["CLAIM_SUFFIXES", "LoadResult", "Notice", "discover", "load"]

CLAIM_SUFFIXES = (".yaml", ".yml", ".csv")


@dataclass
class LoadResult:
    claims: list[Claim] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[InputError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # warnings that do not stop the check
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
) -> LoadResult:
    """Read every claim file under `paths`; a bad file or claim becomes a problem, never a crash.

    `progress(done, total)` is called after each file, for a caller that shows a bar.
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
    measures = MeasureNames(result.config.measures)
    files, problems = discover(path_list)
    result.problems.extend(problems)
    source_files: dict[str, str] = {}
    for done, path in enumerate(files, 1):
        if progress:
            progress(done, len(files))
        file = str(path)
        result.files.append(file)
        source, claims, problems = read_claim_file(
            path, config=result.config, units=units, resolver=resolver, measures=measures, notices=result.notices
        )
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
    result.notices.extend(_misspelt_entities(result.claims, resolver))
    return result


def _misspelt_entities(claims: Sequence[Claim], resolver: EntityResolver) -> list[Notice]:
    """One warning per entity name nothing knows that is one edit from a known one ("Frnace")."""
    notices = []
    seen: set[str] = set()
    for claim in claims:
        for written in (claim.entity_as_written, claim.of):
            if written is None or written in seen:
                continue
            seen.add(written)
            near = resolver.suggestion(written)
            if near is not None:
                notices.append(
                    Notice(
                        "entity-spelling",
                        f"entity {written!r} is not a known name: did you mean {near}? "
                        f"(if {written!r} is right, add it to [aliases] in reconcile.toml)",
                        claim.location.file,
                        claim.location.line,
                    )
                )
    return notices
