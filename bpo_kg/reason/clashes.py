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

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from bpo_kg.reason.exclusion import Exclusions, members
from bpo_kg.reason.report import ReasoningReport, UndecidedCase
from bpo_kg.reason.rules import TBoxView, implied_by_range, necessary_restrictions

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
UNDECIDED_SHOWN = 20  # cases listed per construct
Term = ox.NamedNode | ox.BlankNode | ox.Literal
SCHEMA_CLASSES = [OWL.Class, OWL.Restriction, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.FunctionalProperty]


@dataclass(frozen=True)
class Undecided:
    """A SELECT whose rows the rules cannot decide: ``?x`` the individual, ``?t`` the term (property
    or class), ``?a`` and ``?b`` the values involved (if any); and how to say so."""

    query: str
    construct: str
    consequence: str


@dataclass
class Verdict:
    """What :meth:`ClashCompiler.judge` found: contradictions (each described) and undecided cases."""

    clashes: list[str] = field(default_factory=list)
    undecided: list[UndecidedCase] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)  # the node of each clash, where an explanation starts


class ClashCompiler(TBoxView):
    """The clash and undecided queries for an ontology, HermiT's classification of it, and the
    properties closed by the catalogue closure."""

    def __init__(self, ontology: Graph, tbox: ReasoningReport, closed: set[str]) -> None:
        super().__init__(ontology, tbox, closed)
        self.exclusions = Exclusions(ontology, tbox)

    def _object_property(self, prop: str) -> bool:
        return (URIRef(prop), RDF.type, OWL.ObjectProperty) in self.g

    @cached_property
    def exclusive_classes(self) -> set[tuple[URIRef, URIRef]]:
        """Pairs of named classes no individual can be in both: stated disjoint, or one demands a
        value ``∃p.F`` where the other allows only ``∀p.G`` values, F and G disjoint."""
        pairs = set(self.exclusions.pairs)
        universals = necessary_restrictions(self.g, OWL.allValuesFrom)
        for a, prop, some in necessary_restrictions(self.g):
            for b, other, only in universals:
                both_named = isinstance(some, URIRef) and isinstance(only, URIRef)
                if prop == other and both_named and str(only) in self.exclusions.disjoint_with(str(some)):
                    pairs.add(tuple(sorted((a, b))))
        return pairs

    def clash_queries(self) -> list[tuple[str, str]]:
        """(what it finds, SELECT ?x) pairs whose rows are contradictions: two values of a functional data property, a
        necessary ``∃p.F`` that a functional or closed property's values cannot meet. (Disjoint
        types and functional object properties are judged by :meth:`judge` on the types.)"""
        queries = self._disjoint_property_queries() + self._class_expression_bound_queries()
        for prop in sorted(p for p in self.functional if not self._object_property(p)):
            two = f"{self.pattern(URIRef(prop), '?x', '?a')} {self.pattern(URIRef(prop), '?x', '?b')}"
            # literals: different terms with different values (incomparable values differ too)
            differ = "!sameTerm(?a, ?b) && COALESCE(?a != ?b, true)"
            query = f"SELECT ?x WHERE {{ {two} FILTER(STR(?a) < STR(?b) && {differ}) }} LIMIT 1"
            queries.append((f"two different values of the functional property {prop}", query))
        for cls, prop, filler in necessary_restrictions(self.g):
            excluded = self.exclusions.known_not(filler, "?v")
            if excluded is None or implied_by_range(self.g, self.tbox, prop, filler):
                continue
            needs = f"a {cls} needs a value of {prop} in {filler if isinstance(filler, URIRef) else 'a class'}"
            if str(prop) in self.functional:
                query = (
                    f"SELECT ?x WHERE {{ ?x a {cls.n3()} . {self.pattern(prop, '?x', '?v')} "
                    f"FILTER({excluded}) }} LIMIT 1"
                )
                queries.append((f"{needs}: its one value cannot be", query))
            if str(prop) in self.closed:
                query = (
                    f"SELECT ?x WHERE {{ ?x a {cls.n3()} . FILTER(isIRI(?x)) "
                    f"FILTER EXISTS {{ {self.pattern(prop, '?x', '?w')} }} "
                    f"FILTER NOT EXISTS {{ {self.pattern(prop, '?x', '?v')} FILTER(!{excluded}) }} }} LIMIT 1"
                )
                queries.append((f"{needs}: none of its listed values can be", query))
        return queries

    def _disjoint_property_queries(self) -> list[tuple[str, str]]:
        """One pair of individuals related by two properties stated disjoint."""
        queries = []
        for p, q in sorted(self.g.subject_objects(OWL.propertyDisjointWith)):
            both = f"{self.pattern(p, '?x', '?y')} {self.pattern(q, '?x', '?y')}"
            queries.append(
                (f"a pair related by both disjoint properties {p} and {q}", f"SELECT ?x WHERE {{ {both} }} LIMIT 1")
            )
        return queries

    def _class_expression_bound_queries(self) -> list[tuple[str, str]]:
        """A subject (object) known not to be in a property's domain (range) given as a class
        expression, such as a union: no named type is entailed, so the hierarchy cannot clash."""
        queries = []
        for axiom, end, side in ((RDFS.domain, "?x", "subject"), (RDFS.range, "?y", "value")):
            for prop, bound in sorted(self.g.subject_objects(axiom)):
                if not isinstance(bound, BNode) or (excluded := self.exclusions.known_not(bound, end)) is None:
                    continue
                query = f"SELECT ?x WHERE {{ {self.pattern(prop, '?x', '?y')} FILTER({excluded}) }} LIMIT 1"
                queries.append((f"a {side} of {prop} outside its {axiom.fragment}", query))
        return queries

    def value_pair_queries(self) -> dict[str, str]:
        """For each functional object property, a SELECT of ``?x`` with two values ``?a`` and ``?b``."""
        queries = {}
        for prop in sorted(p for p in self.functional if self._object_property(p)):
            two = f"{self.pattern(URIRef(prop), '?x', '?a')} {self.pattern(URIRef(prop), '?x', '?b')}"
            queries[prop] = f"SELECT ?x ?a ?b WHERE {{ {two} FILTER(STR(?a) < STR(?b)) }}"
        return queries

    def judge(self, types: Mapping[Term, set[str]], pairs: Mapping[str, list[tuple[Term, Term, Term]]]) -> Verdict:
        """The clashes and undecided cases in the named types of every node (``types``) and the
        values of functional object properties (``pairs``, from :meth:`value_pair_queries`)."""
        exclusive: dict[str, set[str]] = defaultdict(set)
        for a, b in self.exclusive_classes:
            exclusive[str(a)].add(str(b))
            exclusive[str(b)].add(str(a))
        verdict = Verdict()
        by_types: dict[frozenset[str], list[Term]] = defaultdict(list)  # few distinct type sets
        for node, kinds in types.items():
            by_types[frozenset(kinds)].append(node)
        for kinds, nodes in by_types.items():
            if clash := next((f"{a} {b}" for a in kinds for b in exclusive.get(a, ()) if b in kinds), None):
                verdict.clashes.append(f"{nodes[0].value} is in the exclusive classes {clash}")
                verdict.nodes.append(nodes[0].value)
        for prop, rows in pairs.items():
            for x, a, b in rows:
                if self.exclusions.differ(a.value, b.value, types.get(a, set()), types.get(b, set()), exclusive):
                    verdict.clashes.append(f"{x.value} has two different values of {prop}: {a.value}, {b.value}")
                    verdict.nodes.append(x.value)
                elif sum(case.term == prop for case in verdict.undecided) < UNDECIDED_SHOWN:
                    verdict.undecided.append(
                        UndecidedCase(
                            x.value,
                            "two values of the functional property",
                            prop,
                            [a.value, b.value],
                            "HermiT would merge them into one individual",
                        )
                    )
        return verdict

    def undecided(self) -> list[Undecided]:
        found = [
            Undecided(
                f"SELECT ?x ?t ?a WHERE {{ ?x ?t ?a VALUES ?t {{ {OWL.sameAs.n3()} {OWL.differentFrom.n3()} }} }} "
                f"LIMIT {UNDECIDED_SHOWN}",
                "equality or difference stated in the data:",
                "the rules neither merge nor separate individuals",
            )
        ]
        for cls, enumeration in sorted(self.g.subject_objects(OWL.equivalentClass)):
            if isinstance(cls, URIRef) and (enumeration, OWL.oneOf, None) in self.g:
                listed = ", ".join(m.n3() for m in members(self.g, self.g.value(enumeration, OWL.oneOf)))
                found.append(
                    Undecided(
                        f"SELECT ?x ?t WHERE {{ ?x a {cls.n3()} FILTER(?x NOT IN ({listed})) "
                        f"BIND({cls.n3()} AS ?t) }} LIMIT {UNDECIDED_SHOWN}",
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
        # VALUES binds rdf:type, not BIND: Virtuoso 7 fails on a FILTER beside a BIND in a UNION
        f"SELECT ?x ?t ?a WHERE {{ {{ ?x ?t ?a VALUES ?t {{ {predicates} }} }} UNION "
        f"{{ VALUES ?t {{ {RDF.type.n3()} }} ?x ?t ?a VALUES ?a {{ {classes} }} }} UNION "
        f"{{ VALUES ?t {{ {RDF.type.n3()} }} ?x ?t ?a FILTER(isBlank(?a)) }} }} LIMIT {UNDECIDED_SHOWN}",
        "a schema axiom in the data:",
        "the rules are compiled from the ontology alone and do not read it",
    )
