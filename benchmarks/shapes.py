"""Time and peak memory of `reconcile check` / `extract` on the shapes that once had cliffs.

    python benchmarks/shapes.py                       # every shape below, median of 3 where cheap
    python benchmarks/shapes.py repo-100k shipped     # some shapes
    python benchmarks/shapes.py repo-1m --repeat 1    # the million, once
    python benchmarks/shapes.py repo-100k --engine dask   # the same through the Dask engine

Shapes (each a fresh process, start-up included; peak memory is that process's maximum
resident set, from `os.wait4`):

    shipped        the shipped claims/ repo (start-up dominates), median of 5
    measures       one entity × 2,000 counted nouns + one rate claim (every pair of measures
                   was once tried through pint)
    group          one group × 50,000 claims of one measure
    files          2,500 CSV files × 20 claims = 50,000 claims
    file           one YAML file of 100,000 claims
    repo-100k      bench_check's synthetic repo: many entities and sources, 50 claims a file
    repo-300k, repo-1m, repo-3m   the same, bigger (run them once: --repeat 1)
    claim-bytes    resident memory per loaded claim (repo-100k, after `load`)
    extract-0.25mb, extract-10mb  `reconcile extract` on one article of that size built from the
                   benchmark corpus (repeated: a sentence met again is read from memory); reported
                   as sentences per second (wall, and per CPU-second of the timed part)
    extract-distinct-0.25mb, extract-distinct-10mb  the same, each repetition of the corpus
                   changed (its numbers, a space in each sentence) so that no sentence repeats
    extract-corpus `reconcile extract` on the 50 corpus documents, one claim file each: distinct
                   text, the extractor's honest rate; median of 5

A run that exceeds --timeout (default 300 s) is killed and reported as "> N s".
Generated repos are cached under --cache (default /tmp/reconcile-shapes) between runs.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import generate

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "corpus" / "documents"


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float  # user + system seconds: less sensitive than wall time to a busy machine
    peak_mib: float
    timed_out: bool
    returncode: int
    timed_cpu: float | None = None  # a child that times itself: the CPU seconds of its timed part
    # The most memory the child and its own children held at once: their proportional set sizes
    # (a page shared by n processes counts 1/n to each) added up, sampled every 0.1 s (Linux).
    # For a check forked into several processes (--jobs) this, not one process's peak, is the cost.
    all_mib: float | None = None
    digest: str | None = None  # sha256 of its stdout, when asked for (--digest)


class TreeMemory:
    """Samples the summed PSS of a process and its descendants until stopped (Linux /proc)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_kib = 0
        self.seen = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _tree(self, pid: int) -> list[int]:
        found = [pid]
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    for child in children.read().split():
                        found += self._tree(int(child))
        except OSError:
            pass
        return found

    def _sample(self) -> None:
        while not self._stop.is_set():
            total = 0
            for pid in self._tree(self.pid):
                try:
                    with open(f"/proc/{pid}/smaps_rollup") as rollup:
                        total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
                        self.seen = True
                except (OSError, StopIteration):
                    pass
            self.peak_kib = max(self.peak_kib, total)
            self._stop.wait(0.1)

    def stop(self) -> float | None:
        self._stop.set()
        self._thread.join()
        return self.peak_kib / 1024 if self.seen else None


