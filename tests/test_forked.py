"""The local engine on several processes (`jobs`, engines/forked.py) gives the one-process report,
byte for byte: on the shipped claims, the examples, a generated repo and a repo of the links that
tie entities together (a share's whole, a comparison's other entity, a source's arithmetic)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

import reconcile
from reconcile.engines import cores, forked
from reconcile.engines.partitions import entity_partitions

from .conftest import assert_same_report, write

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="checking in forked processes needs os.fork")

# Money, percentages and passengers: a share of another entity's whole (World GDP), a comparison
# with another entity (Atlanta than Heathrow), a source's own arithmetic over two entities, a
# contradiction, a bad value and a duplicate source id; filler entities so that partitions split.
LINKED = {
    "imf": [
        {
            "id": "us-gdp",
            "entity": "United States",
            "value": "27.36 trillion dollars",
            "measure": "GDP",
            "period": "2023",
        },
        {"id": "world-gdp", "entity": "World", "value": "105 trillion dollars", "measure": "GDP", "period": "2023"},
        {"id": "us-share", "entity": "United States", "value": "26 percent of GDP", "of": "World", "period": "2023"},
        {"id": "de-gdp", "entity": "Germany", "value": "4.46 trillion dollars", "measure": "GDP", "period": "2023"},
    ],
    "press": [
        {"id": "us-share", "entity": "United States", "value": "15 percent of GDP", "of": "World", "period": "2023"},
        {
            "id": "de-gdp",
            "entity": "Germany",
            "value": "about 4.5 trillion dollars",
            "measure": "GDP",
            "period": "2023",
        },
        {"id": "atl", "entity": "Atlanta", "value": "104.7 million passengers", "period": "2023"},
        {"id": "lhr", "entity": "Heathrow", "value": "79.2 million passengers", "period": "2023"},
        {
            "id": "ahead",
            "entity": "Atlanta",
            "value": "24 per cent ahead",
            "role": "comparison",
            "than": "Heathrow",
            "measure": "passengers",
            "period": "2023",
        },
        {"id": "broken", "entity": "Germany", "value": "lots of dollars"},
    ],
    "blog": [
        {"id": "fr-pop", "entity": "France", "value": "68 million people", "period": "2023"},
        {"id": "de-pop", "entity": "Germany", "value": "84 million people", "period": "2023"},
        {
            "id": "de-per-fr",
            "entity": "Germany",
            "value": "1.3 people per person",
            "computed_from": ["de-pop", "fr-pop"],
        },
    ],
}


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("linked")
    for source, entries in LINKED.items():
        lines = "".join(f"  - {json.dumps(e)}\n" for e in entries)
        write(folder, f"{source}.yaml", f"source:\n  id: {source}\nclaims:\n{lines}")
    write(folder, "copy.yaml", 'source:\n  id: blog\nclaims:\n  - {id: x, entity: Spain, value: "48 million people"}\n')
    for n in range(6):  # unlinked places, each reported by two sources that disagree
        rows = "".join(
            f'  - {{id: p{n}-{k}, entity: "Province {n}", value: "{1 + k * 0.4 + n} million people", period: 2023}}\n'
            for k in range(2)
        )
        write(folder, f"census-{n}.yaml", f"source:\n  id: census-{n}\nclaims:\n{rows}")
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench_check import generate

    folder = tmp_path_factory.mktemp("repo")
    generate(folder, 4_000)
    return folder


REPOS = ["claims", "examples/economy", "examples/health", "examples/energy"]


@pytest.mark.parametrize("jobs", [2, 3])
@pytest.mark.parametrize("repo", [*REPOS, "linked", "generated"])
def test_forked_processes_give_the_one_process_report(
    repo: str, jobs: int, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = ROOT / repo if repo in REPOS else request.getfixturevalue(repo)
    one = reconcile.check(folder, jobs=1)
    assert one.findings and one.claims and one.estimates
    parent = os.getpid()
    children = _children(monkeypatch)
    assert_same_report(one, reconcile.check(folder, jobs=jobs))
    assert os.getpid() == parent  # the children are gone; this is still the test's process
    assert len(children) == 2 * (jobs - 1)  # readers of the files, then checkers of the partitions
    _all_reaped(children)


def _children(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The process ids of the children the next checks fork."""
    pids: list[int] = []
    real = forked.os.fork

    def fork() -> int:
        pid = real()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(forked.os, "fork", fork)
    return pids


