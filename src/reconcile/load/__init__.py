"""Reading a claims repo: files → Sources and Claims with file:line, and the problems found.

    load(paths) ── discover files ── reconcile.toml (config) ── each file (claimfile) ──▶ LoadResult

Nothing here decides whether claims agree; a bad file or claim becomes a problem
(an InputError), never a crash, and the rest of the repo is still read.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ConfigError, DuplicateIdError, InputError, LoadError
from ..model import Claim, Source
from ..units import Units, get_units
from .claimfile import read_claim_file
from .config import Config, find_config, line_of, load_config
from .entities import EntityResolver
from .measures import MeasureNames
from .notices import Notice

__all__ = ["CLAIM_SUFFIXES", "FileRead", "LoadResult", "Notice", "discover", "load", "written_names"]

CLAIM_SUFFIXES = (".yaml", ".yml", ".csv")
# What reading one claim file gives: its source, claims, problems and notices.
FileRead = tuple[Source | None, list[Claim], list[InputError], list[Notice]]


@dataclass
class LoadResult:
    claims: list[Claim] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[InputError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # warnings that do not stop the check
    files: list[str] = field(default_factory=list)
    config: Config = field(default_factory=Config)


def _noun_line(config: Config, problem: ConfigError) -> int | None:
    """The line of the noun a problem names (or of `[nouns]`), in the config file."""
    if not config.file:
        return None
    try:
        text = Path(config.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for noun in config.nouns:
        if repr(noun) in problem.message:
            line = line_of(text, "nouns", noun)
            if line:
                return line
    return next((n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith("[nouns]")), None)


def discover(paths: Sequence[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Claim files under the given paths, sorted; a missing path is a problem, not a crash.

    A name that looks like a claim file but is not a regular one (a dangling or looping
    link, a FIFO, a device, a directory called `x.yaml`) is reported, never opened: a FIFO
    would block the check forever.
    """
    found: list[Path] = []
    problems: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.suffix.lower() not in CLAIM_SUFFIXES:
                    continue
                if p.is_file():
                    found.append(p)
                else:
                    problems.append(LoadError(_not_a_file(p), file=str(p)))
        elif path.is_file():
            found.append(path)
        elif path.is_symlink() or path.exists():
            problems.append(LoadError(_not_a_file(path), file=str(path)))
        else:
            problems.append(LoadError("no such file or directory", file=str(path)))
    unique = list(dict.fromkeys(found))
    return unique, problems


def _not_a_file(path: Path) -> str:
    """Why a path named like a claim file is not one."""
    import stat

    try:
        mode = path.stat().st_mode
    except RuntimeError:  # pragma: no cover - pathlib on some versions
        return "is a symbolic link that loops; not read"
    except OSError as exc:
        if path.is_symlink():
            why = "loops" if exc.errno == errno.ELOOP else "points to nothing"
            return f"is a symbolic link that {why}; not read"
        return f"cannot be read: {exc.strerror}"
    if stat.S_ISDIR(mode):
        return "is a directory named like a claim file; rename it (the claim files in it are still read)"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a claim file; not read"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a claim file; not read"
    return "is a device or special file, not a claim file; not read"


