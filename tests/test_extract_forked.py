"""`extract_files` in several processes (extract/forked.py) gives exactly what one process gives:
the same claim files byte for byte, the same results in the same order, the same errors, and
nothing lost when a child fails."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reconcile.engines.cores import can_fork
from reconcile.extract import batch
from reconcile.extract.batch import extract_files, extracting_processes
from reconcile.extract.candidates import WriteResult

pytestmark = pytest.mark.skipif(not can_fork(), reason="forked extraction needs os.fork (POSIX, not macOS)")

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "documents"
GDP = (
    "GDP and health spending\n\n"
    "In 2022 Germany's GDP was $4.08 trillion, and its health spending was 12.7% of GDP.\n"
    "France spent 12.1% of its GDP on health in 2022, €313 billion.\n"
)


def documents(folder: Path) -> list[Path]:
    """Twelve corpus articles (budgets, populations, cameras...), two documents of the same name in
    different folders (their ids are `x` and `x-2`), one a folder, one missing, one with no slug."""
    picked = sorted(CORPUS.glob("*.txt"))[:12]
    assert len(picked) == 12
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    (folder / "a" / "gdp.txt").write_text(GDP, encoding="utf-8")
    (folder / "b" / "gdp.txt").write_text(GDP.replace("Germany", "Italy"), encoding="utf-8")
    (folder / "日本.txt").write_text(GDP.replace("France", "Japan"), encoding="utf-8")
    return [
        *picked[:4],
        folder / "a" / "gdp.txt",
        folder / "a",
        *picked[4:8],
        folder / "missing.txt",
        folder / "b" / "gdp.txt",
        folder / "日本.txt",
        *picked[8:],
    ]


def run(docs: list[Path], out: Path, jobs: int) -> tuple[list[tuple[object, ...]], dict[str, bytes]]:
    """Each result as comparable values, and every file of `out` with its bytes."""
    results: list[tuple[object, ...]] = []
    for result in extract_files(docs, out, None, jobs=jobs):
        if isinstance(result, WriteResult):
            results.append((result.path.name, result.added, result.kept, result.created))
        else:
            results.append((type(result).__name__, str(result).replace(str(out), "OUT")))
    files = {path.name: path.read_bytes() for path in sorted(out.iterdir())}
    return results, files


def test_several_processes_write_the_same_files_and_results(tmp_path: Path) -> None:
    docs = documents(tmp_path)
    one = run(docs, tmp_path / "one", jobs=1)
    assert [r[0] for r in one[0]].count("LoadError") == 2  # the folder and the missing file
    assert ("gdp-2.yaml", 4, 0, True) in one[0]
    assert len(one[1]) == 15
    for jobs in (2, 3):
        assert run(docs, tmp_path / f"jobs{jobs}", jobs=jobs) == one
    # Again into the same folders: every file is merged (nothing new), the same way.
    again = run(docs, tmp_path / "one", jobs=1)
    assert again[1] == one[1]
    assert ("gdp-2.yaml", 0, 4, False) in again[0]
    assert run(docs, tmp_path / "jobs2", jobs=2) == again


def test_an_existing_file_of_another_document_is_left_alone_the_same_way(tmp_path: Path) -> None:
    docs = documents(tmp_path)
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        out.mkdir()
        (out / "gdp.yaml").write_text("source:\n  id: gdp\n  document: other.txt\nclaims: []\n", encoding="utf-8")
        (out / "gdp-2.yaml").write_text("claims: [", encoding="utf-8")  # broken: never overwritten
    assert run(docs, tmp_path / "out1", jobs=1) == run(docs, tmp_path / "out2", jobs=2)
    assert (tmp_path / "out2" / "gdp-2.yaml").read_text(encoding="utf-8") == "claims: ["
    assert (tmp_path / "out2" / "gdp-3.yaml").is_file()


def test_a_bug_on_a_document_is_reported_as_one_process_reports_it(tmp_path: Path, monkeypatch) -> None:
    real = batch.extract_document

    def buggy(text: str, **kwargs):
        if "Italy" in text:
            raise ZeroDivisionError("a bug")
        return real(text, **kwargs)

    monkeypatch.setattr(batch, "extract_document", buggy)  # the children are forked with it
    docs = documents(tmp_path)
    one = run(docs, tmp_path / "one", jobs=1)
    bug = (
        "InternalError",
        f"{docs[11]}: internal error (ZeroDivisionError: a bug); this is a bug in reconcile, please report it",
    )
    assert one[0][11] == bug
    assert run(docs, tmp_path / "two", jobs=2) == one


def test_nothing_is_lost_when_a_child_dies(tmp_path: Path, monkeypatch) -> None:
    parent = os.getpid()
    real = batch._claim_file

    def dying(path, *args):
        if os.getpid() != parent and Path(path).name > "005":  # a child dies on its first document after 005
            os._exit(7)
        return real(path, *args)

    monkeypatch.setattr(batch, "_claim_file", dying)
    docs = documents(tmp_path)
    one = run(docs, tmp_path / "one", jobs=1)
    assert run(docs, tmp_path / "two", jobs=2) == one
    assert run(docs, tmp_path / "three", jobs=3) == one


def test_an_answer_that_cannot_be_pickled_is_extracted_here(tmp_path: Path, monkeypatch) -> None:
    docs = documents(tmp_path)
    one = run(docs, tmp_path / "one", jobs=1)
    real = batch._claim_file
    monkeypatch.setattr(batch, "_claim_file", lambda *args: _Unpicklable(real(*args)))
    assert run(docs, tmp_path / "two", jobs=2) == one


class _Unpicklable:
    """A PendingWrite that pickle refuses (it holds a lambda)."""

    def __init__(self, pending: batch.PendingWrite) -> None:
        self.pending = pending
        self.refuse = lambda: None

    def write(self) -> WriteResult:
        return self.pending.write()


def test_results_stop_cleanly_when_the_caller_stops_early(tmp_path: Path, monkeypatch) -> None:
    real_fork = os.fork
    forked: list[int] = []

    def fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    docs = sorted(CORPUS.glob("*.txt"))[:10]
    results = extract_files(docs, tmp_path, None, jobs=2)
    first = next(results)
    assert isinstance(first, WriteResult)
    assert len(forked) == 1
    results.close()  # the child killed and reaped: no process left behind
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)


def test_how_many_processes(tmp_path: Path, monkeypatch) -> None:
    small = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in small:
        path.write_text(GDP, encoding="utf-8")
    big = sorted(CORPUS.glob("*.txt"))
    monkeypatch.setattr("reconcile.engines.cores.idle_cores", lambda: 2)
    assert extracting_processes(big[:1], None) == 1  # one document: nothing to share
    assert extracting_processes(small, None) == 1  # too little text to pay for a child
    assert extracting_processes(big, None) == 2
    assert extracting_processes(big, 1) == 1
    assert extracting_processes(small, 4) == 2  # at most one process per document
    monkeypatch.setattr("reconcile.engines.cores.idle_cores", lambda: 1)  # a busy machine
    assert extracting_processes(big, None) == 1
    monkeypatch.setattr("reconcile.engines.cores.can_fork", lambda: False)
    assert extracting_processes(big, 2) == 1


def test_the_cli_option(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from reconcile.cli import app

    docs = [str(p) for p in sorted(CORPUS.glob("*.txt"))[:6]]
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        result = CliRunner().invoke(app, ["extract", *docs, "--out", str(out), "--jobs", jobs])
        assert result.exit_code == 0, result.output
        outputs.append((result.output.replace(str(out), "OUT"), {p.name: p.read_bytes() for p in out.iterdir()}))
    assert outputs[0] == outputs[1]
    assert outputs[0][0].count("wrote OUT/") == 6
    shutil.rmtree(tmp_path / "1")
