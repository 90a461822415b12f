"""The logical axioms of an ontology about each of its own terms, as short readable lines
(Manchester-like: ``(p some C)``, ``(A or B)``, ``{a, b}``), so that two versions can be compared
axiom by axiom (see :mod:`bpo_kg.publish.release_notes`)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from bpo_kg import BPO_NS

_QUANTIFIERS = {OWL.someValuesFrom: "some", OWL.allValuesFrom: "only", OWL.hasValue: "value"}
_LISTS = {OWL.intersectionOf: " and ", OWL.unionOf: " or "}
_CHARACTERISTICS = {
    OWL.FunctionalProperty: "functional",
    OWL.TransitiveProperty: "transitive",
    OWL.SymmetricProperty: "symmetric",
    OWL.InverseFunctionalProperty: "inverse functional",
}
#: mappings to outside vocabularies (annotations, but changes users rely on)
_MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
#: statements about a term that are logic, not annotation
_LOGICAL = (
    RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith, RDFS.domain, RDFS.range, RDFS.subPropertyOf,
    OWL.inverseOf, OWL.propertyChainAxiom, OWL.propertyDisjointWith, RDF.type,
)  # fmt: skip


_PREFIXES = {BPO_NS: "bpo:", str(RDFS): "rdfs:", str(OWL): "owl:", str(SKOS): "skos:"}


def name(term: Node) -> str:
    if isinstance(term, URIRef):
        for namespace, prefix in _PREFIXES.items():
            if term.startswith(namespace):
                return prefix + term[len(namespace) :]
        return f"<{term}>"
    return term.n3() if isinstance(term, Literal) else "_"


def expression(graph: Graph, node: Node) -> str:
    """A class expression (or a named term) as text."""
    if not isinstance(node, BNode):
        return name(node)
    for prop, joiner in _LISTS.items():
        if (items := graph.value(node, prop)) is not None:
            return "(" + joiner.join(sorted(expression(graph, m) for m in Collection(graph, items))) + ")"
    if (items := graph.value(node, OWL.oneOf)) is not None:
        return "{" + ", ".join(sorted(name(m) for m in Collection(graph, items))) + "}"
    on = graph.value(node, OWL.onProperty)
    for prop, word in _QUANTIFIERS.items():
        if on is not None and (filler := graph.value(node, prop)) is not None:
            return f"({name(on)} {word} {expression(graph, filler)})"
    return "(an expression this renderer does not know)"


def term_axioms(graph: Graph) -> dict[str, set[str]]:
    """For each own term (IRI in the bpo namespace), the set of its logical axioms and SKOS mappings
    as text; plus the global disjointness and distinctness axioms under the key ``""``."""
    found: dict[str, set[str]] = {}
    for prop in _LOGICAL + _MAPPINGS:
        for subject, value in graph.subject_objects(prop):
            if not (isinstance(subject, URIRef) and subject.startswith(BPO_NS)):
                continue
            if prop == RDF.type:
                if value not in _CHARACTERISTICS:
                    continue
                text = _CHARACTERISTICS[value]
            elif prop == OWL.propertyChainAxiom:
                text = "chain " + " o ".join(name(step) for step in Collection(graph, value))
            else:
                text = f"{name(prop)} {expression(graph, value)}"
            found.setdefault(str(subject), set()).add(text)
    groups = ((OWL.AllDisjointClasses, OWL.members, "disjoint"), (OWL.AllDifferent, OWL.distinctMembers, "different"))
    for kind, members, word in groups:
        for group in graph.subjects(RDF.type, kind):
            listed = sorted(name(m) for m in Collection(graph, graph.value(group, members)))
            found.setdefault("", set()).add(f"{word}: " + ", ".join(listed))
    return found
