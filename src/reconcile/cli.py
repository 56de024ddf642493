"""The `reconcile` command: each command a few lines over the library.

Exit codes (SPEC "CLI"): 0 clean or below --fail-on, 1 findings at or above
--fail-on, 2 usage, configuration or input errors, 3 an internal error (a bug: `main`
turns any exception that escapes into one line saying so, never a traceback).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from .cli_coercion import Command, Group

if TYPE_CHECKING:
    from rich.progress import TaskID

    from .model import Report
    from .present.baseline import BaselineEntry

app = typer.Typer(
    name="reconcile",
    cls=Group,
    help=(
        "Check numeric claims from many sources against each other.\n\n"
        "Claims live in YAML files (one per source) under claims/. reconcile reads what each number means "
        "(rounding, 'over', 'nearly', units), derives implied quantities (cameras ÷ people) and reports what "
        "cannot all be true.\n\n"
        "\b\nExamples:\n"
        "  reconcile check                       # check ./claims; exit 1 on errors\n"
        "  reconcile check claims --report reports/index.html\n"
        "  reconcile check --format github --baseline .reconcile-baseline.json\n"
        "  reconcile explain seed-004/london-rate\n"
        "  reconcile extract article.txt --out claims/"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


INTERNAL_ERROR = 3  # SPEC "CLI": 0 clean, 1 findings, 2 bad input or usage; 3 is a bug of ours


class Format(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


PathsArg = typer.Argument(None, help="Claim files or folders (default: ./claims).", show_default=False, metavar="PATHS")
ConfigOpt = typer.Option(None, "--config", help="A reconcile.toml to use instead of the one in the claims folder.")


def _paths(paths: list[Path] | None) -> list[Path]:
    from .pipeline import DEFAULT_PATH

    return list(paths) if paths else [Path(DEFAULT_PATH)]


def _write(path: Path, text: str) -> None:
    from .fileio import write_atomic

    write_atomic(path, text)


@app.command(cls=Command)
def check(
    paths: list[Path] | None = PathsArg,
    format: Format = typer.Option(
        Format.text, "--format", "-f", help="Output: text table, json, sarif or github annotations."
    ),
    report: Path | None = typer.Option(None, "--report", help="Also write the HTML report to this file."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Exit 1 when a finding is at least this severe."),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Only findings not in this baseline file fail the check."
    ),
    config: Path | None = ConfigOpt,
    color: bool | None = typer.Option(
        None, "--color/--no-color", help="Colour the text table (default: when a terminal)."
    ),
    engine: Engine = typer.Option(
        Engine.local,
        "--engine",
        help="Where the stages run: this process, or a Dask cluster (pip install 'reconcile[dask]').",
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="With --engine dask: the scheduler's address (default: a local cluster)."
    ),
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        min=1,
        help="Processes that read the files and check the claims (local engine; the same report). "
        "Default: one per idle core (cores less the load average); the claims are checked in one "
        "process below 20,000 and above 400,000 of them (memory).",
    ),
) -> None:
    """Check claim files and report contradictions.

    Exit 0 when clean (or only below --fail-on / already in --baseline), 1 when findings
    reach --fail-on, 2 when a file, value or setting cannot be read, 3 when reconcile itself fails (a
    bug: one line, never a traceback).

    \b
    Examples:
      reconcile check                              # ./claims, a table grouped by entity
      reconcile check claims --format json > findings.json
      reconcile check --report reports/index.html --fail-on warning
      reconcile check --format github --baseline .reconcile-baseline.json
    """
    from .errors import UsageError
    from .pipeline import check as run_check
    from .pipeline import exit_code
    from .present.render import render, write

    with _file_progress() as progress:
        try:
            result = run_check(
                _paths(paths),
                config=config,
                progress=progress,
                engine=engine.value,
                scheduler=scheduler,
                jobs=jobs,
                claims_json=format is Format.json and not sys.stdout.isatty(),
            )
        except UsageError as exc:
            _fail(str(exc))
    shown = result
    stale: list = []
    known = 0
    if baseline is not None:
        shown, known, stale = _apply_baseline(result, baseline)
    if report is not None:
        _write(report, render(result, "html"))
    options = {}
    if format is Format.text:
        options = {"color": sys.stdout.isatty() if color is None else color}
    elif format is Format.json:
        options = {"pretty": sys.stdout.isatty() or len(shown.claims) <= 5000, "jobs": jobs}
    if format in (Format.json, Format.sarif):  # streamed: a big repo's output is never whole in memory
        write(shown, format.value, sys.stdout, **options)
    elif format is Format.text:  # streamed too, through echo (which drops colour codes a pipe would get)
        from .present.render import text

        text.write(shown, _Echo(), **options)
    else:
        typer.echo(render(shown, format.value, **options), nl=False)
    if baseline is not None and format is Format.text:
        typer.echo(f"{known} known finding{'' if known == 1 else 's'} in {baseline} not shown.")
    if stale and format is Format.text:
        typer.echo(
            f"{len(stale)} baseline entr{'y' if len(stale) == 1 else 'ies'} no longer match "
            "(fixed or changed); refresh with `reconcile baseline`."
        )
    if report is not None and format is Format.text:
        typer.echo(f"HTML report: {report}")
    code = exit_code(shown, fail_on.value)
    if engine is Engine.local:
        _end_now(code)
    raise typer.Exit(code)


_CONSOLE = False  # set by `console`: the process ends when its command does


def _end_now(code: int) -> None:
    """In the console script, the process ends here with `code`, stdout and stderr flushed,
    without freeing a check's millions of objects one by one on the way out (1.2 s at a million
    claims, ~0.1 s at 100,000: RESULTS Session 6). Only where nothing else is left to end: the
    local engine has no thread or child left and every file closed by then. Elsewhere (tests,
    the Python API) it returns."""
    if not _CONSOLE:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: Python's own exit says so as it always does
        return
    os._exit(code)


class _Echo:
    """A file whose `write` is `typer.echo`: streamed text reaches stdout as echo would print it whole."""

    def write(self, text: str) -> int:
        typer.echo(text, nl=False)
        return len(text)


@contextmanager
def _file_progress(minimum: int = 200) -> Iterator[Callable[[int, int], None] | None]:
    """A bar on stderr while a big repo's files are read (only in a terminal, never in CI logs)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task: TaskID | None = None

        def advance(done: int, total: int) -> None:
            nonlocal task
            if total < minimum:
                return
            if task is None:
                task = bar.add_task("reading claim files", total=total)
            bar.update(task, completed=done)

        yield advance


