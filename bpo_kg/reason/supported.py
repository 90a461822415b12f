"""What the scale engine's rule compiler understands of an ontology, and a loud refusal of the rest.

The rules (:mod:`bpo_kg.reason.rules`) and clash queries (:mod:`bpo_kg.reason.clashes`) are compiled
from a fixed set of OWL constructs. An axiom built from anything else would be ignored by them
while HermiT uses it: a silent disagreement. :func:`check_supported` refuses such an ontology with
the construct named, before any rule runs.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from bpo_kg.errors import UnsupportedError

#: predicates the compiler reads, or that carry no logic (headers, annotations, lists)
PREDICATES = frozenset(
    {
        RDF.type, RDF.first, RDF.rest,
        RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range,
        RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy,
        OWL.equivalentClass, OWL.disjointWith, OWL.inverseOf, OWL.propertyChainAxiom, OWL.propertyDisjointWith,
        OWL.onProperty, OWL.someValuesFrom, OWL.allValuesFrom, OWL.hasValue,
        OWL.intersectionOf, OWL.unionOf, OWL.oneOf, OWL.members, OWL.distinctMembers,
        OWL.imports, OWL.versionIRI, OWL.versionInfo, OWL.priorVersion, OWL.deprecated,
    }
)  # fmt: skip

#: kinds of OWL entity and axiom the compiler handles (rdf:type objects in the OWL namespace)
OWL_TYPES = frozenset(
    {
        OWL.Ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
        OWL.NamedIndividual, OWL.Restriction, OWL.FunctionalProperty, OWL.TransitiveProperty,
        OWL.AllDisjointClasses, OWL.AllDifferent,
    }
)  # fmt: skip


def check_supported(ontology: Graph) -> None:
    """Raise :class:`UnsupportedError` naming the first OWL construct the scale engine does not
    compile (an OWL or RDFS term outside :data:`PREDICATES` and :data:`OWL_TYPES`)."""
    annotations = set(ontology.subjects(RDF.type, OWL.AnnotationProperty))
    for predicate in sorted(set(ontology.predicates()) - PREDICATES - annotations):
        if str(predicate).startswith((str(OWL), str(RDFS))):
            raise UnsupportedError(
                f"the ontology uses {predicate}, which the scale engine does not compile: {_advice()}"
            )
    for kind in sorted(set(ontology.objects(None, RDF.type))):
        if isinstance(kind, URIRef) and str(kind).startswith(str(OWL)) and kind not in OWL_TYPES:
            raise UnsupportedError(f"the ontology uses {kind}, which the scale engine does not compile: {_advice()}")


def _advice() -> str:
    return "its rules would ignore what HermiT uses (use --store memory)"
