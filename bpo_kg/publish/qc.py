"""Quality control of the ontology: SPARQL queries (``queries/qc/``) that must return zero rows."""

from __future__ import annotations

import json
from dataclasses import dataclass

from rdflib import Graph

from bpo_kg.query import QueryFile, read_query_folder
from bpo_kg.resources import queries_dir


@dataclass
class QCResult:
    """The rows one QC query found: each row is a violation."""

    name: str
    description: str
    severity: str
    rows: list[dict[str, str]]

    @property
    def passed(self) -> bool:
        return not self.rows


def qc_queries() -> list[QueryFile]:
    """The shipped QC queries."""
    return read_query_folder(queries_dir() / "qc")


def run_qc(graph: Graph, queries: list[QueryFile] | None = None) -> list[QCResult]:
    """Run every QC query over ``graph`` (the merged ontology files)."""
    results = []
    for query in queries if queries is not None else qc_queries():
        rows = [{str(var): str(value) for var, value in row.asdict().items()} for row in graph.query(query.prepared)]
        results.append(QCResult(query.name, query.description, query.metadata.get("severity", "ERROR"), rows))
    return results


def render_text(results: list[QCResult]) -> str:
    lines = []
    for result in results:
        status = "ok" if result.passed else f"{len(result.rows)} violation(s)"
        lines.append(f"{result.name}: {status}")
        lines += ["  " + ", ".join(f"{name}: {value}" for name, value in row.items()) for row in result.rows]
    return "\n".join(lines)


def render_json(results: list[QCResult]) -> str:
    return json.dumps([r.__dict__ for r in results], indent=2, ensure_ascii=False)
