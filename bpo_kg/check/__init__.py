"""The main job, on any engine: reason, validate, and a report a person reads (or JSON).

The knowledge graph was loaded once (:func:`bpo_kg.engines.open_knowledge_graph`); every stage works
on it, nothing is parsed twice.
"""

from __future__ import annotations

from bpo_kg.check.report import CheckReport, Classification
from bpo_kg.check.roles import classify, labels
from bpo_kg.engines import KnowledgeGraph, ServerDataset
from bpo_kg.explain import explain

EXPLAIN_UP_TO = 50_000  # data triples: above, the check says to run 'bpo-kg explain' instead

__all__ = ["CheckReport", "Classification", "labels", "run_check"]


def run_check(graph: KnowledgeGraph) -> CheckReport:
    """Reason over and validate a loaded knowledge graph, and say what each provider and site is."""
    reasoning, validation = graph.reason(), graph.validate()
    data = graph.data
    report = CheckReport(
        files=[(str(path), n) for path, n in data.files] if data else [],
        triples=data.triples if data else 0,
        reasoning=reasoning,
        validation=validation,
        warnings=list(data.warnings) if data else [],
    )
    if isinstance(server := getattr(graph, "dataset", None), ServerDataset):  # checked inside a SPARQL server
        report.server, report.triples, report.warnings = server.described, server.triples(), list(server.warnings)
    if reasoning.consistent:
        classify(report, graph)
    elif data is not None and data.triples <= EXPLAIN_UP_TO:  # say why, not just that
        report.explanation = explain(graph)
    if data and data.origins:  # where each resource the report names came from (spreadsheets)
        named = {v.focus for v in validation.violations} | {c.iri for c in [*report.providers, *report.sites]}
        report.origins = {iri: data.origins[iri] for iri in sorted(named) if iri in data.origins}
    return report