def load(
    paths: Sequence[str | Path],
    *,
    config_path: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    read: Callable[[Path], FileRead] | None = None,
    jobs: int | None = 1,
) -> LoadResult:
    """Read every claim file under `paths`; a bad file or claim becomes a problem, never a crash.

    `progress(done, total)` is called after each file, for a caller that shows a bar.
    `read(path)` replaces reading one file here, for an engine that read them elsewhere
    (in parallel); everything else, in file order, is the same. `jobs`: how many processes
    read the files (forked: engines/forked.py), None for one per core when there are
    enough of them to pay.
    """
    path_list = [Path(p) for p in paths]
    result = LoadResult()
    try:
        result.config = load_config(Path(config_path) if config_path else find_config(path_list))
    except ConfigError as problem:
        result.problems.append(problem)
    except OSError as exc:
        result.problems.append(ConfigError(f"cannot read: {exc.strerror}", file=str(config_path)))
    try:
        units = get_units(result.config.nouns or None)
    except ConfigError as problem:  # a noun that is a pint unit or definition: the shipped nouns only
        result.problems.append(problem.at(result.config.file, _noun_line(result.config, problem)))
        result.config = replace(result.config, nouns={})
        units = get_units(None)
    resolver = EntityResolver(result.config.aliases)
    measures = MeasureNames(result.config.measures)
    files, problems = discover(path_list)
    result.problems.extend(problems)
    children = None
    if read is None and jobs != 1:
        from ..engines.cores import reading_processes  # forked.py only when it forks (start-up time)

        if reading_processes(files, jobs)[0] > 1:
            from ..engines import forked

            read = children = forked.read_in_children(files, jobs, result.config, units, resolver, measures)
    try:
        owners = _read_all(files, result, read, progress, units, resolver, measures)
    finally:
        if children is not None:
            children.close()
    for source, claims, _file in owners.values():
        result.sources[source.id] = source
        result.claims.extend(claims)
    result.notices.extend(_misspelt_entities(result.claims, resolver))
    return result


def _read_all(
    files: list[Path],
    result: LoadResult,
    read: Callable[[Path], FileRead] | None,
    progress: Callable[[int, int], None] | None,
    units: Units,
    resolver: EntityResolver,
    measures: MeasureNames,
) -> dict[str, tuple[Source, list[Claim], str]]:
    """Every file read in order, its problems and notices kept; each source id's owner file."""
    owners: dict[str, tuple[Source, list[Claim], str]] = {}
    for done, path in enumerate(files, 1):
        if progress:
            progress(done, len(files))
        file = str(path)
        result.files.append(file)
        if read is not None:
            source, claims, problems, notices = read(path)
            result.notices.extend(notices)
        else:
            source, claims, problems = read_claim_file(
                path, config=result.config, units=units, resolver=resolver, measures=measures, notices=result.notices
            )
        result.problems.extend(problems)
        if source is None:
            continue
        held = owners.get(source.id)
        if held is None:
            owners[source.id] = (source, claims, file)
            continue
        # Two files, one source id: the file named after the id keeps it (a copy pasted into
        # another file is the mistake, whichever sorts first); otherwise the first file does.
        if Path(file).stem == source.id and Path(held[2]).stem != source.id:
            owners[source.id] = (source, claims, file)
            source, file, other = held[0], held[2], file
        else:
            other = held[2]
        result.problems.append(
            DuplicateIdError(
                f"source id {source.id!r} is already used by {other}; this file's claims are not checked",
                file=file,
                line=source.location.line if source.location else None,
            )
        )
    return owners


def _misspelt_entities(claims: Sequence[Claim], resolver: EntityResolver) -> list[Notice]:
    """One warning per entity name nothing knows that is one edit from a known one ("Frnace")."""
    return [notice for _, notice in written_names(claims, resolver) if notice is not None]


def written_names(claims: Sequence[Claim], resolver: EntityResolver) -> list[tuple[str, Notice | None]]:
    """Each entity name as written (`entity`, `of`), at its first claim, with the warning it
    earns when it looks misspelt (an engine that reads files apart merges these in file order)."""
    names: list[tuple[str, Notice | None]] = []
    seen: set[str] = set()

    def met(written: str, claim: Claim) -> None:
        seen.add(written)
        near = resolver.suggestion(written)
        notice = None
        if near is not None:
            notice = Notice(
                "entity-spelling",
                f"entity {written!r} is not a known name: did you mean {near}? "
                f"(if {written!r} is right, add it to [aliases] in reconcile.toml)",
                claim.location.file,
                claim.location.line,
            )
        names.append((written, notice))

    for claim in claims:  # most claims repeat a name met before and have no `of`: no inner loop
        if claim.entity_as_written not in seen:
            met(claim.entity_as_written, claim)
        if claim.of is not None and claim.of not in seen:
            met(claim.of, claim)
    return names
