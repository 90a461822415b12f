"""The exact engine's validation: pySHACL over the data, with the ontology as its ``ont_graph``.

``sh:targetClass`` so reaches instances of subclasses.
What the reasoner entailed may be passed in as ``entailments`` (see
``ReasoningReport.entailments``): the inferred class hierarchy and the inferred types. Then
``sh:class`` and ``sh:targetClass`` see what HermiT knows (a telemarketing service *is* a business
service, through the defined class of voice services), and shapes on defined classes such as
``bpo:CallCentreOperator`` reach the individuals HermiT classified, not only those asserted.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Node
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor

from bpo_kg.errors import ShapesError
from bpo_kg.validate.report import (
    SEVERITY,
    ValidationReport,
    Violation,
    named_shape,
    path_text,
    sort_violations,
    term_text,
)


def report_violations(results: Graph, shapes: Graph, result_nodes: Iterable[Node]) -> list[Violation]:
    """The records of the sh:ValidationResult nodes ``result_nodes`` of the report graph ``results``."""
    found = []
    for result in result_nodes:
        source = results.value(result, SH.sourceShape)
        found.append(
            Violation(
                focus=term_text(results.value(result, SH.focusNode)) or "",
                path=path_text(results, results.value(result, SH.resultPath)),
                value=term_text(results.value(result, SH.value)),
                severity=SEVERITY.get(results.value(result, SH.resultSeverity), "Violation"),
                component=str(results.value(result, SH.sourceConstraintComponent)),
                message=" ".join(str(results.value(result, SH.resultMessage) or "").split()),
                shape=named_shape(shapes, source),
            )
        )
    return sort_violations(found)


_PATCH_LOCK = threading.Lock()


@contextmanager
def _each_query_parsed_once() -> Iterator[None]:
    """pySHACL runs a SPARQL-based constraint once per focus node, with the same text, and rdflib
    parses and translates that text every time (a few milliseconds each, most of the time of a
    validation with SPARQL constraints). Meanwhile, each text is parsed once: rdflib evaluates a
    translated query without changing it, as it does for its own prepared queries."""
    original = SPARQLProcessor.query
    translated: dict[tuple, object] = {}

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((initNs or {}).items())))
            if key not in translated:
                translated[key] = translateQuery(parseQuery(strOrQuery), base, initNs)
            strOrQuery = translated[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    with _PATCH_LOCK:  # one validation patches at a time; the original is always restored
        SPARQLProcessor.query = query
        try:
            yield
        finally:
            SPARQLProcessor.query = original


def validate(data: Graph, ontology: Graph, shapes: Graph, entailments: Graph | None = None) -> ValidationReport:
    """Validate ``data`` against ``shapes`` with ``ontology`` as ont_graph (and ``entailments`` added)."""
    target = data
    if entailments is not None and len(entailments):
        target = Graph()
        target += data
        target += entailments
    with _each_query_parsed_once():
        conforms, results, _text = pyshacl_validate(
            target,
            shacl_graph=shapes,
            ont_graph=ontology,
            inference="none",
            abort_on_first=False,
            allow_warnings=False,  # as the spec: any result, whatever its severity, fails
            meta_shacl=False,
            advanced=True,
        )
    if not isinstance(results, Graph):  # pySHACL returns a ValidationFailure for unusable shapes
        raise ShapesError(f"SHACL validation failed to run: {' '.join(str(results).split())}")
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    return ValidationReport(
        conforms=bool(conforms),
        violations=report_violations(results, shapes, results.objects(None, SH.result)),
        shapes=len(node_shapes),
    )
