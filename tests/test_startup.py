"""A check that only prints imports neither networkx nor numpy (nor rich, pandas or jinja2 for a plain
table) and parses only pint's core units; the graph is built when asked for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import reconcile

ROOT = Path(__file__).resolve().parents[1]


def test_checking_the_shipped_claims_imports_neither_networkx_nor_numpy() -> None:
    code = (
        "import json, sys, reconcile; r = reconcile.check(sys.argv[1]);"
        "print(json.dumps([len(r.findings), 'networkx' in sys.modules, 'numpy' in sys.modules, 'dask' in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "claims")], capture_output=True, text=True, check=True)
    findings, networkx, numpy, dask = json.loads(out.stdout)
    assert findings > 0
    assert (networkx, numpy, dask) == (False, False, False)


def test_the_provenance_graph_is_built_on_demand_with_every_kind_of_edge() -> None:
    report = reconcile.check(ROOT / "claims")
    graph = report.graph
    assert graph is not None and graph is report.graph  # built once
    kinds = {kind for _, _, kind in graph.edges(data="kind")}
    assert {"checks", "compared", None} <= kinds  # the seeds' own arithmetic, group comparisons, provenance
    assert all(graph.nodes[c.id]["kind"] == "claim" for c in report.claims)
    assert all(graph.nodes[d.id]["kind"] == "derived" for d in report.derived)
    arithmetic = next(d for d in report.derived if d.id.startswith("d:arithmetic:"))
    assert all(graph.has_edge(leaf, arithmetic.id) for leaf in arithmetic.claims)


def test_the_text_table_of_the_shipped_claims_needs_no_rich_pandas_jinja2_nor_pints_rarer_units() -> None:
    """`reconcile check claims` as a terminal user runs it (no colour when piped): what it imports and
    which of pint's units it loads is start-up time (benchmarks/STARTUP.md). Nor does it import
    pydantic (typer's coercion of the arguments, cli_coercion.py), the forked engine (one process
    for a small repo) or pint's parse of its core units (pre-parsed)."""
    code = (
        "import json, sys; from reconcile.cli import app\n"
        "try: app(['check', sys.argv[1]])\n"
        "except SystemExit: pass\n"
        "from reconcile.units.registry import _registry\n"
        "from reconcile.units.definitions import _Parsed\n"
        "print(json.dumps([m in sys.modules for m in ('rich', 'pandas', 'jinja2', 'networkx', 'numpy', 'pydantic',"
        " 'reconcile.engines.forked')] + [_registry()._complete, not isinstance(_registry()._filename, _Parsed)]))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "claims")], capture_output=True, text=True, check=True)
    table, result = out.stdout.rsplit("\n", 2)[:2]
    assert "cross-source-contradiction" in table
    assert json.loads(result) == [False] * 9