def _apply_baseline(result: Report, baseline_path: Path) -> tuple[Report, int, list[BaselineEntry]]:
    """The report without the findings the baseline knows; how many it hid; its stale entries."""
    from .errors import BaselineError
    from .present import baseline as baseline_mod

    if baseline_path.exists() and not baseline_path.is_file():  # a FIFO would block, a folder cannot be read
        _fail(f"baseline {baseline_path}: not a regular file")
    try:
        text = baseline_path.read_text(encoding="utf-8")
        known = baseline_mod.load(text, file=str(baseline_path))
    except OSError as exc:
        _fail(f"baseline {baseline_path}: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        _fail(f"baseline {baseline_path}: not UTF-8 text (byte {exc.start})")
    except BaselineError as exc:
        _fail(str(exc))
    applied = baseline_mod.apply(result, known)
    return replace(result, findings=tuple(applied.new)), len(applied.known), list(applied.stale)


def _fail(message: str, code: int = 2) -> NoReturn:
    """A usage or input problem: one line on stderr and the exit code the SPEC gives it."""
    from .present.render.controls import reveal

    typer.echo(f"error: {reveal(message)}", err=True)
    raise typer.Exit(code)


@app.command(cls=Command)
def explain(
    claim_id: str = typer.Argument(..., help="A claim id such as seed-004/london-rate (or its local part, if unique)."),
    paths: list[Path] | None = PathsArg,
    config: Path | None = ConfigOpt,
) -> None:
    """Show one claim: what its number means, the derivations and the findings that touch it."""
    from .errors import UsageError
    from .pipeline import check as run_check
    from .present.explain import explain as explain_claim
    from .present.render.controls import reveal

    result = run_check(_paths(paths), config=config)
    try:
        typer.echo(reveal(explain_claim(result, claim_id)))
    except UsageError as exc:
        _fail(str(exc))


@app.command("report", cls=Command)
def report_command(
    paths: list[Path] | None = PathsArg,
    out: Path = typer.Option(Path("reports/index.html"), "--out", "-o", help="Where to write the HTML file."),
    config: Path | None = ConfigOpt,
) -> None:
    """Write the self-contained HTML discrepancy report (opens offline).

    Exit 0, or 2 when a file, value or setting cannot be read (the report is still written and lists them).
    """
    from .pipeline import check as run_check
    from .present.render import render

    result = run_check(_paths(paths), config=config)
    _write(out, render(result, "html"))
    counts = result.counts()
    typer.echo(
        f"wrote {out}: {len(result.findings)} findings ({counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['info']} info)"
    )
    if result.input_errors:
        count = len(result.input_errors)
        _fail(f"{count} input problem{'' if count == 1 else 's'} (listed in the report): the check is incomplete")


@app.command("baseline", cls=Command)
def baseline_command(
    paths: list[Path] | None = PathsArg,
    out: Path = typer.Option(Path(".reconcile-baseline.json"), "--out", "-o", help="Where to write the baseline."),
    config: Path | None = ConfigOpt,
) -> None:
    """Record today's findings so that `check --baseline` fails only on new ones.

    Exit 0, or 2 when a file, value or setting cannot be read: such problems are never recorded
    (they always fail the check), so the baseline is written but incomplete until they are fixed.
    """
    from .pipeline import check as run_check
    from .present import baseline as baseline_mod

    result = run_check(_paths(paths), config=config)
    text = baseline_mod.dump(result)
    _write(out, text)
    recorded = len(baseline_mod.load(text, file=str(out)).entries)
    problems = len(result.input_errors)
    typer.echo(f"wrote {out}: {recorded} findings recorded")
    if problems:
        _fail(
            f"{problems} input problem{'' if problems == 1 else 's'} not recorded (fix them; `reconcile check` lists them)"
        )


class TableFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


TableFormatOpt = typer.Option(TableFormat.text, "--format", "-f", help="Output: text table, json or csv.")


def _shown(table: str, format: TableFormat) -> str:
    """A table for a person (text) with claim-file text's controls shown, not obeyed; csv and
    json are data for programs and stay as they are."""
    from .present.render.controls import reveal

    return reveal(table) if format is TableFormat.text else table


@app.command(cls=Command)
def estimates(
    paths: list[Path] | None = PathsArg, format: TableFormat = TableFormatOpt, config: Path | None = ConfigOpt
) -> None:
    """Print the best estimate of every quantity: point, interval, sources, disputed or not.

    One row per entity × measure × scope × period, in the measure's canonical unit: the
    reliability-weighted median of the claims (and implied values) that agree.
    """
    from .pipeline import check as run_check
    from .present.tables import estimates as estimates_table

    result = run_check(_paths(paths), config=config)
    typer.echo(_shown(estimates_table(result, format.value), format), nl=False)
    raise typer.Exit(2 if result.input_errors else 0)


@app.command(cls=Command)
def sources(
    paths: list[Path] | None = PathsArg, format: TableFormat = TableFormatOpt, config: Path | None = ConfigOpt
) -> None:
    """Print every source's track record and reliability, least reliable first.

    Claims inside and outside the consensus where sources meet, and a reliability with its
    90 % credible interval: a source with two claims is not known to be reliable.
    """
    from .pipeline import check as run_check
    from .present.tables import sources as sources_table

    result = run_check(_paths(paths), config=config)
    typer.echo(_shown(sources_table(result, format.value), format), nl=False)
    raise typer.Exit(2 if result.input_errors else 0)


@app.command(cls=Command)
def extract(
    documents: list[Path] = typer.Argument(
        ...,
        help="Articles: plain text (UTF-8), web pages (.html, needs reconcile[html]) or PDFs (.pdf, needs reconcile[pdf]).",
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the claim files (one per document)."),
    published: str | None = typer.Option(
        None,
        "--published",
        metavar="DATE",
        help="The documents' date (YYYY-MM-DD, YYYY-MM or YYYY): resolves 'on March 11', 'last year'."
        " Default: the date a web page states, if any.",
    ),
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        min=1,
        help="Processes that extract the documents (the same files and lines). "
        "Default: one per idle core (cores less the load average) for several documents of 32 KB or more in all, else 1.",
    ),
) -> None:
    """Turn article text into candidate claim files for a person to review.

    Re-running on an edited file keeps every reviewed claim and comment and only adds new candidates.
    """
    raise typer.Exit(_run_extract(documents, out, published, jobs))


@app.command(cls=Command)
def quantities(
    file: Path = typer.Argument(..., help="A text file, web page or PDF; every quantity of every line is printed."),
) -> None:
    """Print every quantity found in a text file as JSON lines (one object per input line)."""
    import json

    from .errors import LoadError
    from .extract import read_article, scan_file_lines
    from .extract.batch import refuse_special

    try:
        refuse_special(file)
        text = read_article(file).text
    except LoadError as exc:
        _fail(str(exc))
    for obj in scan_file_lines(text):
        typer.echo(json.dumps(obj, ensure_ascii=False))
    raise typer.Exit(0)


def _run_extract(documents: list[Path], out: Path, published: str | None = None, jobs: int | None = None) -> int:
    """`reconcile extract`: one claim file per document, a line for each; 0, or 2 when
    `<out>/reconcile.toml` is broken (nothing written) or a document could not be read or
    merged, or 3 when a bug was met on one (the others are still written)."""
    from .errors import ConfigError, InternalError, LoadError
    from .extract import extract_files, repo_nouns
    from .extract.dates import exact_published
    from .present.render.controls import reveal

    if published is not None and exact_published(published) is None:
        typer.echo(f"error: --published {reveal(published)!r} is no date: write YYYY-MM-DD, YYYY-MM or YYYY", err=True)
        return 2
    try:
        nouns = repo_nouns(Path(out))
    except ConfigError as exc:
        typer.echo(f"error: {reveal(str(exc))}", err=True)
        return 2
    docs = list(documents)
    failures = bugs = 0
    with _extract_progress(len(docs)) as (advance, log):
        for result in extract_files(docs, Path(out), nouns, published=published, jobs=jobs):
            if isinstance(result, InternalError):
                bugs += 1
                typer.echo(f"error: {reveal(str(result))}", err=True)
                advance()
                continue
            if isinstance(result, LoadError):
                failures += 1
                typer.echo(f"error: {reveal(str(result))}", err=True)
                advance()
                continue
            advance()
            verb = "wrote" if result.created else "updated"
            log(reveal(f"{verb} {result.path}: {result.added} new candidate(s), {result.kept} kept"))
    return INTERNAL_ERROR if bugs else 2 if failures else 0


@contextmanager
def _extract_progress(total: int) -> Iterator[tuple[Callable[[], object], Callable[[str], object]]]:
    """(advance, log): a transient bar on stderr with the lines logged above it, while 10
    documents or more are extracted and stderr is a terminal; else no bar, lines echoed."""
    if total < 10 or not sys.stderr.isatty():
        yield (lambda: None), typer.echo
        return
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task("extracting", total=total)
    bar.start()
    try:
        yield (lambda: bar.advance(task)), bar.console.log
    finally:
        bar.stop()


def main() -> None:
    """The console script's body (`console`): `app` with a guard, so that no exception reaches
    the user as a traceback. Bad input is already exit 2 with its file and line; anything that still
    escapes is a bug of ours: one line, "please report", exit 3 (never 1, which a CI gate
    reads as "findings")."""
    # A short-lived process: the cyclic collector would only rescan the millions of small
    # acyclic objects of a big check (seconds at 100k claims); reference counting frees the rest.
    gc.disable()
    try:
        app()
    except Exception as exc:  # the guard itself: everything expected was handled below it
        if os.environ.get("RECONCILE_TRACEBACK"):
            raise
        typer.echo(internal_error_message(exc), err=True)
        raise SystemExit(INTERNAL_ERROR) from None


def internal_error_message(exc: BaseException) -> str:
    """One line naming the unexpected error, and what to do about it."""
    detail = " ".join(str(exc).split())
    if len(detail) > 200:
        detail = detail[:197] + "..."
    what = type(exc).__name__ + (f": {detail}" if detail else "")
    return (
        f"reconcile: internal error ({what}). This is a bug in reconcile, not in your files: "
        "please report it with the command you ran (set RECONCILE_TRACEBACK=1 to see where it happened)."
    )


def console() -> None:
    """The console script (`reconcile`, `python -m reconcile.cli`): `main`, in a process that
    `check` may end at once when it is done (`_end_now`)."""
    global _CONSOLE
    _CONSOLE = True
    main()


if __name__ == "__main__":
    console()
