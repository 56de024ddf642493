"""The claim graph → graded findings, worst first. Pure: no I/O.

    outliers.py    within a group: members outside the largest consistent set, ties, spreads
    grade_arithmetic (below): a source's stated result that its own figures do not give
    changes.py     across groups: changes between periods, projections against estimates
    comparisons.py across entities: a stated comparison against both entities' figures

Severities follow the policy; messages are the templates in `rules.py`.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import formatting
from ..errors import InputError
from ..model import SEVERITY_RANK, Finding, Location, Severity, finding_id, finding_key
from ..rules import message
from .changes import grade_changes, grade_stated_changes
from .comparisons import grade_comparisons
from .findings import Grading, member_of_claim, member_of_derived
from .graph import ClaimGraph
from .outliers import grade_group
from .wholes import grade_whole_numbers

__all__ = ["finding_order", "grade", "grade_all", "input_finding", "sort_findings"]


def grade(graph: ClaimGraph) -> list[Finding]:
    """Every finding of the graph, worst first."""
    return sort_findings(grade_all(graph).findings.values())


def grade_all(graph: ClaimGraph) -> Grading:
    """Every finding (unsorted) and every group's best estimate."""
    grading = Grading(graph)
    grading.faulty_arithmetic = {
        check.claim.id
        for check in graph.arithmetic
        if not check.derived.interval.overlaps(check.claim.value.result_interval)
    }
    for group in graph.groups.values():
        grade_group(grading, group)
    grade_arithmetic(grading)
    grade_changes(grading)
    grade_stated_changes(grading)
    grade_comparisons(grading)
    grade_whole_numbers(grading)
    return grading


def grade_arithmetic(grading: Grading) -> None:
    """A stated result its own figures do not give: one finding, naming the stated result."""
    for check in grading.graph.arithmetic:
        claim, derived = check.claim, check.derived
        stated = claim.value.result_interval
        if derived.interval.overlaps(stated):
            continue
        gap = derived.interval.gap(stated)
        member = member_of_claim(claim)
        computed = member_of_derived(derived, grading.graph.claims)
        text = message(
            "arithmetic-inconsistency",
            entity=claim.entity,
            measure=formatting.unit(claim.measure.name) or formatting.unit(claim.value.unit) or "a pure number",
            source=claim.source.id,
            stated=claim.value.text,
            claim=claim.id,
            computed=derived.explanation,
            gap=formatting.percent(gap),
        )
        grading.add(
            "arithmetic-inconsistency",
            grading.severity(gap),
            None,
            [member, computed],
            text,
            gap,
            derived.interval,
            claims=(claim.id, *derived.claims),
            entity=claim.entity,
            measure=claim.value.measure,
            culprit=claim.id,
        )


def input_finding(problem: InputError) -> Finding:
    location = Location(problem.file, problem.line) if problem.file else None
    key = finding_key(problem.rule, None, None, [str(location) if location else "", problem.message])
    return Finding(
        id=finding_id(key), rule=problem.rule, severity=Severity.ERROR, message=problem.message, location=location
    )


def finding_order(f: Finding) -> tuple[int, float, str, str]:
    """A report's order of findings: the most severe first, then the widest gap."""
    return (SEVERITY_RANK[f.severity], -(f.gap or 0), f.entity or "", f.id)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=finding_order)
