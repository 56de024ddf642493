"""reconcile: check numeric claims from many sources against each other.

    import reconcile
    report = reconcile.check("claims/")
    report.findings_frame()

The public surface is `__all__`; everything else is internal.
"""

from typing import TYPE_CHECKING

from .errors import ConfigError, InputError, LoadError, ReconcileError, UnitError, UsageError, ValueParseError
from .model import Claim, Derived, Finding, Interval, Location, Period, Policy, Report, Source, Value

__all__ = [
    "check",
    "Claim", "Derived", "Finding", "Interval", "Location", "Period", "Policy", "Report", "Source", "Value",
    "ReconcileError", "InputError", "LoadError", "ValueParseError", "UnitError", "ConfigError", "UsageError",
]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from .pipeline import check


def __getattr__(name: str):
    # `check` pulls in pint, networkx and YAML; importing the package (e.g. for the
    # text extractor) should not pay for them until they are used.
    if name == "check":
        from .pipeline import check

        return check
    raise AttributeError(f"module 'reconcile' has no attribute {name!r}")
