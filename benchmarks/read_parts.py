"""Where `load()` spends its CPU, in one process (`jobs=1`, gc off as `check` runs it).

    python benchmarks/read_parts.py /tmp/reconcile-shapes/repo-1m
    python benchmarks/read_parts.py /tmp/reconcile-shapes/repo-100k --repeat 3

`time.process_time` around the whole `load()` and around its parts: discovering the files,
YAML (`read_yaml`), the records (`_yaml_records`), each file's source and claims
(`_FileReader.source`, `_FileReader.claims`: values read for the first time included), every
file (`read_claim_file`) and the misspelt-name pass. A second round in the same process reads
every value string from memory (and makes template claims of the commonest shape).
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    import reconcile.load as load_module
    from reconcile.load import claimfile
    from reconcile.units import get_units

    get_units()
    seconds: dict[str, float] = {}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*a: Any, **k: Any) -> Any:
            start = time.process_time()
            try:
                return function(*a, **k)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.process_time() - start

        return run

    load_module.discover = timed("discover", load_module.discover)  # type: ignore[assignment]
    claimfile.read_yaml = timed("yaml", claimfile.read_yaml)  # type: ignore[assignment]
    claimfile._yaml_records = timed("records", claimfile._yaml_records)  # type: ignore[assignment]
    claimfile._FileReader.source = timed("source", claimfile._FileReader.source)  # type: ignore[method-assign]
    claimfile._FileReader.claims = timed("claims", claimfile._FileReader.claims)  # type: ignore[method-assign]
    load_module.read_claim_file = timed("files", load_module.read_claim_file)  # type: ignore[assignment]
    load_module._misspelt_entities = timed("misspelt", load_module._misspelt_entities)  # type: ignore[assignment]
    gc.disable()
    for _ in range(args.repeat):
        seconds.clear()
        start = time.process_time()
        result = load_module.load([args.repo], jobs=1)
        total = time.process_time() - start
        parts = "  ".join(f"{name} {value:.3f}" for name, value in seconds.items())
        print(f"load {total:.3f} CPU s ({len(result.claims):,} claims)  {parts}", flush=True)


if __name__ == "__main__":
    main()
