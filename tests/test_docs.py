"""The README and the public API say what the code does: generated parts do not drift."""

from __future__ import annotations

import inspect
import types
from pathlib import Path

import pytest

import reconcile

ROOT = Path(__file__).resolve().parents[1]


def test_readme_command_reference_matches_help():
    """The README's command reference is generated from `--help` (cog); regenerate with
    `cog -r README.md` when a command changes."""
    cogapp = pytest.importorskip("cogapp")
    status = cogapp.Cog().main(["cog", "--check", str(ROOT / "README.md")])
    assert status == 0, "README.md is out of date with `reconcile --help`: run `cog -r README.md`"


def test_public_api_is_exactly_all():
    """Every public name the package defines is in __all__, and everything in __all__ exists."""
    public = {
        name
        for name, value in vars(reconcile).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and getattr(value, "__module__", "").startswith("reconcile")
    }
    public.add("check")  # imported on first use (start-up time): reached through __getattr__
    assert public | {"__version__"} == set(reconcile.__all__)
    assert inspect.isfunction(reconcile.check)
    for name in reconcile.__all__:
        assert getattr(reconcile, name) is not None


def test_one_version_string():
    from importlib.metadata import version

    assert version("reconcile") == reconcile.__version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {reconcile.__version__}" in changelog


def test_input_rules_are_the_error_classes_rules():
    """Every input error class has a catalogued rule, and every catalogued input rule an error class."""
    from reconcile import errors, rules

    assert errors.INPUT_RULES == rules.INPUT_RULES
    assert all(rules.RULES[r].severity == "error" for r in rules.INPUT_RULES)


def test_no_import_cycles_between_modules():
    """Data flows one way: no module imports one that imports it back (at import time)."""
    import ast

    graph: dict[str, set[str]] = {}
    src = ROOT / "src"
    for path in (src / "reconcile").rglob("*.py"):
        module = ".".join(path.relative_to(src).with_suffix("").parts).removesuffix(".__init__")
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        imports: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:  # module level only
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")
                if node.level:
                    base = base[: len(base) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.startswith("reconcile"):
                    imports.add(target)
                    imports.update(f"{target}.{a.name}" for a in node.names)
        graph[module] = imports

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            nxt = nxt if nxt in graph else nxt.rsplit(".", 1)[0]
            if nxt == goal:
                return True
            if nxt in graph and nxt not in seen:
                seen.add(nxt)
                if reaches(nxt, goal, seen):
                    return True
        return False

    cycles = sorted(m for m in graph if reaches(m, m, set()) and m != "reconcile")
    assert cycles == []
