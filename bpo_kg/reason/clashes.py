"""After the rules: the contradictions the scale engine finds, and what it cannot decide.

Every query reads every graph the rules write to: types in the default graph, property values in
the data or in the derived-values graph. A clash query's rows are contradictions HermiT finds too:
- an individual of two classes stated disjoint;
- two values of a functional object property known to differ, or two different literal values of a
  functional data property;
- a class's necessary condition ``∃p.F`` that the individual's known values cannot meet: ``p`` is
  functional and its value is known not to be an ``F``, or ``p`` is closed by the catalogue closure
  and every listed value is known not to be an ``F``.
An undecided query's rows name individuals where HermiT would conclude what the rules do not:
equality (two values of a functional property not known to differ, ``owl:sameAs`` in the data), an
individual of an enumerated class that is none of its members, schema axioms inside the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from bpo_kg.reason.exclusion import Exclusions, members
from bpo_kg.reason.report import ReasoningReport
from bpo_kg.reason.rules import TBoxView, implied_by_range

# Predicates and classes of OWL and RDFS that make a triple a schema axiom rather than a fact.
SCHEMA_PREDICATES = [
    RDFS.subClassOf,
    RDFS.subPropertyOf,
    RDFS.domain,
    RDFS.range,
    OWL.equivalentClass,
    OWL.equivalentProperty,
    OWL.disjointWith,
    OWL.inverseOf,
    OWL.propertyChainAxiom,
    OWL.onProperty,
    OWL.differentFrom,
    OWL.sameAs,
]
SCHEMA_CLASSES = [OWL.Class, OWL.Restriction, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.FunctionalProperty]


@dataclass(frozen=True)
class Undecided:
    """A SELECT whose rows the rules cannot decide: ``?x`` the individual, ``?t`` the term (property
    or class), ``?a`` and ``?b`` the values involved (if any); and how to say so."""

    query: str
    construct: str
    consequence: str


def _necessary(ontology: Graph, quantifier: URIRef = OWL.someValuesFrom) -> list[tuple[URIRef, URIRef, object]]:
    """(class, property, filler) for every ``∃property.filler`` (or ``∀`` with ``owl:allValuesFrom``)
    that every member of a named class must meet."""
    found = []
    for cls, expression in [*ontology.subject_objects(OWL.equivalentClass), *ontology.subject_objects(RDFS.subClassOf)]:
        if not (isinstance(cls, URIRef) and isinstance(expression, BNode)):
            continue
        parts = [expression]
        if (expression, OWL.intersectionOf, None) in ontology:
            parts = members(ontology, ontology.value(expression, OWL.intersectionOf))
        for part in parts:
            prop = ontology.value(part, OWL.onProperty)
            filler = ontology.value(part, quantifier)
            if isinstance(prop, URIRef) and filler is not None:
                found.append((cls, prop, filler))
    return sorted(found, key=str)


class ClashCompiler(TBoxView):
    """The clash and undecided queries for an ontology, HermiT's classification of it, and the
    properties closed by the catalogue closure."""

    def __init__(self, ontology: Graph, tbox: ReasoningReport, closed: set[str]) -> None:
        super().__init__(ontology, tbox, closed)
        self.exclusions = Exclusions(ontology, tbox)

    def _object_property(self, prop: str) -> bool:
        return (URIRef(prop), RDF.type, OWL.ObjectProperty) in self.g

    def exclusive_classes(self) -> set[tuple[URIRef, URIRef]]:
        """Pairs of named classes no individual can be in both: stated disjoint, or one demands a
        value ``∃p.F`` where the other allows only ``∀p.G`` values, F and G disjoint."""
        pairs = set(self.exclusions.pairs)
        universals = _necessary(self.g, OWL.allValuesFrom)
        for a, prop, some in _necessary(self.g):
            for b, other, only in universals:
                both_named = isinstance(some, URIRef) and isinstance(only, URIRef)
                if prop == other and both_named and str(only) in self.exclusions.disjoint_with(str(some)):
                    pairs.add(tuple(sorted((a, b))))
        return pairs

    def clash_queries(self) -> list[str]:
        pairs = " ".join(f"({a.n3()} {b.n3()})" for a, b in sorted(self.exclusive_classes()))
        queries = [f"SELECT ?x WHERE {{ VALUES (?a ?b) {{ {pairs} }} ?x a ?a . ?x a ?b }} LIMIT 1"]
        for prop in sorted(self.functional):
            two = f"{self.pattern(URIRef(prop), '?x', '?a')} {self.pattern(URIRef(prop), '?x', '?b')}"
            if self._object_property(prop):
                differ = self.exclusions.known_different_pattern("?a", "?b")
                queries.append(f"SELECT ?x WHERE {{ {two} FILTER(STR(?a) < STR(?b)) {differ} }} LIMIT 1")
            else:  # literals: different terms with different values (incomparable values differ too)
                differ = "!sameTerm(?a, ?b) && COALESCE(?a != ?b, true)"
                queries.append(f"SELECT ?x WHERE {{ {two} FILTER(STR(?a) < STR(?b) && {differ}) }} LIMIT 1")
        for cls, prop, filler in _necessary(self.g):
            excluded = self.exclusions.known_not(filler, "?v")
            if excluded is None or implied_by_range(self.g, self.tbox, prop, filler):
                continue
            if str(prop) in self.functional:
                queries.append(
                    f"SELECT ?x WHERE {{ ?x a {cls.n3()} . {self.pattern(prop, '?x', '?v')} "
                    f"FILTER({excluded}) }} LIMIT 1"
                )
            if str(prop) in self.closed:
                queries.append(
                    f"SELECT ?x WHERE {{ ?x a {cls.n3()} . FILTER(isIRI(?x)) "
                    f"FILTER EXISTS {{ {self.pattern(prop, '?x', '?w')} }} "
                    f"FILTER NOT EXISTS {{ {self.pattern(prop, '?x', '?v')} FILTER(!{excluded}) }} }} LIMIT 1"
                )
        return queries

    def undecided(self) -> list[Undecided]:
        found = []
        for prop in sorted(p for p in self.functional if self._object_property(p)):
            two = f"{self.pattern(URIRef(prop), '?x', '?a')} {self.pattern(URIRef(prop), '?x', '?b')}"
            differ = self.exclusions.known_different("?a", "?b")
            found.append(
                Undecided(
                    f"SELECT ?x ?t ?a ?b WHERE {{ {two} FILTER(STR(?a) < STR(?b) && !{differ}) "
                    f"BIND(<{prop}> AS ?t) }} LIMIT 20",
                    "two values of the functional property",
                    "HermiT would merge them into one individual",
                )
            )
        found.append(
            Undecided(
                f"SELECT ?x ?t ?a WHERE {{ ?x ?t ?a VALUES ?t {{ {OWL.sameAs.n3()} {OWL.differentFrom.n3()} }} }} "
                "LIMIT 20",
                "equality or difference stated in the data:",
                "the rules neither merge nor separate individuals",
            )
        )
        for cls, enumeration in sorted(self.g.subject_objects(OWL.equivalentClass)):
            if isinstance(cls, URIRef) and (enumeration, OWL.oneOf, None) in self.g:
                listed = ", ".join(m.n3() for m in members(self.g, self.g.value(enumeration, OWL.oneOf)))
                found.append(
                    Undecided(
                        f"SELECT ?x ?t WHERE {{ ?x a {cls.n3()} FILTER(?x NOT IN ({listed})) "
                        f"BIND({cls.n3()} AS ?t) }} LIMIT 20",
                        "none of the members of the enumerated class",
                        "HermiT would identify it with one of the members",
                    )
                )
        return found


def schema_in_data() -> Undecided:
    """Schema axioms in instance data (asked before the ontology is added to the store): the rules
    are compiled from the ontology only and do not read them."""
    predicates = " ".join(p.n3() for p in SCHEMA_PREDICATES if p not in (OWL.sameAs, OWL.differentFrom))
    classes = " ".join(c.n3() for c in SCHEMA_CLASSES)
    return Undecided(
        f"SELECT ?x ?t ?a WHERE {{ {{ ?x ?t ?a VALUES ?t {{ {predicates} }} }} UNION "
        f"{{ ?x a ?a VALUES ?a {{ {classes} }} BIND({RDF.type.n3()} AS ?t) }} UNION "
        f"{{ ?x a ?a FILTER(isBlank(?a)) BIND({RDF.type.n3()} AS ?t) }} }} LIMIT 20",
        "a schema axiom in the data:",
        "the rules are compiled from the ontology alone and do not read it",
    )