def _all_reaped(pids: list[int]) -> None:
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # waited for already: no zombie left behind


def test_files_are_shared_in_runs_of_about_equal_bytes(generated: Path) -> None:
    from reconcile.load import discover

    files, _ = discover([generated])
    sizes = [path.stat().st_size for path in files]
    for count in (2, 3, 5):
        shares = forked._shares(files, sizes, count)
        assert [path for share in shares for path in share] == files  # every file once, in order
        assert len(shares) == count
        size = {path: s for path, s in zip(files, sizes, strict=True)}
        totals = [sum(size[path] for path in share) for share in shares]
        # this process's share a little bigger (it also unpickles the others'), none far off
        assert totals[0] >= max(totals[1:]) * 0.95
        assert max(totals) <= sum(sizes) / count * 1.3


def test_the_linked_repo_exercises_what_ties_entities_together(linked: Path) -> None:
    report = reconcile.check(linked, jobs=2)
    rules = {f.rule for f in report.findings}
    assert {"duplicate-id", "parse-error", "comparison-inconsistency", "arithmetic-inconsistency"} <= rules
    assert any(f.rule == "derived-contradiction" and f.entity == "United States" for f in report.findings)
    parts = [{c.entity for c in part} for part in entity_partitions(report.claims, 4) if part]
    assert len(parts) == 4
    for tied in ({"United States", "World"}, {"Atlanta", "Heathrow"}, {"Germany", "France"}):
        assert any(tied <= entities for entities in parts), tied


