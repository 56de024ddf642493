"""Where one process's CPU goes in `check --format json --jobs 1`, stage by stage.

    python benchmarks/stages.py /tmp/reconcile-shapes/repo-100k
    python benchmarks/stages.py claims --repeat 5

Each stage is timed with `time.process_time` (this process's CPU, which moves less with a
shared machine's load than wall time): reading (and within it YAML; the first run's reading
also builds pint's unit registry), the graph (groups,
reliability, derivations, arithmetic), grading, and the JSON written to /dev/null. Start-up
(imports, pint's registry) is not in the stages; `benchmarks/startup.py` has it.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _stages(repo: Path) -> dict[str, float]:
    from reconcile import pipeline
    from reconcile.consistency.grade import grade_all
    from reconcile.consistency.graph import Provenance, build_graph
    from reconcile.load import claimfile, load
    from reconcile.present.render import write
    from reconcile.units import get_units

    yaml_seconds = [0.0]
    read_yaml: Callable[[str, str], Any] = claimfile.read_yaml

    def timed_yaml(text: str, file: str) -> Any:
        start = time.process_time()
        try:
            return read_yaml(text, file)
        finally:
            yaml_seconds[0] += time.process_time() - start

    claimfile.read_yaml = timed_yaml  # type: ignore[assignment]
    try:
        marks = [time.process_time()]
        loaded = load([repo], jobs=1)
        marks.append(time.process_time())
        graph = build_graph(
            loaded.claims,
            units=get_units(loaded.config.nouns or None),
            policy=loaded.config.policy,
            ratios=loaded.config.ratios,
            sums=loaded.config.sums,
        )
        marks.append(time.process_time())
        grading = grade_all(graph)
        marks.append(time.process_time())
        report = pipeline.finish(
            loaded,
            graph.derived,
            grading.findings.values(),
            graph.problems,
            Provenance.of(graph),
            estimates=grading.estimates,
            reliability=graph.reliability,
        )
        with open(os.devnull, "w", encoding="utf-8") as out:
            write(report, "json", out, pretty=len(report.claims) <= 5000, jobs=1)
        marks.append(time.process_time())
    finally:
        claimfile.read_yaml = read_yaml
    reading, graphing, grading_s, output = (b - a for a, b in itertools.pairwise(marks))
    return {
        "read": reading,
        "  of which YAML": yaml_seconds[0],
        "graph": graphing,
        "grade": grading_s,
        "report and JSON": output,
        "total": marks[-1] - marks[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="runs in this process; the first reads caches cold")
    args = parser.parse_args()
    gc.disable()  # as the console script runs a check (pipeline.no_cycle_collection)
    for run in range(args.repeat):
        if run:
            from reconcile.values import clear_caches

            clear_caches()
        figures = _stages(args.repo)
        print("  ".join(f"{name.strip()} {seconds:.2f}" for name, seconds in figures.items()), flush=True)


if __name__ == "__main__":
    main()
