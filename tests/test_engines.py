"""The Dask engine returns the local engine's report, byte for byte, on a 2-worker LocalCluster."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import reconcile
from reconcile.engines import run
from reconcile.errors import UsageError

from .conftest import assert_same_report

distributed = pytest.importorskip("distributed")
from reconcile.engines import dask as dask_engine  # noqa: E402  (needs distributed)
from reconcile.engines.spool import SpooledClaims  # noqa: E402
from reconcile.ondisk import Merged  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

# Another domain: money, percentages and people, with a share of another entity's whole, a
# source's own arithmetic about another entity, dated and undated claims of one quantity,
# a contradiction, a bad value, a duplicate source id and a claim computed from another
# source's claim (in another file: the Dask engine looks its entity up among the workers).
ECONOMY = {
    "imf.yaml": """\
source:
  id: imf
  title: World Economic Outlook
  kind: reference
claims:
  - id: fr-pop
    entity: France
    value: "68 million people"
    period: 2023
  - id: fr-pop-old
    entity: France
    value: "about 67 million people"
    period: 2020
  - id: world-pop
    entity: World
    value: "8.0 billion people"
    period: 2023
  - id: fr-share
    entity: France
    value: "0.85 percent of people"
    of: World
    period: 2023
""",
    "press.yaml": """\
source:
  id: press
  title: A newspaper
claims:
  - id: fr-pop
    entity: France
    value: "over 70 million people"
  - id: de-pop
    entity: Germany
    value: "84 million people"
    period: 2023
  - id: de-per-fr
    entity: Germany
    value: "1.24 people per person"
    computed_from: [de-pop, fr-pop]
  - id: broken
    entity: Germany
    value: "lots of people"
""",
    "blog.yaml": """\
source:
  id: blog
  title: A blog
claims:
  - id: de-pop
    entity: Germany
    value: "83.2 million people"
  - id: world-pop
    entity: World
    value: "7.9 billion people"
  - id: es-pop
    entity: Spain
    value: "48 million people"
    computed_from: [imf/world-pop]
""",
    "copy.yaml": """\
source:
  id: blog
  title: The same id again
claims:
  - id: x
    entity: Spain
    value: "48 million people"
""",
}


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
    )
    with cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def economy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("economy")
    for name, text in ECONOMY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench_check import generate

    folder = tmp_path_factory.mktemp("repo")
    generate(folder, 4_000)
    return folder


@pytest.mark.parametrize("repo", ["seeds", "economy", "generated"])
def test_dask_engine_gives_the_local_report(
    repo: str, client: distributed.Client, request: pytest.FixtureRequest
) -> None:
    folder = ROOT / "claims" if repo == "seeds" else request.getfixturevalue(repo)
    local = reconcile.check(folder)
    assert local.findings and local.claims and local.estimates
    assert any(record.judged for record in local.reliability.values())  # track records that weigh consensus
    assert local.graph is not None and local.graph.number_of_edges() > 0
    assert_same_report(local, dask_engine.check([folder], client=client))


def test_the_dask_engine_keeps_the_claims_off_the_client(generated: Path, client: distributed.Client) -> None:
    """The report's claims come back to the client only as a file on its disk, read a chunk at a time,
    and so do its results: each partition's sorted run, merged as they are read."""
    report = dask_engine.check([generated], client=client)
    assert isinstance(report.claims, SpooledClaims)
    assert all(isinstance(results, Merged) for results in (report.derived, report.findings, report.estimates))
    local = reconcile.check(generated).claims
    assert len(report.claims) == len(local) == 4_000
    assert report.claims[0] == local[0] and report.claims[-1] == local[-1] and report.claims[1234] == local[1234]
    assert list(report.claims[10:20]) == list(local[10:20])
    assert report.claims != local[:-1] and report.claims != list(reversed(local))
    with pytest.raises(IndexError):
        report.claims[4_000]


