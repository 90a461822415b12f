"""SHACL validation of instance data with pySHACL, as a typed report (text or JSON).

The ontology is pySHACL's ``ont_graph``, so ``sh:targetClass`` reaches instances of subclasses.
What the reasoner entailed may be passed in as ``entailments`` (see
``ReasoningReport.entailments``): the inferred class hierarchy and the inferred types. Then
``sh:class`` and ``sh:targetClass`` see what HermiT knows (a telemarketing service *is* a business
service, through the defined class of voice services), and shapes on defined classes such as
``bpo:CallCentreOperator`` reach the individuals HermiT classified, not only those asserted.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import RDF, SH

from bpo_kg.load import load_graph
from bpo_kg.resources import shapes_files


class ShapesError(Exception):
    """The shapes could not be applied (pySHACL refused them); a one-line message."""


_SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result."""

    focus: str
    path: str | None
    value: str | None
    severity: str
    component: str
    message: str
    shape: str | None


@dataclass
class ValidationReport:
    """All results of one validation run."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    shapes: int = 0

    def to_json(self) -> str:
        return json.dumps(
            {"conforms": self.conforms, "shapes": self.shapes, "violations": [asdict(v) for v in self.violations]},
            indent=2,
            ensure_ascii=False,
        )

    def to_text(self, shorten: Callable[[str], str] = str) -> str:
        if self.conforms:
            return f"conforms: yes ({self.shapes} shapes)"
        lines = [f"conforms: NO ({len(self.violations)} result(s), {self.shapes} shapes)"]
        by_focus: dict[str, list[Violation]] = defaultdict(list)
        for violation in self.violations:
            by_focus[violation.focus].append(violation)
        for focus in sorted(by_focus):
            lines.append(f"  {shorten(focus)}")
            for v in by_focus[focus]:
                where = f"{shorten(v.path)}: " if v.path else ""
                value = f" [value: {shorten(v.value)}]" if v.value is not None else ""
                lines.append(f"    {v.severity.lower()}: {where}{v.message}{value}")
        return "\n".join(lines)


def load_shapes() -> Graph:
    """The shipped shapes graph."""
    return load_graph(shapes_files())


def _path_text(graph: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, BNode):
        inverse = graph.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + str(inverse)
        return "(complex path)"
    return str(path)


def term_text(term: Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.n3()
    return str(term) if isinstance(term, URIRef) else f"_:{term}"


def _node_shape(shapes: Graph, source: Node | None) -> str | None:
    """The named node shape a result came from (property shapes are blank nodes under sh:property)."""
    if isinstance(source, BNode):
        source = shapes.value(None, SH.property, source) or shapes.value(None, SH.sparql, source)
    return str(source) if isinstance(source, URIRef) else None


def _results(results: Graph, shapes: Graph) -> list[Violation]:
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        source = results.value(result, SH.sourceShape)
        found.append(
            Violation(
                focus=term_text(results.value(result, SH.focusNode)) or "",
                path=_path_text(results, results.value(result, SH.resultPath)),
                value=term_text(results.value(result, SH.value)),
                severity=_SEVERITY.get(results.value(result, SH.resultSeverity), "Violation"),
                component=str(results.value(result, SH.sourceConstraintComponent)),
                message=" ".join(str(results.value(result, SH.resultMessage) or "").split()),
                shape=_node_shape(shapes, source),
            )
        )
    return sort_violations(found)


def sort_violations(found: list[Violation]) -> list[Violation]:
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.component, v.value or "", v.message))


def validate(
    data: Graph, ontology: Graph, shapes: Graph | None = None, entailments: Graph | None = None
) -> ValidationReport:
    """Validate ``data`` against the shapes (default: the shipped ones) with ``ontology`` as ont_graph."""
    shapes = shapes if shapes is not None else load_shapes()
    target = data
    if entailments is not None and len(entailments):
        target = Graph()
        target += data
        target += entailments
    conforms, results, _text = pyshacl_validate(
        target,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        meta_shacl=False,
        advanced=True,
    )
    if not isinstance(results, Graph):  # pySHACL returns a ValidationFailure for unusable shapes
        raise ShapesError(f"SHACL validation failed to run: {' '.join(str(results).split())}")
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    return ValidationReport(conforms=bool(conforms), violations=_results(results, shapes), shapes=len(node_shapes))
