"""Stage 5, publish: what the ontology becomes for others — release artefacts (OWL, Turtle, JSON-LD
context, release notes), the HTML reference with its diagrams, and the quality-control report."""

from bpo_kg.errors import DiagramError, DocsError, ReleaseError
from bpo_kg.publish.diagrams import diagrams
from bpo_kg.publish.docs import build_docs
from bpo_kg.publish.graph_file import write_graph_file
from bpo_kg.publish.qc import QCResult, qc_queries, render_json, render_text, run_qc
from bpo_kg.publish.release import Release, build_release, check_version, jsonld_context, write_atomically

__all__ = [
    "DiagramError",
    "DocsError",
    "QCResult",
    "Release",
    "ReleaseError",
    "build_docs",
    "build_release",
    "check_version",
    "diagrams",
    "jsonld_context",
    "qc_queries",
    "render_json",
    "render_text",
    "run_qc",
    "write_atomically",
    "write_graph_file",
]
