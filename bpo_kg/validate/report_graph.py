"""A validation report as the standard SHACL validation report graph (``sh:ValidationReport`` with
one ``sh:ValidationResult`` per result), for tools that read SHACL reports."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.paths import AlternativePath, InvPath, MulPath, Path, SequencePath
from rdflib.plugins.sparql import prepareQuery
from rdflib.util import from_n3

from bpo_kg.validate.report import ValidationReport

_REPEATS = {"*": SH.zeroOrMorePath, "+": SH.oneOrMorePath, "?": SH.zeroOrOnePath}


def report_graph(report: ValidationReport) -> Graph:
    """The SHACL validation report graph of ``report``."""
    graph = Graph()
    graph.bind("sh", SH)
    node = BNode()
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(report.conforms)))
    for violation in report.violations:
        result = BNode()
        graph.add((node, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.focusNode, _term(violation.focus)))
        if violation.path is not None:
            graph.add((result, SH.resultPath, _path(graph, violation.path)))
        if violation.value is not None:
            graph.add((result, SH.value, _term(violation.value)))
        graph.add((result, SH.resultSeverity, SH[violation.severity]))
        graph.add((result, SH.sourceConstraintComponent, URIRef(violation.component)))
        if violation.shape is not None:
            graph.add((result, SH.sourceShape, _term(violation.shape)))
        if violation.message:
            graph.add((result, SH.resultMessage, Literal(violation.message)))
    return graph


def _term(text: str) -> Node:
    """A node as reports write it: an IRI, ``_:label``, or a literal in N3 form."""
    if text.startswith("_:"):
        return BNode(text[2:])
    if text.startswith('"'):
        return from_n3(text)
    return URIRef(text)


def _path(graph: Graph, text: str) -> Node:
    """A result path as reports write it (an IRI, or SPARQL property path syntax) as a SHACL path."""
    if not text.startswith(("^", "(")):
        return URIRef(text)
    query = prepareQuery(f"SELECT * WHERE {{ ?s {text} ?o }}")
    return _shacl_path(graph, query.algebra.p.p.triples[0][1])


def _shacl_path(graph: Graph, path: Path | URIRef) -> Node:
    if isinstance(path, URIRef):
        return path
    node = BNode()
    if isinstance(path, InvPath):
        graph.add((node, SH.inversePath, _shacl_path(graph, path.arg)))
    elif isinstance(path, SequencePath):
        Collection(graph, node, [_shacl_path(graph, step) for step in path.args])
    elif isinstance(path, AlternativePath):
        graph.add(
            (node, SH.alternativePath, Collection(graph, BNode(), [_shacl_path(graph, a) for a in path.args]).uri)
        )
    elif isinstance(path, MulPath):
        graph.add((node, _REPEATS[path.mod], _shacl_path(graph, path.path)))
    return node
