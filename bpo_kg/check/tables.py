"""The check report as tables, for a workbook: the findings (one row per SHACL result or problem,
with the sheet and row the resource came from) and the roles HermiT inferred."""

from __future__ import annotations

from collections.abc import Callable

from bpo_kg.check.report import CheckReport
from bpo_kg.engines import KnowledgeGraph, labels
from bpo_kg.sheets.tables import Table

FINDINGS_HEADER = ("severity", "entity", "label", "message", "property", "value", "came from")
ROLES_HEADER = ("entity", "label", "inferred to be", "why", "came from")


def check_tables(report: CheckReport, graph: KnowledgeGraph, shorten: Callable[[str], str]) -> dict[str, Table]:
    """``findings`` and ``inferred roles`` of ``report`` (labels from the data, entities as prefixed names)."""
    names = labels(graph)
    origins = graph.data.origins if graph.data else {}
    findings: list[list[str]] = []
    if not report.reasoning.consistent:
        findings.append(["Inconsistent", "", "", "the data contradicts the ontology (see 'bpo-kg reason')", "", "", ""])
    for v in report.validation.violations:
        value = shorten(v.value) if v.value else ""
        path = shorten(v.path) if v.path else ""
        findings.append(
            [v.severity, shorten(v.focus), names.get(v.focus, ""), v.message, path, value, origins.get(v.focus, "")]
        )
    roles = [
        [shorten(c.iri), c.name, ", ".join(shorten(role) for role in c.roles), c.sentence, c.origin or ""]
        for c in [*report.providers, *report.sites]
    ]
    return {"findings": (FINDINGS_HEADER, findings), "inferred roles": (ROLES_HEADER, roles)}
