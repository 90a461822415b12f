"""Graphviz diagrams of the ontology: the class hierarchy and the engagement pattern (DOT → SVG, PNG)."""

from __future__ import annotations

import shutil
import subprocess

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from bpo_kg import BPO_NS
from bpo_kg.errors import DiagramError


def _label(graph: Graph, iri: str) -> str:
    english = [str(o) for o in graph.objects(URIRef(iri), RDFS.label) if getattr(o, "language", None) == "en"]
    return english[0] if english else iri.split("#")[-1]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _own_classes(graph: Graph) -> list[str]:
    return sorted(str(s) for s in graph.subjects(RDF.type, OWL.Class) if str(s).startswith(BPO_NS))


def class_hierarchy_dot(graph: Graph) -> str:
    """Own classes and their direct named superclasses (give it bpo-full for the inferred hierarchy)."""
    defined = {str(s) for s in graph.subjects(OWL.equivalentClass, None)}
    lines = [
        "digraph ClassHierarchy {",
        '  rankdir=RL; node [shape=box, style="rounded,filled", fontname="Helvetica", '
        'fontsize=10]; edge [arrowhead=empty, color="#555555"];',
    ]
    for iri in _own_classes(graph):
        colour = "#dbe9f6" if iri in defined else "#f4f4f4"
        lines.append(
            f"  {_quote(iri)} [label={_quote(_label(graph, iri))}, fillcolor={_quote(colour)}, "
            f"URL={_quote('#' + iri.split('#')[-1])}];"
        )
    for iri in _own_classes(graph):
        for parent in sorted(
            str(o)
            for o in graph.objects(URIRef(iri), RDFS.subClassOf)
            if isinstance(o, URIRef) and str(o).startswith(BPO_NS)
        ):
            lines.append(f"  {_quote(iri)} -> {_quote(parent)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def engagement_pattern_dot(graph: Graph) -> str:
    """Every own object property with a named domain and range, drawn as an arrow between classes."""
    edges = []
    for prop in sorted(str(s) for s in graph.subjects(RDF.type, OWL.ObjectProperty) if str(s).startswith(BPO_NS)):
        domain, range_ = graph.value(URIRef(prop), RDFS.domain), graph.value(URIRef(prop), RDFS.range)
        if isinstance(domain, URIRef) and isinstance(range_, URIRef):
            edges.append((str(domain), _label(graph, prop), str(range_)))
    nodes = sorted({end for d, _, r in edges for end in (d, r)})
    lines = [
        "digraph EngagementPattern {",
        '  rankdir=LR; node [shape=box, style="rounded,filled", '
        'fillcolor="#f4f4f4", fontname="Helvetica", fontsize=10]; edge [fontname="Helvetica", fontsize=9];',
    ]
    for iri in nodes:
        fill = ', fillcolor="#fde9c9"' if iri == BPO_NS + "OutsourcingEngagement" else ""
        lines.append(f"  {_quote(iri)} [label={_quote(_label(graph, iri))}{fill}];")
    lines += [f"  {_quote(d)} -> {_quote(r)} [label={_quote(p)}];" for d, p, r in edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(dot_source: str, fmt: str) -> bytes:
    """Run Graphviz ``dot`` on the source; ``fmt`` is svg or png."""
    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError("Graphviz 'dot' not found: apt-get install graphviz")
    done = subprocess.run([dot, f"-T{fmt}"], input=dot_source.encode("utf-8"), capture_output=True, timeout=120)
    if done.returncode != 0:
        raise DiagramError(f"dot failed: {done.stderr.decode('utf-8', 'replace').strip()[:300]}")
    return done.stdout


def diagrams(graph: Graph) -> dict[str, bytes]:
    """SVG and PNG of both diagrams, by file name."""
    sources = {"class-hierarchy": class_hierarchy_dot(graph), "engagement-pattern": engagement_pattern_dot(graph)}
    return {f"{name}.{fmt}": render(source, fmt) for name, source in sources.items() for fmt in ("svg", "png")}