def test_results_fetched_in_many_pieces_merge_to_the_local_report(
    generated: Path, client: distributed.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each partition's results reach the client a piece at a time, several pieces in flight."""
    monkeypatch.setattr(dask_engine, "PIECE", 97)
    local = reconcile.check(generated)
    assert len(local.estimates) > 4 * 97 and len(local.derived) > 2 * 97
    assert_same_report(local, dask_engine.check([generated], client=client))


def test_explain_and_the_html_report_read_the_dask_report_as_the_local_one(
    economy: Path, client: distributed.Client
) -> None:
    """Both look claims and results up in the report: on the client's disk with the Dask engine."""
    from reconcile.present.explain import explain
    from reconcile.present.render import render

    local = reconcile.check([ROOT / "claims", economy])
    remote = dask_engine.check([ROOT / "claims", economy], client=client)
    assert render(remote, "html") == render(local, "html")
    for claim in ("seed-004/london-rate", "press/de-per-fr", "imf/fr-share", "blog/es-pop"):
        assert explain(remote, claim) == explain(local, claim)


def test_the_economy_repo_exercises_what_links_entities(economy: Path) -> None:
    """The partitions must keep France with World (a share) and Germany with France (arithmetic)."""
    report = reconcile.check(economy)
    assert {"duplicate-id", "parse-error", "cross-source-contradiction", "arithmetic-inconsistency"} <= {
        f.rule for f in report.findings
    }
    parts = dask_engine.entity_partitions(report.claims, 8)
    together = [{c.entity for c in part} for part in parts if part]
    assert any({"France", "World", "Germany"} <= entities for entities in together)
    # computed from another file's claim: a problem, yet the engines link Spain with World
    assert "unknown-reference" in {f.rule for f in report.findings}
    assert any({"Spain", "World"} <= entities for entities in together)
    assert any(d.id.startswith("d:arithmetic:blog/es-pop") for d in report.derived)
    assert any(d.id.startswith("d:arithmetic:press/de-per-fr") for d in report.derived)
    assert any(d.entity == "France" and "World" in d.id for d in report.derived)


def test_partitions_split_unlinked_entities_evenly(generated: Path) -> None:
    report = reconcile.check(generated)
    parts = dask_engine.entity_partitions(report.claims, 4)
    sizes = sorted(len(p) for p in parts)
    assert sum(sizes) == len(report.claims)
    assert sizes[0] > 0.8 * sizes[-1]  # the biggest entity has a fifth of the claims: still balanced
    for part in parts:  # claim order is kept inside a partition
        positions = [report.claims.index(c) for c in part[:50]]
        assert positions == sorted(positions)
    owner = {c.entity: n for n, part in enumerate(parts) for c in part}
    assert all(owner[c.entity] == n for n, part in enumerate(parts) for c in part)


def test_the_cli_runs_the_dask_engine_on_a_scheduler(
    client: distributed.Client, economy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reconcile.cli import main

    monkeypatch.setattr(sys, "argv", ["reconcile", "check", str(economy), "-f", "json"])
    with pytest.raises(SystemExit) as local_exit:
        main()
    local = capsys.readouterr().out
    monkeypatch.setattr(
        sys,
        "argv",
        ["reconcile", "check", str(economy), "-f", "json", "--engine", "dask", "--scheduler", client.scheduler.address],
    )
    with pytest.raises(SystemExit) as dask_exit:
        main()
    assert capsys.readouterr().out == local
    assert dask_exit.value.code == local_exit.value.code == 2  # the bad value and the duplicate source


def test_unknown_engine_and_a_scheduler_without_dask_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="unknown engine"):
        run("spark", [ROOT / "claims"])
    with pytest.raises(UsageError, match="--scheduler is for --engine dask"):
        run("local", [ROOT / "claims"], scheduler="tcp://127.0.0.1:8786")


def test_a_scheduler_that_does_not_answer_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reconcile.cli import main

    monkeypatch.setattr(dask_engine, "CONNECT_SECONDS", 2)
    monkeypatch.setattr(
        sys,
        "argv",
        ["reconcile", "check", str(ROOT / "claims"), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"],
    )
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err


def test_a_scheduler_without_the_dask_engine_is_refused_not_ignored(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reconcile.cli import main

    monkeypatch.setattr(sys, "argv", ["reconcile", "check", str(ROOT / "claims"), "--scheduler", "tcp://127.0.0.1:9"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    assert "--scheduler is for --engine dask" in capsys.readouterr().err


@pytest.mark.parametrize("repo", ["economy", "generated"])
def test_records_encoded_while_the_check_waits_give_the_same_json(
    repo: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With `claims_json`, the first process encodes its own partition's derived values and
    estimates while the child finishes (here: all of them, the child made to seem slow); the
    child's are encoded when the JSON is written. Compact, pretty and the Dask report agree."""
    import io
    import pickle

    from reconcile.engines import forked
    from reconcile.present.render import json as json_render

    if not forked.can_fork():
        pytest.skip("needs os.fork")
    folder = request.getfixturevalue(repo)
    alone = reconcile.check(folder, jobs=1)
    monkeypatch.setattr(forked._Child, "ready", lambda _self: False)
    report = reconcile.check(folder, jobs=2, claims_json=True)
    if repo == "generated":  # the economy's few entities are linked into one partition: no child
        assert isinstance(report.derived, forked.EncodedRecords)
        assert isinstance(report.estimates, forked.EncodedRecords)
        texts = report.derived.texts
        encoded = sum(id(item) in texts for item in (*report.derived, *report.estimates))
        assert 0 < encoded < len(report.derived) + len(report.estimates)  # this process's, not the child's
    assert_same_report(alone, report)
    out = io.StringIO()
    json_render.write(report, out, pretty=False, jobs=2)
    assert out.getvalue() == json_render.render(alone, pretty=False)
    again = reconcile.check(folder, jobs=2, claims_json=True)
    written = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")  # copied as bytes onto it
    json_render.write(again, written, pretty=False, jobs=2)
    written.flush()
    assert written.buffer.getvalue() == out.getvalue().encode()  # type: ignore[attr-defined]
    assert json_render.render(report, pretty=True) == json_render.render(alone, pretty=True)
    assert type(pickle.loads(pickle.dumps(report)).derived) is tuple  # ids mean nothing elsewhere