def run(argv: list[str], timeout: float, *, digest: bool = False) -> Run:
    """One child process: wall time, its own peak RSS (wait4), killed after `timeout` seconds;
    with `digest`, the sha256 of what it wrote (to compare outputs without keeping them)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as stdout_file, tempfile.TemporaryFile() as stderr_file:
        proc = subprocess.Popen(argv, stdout=stdout_file, stderr=stderr_file, start_new_session=True)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        memory = TreeMemory(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)  # rusage: the CPU of it and its children, one process's peak
        all_mib = memory.stop()
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        hashed = _sha256(stdout_file) if digest else None
        stdout_file.seek(max(0, stdout_file.seek(0, os.SEEK_END) - 200))
        out = stdout_file.read()  # its last line: a timed child's `seconds=N`
        stderr_file.seek(0)
        stderr = stderr_file.read()
    if not killed.is_set() and (proc.returncode not in (0, 1) or b"Traceback" in stderr):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {stderr.decode()[-2000:]}")
    inner = _reported(out.decode(errors="replace"), "seconds")
    return Run(
        inner or seconds,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        killed.is_set(),
        proc.returncode,
        _reported(out.decode(errors="replace"), "cpu"),
        all_mib,
        hashed,
    )


def _sha256(file: IO[bytes]) -> str:
    file.seek(0)
    digest = hashlib.sha256()
    while block := file.read(1 << 20):
        digest.update(block)
    return digest.hexdigest()


def _reported(stdout: str, name: str) -> float | None:
    """A child that times itself (the extract runs, without start-up) prints `cpu=N` and
    `seconds=N` last."""
    for line in reversed(stdout.strip().splitlines()[-2:]):
        if line.startswith(f"{name}="):
            return float(line.removeprefix(f"{name}="))
    return None


class Cluster:
    """A scheduler and `workers` single-threaded worker processes on this machine, for
    `--engine dask`; the workers' own peak memory is read from /proc (VmHWM) after a run."""

    def __init__(self, workers: int, port: int = 8799):
        self.address = f"tcp://127.0.0.1:{port}"
        common = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "start_new_session": True}
        python_m = [sys.executable, "-m"]
        self.scheduler = subprocess.Popen(
            [
                *python_m,
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--dashboard-address",
                "127.0.0.1:0",
            ],
            **common,
        )
        self.workers = [
            subprocess.Popen(
                [
                    *python_m,
                    "distributed.cli.dask_worker",
                    self.address,
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--memory-limit",
                    "0",
                    "--dashboard-address",
                    "127.0.0.1:0",
                ],
                **common,
            )
            for _ in range(workers)
        ]
        from distributed import Client

        with Client(self.address, timeout=120) as client:
            client.wait_for_workers(workers, timeout=120)

    def peaks_mib(self) -> list[float]:
        peaks = []
        for worker in self.workers:
            status = Path(f"/proc/{worker.pid}/status").read_text()
            peaks.append(int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1]) / 1024)
        return peaks

    def cpu_seconds(self) -> list[float]:
        """Each worker's user + system CPU seconds so far (/proc/PID/stat, fields 14 and 15)."""
        ticks = os.sysconf("SC_CLK_TCK")
        return [
            sum(int(f) for f in Path(f"/proc/{w.pid}/stat").read_text().rsplit(")", 1)[1].split()[11:13]) / ticks
            for w in self.workers
        ]

    def close(self) -> None:
        for proc in [*self.workers, self.scheduler]:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait()


def check_argv(folder: Path, engine: str, scheduler: str | None = None, jobs: int | None = None) -> list[str]:
    # stdout goes through a pipe the parent drains; `--format json` on a big repo is compact JSON
    argv = [sys.executable, "-m", "reconcile.cli", "check", str(folder), "--format", "json"]
    if engine == "local":
        return [*argv, *(["--jobs", str(jobs)] if jobs else [])]
    return [*argv, "--engine", engine, *(["--scheduler", scheduler] if scheduler else [])]


# ---------------------------------------------------------------- generators


def _noun(i: int) -> str:
    """A made-up count noun per index: gizmobcbar, … (consonants, so no two plurals collide)."""
    alphabet = "bcdfgkmnprtv"
    letters = ""
    i += len(alphabet) ** 2
    while i:
        i, r = divmod(i, len(alphabet))
        letters = alphabet[r] + letters
    return f"gizmo{letters}ar"


def make_measures(folder: Path, n: int = 2000) -> int:
    """One entity with `n` counted nouns (each its own measure) and a single rate claim."""
    folder.mkdir(parents=True, exist_ok=True)
    nouns = [_noun(i) for i in range(n)]
    toml = "[nouns]\n" + "".join(f'{w} = ["{w}s"]\n' for w in nouns)
    (folder / "reconcile.toml").write_text(toml, encoding="utf-8")
    lines = ["source:\n  id: many-measures\n  title: One entity, many measures\nclaims:\n"]
    for i, w in enumerate(nouns):
        lines.append(f'  - id: m{i}\n    entity: Metropolis\n    value: "{1000 + i:,} {w}s"\n')
    lines.append('  - id: rate\n    entity: Metropolis\n    value: "2.5 cameras per 1,000 people"\n')
    (folder / "measures.yaml").write_text("".join(lines), encoding="utf-8")
    return n + 1


