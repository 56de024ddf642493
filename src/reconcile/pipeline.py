"""The pipeline, end to end: files → claims → graph → findings → Report.

The only place the stages meet; the CLI and the Python API both call `check`.
Reading files happens here (through `load`); everything after it is pure.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .consistency.grade import grade_all, input_finding, sort_findings
from .consistency.graph import Provenance, build_graph
from .load import LoadResult, Notice, load
from .model import Claim, Derived, Estimate, Finding, Location, Report, Severity, SourceRecord, finding_id, finding_key
from .rules import RULES
from .units import get_units

if TYPE_CHECKING:
    import networkx as nx

    from .errors import InputError

__all__ = ["DEFAULT_PATH", "check", "exit_code", "finish"]

DEFAULT_PATH = "claims"


def check(
    paths: str | Path | Sequence[str | Path] = DEFAULT_PATH,
    *,
    config: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    jobs: int | None = None,
    claims_json: bool = False,
) -> Report:
    """Check every claim file under `paths` and return the report; never raises for bad input.

    `progress(done, total)` is called after each file is read, for a caller that shows a bar.
    `engine="dask"` runs the same stages on a Dask cluster (`scheduler` is its address; a
    local cluster when None) and returns the same report (`reconcile.engines`). `jobs` is how
    many processes the local engine reads the files and checks the claims in (forked; the same
    report): None for one per idle core, for reading from 2 MB of files on and for checking from
    20,000 to 400,000 claims (engines/cores.py: memory above it), else one. `claims_json`: the
    caller will write the report as compact JSON, so a forked check encodes the claims' part
    meanwhile in a process that would otherwise wait, and a bigger check in one process has a
    child encode it while it checks (present/render/json.py copies it).

    >>> report = check("claims")            # doctest: +SKIP
    >>> report.findings_frame().head()      # doctest: +SKIP
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if engine != "local" or scheduler is not None:  # the engines say what is wrong with the request
        from .engines import run

        return run(engine, list(paths), config=config, progress=progress, scheduler=scheduler, jobs=jobs)
    from .engines.cores import claims_encoded_apart, idle_cores
    from .engines.cores import processes as how_many  # forked.py only when it forks (start-up time)

    idle = idle_cores() if claims_json and jobs is None else None  # before this check adds to the load
    with no_cycle_collection():
        loaded = load(list(paths), config_path=config, progress=progress, jobs=jobs)
        processes = how_many(jobs, len(loaded.claims))
        if processes > 1:
            from .engines import forked

            return forked.check_loaded(
                loaded,
                processes,
                encode_claims=_claims_json if claims_json else None,
                encode_records=_records_json if claims_json else None,
            )
        claims_text = None
        if claims_json and claims_encoded_apart(jobs, len(loaded.claims), idle):
            from .engines import forked

            claims_text = forked.claims_encoded_meanwhile(loaded.claims, _claims_json)
        units = get_units(loaded.config.nouns or None)
        graph = build_graph(
            loaded.claims,
            units=units,
            policy=loaded.config.policy,
            ratios=loaded.config.ratios,
            sums=loaded.config.sums,
        )
        grading = grade_all(graph)
    report = finish(
        loaded,
        graph.derived,
        grading.findings.values(),
        graph.problems,
        Provenance.of(graph),
        estimates=grading.estimates,
        reliability=graph.reliability,
    )
    if claims_text is None:
        return report
    from .engines.forked import EncodedClaims

    claims = EncodedClaims(report.claims)
    claims.json = claims_text
    return replace(report, claims=claims)


def _records_json(items: Sequence[Derived | Estimate]) -> list[str]:
    from .present.render.json import encoded_records

    return encoded_records(items)


def _claims_json(claims: Sequence[Claim], out: BinaryIO) -> None:
    from .present.render.json import write_claims

    write_claims(claims, out)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a check builds its objects.

    A check makes millions of objects that live until the report is written and hold no
    reference cycles (reference counting frees what it drops). Each full collection walks
    every live object, so on a big repo the collector alone took a fifth of the time, and
    the more claims, the more it walks. The collector's previous state is restored after
    (the console script keeps it off for its whole short life: `cli.main`).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def finish(
    loaded: LoadResult,
    derived: Sequence[Derived],
    graded: Iterable[Finding],
    graph_problems: Sequence[InputError],
    provenance: Callable[[], nx.DiGraph[str]],
    *,
    estimates: Sequence[Estimate],
    reliability: Mapping[str, SourceRecord],
) -> Report:
    """The Report of what was loaded and what the graph found: where every engine ends."""
    problems = [*loaded.problems, *graph_problems]
    notices = [notice_finding(n) for n in loaded.notices]
    findings = sort_findings([*(input_finding(p) for p in problems), *notices, *graded])
    return Report(
        claims=tuple(loaded.claims),
        derived=tuple(derived),
        findings=tuple(findings),
        sources=loaded.sources,
        files=tuple(loaded.files),
        policy=loaded.config.policy,
        provenance=provenance,
        estimates=tuple(estimates),
        reliability=reliability,
        nouns=loaded.config.nouns,
    )


def notice_finding(notice: Notice) -> Finding:
    """A warning about the input (an unknown field, a likely misspelt entity): the check is complete."""
    location = Location(notice.file, notice.line)
    key = finding_key(notice.rule, None, None, [str(location), notice.message])
    severity = RULES[notice.rule].severity if notice.rule in RULES else Severity.WARNING  # needs-review: info
    return Finding(id=finding_id(key), rule=notice.rule, severity=severity, message=notice.message, location=location)


def exit_code(report: Report, fail_on: str = "error") -> int:
    """2 for input errors, 1 for findings at or above `fail_on`, else 0 (SPEC "CLI")."""
    if report.input_errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(Severity(f.severity).rank <= threshold for f in report.findings) else 0
