"""reconcile: check numeric claims from many sources against each other.

    import reconcile
    report = reconcile.check("claims/")
    report.findings_frame()

The public surface is `__all__` (a test keeps it complete); everything else is internal.
The pipeline, one package per stage, data flowing one way:

    lexicon/ units/ values/       what a written number means (vocabulary, units, intervals)
    load/                         claim files and reconcile.toml → Claims with file:line
    consistency/                  groups, derivations, a source's own arithmetic, consensus → Findings
    pipeline.py                   files → Report (what `check` runs)
    present/                      Report → text, JSON, SARIF, GitHub, HTML; explain; baseline; frames
    extract/                      article text → candidate claim files
    cli.py                        the `reconcile` command
"""

from typing import TYPE_CHECKING, Any

from .errors import (
    BaselineError,
    ConfigError,
    InputError,
    LoadError,
    ReconcileError,
    UnitError,
    UsageError,
    ValueParseError,
)
from .model import (
    Bound,
    Claim,
    ClaimKind,
    Derived,
    Estimate,
    Finding,
    Interval,
    Location,
    Measure,
    Period,
    Policy,
    Report,
    Severity,
    Source,
    SourceKind,
    SourceRecord,
    Value,
)

__version__ = "0.1.0"

__all__ = [
    "BaselineError",
    "Bound",
    "Claim",
    "ClaimKind",
    "ConfigError",
    "Derived",
    "Estimate",
    "Finding",
    "InputError",
    "Interval",
    "LoadError",
    "Location",
    "Measure",
    "Period",
    "Policy",
    "ReconcileError",
    "Report",
    "Severity",
    "Source",
    "SourceKind",
    "SourceRecord",
    "UnitError",
    "UsageError",
    "Value",
    "ValueParseError",
    "__version__",
    "check",
]

if TYPE_CHECKING:
    from .pipeline import check


def __getattr__(name: str) -> Any:
    # `check` pulls in pint, networkx and YAML; importing the package (e.g. for the
    # text extractor) should not pay for them until they are used.
    if name == "check":
        from .pipeline import check

        return check
    raise AttributeError(f"module 'reconcile' has no attribute {name!r}")
