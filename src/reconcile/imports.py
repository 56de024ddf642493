"""Imports that cost start-up time, done the cheap way.

pint looks for numpy, dask, babel, uncertainties and scipy when it is imported, to let
its quantities wrap their arrays; reconcile only ever gives it plain floats, and importing
numpy and dask costs more than half of pint's own import (0.2–0.4 s of a check of a few
claims). When none of them is imported yet, pint is imported with them hidden, then they
are visible again to whatever imports them later (pandas, the Dask engine).
"""

from __future__ import annotations

import sys
from types import ModuleType

__all__ = ["pint_module"]

_PINT_OPTIONAL = ("numpy", "dask", "babel", "uncertainties", "scipy")


def pint_module() -> ModuleType:
    """`import pint`, without its array back-ends when the process has not loaded them."""
    module = sys.modules.get("pint")
    if module is not None:
        return module
    hidden = [name for name in _PINT_OPTIONAL if name not in sys.modules]
    if len(hidden) < len(_PINT_OPTIONAL):
        hidden = []  # something already uses them: pint should see them too
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # how Python spells "cannot be imported"
    try:
        import pint
    finally:
        for name in hidden:
            del sys.modules[name]
    return pint
