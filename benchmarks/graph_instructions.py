"""Instructions `check` spends building the claim graph and grading it, apart from reading
(valgrind: the one measure the load of a shared machine does not move).

    python benchmarks/graph_instructions.py /tmp/reconcile-shapes/repo-100k
    python benchmarks/graph_instructions.py claims

The repo is read once here and its loaded claims pickled to a scratch file; a child process then
unpickles them three times under valgrind: alone, going on to `build_graph`, and going on to
`build_graph` and `grade_all` (as benchmarks/stages.py times them). The differences are the graph
and the grading. PYTHONHASHSEED is fixed, since hashing moves the count a little.
"""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import gc, pickle, sys
gc.disable()  # as the console script runs a check
from reconcile.consistency.grade import grade_all
from reconcile.consistency.graph import build_graph
from reconcile.units import get_units
import reconcile.load
with open(sys.argv[1], "rb") as f:
    loaded = pickle.load(f)
units = get_units(loaded.config.nouns or None)
c = loaded.config
if sys.argv[2] != "read":
    graph = build_graph(loaded.claims, units=units, policy=c.policy, ratios=c.ratios, sums=c.sums)
    if sys.argv[2] == "grade":
        grade_all(graph)
"""


def instructions(script: str, loaded: str, stage: str) -> int:
    run = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, script, loaded, stage],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"},
    )  # fmt: skip
    refs = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if refs is None:
        raise SystemExit(f"no instruction count from valgrind:\n{run.stderr[-2000:]}")
    return int(refs.group(1).replace(",", ""))


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    from reconcile.load import load

    loaded = load([Path(sys.argv[1])], jobs=1)
    with tempfile.TemporaryDirectory() as scratch:
        script, data = Path(scratch) / "child.py", Path(scratch) / "loaded.pickle"
        script.write_text(CHILD, encoding="utf-8")
        with data.open("wb") as out:
            pickle.dump(loaded, out, protocol=pickle.HIGHEST_PROTOCOL)
        read, graph, grade = (instructions(str(script), str(data), s) for s in ("read", "graph", "grade"))
    print(
        f"graph {(graph - read) / 1e9:.2f} G, grade {(grade - graph) / 1e9:.2f} G, "
        f"together {(grade - read) / 1e9:.2f} G instructions (unpickling and start-up: {read / 1e9:.2f} G)"
    )


if __name__ == "__main__":
    main()
