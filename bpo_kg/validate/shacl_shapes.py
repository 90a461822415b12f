"""What a SHACL shape means for the scale engine: its focus nodes and its path as SPARQL patterns, its
message and severity, and the constructs it uses that the engine does not compile (refused, loudly).

Patterns bind ``?this`` (a focus node) and ``?v`` (a value node); a node shape's value node is its focus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from bpo_kg.errors import UnsupportedError
from bpo_kg.validate.report import SEVERITY, named_shape, path_text

SubclassesOf = Callable[[URIRef], list[Node]]
_REPEATS = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# Shape parameters that are not constraints (or are read with the constraint they belong to).
NOT_CONSTRAINTS = {
    *TARGETS,
    SH.path,
    SH.message,
    SH.name,
    SH.description,
    SH.severity,
    SH.order,
    SH.group,
    SH.defaultValue,
    SH.deactivated,
    SH.ignoredProperties,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
    SH.qualifiedValueShapesDisjoint,
    SH.declare,
    SH.prefixes,
    SH.sparql,
    SH.property,
}


def refuse(shape: Node, construct: str) -> UnsupportedError:
    """The error for a construct of ``shape`` the scale engine does not compile."""
    return UnsupportedError(f"{shape}: the scale engine does not evaluate {construct} (use --store memory)")


def sparql_path(shapes: Graph, shape: Node, path: Node) -> str:
    """A SHACL path as a SPARQL property path; refused if it is no well-formed SHACL path."""
    if isinstance(path, URIRef):
        return path.n3()
    if isinstance(path, BNode):
        if shapes.value(path, RDF.first) is not None:
            steps = list(Collection(shapes, path))
            if len(steps) >= 2:
                return "(" + "/".join(sparql_path(shapes, shape, step) for step in steps) + ")"
        described = list(shapes.predicate_objects(path))
        if len(described) == 1:
            (kind, inner), *_ = described
            if kind == SH.inversePath:
                return "^" + sparql_path(shapes, shape, inner)
            if kind == SH.alternativePath and len(members := list(Collection(shapes, inner))) >= 2:
                return "(" + "|".join(sparql_path(shapes, shape, member) for member in members) + ")"
            if kind in _REPEATS:
                return "(" + sparql_path(shapes, shape, inner) + ")" + _REPEATS[kind]
    raise refuse(shape, f"the path {path} (not a well-formed SHACL path)")


@cache
def stored_as_written(term: Node) -> bool:
    """False for a literal Oxigraph rewrites ("4.0"^^xsd:decimal is stored as "4"^^xsd:decimal,
    "5"^^xsd:int as "5"^^xsd:integer): compared by identity in the store, it would match other terms."""
    if not isinstance(term, Literal):
        return True
    store = ox.Store()
    literal = ox.Literal(str(term), language=term.language) if term.language else None
    literal = literal or ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), literal))
    return next(iter(store)).object == literal


def as_written(shape: Node, terms: Iterable[Node], parameter: str) -> list[Node]:
    """``terms``, refused if the store would rewrite one of them."""
    terms = sorted(terms)
    for term in terms:
        if not stored_as_written(term):
            raise refuse(shape, f"{parameter} {term.n3()} (the store rewrites this literal)")
    return terms


def focus_pattern(shapes: Graph, shape: Node, subclasses: SubclassesOf) -> str | None:
    """A pattern binding ``?this`` to each focus node of ``shape``'s targets (None: it has none)."""
    classes = set(shapes.objects(shape, SH.targetClass))
    if (shape, RDF.type, RDFS.Class) in shapes:  # an implicit class target
        classes.add(shape)
    alternatives = [instances_of(cls, subclasses) for cls in sorted(classes)]
    nodes = as_written(shape, shapes.objects(shape, SH.targetNode), "sh:targetNode")
    if nodes:
        alternatives.append("VALUES ?this { " + " ".join(node.n3() for node in nodes) + " }")
    alternatives += [f"?this {p.n3()} [] ." for p in sorted(shapes.objects(shape, SH.targetSubjectsOf))]
    alternatives += [f"[] {p.n3()} ?this ." for p in sorted(shapes.objects(shape, SH.targetObjectsOf))]
    for parameter in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf):
        if any(not isinstance(value, URIRef) for value in shapes.objects(shape, parameter)):
            raise refuse(shape, f"a {parameter} that is not an IRI")
    if not alternatives:
        return None
    if len(alternatives) == 1 and alternatives[0].startswith("?this a <"):  # one class: no duplicates
        return alternatives[0]
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(f"{{ {a} }}" for a in alternatives) + " } }"


def instances_of(cls: Node, subclasses: SubclassesOf) -> str:
    """A pattern binding ``?this`` to the SHACL instances of ``cls`` (rdf:type/rdfs:subClassOf*)."""
    classes = subclasses(cls) if isinstance(cls, URIRef) else [cls]
    if len(classes) == 1:
        return f"?this a {classes[0].n3()} ."
    return f"?this a ?class_ . VALUES ?class_ {{ {' '.join(c.n3() for c in classes)} }}"


def values_of(focus: str, step: str) -> str:
    """The focus pattern of a shape checked on the value nodes of ``focus`` and ``step``."""
    return (
        f"{{ SELECT DISTINCT ?this WHERE {{ {{ SELECT DISTINCT ?v WHERE {{ {focus} {step} }} }} BIND(?v AS ?this) }} }}"
    )


@dataclass(frozen=True)
class Shape:
    """A shape to check over the focus nodes ``focus`` binds: how ``?this`` reaches its values ``?v``."""

    node: Node
    focus: str
    step: str  # binds ?v from ?this
    reaches: str  # true when ?this reaches a bound ?v
    path: str | None  # as reports show it; None for a node shape
    severity: str
    message: str
    reported_as: str | None  # the named shape results are reported under

    @property
    def is_property_shape(self) -> bool:
        return self.path is not None


def shape_at(shapes: Graph, node: Node, focus: str) -> Shape:
    """``node`` as a shape over the focus nodes ``focus`` binds."""
    path = shapes.value(node, SH.path)
    if path is None:
        step, reaches, shown = "BIND(?this AS ?v)", "FILTER(sameTerm(?this, ?v))", None
    else:
        step = f"?this {sparql_path(shapes, node, path)} ?v ."
        reaches, shown = step, path_text(shapes, path)
    severity = shapes.value(node, SH.severity)
    return Shape(
        node=node,
        focus=focus,
        step=step,
        reaches=reaches,
        path=shown,
        severity=SEVERITY.get(severity, "Violation") if severity is not None else "Violation",
        message=message_of(shapes, node),
        reported_as=named_shape(shapes, node),
    )


def message_of(shapes: Graph, node: Node) -> str:
    """The shape's sh:message (an untagged or English one first), whitespace collapsed; "" if none."""
    messages = sorted(
        shapes.objects(node, SH.message), key=lambda m: (getattr(m, "language", None) not in {None, "en"}, m)
    )
    return " ".join(str(messages[0]).split()) if messages else ""


def is_deactivated(shapes: Graph, node: Node) -> bool:
    return shapes.value(node, SH.deactivated) == Literal(True)
