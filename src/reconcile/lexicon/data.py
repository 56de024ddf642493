"""The one loader of the package's own data files (`reconcile/data/*.toml`)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def read_toml(name: str) -> dict[str, Any]:
    """A shipped TOML file, parsed once per process. Callers must not mutate the result."""
    return tomllib.loads(read_text(name))


def read_text(name: str) -> str:
    return resources.files("reconcile.data").joinpath(name).read_text("utf-8")


def read_bytes(name: str) -> bytes:
    return resources.files("reconcile.data").joinpath(name).read_bytes()


def normal(phrase: str) -> str:
    """Lower case, single spaces: the key every phrase table is indexed by."""
    return " ".join(phrase.lower().split())