def make_group(folder: Path, n: int = 50_000) -> int:
    """One group: `n` sources' figures for one city's population, a few of them far off."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    lines = ["source:\n  id: one-group\n  title: One group, many claims\nclaims:\n"]
    for i in range(n):
        people = 8.8e6 * rng.uniform(0.98, 1.02) * (1.5 if i % 97 == 0 else 1.0)
        qualifier = rng.choice(["", "", "about ", "over ", "roughly "])
        lines.append(
            f'  - id: p{i}\n    entity: Metropolis\n    value: "{qualifier}{people / 1e6:.2f} million people"\n'
        )
    (folder / "group.yaml").write_text("".join(lines), encoding="utf-8")
    return n


def make_files(folder: Path, files: int = 2500, per_file: int = 20) -> int:
    """Many small CSV datasets: `files` × `per_file` claims, one entity per row pair."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(13)
    for f in range(files):
        rows = ["id,entity,value"]
        for r in range(per_file // 2):
            people = rng.uniform(2e5, 5e7)
            entity = f"Town {f}-{r}"
            rows.append(f'pop{r},{entity},"{people / 1e6:.2f} million people"')
            rows.append(f'beds{r},{entity},"{people * rng.uniform(0.002, 0.008):,.0f} beds"')
        (folder / f"dataset-{f:05d}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "reconcile.toml").write_text('[nouns]\nbed = ["beds"]\n', encoding="utf-8")
    return files * per_file


def make_file(folder: Path, n: int = 100_000) -> int:
    """bench_check's repo content, all in one YAML file of one source."""
    staging = folder.parent / (folder.name + "-staging")
    generate(staging, n)
    folder.mkdir(parents=True, exist_ok=True)
    parts = ["source:\n  id: one-file\n  title: One huge file\nclaims:\n"]
    for path in sorted(staging.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        parts.append(text.split("claims:\n", 1)[1])
        path.unlink()
    staging.rmdir()
    (folder / "huge.yaml").write_text("".join(parts), encoding="utf-8")
    return n


def make_repo(n: int) -> Callable[[Path], int]:
    def make(folder: Path) -> int:
        generate(folder, n)
        return n

    return make


def make_document(path: Path, megabytes: float, *, distinct: bool = False) -> int:
    """One article of about `megabytes` MB: the corpus articles one after another, repeated;
    `distinct`, each repetition made different (`_varied`) so that no sentence is read from memory."""
    from reconcile.extract import split_sentences

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    target = int(megabytes * 1e6)
    parts: list[str] = []
    size = 0
    copy = 0
    while size < target:
        for text in texts:
            body = _varied(text.strip(), copy) if distinct and copy else text.strip()
            parts.append(body + "\n\n")
            size += len(parts[-1].encode("utf-8"))
            if size >= target:
                break
        copy += 1
    document = "".join(parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document, encoding="utf-8")
    return len(split_sentences(document))


def corpus_sentences() -> int:
    """The sentences of the 50 corpus documents, as the extractor splits them."""
    from reconcile.extract import read_article, split_sentences

    return sum(len(split_sentences(read_article(p).text)) for p in sorted(CORPUS.glob("*.txt")))


def _varied(text: str, copy: int) -> str:
    """The `copy`-th repetition of a corpus article, different from the others in every sentence
    but read the same way: the last digit of each number shifted by `copy` (a year stays a year, a
    count a count), and in each sentence the spaces doubled that the bits of `copy` say (distinct
    for the 2ⁿ copies of a sentence of n spaces: only the shortest lines repeat)."""
    import re

    from reconcile.extract import split_sentences

    text = re.sub(r"\d(?!\d)", lambda m: str((int(m.group(0)) + copy) % 10), text)
    out, last = [], 0
    for start, end, _ in split_sentences(text):
        for i, space in enumerate(m.start() for m in re.finditer(" ", text[start:end])):
            if copy >> i & 1:
                at = start + space
                out += [text[last:at], " "]
                last = at
    return "".join([*out, text[last:]])


# ---------------------------------------------------------------- shapes

CHECK_SHAPES: dict[str, Callable[[Path], int]] = {
    "measures": make_measures,
    "group": make_group,
    "files": make_files,
    "file": make_file,
    "repo-100k": make_repo(100_000),
    "repo-300k": make_repo(300_000),
    "repo-1m": make_repo(1_000_000),
    "repo-3m": make_repo(3_000_000),
}
# `reconcile extract` as the CLI runs it, timed without the start-up (imports, vocabulary, pint's
# registry, the gazetteer: all built by extracting a two-line document first): sentences per
# second is the extractor's throughput; the CPU column is the whole process, start-up included.
EXTRACT_CHILD = """
import resource, sys, time
from pathlib import Path
from reconcile.extract import extract_files, lexicon
import tempfile
from reconcile.units import get_units
lexicon()
get_units(None)  # pint's registry, built once per process whatever the documents
import reconcile.load.yamlfile  # the claim file reader: imported once, when a file that ruamel wrote part of is read back
with tempfile.TemporaryDirectory() as scratch:  # the rest of start-up: gazetteer, cue words
    warm = Path(scratch) / "warm-up.txt"
    warm.write_text("Warm-up\\n\\nIn 2020 Japan had 5.5 million cameras, or 43 per 1,000 people.\\n", encoding="utf-8")
    assert not any(isinstance(r, Exception) for r in extract_files([warm], Path(scratch), None))
documents = sorted(Path(sys.argv[1]).glob("*.txt")) if Path(sys.argv[1]).is_dir() else [Path(sys.argv[1])]
jobs = int(sys.argv[3]) if len(sys.argv) > 3 else None
def cpu_time():  # this process's and its reaped children's (extract_files's forked ones); getrusage, to the µs
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
cpu, start = cpu_time(), time.perf_counter()
for result in extract_files(documents, Path(sys.argv[2]), None, jobs=jobs):
    assert not isinstance(result, Exception), result
print(f"cpu={cpu_time() - cpu}")
print(f"seconds={time.perf_counter() - start}")
"""
# Memory a loaded claim costs: resident memory after `load` minus before, per claim
# (the Claim, its Value, intervals, location and strings; sources and files are shared).
BYTES_CHILD = """
import gc, sys
from pathlib import Path
import reconcile.load as load_module
from reconcile.units import get_units
get_units(None)

def rss():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]) * 1024

gc.collect()
before = rss()
loaded = load_module.load([Path(sys.argv[1])])
gc.collect()
print(f"bytes_per_claim={(rss() - before) / len(loaded.claims):.0f}")
"""
EXTRACT_SHAPES = {
    "extract-0.25mb": 0.25,
    "extract-10mb": 10.0,
    "extract-distinct-0.25mb": 0.25,
    "extract-distinct-10mb": 10.0,
    "extract-corpus": 0.0,
}
DEFAULT = ["shipped", "measures", "group", "files", "file", "repo-100k", "repo-300k", *EXTRACT_SHAPES]


def prepared(cache: Path, name: str, make: Callable[[Path], int]) -> tuple[Path, int]:
    """The generated input, reused from the cache when a previous run made it."""
    folder = cache / name
    marker = folder / ".size"
    if marker.is_file():
        return folder, int(marker.read_text())
    size = make(folder)
    marker.write_text(str(size))
    return folder, size


def report(name: str, size: str, runs: list[Run], timeout: float, extra: str = "") -> None:
    if any(r.timed_out for r in runs):
        peak = max(r.peak_mib for r in runs)
        print(f"| {name} | {size} | > {timeout:.0f} | > {timeout:.0f} | > {peak:,.0f} | | killed |", flush=True)
        return
    median = statistics.median(r.seconds for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    peak = max(r.peak_mib for r in runs)
    tree = [r.all_mib for r in runs if r.all_mib is not None]
    every = f"{max(tree):,.0f}" if tree else ""
    print(f"| {name} | {size} | {median:.2f} | {cpu:.2f} | {peak:,.0f} | {every} | {len(runs)}{extra} |", flush=True)
    for digest in dict.fromkeys(r.digest for r in runs if r.digest):
        print(f"sha256 of the output: {digest}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shapes", nargs="*", default=DEFAULT, help=f"default: {' '.join(DEFAULT)}")
    parser.add_argument("--repeat", type=int, default=3, help="runs per shape; the median is reported")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a run is killed")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/reconcile-shapes"))
    parser.add_argument(
        "--engine", default="local", help="`check --engine`: local, or dask on a fresh local scheduler per run"
    )
    parser.add_argument("--workers", type=int, default=2, help="with --engine dask: single-threaded workers")
    parser.add_argument("--port", type=int, default=8799, help="with --engine dask: the scheduler's port")
    parser.add_argument("--jobs", type=int, default=None, help="check --jobs N, extract's jobs=N (default: their own)")
    parser.add_argument("--digest", action="store_true", help="print the sha256 of each check's output (JSON)")
    args = parser.parse_args()

    print(
        "| shape | size | wall s (median) | CPU s (median) | peak MiB (one process) | all processes MiB (PSS) | runs |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |", flush=True)
    for name in args.shapes:
        if name == "shipped":
            runs = [
                run(check_argv(ROOT / "claims", args.engine, jobs=args.jobs), args.timeout)
                for _ in range(max(5, args.repeat))
            ]
            report(name, "7 files", runs, args.timeout)
        elif name in CHECK_SHAPES:
            folder, size = prepared(args.cache, name, CHECK_SHAPES[name])
            runs = []
            workers = ""
            for _ in range(args.repeat):
                if args.engine == "dask":  # a fresh cluster per run: each run's own worker peaks
                    cluster = Cluster(args.workers, args.port)
                    try:
                        runs.append(run(check_argv(folder, args.engine, cluster.address), args.timeout))
                        workers += " workers " + " + ".join(f"{p:,.0f}" for p in cluster.peaks_mib()) + " MiB"
                        workers += ", " + " + ".join(f"{c:,.1f}" for c in cluster.cpu_seconds()) + " CPU-s;"
                    finally:
                        cluster.close()
                else:
                    runs.append(run(check_argv(folder, args.engine, jobs=args.jobs), args.timeout, digest=args.digest))
                if runs[-1].timed_out:
                    break
            files = sum(1 for p in folder.iterdir() if p.suffix in (".yaml", ".csv"))
            per = (
                ""
                if any(r.timed_out for r in runs)
                else f"; {size / statistics.median(r.seconds for r in runs):,.0f} claims/s"
            )
            report(name, f"{size:,} claims, {files:,} files", runs, args.timeout, per + workers)
        elif name in EXTRACT_SHAPES:
            if name == "extract-corpus":
                document, sentences = CORPUS, corpus_sentences()
            else:
                document = args.cache / name / "article.txt"
                marker = args.cache / name / ".sentences"
                if not marker.is_file():
                    marker.parent.mkdir(parents=True, exist_ok=True)
                    made = make_document(document, EXTRACT_SHAPES[name], distinct="distinct" in name)
                    marker.write_text(str(made))
                sentences = int(marker.read_text())
            runs = []
            for i in range(max(5, args.repeat) if name == "extract-corpus" else args.repeat):
                out = args.cache / name / f"out-{i}-{time.time_ns()}"
                argv = [
                    sys.executable,
                    "-c",
                    EXTRACT_CHILD,
                    str(document),
                    str(out),
                    *([str(args.jobs)] if args.jobs else []),
                ]
                runs.append(run(argv, args.timeout))
                if runs[-1].timed_out:
                    break
                if runs[-1].timed_cpu is None:
                    raise SystemExit(f"{name}: the extract child did not report its time (exit {runs[-1].returncode})")
            rate = (
                ""
                if any(r.timed_out for r in runs)
                else f"; {sentences / statistics.median(r.seconds for r in runs):,.0f} sentences/s"
                + f", {sentences / statistics.median(r.timed_cpu or r.cpu for r in runs):,.0f} per CPU-s"
            )
            report(name, f"{sentences:,} sentences", runs, args.timeout, rate)
        elif name == "claim-bytes":
            folder, size = prepared(args.cache, "repo-100k", CHECK_SHAPES["repo-100k"])
            out = subprocess.run(
                [sys.executable, "-c", BYTES_CHILD, str(folder)], capture_output=True, text=True, check=True
            ).stdout
            print(f"| claim-bytes | {size:,} claims loaded | | | | | {out.strip().split('=')[1]} bytes a claim |")
        else:
            raise SystemExit(f"unknown shape {name!r}; known: shipped {' '.join([*CHECK_SHAPES, *EXTRACT_SHAPES])}")


if __name__ == "__main__":
    main()