def test_without_fork_a_check_stays_in_one_process(linked: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = reconcile.check(linked, jobs=1)
    monkeypatch.setattr(cores, "can_fork", lambda: False)
    assert cores.processes(4, 100_000) == 1
    monkeypatch.setattr(forked.os, "fork", _no_fork)
    assert_same_report(one, reconcile.check(linked, jobs=4))


def _no_fork() -> int:
    raise AssertionError("forked although fork is not available")


def test_the_default_forks_only_for_a_big_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cores, "usable_cores", lambda: 2)
    monkeypatch.setattr(cores.os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    assert cores.processes(None, cores.AUTO_MIN_CLAIMS - 1) == 1
    assert cores.processes(None, cores.AUTO_MIN_CLAIMS) == 2
    assert cores.processes(None, cores.AUTO_MAX_CLAIMS + 1) == 1  # memory: each would copy the claims
    assert cores.processes(2, cores.AUTO_MAX_CLAIMS + 1) == 2  # unless asked
    assert cores.processes(3, 10) == 3
    assert cores.processes(1, 10**6) == 1


@pytest.mark.parametrize(
    ("cores_", "load", "expected"),
    [(2, 0.0, 2), (2, 1.0, 2), (2, 1.4, 2), (2, 1.6, 1), (2, 6.5, 1), (8, 3.2, 6), (8, 0.0, 8), (1, 0.0, 1)],
)
def test_the_default_uses_the_cores_nothing_else_is_using(
    cores_: int, load: float, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A busy machine gains nothing from more processes, only more work (benchmarks/RESULTS.md)."""
    monkeypatch.setattr(cores, "usable_cores", lambda: cores_)
    monkeypatch.setattr(cores.os, "getloadavg", lambda: (load, 0.0, 0.0))
    assert cores.idle_cores() == expected
    assert cores.processes(None, 100_000) == expected
    assert cores.processes(2, 100_000) == 2  # asked for: whatever the load


def test_the_default_reads_in_children_from_a_mid_sized_repo_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """By bytes: from ~20,000 claims of YAML on, a million too (a reading child is gone before
    the graph stage, where a check's memory peaks: cores.py)."""
    monkeypatch.setattr(cores, "usable_cores", lambda: 2)
    monkeypatch.setattr(cores.os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    files = [tmp_path / f"{n}.yaml" for n in range(4)]
    for path in files:
        path.write_text("x", encoding="utf-8")
    sizes = {"small": cores.AUTO_MIN_BYTES // 8, "mid": cores.AUTO_MIN_BYTES // 2, "big": 40_000_000}
    for size, expected in (("small", 1), ("mid", 2), ("big", 2)):
        monkeypatch.setattr(cores, "_size", lambda _path, size=size: sizes[size])
        assert cores.reading_processes(files, None)[0] == expected, size
        assert cores.reading_processes(files, 3)[0] == 3  # asked for: whatever the size


@pytest.mark.parametrize("stage", ["read_file", "check_partition"])
def test_a_failing_child_fails_the_check_and_is_reaped(
    stage: str, linked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real = getattr(forked, stage)

    def fails_in_a_child(*args: object, **kwargs: object) -> object:
        if os.getpid() != parent:
            raise ZeroDivisionError("a bug in a child")
        return real(*args, **kwargs)

    monkeypatch.setattr(forked, stage, fails_in_a_child)
    children = _children(monkeypatch)
    with pytest.raises(RuntimeError, match="a check process failed") as failure:
        reconcile.check(linked, jobs=2)
    assert "ZeroDivisionError: a bug in a child" in str(failure.value)
    assert len(children) == (1 if stage == "read_file" else 2)
    _all_reaped(children)


def test_jobs_are_for_the_local_engine() -> None:
    from reconcile.engines import run
    from reconcile.errors import UsageError

    with pytest.raises(UsageError, match="--jobs is for the local engine"):
        run("dask", [ROOT / "claims"], jobs=2)


def test_claims_encoded_by_a_child_give_the_same_json(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With `claims_json`, the first checking child encodes the claims once it has answered
    (while this process gathers); the JSON is the one-process JSON, and the child is reaped."""
    import io

    from reconcile.present.render import json as json_render

    expected = json_render.render(reconcile.check(generated, jobs=1), pretty=False)
    children = _children(monkeypatch)
    report = reconcile.check(generated, jobs=2, claims_json=True)
    assert isinstance(report.claims, forked.EncodedClaims)
    out = io.StringIO()
    json_render.write(report, out, pretty=False, jobs=2)
    assert out.getvalue() == expected
    assert len(children) == 2  # no third process for the JSON: the claims were the child's share
    _all_reaped(children)
    never_written = reconcile.check(generated, jobs=2, claims_json=True)
    del never_written  # the child is killed and reaped
    _all_reaped(children)


def _with_a_child_that_fails_to_encode_the_claims(
    generated: Path, monkeypatch: pytest.MonkeyPatch, jobs: int | None
) -> tuple[str, str, list[int]]:
    """The compact JSON of `generated` checked with `jobs` (None: the default) while encoding
    the claims fails in the child, one process's JSON, and the children forked meanwhile."""
    import io

    from reconcile import pipeline
    from reconcile.present.render import json as json_render

    expected = json_render.render(reconcile.check(generated, jobs=1), pretty=False)

    def fails(*_args: object) -> None:
        raise MemoryError("the child ran out")

    monkeypatch.setattr(pipeline, "_claims_json", fails)
    children = _children(monkeypatch)
    report = reconcile.check(generated, jobs=jobs, claims_json=True)
    out = io.StringIO()
    json_render.write(report, out, pretty=False, **({"jobs": jobs} if jobs else {}))
    return out.getvalue(), expected, children


def test_a_child_that_fails_to_encode_the_claims_leaves_them_to_this_process(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written, expected, children = _with_a_child_that_fails_to_encode_the_claims(generated, monkeypatch, jobs=2)
    assert written == expected
    _all_reaped(children)


def test_this_process_checks_a_bigger_partition(generated: Path) -> None:
    """A child's answer waits for its pickling: this process takes more claims meanwhile."""
    claims = reconcile.check(generated, jobs=1).claims
    even = [len(part) for part in entity_partitions(claims, 2)]
    first, other = (len(part) for part in entity_partitions(claims, 2, forked.CHECK_SHARE))
    assert abs(even[0] - even[1]) <= 0.02 * len(claims)
    assert first / other == pytest.approx(forked.CHECK_SHARE, rel=0.03)


def test_above_the_default_limit_the_claims_are_not_encoded_by_a_child(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory: a child that lives on keeps its pages (RESULTS Session 5, 3,190 MiB at 1M)."""
    monkeypatch.setattr(forked, "AUTO_MAX_CLAIMS", 100)
    report = reconcile.check(generated, jobs=2, claims_json=True)
    assert not isinstance(report.claims, forked.EncodedClaims)


@pytest.fixture
def too_big_to_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """The generated repo (4,000 claims) taken for one above AUTO_MAX_CLAIMS, on two idle cores."""
    monkeypatch.setattr(cores, "usable_cores", lambda: 2)
    monkeypatch.setattr(cores.os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    monkeypatch.setattr(cores, "AUTO_MAX_CLAIMS", 100)


@pytest.mark.parametrize("ready", [True, False])
def test_a_check_in_one_process_has_a_child_encode_its_claims(
    ready: bool, generated: Path, too_big_to_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above AUTO_MAX_CLAIMS a check stays in one process, but with `claims_json` a child forked
    once the claims are read encodes them while it checks: the same JSON, whether the child has
    ended when the JSON is written (written in order) or not (the rest spooled first)."""
    import io

    from reconcile.present.render import json as json_render

    expected = json_render.render(reconcile.check(generated, jobs=1), pretty=False)
    assert not isinstance(reconcile.check(generated, jobs=1, claims_json=True).claims, forked.EncodedClaims)
    children = _children(monkeypatch)
    report = reconcile.check(generated, claims_json=True)
    assert isinstance(report.claims, forked.EncodedClaims)
    assert len(children) == 1  # the claims' encoder: the check itself in this process
    if ready:
        os.waitid(os.P_PID, children[0], os.WEXITED | os.WNOWAIT)  # ended, not reaped
        assert report.claims.json.ready()
    else:
        monkeypatch.setattr(forked.ClaimsText, "ready", lambda _self: False)
    out = io.StringIO()
    json_render.write(report, out, pretty=False)
    assert out.getvalue() == expected
    _all_reaped(children)
    never_written = reconcile.check(generated, claims_json=True)
    del never_written  # the child is killed and reaped
    _all_reaped(children)


def test_the_claims_encoder_is_decided_on_the_load_as_the_check_began(
    generated: Path, too_big_to_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """By the time the claims are read the check's own processes weigh on the load average: the
    cores idle as it began decide (two here, whatever the load says later); one idle core: none."""
    from reconcile import pipeline

    load_average = [0.2]
    monkeypatch.setattr(cores.os, "getloadavg", lambda: (load_average[0], 0.0, 0.0))
    real_load = pipeline.load

    def busier_once_reading(*args: Any, **kwargs: Any) -> Any:
        load_average[0] = 1.9  # this check's own processes now count
        return real_load(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load", busier_once_reading)
    assert isinstance(reconcile.check(generated, claims_json=True).claims, forked.EncodedClaims)
    assert cores.idle_cores() == 1  # what the load says now: a check beginning now gets no child
    assert not isinstance(reconcile.check(generated, claims_json=True).claims, forked.EncodedClaims)


def test_a_child_that_fails_to_encode_the_claims_of_a_one_process_check(
    generated: Path, too_big_to_fork: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    written, expected, children = _with_a_child_that_fails_to_encode_the_claims(generated, monkeypatch, jobs=None)
    assert written == expected
    assert len(children) == 1
    _all_reaped(children)
