"""The fast path: HermiT classifies the TBox (exact, ~1 s); SPARQL rules compiled from that TBox realise
the ABox inside an Oxigraph store.

Rules, run to a fixpoint in strata:
1. positive rules to a fixpoint: property assertions (inverses, the property chain, ``hasValue``
   of class definitions; kept in a separate named graph, so the knowledge graph gains types, as on
   the HermiT path, not properties) and types: the inferred class hierarchy, domains and ranges,
   every ``owl:equivalentClass`` definition
   built from named classes, ``someValuesFrom``, ``hasValue``, ``unionOf`` and ``oneOf``, and
   ``allValuesFrom`` propagation (``C ⊑ ∀P.F``);
2. definitions with ``allValuesFrom``, under the catalogue closure of :mod:`bpo_kg.closure` (the
   properties HermiT sees closed); then 1 again, until nothing changes. Closed property values are
   all derived in 1 before 2 looks at them, so the negation in 2 is stratified;
3. clashes: disjoint types, and functional properties with two values known to differ.
What this cannot entail that HermiT can is listed in docs/performance.md; tests check that the two
agree on the example graph and on a synthetic graph.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from bpo_kg import BPO_NS
from bpo_kg.closure import CATALOGUE_CLOSURE
from bpo_kg.reason import SCHEMA_TYPES, IndividualTypes, ReasoningReport, asserted_types, named_subjects, reason

DERIVED = "urn:bpo-kg:derived-properties"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
MAX_ROUNDS = 50


class FastPathError(Exception):
    """A construct the rule compiler does not handle; a one-line message."""


def _n3(term) -> str:
    return term.n3()


def _members(graph: Graph, head) -> list:
    return list(Collection(graph, head))


@dataclass
class RuleSet:
    """SPARQL updates per stratum, and the clash queries."""

    properties: list[str]
    types: list[str]
    closed_types: list[str]
    clashes: list[str]


class _Compiler:
    def __init__(self, ontology: Graph, closed: set[str]) -> None:
        self.g = ontology
        self.closed = closed
        self.counter = itertools.count()

    def var(self) -> str:
        return f"?v{next(self.counter)}"

    @staticmethod
    def edge(prop: URIRef, subject: str, obj: str) -> str:
        p = _n3(prop)
        return f"{{ {{ {subject} {p} {obj} }} UNION {{ GRAPH <{DERIVED}> {{ {subject} {p} {obj} }} }} }}"

    def expr(self, node, var: str) -> tuple[str, bool]:
        """A WHERE fragment that holds when ``var`` is in the class expression; and whether it uses ∀."""
        g = self.g
        if isinstance(node, URIRef):
            return f"{var} a {_n3(node)} .", False
        if (node, OWL.intersectionOf, None) in g:
            parts = [self.expr(m, var) for m in _members(g, g.value(node, OWL.intersectionOf))]
            return " ".join(p for p, _ in parts), any(u for _, u in parts)
        if (node, OWL.unionOf, None) in g:
            parts = [self.expr(m, var) for m in _members(g, g.value(node, OWL.unionOf))]
            return " UNION ".join(f"{{ {p} }}" for p, _ in parts), any(u for _, u in parts)
        if (node, OWL.oneOf, None) in g:
            values = ", ".join(_n3(m) for m in _members(g, g.value(node, OWL.oneOf)))
            return f"FILTER({var} IN ({values}))", False
        prop = g.value(node, OWL.onProperty)
        if prop is None:
            raise FastPathError(f"class expression {node} is not handled by the fast path")
        if (value := g.value(node, OWL.hasValue)) is not None:
            return self.edge(prop, var, _n3(value)), False
        if (filler := g.value(node, OWL.someValuesFrom)) is not None:
            inner = self.var()
            body, uses_all = self.expr(filler, inner)
            return f"{self.edge(prop, var, inner)} {body}", uses_all
        if (filler := g.value(node, OWL.allValuesFrom)) is not None:
            if str(prop) not in self.closed:
                return "FILTER(false)", True  # open world: HermiT cannot entail ∀ from a list
            value, witness = self.var(), self.var()
            body, _ = self.expr(filler, value)
            return (
                f"FILTER EXISTS {{ {self.edge(prop, var, witness)} }} "
                f"FILTER NOT EXISTS {{ {self.edge(prop, var, value)} FILTER NOT EXISTS {{ {body} }} }}"
            ), True
        raise FastPathError(f"restriction {node} on {prop} is not handled by the fast path")

    def definitions(self) -> tuple[list[str], list[str], list[str]]:
        """Membership rules for defined classes (positive, and with ∀), and hasValue/∀ propagation."""
        positive, with_all, propagate = [], [], []
        for cls, definition in sorted(self.g.subject_objects(OWL.equivalentClass)):
            if not (isinstance(cls, URIRef) and isinstance(definition, BNode)):
                continue
            if (definition, OWL.oneOf, None) in self.g:
                continue  # closed value enumerations: their members are asserted
            body, uses_all = self.expr(definition, "?x")
            rule = f"INSERT {{ ?x a {_n3(cls)} }} WHERE {{ {body} }}"
            (with_all if uses_all else positive).append(rule)
            parts = (
                _members(self.g, self.g.value(definition, OWL.intersectionOf))
                if (definition, OWL.intersectionOf, None) in self.g
                else [definition]
            )
            propagate += self._propagation(cls, parts)
        for cls, superclass in sorted(self.g.subject_objects(RDFS.subClassOf)):
            if isinstance(cls, URIRef) and isinstance(superclass, BNode):
                propagate += self._propagation(cls, [superclass])
        return positive, with_all, propagate

    def _propagation(self, cls: URIRef, parts: Iterable) -> list[str]:
        rules = []
        for part in parts:
            prop = self.g.value(part, OWL.onProperty)
            if prop is None:
                continue
            if (value := self.g.value(part, OWL.hasValue)) is not None:
                rules.append(
                    f"INSERT {{ GRAPH <{DERIVED}> {{ ?x {_n3(prop)} {_n3(value)} }} }} WHERE {{ ?x a {_n3(cls)} }}"
                )
            filler = self.g.value(part, OWL.allValuesFrom)
            if isinstance(filler, URIRef):
                rules.append(
                    f"INSERT {{ ?y a {_n3(filler)} }} WHERE {{ ?x a {_n3(cls)} . "
                    f"{self.edge(prop, '?x', '?y')} FILTER(isIRI(?y)) }}"
                )
        return rules


def compile_rules(ontology: Graph, tbox: ReasoningReport, close_world: bool = True) -> RuleSet:
    """The rule set for an ontology whose class hierarchy HermiT computed (``tbox``)."""
    compiler = _Compiler(ontology, set(CATALOGUE_CLOSURE) if close_world else set())
    properties = []
    for p, q in sorted(ontology.subject_objects(OWL.inverseOf)):
        for a, b in ((p, q), (q, p)):
            properties.append(
                f"INSERT {{ GRAPH <{DERIVED}> {{ ?y {_n3(b)} ?x }} }} WHERE {{ {compiler.edge(a, '?x', '?y')} }}"
            )
    for prop, chain in sorted(ontology.subject_objects(OWL.propertyChainAxiom)):
        steps = _members(ontology, chain)
        names = [f"?c{i}" for i in range(len(steps) + 1)]
        body = " ".join(compiler.edge(step, names[i], names[i + 1]) for i, step in enumerate(steps))
        properties.append(f"INSERT {{ GRAPH <{DERIVED}> {{ ?c0 {_n3(prop)} {names[-1]} }} }} WHERE {{ {body} }}")
    positive, with_all, propagate = compiler.definitions()
    types = []
    ancestors = {c: tbox.superclasses(c) for c in tbox.hierarchy}
    pairs = " ".join(f"({_n3(URIRef(c))} {_n3(URIRef(a))})" for c in sorted(ancestors) for a in sorted(ancestors[c]))
    types.append(f"INSERT {{ ?x a ?a }} WHERE {{ VALUES (?c ?a) {{ {pairs} }} ?x a ?c }}")
    for prop, domain in sorted(ontology.subject_objects(RDFS.domain)):
        if isinstance(domain, URIRef):
            types.append(f"INSERT {{ ?x a {_n3(domain)} }} WHERE {{ {compiler.edge(prop, '?x', '?y')} }}")
    for prop, range_ in sorted(ontology.subject_objects(RDFS.range)):
        if isinstance(range_, URIRef) and (prop, RDF.type, OWL.ObjectProperty) in ontology:
            types.append(
                f"INSERT {{ ?y a {_n3(range_)} }} WHERE {{ {compiler.edge(prop, '?x', '?y')} FILTER(isIRI(?y)) }}"
            )
    return RuleSet(properties, types + positive + propagate, with_all, _clash_queries(ontology))


def _clash_queries(ontology: Graph) -> list[str]:
    disjoint = {tuple(sorted((a, b))) for a, b in ontology.subject_objects(OWL.disjointWith)}
    for group in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = _members(ontology, ontology.value(group, OWL.members))
        disjoint |= {tuple(sorted(pair)) for pair in itertools.combinations(members, 2)}
    pairs = " ".join(f"({_n3(a)} {_n3(b)})" for a, b in sorted(disjoint))
    queries = [f"SELECT ?x ?a ?b WHERE {{ VALUES (?a ?b) {{ {pairs} }} ?x a ?a . ?x a ?b }} LIMIT 5"]
    different = [
        m
        for group in ontology.subjects(RDF.type, OWL.AllDifferent)
        for m in _members(ontology, ontology.value(group, OWL.distinctMembers))
    ]
    known = " ".join(_n3(m) for m in different)
    for prop in sorted(ontology.subjects(RDF.type, OWL.FunctionalProperty)):
        if (prop, RDF.type, OWL.ObjectProperty) in ontology:
            queries.append(
                f"SELECT ?x ?a ?b WHERE {{ ?x {_n3(prop)} ?a , ?b . FILTER(STR(?a) < STR(?b)) "
                f"{{ VALUES ?a {{ {known} }} VALUES ?b {{ {known} }} }} UNION "
                f"{{ VALUES (?ta ?tb) {{ {pairs} }} ?a a ?ta . ?b a ?tb }} }} LIMIT 5"
            )
    return queries


def _run(store: ox.Store, rules: list[str]) -> None:
    for rule in rules:
        store.update(rule)


def _fixpoint(store: ox.Store, rules: list[str]) -> int:
    for round_ in range(1, MAX_ROUNDS + 1):
        before = len(store)
        _run(store, rules)
        if len(store) == before:
            return round_
    raise FastPathError(f"no fixpoint after {MAX_ROUNDS} rounds")


def to_rdflib(term) -> URIRef | Literal | BNode:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:  # RDF 1.1: a plain literal is an xsd:string; rdflib keeps it plain
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def load_store(*graphs: Graph) -> ox.Store:
    store = ox.Store()
    for graph in graphs:
        store.load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


def realise(
    store: ox.Store,
    ontology: Graph,
    data_individuals: set[str],
    ontology_individuals: set[str],
    asserted: dict[str, set[str]],
    tbox: ReasoningReport,
    close_world: bool = True,
) -> ReasoningReport:
    """Run the compiled rules in ``store`` (data + ontology loaded) and report like HermiT does."""
    started = time.perf_counter()
    rules = compile_rules(ontology, tbox, close_world)
    while True:  # positive rules to a fixpoint, then the closure-based ∀ rules, until nothing changes
        before = len(store)
        _fixpoint(store, rules.properties + rules.types)
        _run(store, rules.closed_types)
        if len(store) == before:
            break
    clashes = [row for query in rules.clashes for row in store.query(query)]
    report = ReasoningReport(
        consistent=not clashes,
        closed_properties=sorted(CATALOGUE_CLOSURE) if close_world else [],
        reasoner="HermiT (TBox) + SPARQL rules in Oxigraph (ABox)",
    )
    if clashes:
        report.seconds = time.perf_counter() - started
        return report
    report.unsatisfiable, report.hierarchy = tbox.unsatisfiable, tbox.hierarchy
    report.inferred_subclass_links = tbox.inferred_subclass_links
    named = set(tbox.hierarchy)
    types: dict[str, set[str]] = {}
    for solution in store.query("SELECT ?x ?t WHERE { ?x a ?t . FILTER(isIRI(?x) && isIRI(?t)) }"):
        if solution["t"].value in named:
            types.setdefault(solution["x"].value, set()).add(solution["t"].value)
    for iri in sorted(data_individuals | ontology_individuals):
        all_types = types.get(iri, set())
        own = asserted.get(iri, set())
        implied = {a for t in own & named for a in tbox.superclasses(t)} | own
        inferred = {t for t in all_types if t not in implied}
        most_specific = {t for t in inferred if not any(t in tbox.superclasses(o) for o in inferred if o != t)}
        entry = IndividualTypes(
            iri, sorted(t for t in own if t in named or t.startswith(BPO_NS)), sorted(most_specific), sorted(all_types)
        )
        (report.individuals if iri in data_individuals else report.ontology_individuals).append(entry)
    report.seconds = time.perf_counter() - started
    return report


def reason_fast(
    ontology: Graph, data: Graph, close_world: bool = True, tbox: ReasoningReport | None = None
) -> tuple[ReasoningReport, ox.Store]:
    """The fast-path counterpart of :func:`bpo_kg.reason.reason`; also returns the realised store."""

    started = time.perf_counter()
    tbox = tbox or reason(ontology)
    if not tbox.ok:
        return tbox, load_store(ontology, data)
    store = load_store(ontology, data)
    asserted = asserted_types(data) | asserted_types(ontology)
    individuals = {s for s, kinds in asserted_types(data).items() if not kinds & SCHEMA_TYPES}
    ontology_individuals = named_subjects(ontology, OWL.NamedIndividual)
    report = realise(
        store, ontology, individuals - ontology_individuals, ontology_individuals, asserted, tbox, close_world
    )
    for sub, sup in tbox.inferred_subclass_links:  # the store becomes the materialised knowledge graph
        store.add(ox.Quad(ox.NamedNode(sub), ox.NamedNode(str(RDFS.subClassOf)), ox.NamedNode(sup)))
    report.seconds = time.perf_counter() - started
    return report, store


class OxigraphBackend:
    """Named queries on the realised Oxigraph store (same contract as the other backends)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def select(self, query, bindings):
        from bpo_kg.queries import QueryResult, with_values

        solutions = self.store.query(with_values(query.text, bindings))
        columns = [v.value for v in solutions.variables]
        rows = [tuple(None if s[c] is None else to_rdflib(s[c]) for c in columns) for s in solutions]
        return QueryResult(columns, rows)
