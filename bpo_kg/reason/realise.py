"""The scale engine's reasoning: HermiT classifies the TBox (exact, ~1 s); SPARQL rules compiled from
that TBox (:mod:`bpo_kg.reason.rules`) realise the ABox inside an Oxigraph store, where validation
(:mod:`bpo_kg.validate.shacl_sparql`) and queries then run too.

The rules run to a fixpoint, re-running a rule only when something it reads has grown; the rules
with negation (∀ under the catalogue closure) only when no other rule is pending. Then clash
queries look for contradictions: disjoint types, and functional properties with two values known to
differ. What this cannot entail that HermiT can is listed in docs/performance.md; the engines' contract
tests check that the two agree on the example, the invalid examples and a synthetic graph.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from bpo_kg import BPO_NS
from bpo_kg.errors import UnsupportedError
from bpo_kg.reason.cache import classify
from bpo_kg.reason.clashes import ClashCompiler, Undecided, schema_in_data
from bpo_kg.reason.closure import CATALOGUE_CLOSURE
from bpo_kg.reason.report import (
    SCHEMA_TYPES,
    IndividualTypes,
    ReasoningReport,
    UndecidedCase,
    asserted_types,
    named_subjects,
)
from bpo_kg.reason.rules import ASSERTED_TYPES, DERIVED, Rule, compile_rules, hierarchy_update
from bpo_kg.stores import add_graph

RDF_TYPE = ox.NamedNode(str(RDF.type))
MAX_RUNS = 20  # per rule, on average, before the fixpoint is declared lost


def _count(store: ox.Store, key: str) -> int:
    kind, iri = key.split(" ", 1)
    pattern = f"?x a <{iri}>" if kind == "type" else f"GRAPH <{DERIVED}> {{ ?x <{iri}> ?y }}"
    return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")))["n"].value)


def _in_dependency_order(rules: list[Rule]) -> list[Rule]:
    """Rules that add what others read come first (cycles, e.g. inverse pairs, are cut off)."""
    rank = dict.fromkeys(rules, 0)
    for _ in range(len(rules)):
        changed = False
        for rule in rules:
            needed = max((rank[p] + 1 for p in rules if p is not rule and p.writes in rule.reads), default=0)
            if needed > rank[rule] and needed < len(rules):
                rank[rule], changed = needed, True
        if not changed:
            break
    return sorted(rules, key=lambda r: (r.closed, rank[r]))


def saturate(store: ox.Store, rules: list[Rule], tbox: ReasoningReport) -> int:
    """Run the rules in ``store`` until nothing changes; returns how many rule runs that took.

    After the class hierarchy is applied to the asserted types, each rule runs once in dependency
    order, and again only when a fact it reads has grown (a count of the written key tells);
    ``closed`` rules run only when no positive rule is pending (stratified negation). ``last``
    rules (reasoning by cases, which seldom adds anything) run once the others are done, and the
    others run again only if one of them added something."""
    store.update(hierarchy_update(tbox))
    regular, final = [r for r in rules if not r.last], [r for r in rules if r.last]
    readers: dict[str, list[Rule]] = defaultdict(list)
    for rule in regular:
        for key in rule.reads:
            readers[key].append(rule)
    pending = dict.fromkeys(_in_dependency_order(regular))
    counts: dict[str, int] = {}
    runs = 0

    def run(rule: Rule) -> None:
        """Run one rule; if it added facts, queue every rule that reads what grew."""
        nonlocal runs
        before = counts[rule.writes] if rule.writes in counts else _count(store, rule.writes)
        store.update(rule.update)
        runs += 1
        after = counts[rule.writes] = _count(store, rule.writes)
        if after != before:
            for key in rule.grows:
                if key != rule.writes:
                    counts.pop(key, None)
                pending.update(dict.fromkeys(readers[key]))
        if runs > MAX_RUNS * len(rules):
            raise UnsupportedError(f"no fixpoint after {runs} rule runs")

    while True:
        while pending:
            rule = next((r for r in pending if not r.closed), next(iter(pending)))
            del pending[rule]
            run(rule)
        for rule in final:
            run(rule)
        if not pending:
            return runs


def type_assertions(store: ox.Store) -> list[ox.Quad]:
    """Every ``rdf:type`` triple of the store's default graph."""
    return list(store.quads_for_pattern(None, RDF_TYPE, None, ox.DefaultGraph()))


def named_types(assertions: Iterable[ox.Quad]) -> dict[str, set[str]]:
    """The named types of every named subject among ``assertions``."""
    types: dict[str, set[str]] = {}
    for quad in assertions:
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
            types.setdefault(quad.subject.value, set()).add(quad.object.value)
    return types


def untyped_individuals(store: ox.Store, ontology: Graph) -> set[str]:
    """The IRIs the data relates by the ontology's properties (subjects of any, objects of object
    properties): individuals HermiT types by domains and ranges, asserted types or not (as
    :func:`bpo_kg.reason.hermit.data_individuals` counts them on the exact engine)."""
    found: set[str] = set()
    for kind, positions in ((OWL.ObjectProperty, ("?i ?p ?o", "?s ?p ?i")), (OWL.DatatypeProperty, ("?i ?p ?o",))):
        props = " ".join(p.n3() for p in ontology.subjects(RDF.type, kind) if isinstance(p, URIRef))
        for pattern in positions:
            query = f"SELECT DISTINCT ?i WHERE {{ VALUES ?p {{ {props} }} {pattern} FILTER(isIRI(?i)) }}"
            found |= {solution["i"].value for solution in store.query(query)}
    return found


def _members(store: ox.Store, cls: str) -> list[ox.NamedNode | ox.BlankNode]:
    return [quad.subject for quad in store.quads_for_pattern(None, RDF_TYPE, ox.NamedNode(cls), ox.DefaultGraph())]


def _rows(store: ox.Store, query: str) -> list[tuple]:
    return [tuple(solution) for solution in store.query(query)]


def reason_store(
    ontology: Graph, store: ox.Store, close_world: bool = True, tbox: ReasoningReport | None = None
) -> ReasoningReport:
    """Realise the data in ``store`` (default graph; the ontology is added to it) and report like HermiT.

    Afterwards the store is the knowledge graph: ontology, data, every entailed named type and the
    inferred subclass links (derived property values stay in their own named graph)."""
    started = time.perf_counter()
    tbox = tbox or classify(ontology)
    assertions = type_assertions(store)
    asserted_graph = ox.NamedNode(ASSERTED_TYPES)  # kept apart: explanations need what the data said
    store.extend(ox.Quad(quad.subject, quad.predicate, quad.object, asserted_graph) for quad in assertions)
    data_types = named_types(assertions)
    schema_axioms = undecided_cases(store, [schema_in_data()])
    add_graph(store, ontology)
    if not tbox.ok:
        return tbox
    ontology_individuals = named_subjects(ontology, OWL.NamedIndividual)
    individuals = {s for s, kinds in data_types.items() if not kinds & SCHEMA_TYPES}
    individuals = (individuals | untyped_individuals(store, ontology)) - ontology_individuals
    closed = set(CATALOGUE_CLOSURE) if close_world else set()
    saturate(store, compile_rules(ontology, tbox, closed), tbox)
    compiler = ClashCompiler(ontology, tbox, closed)
    classes = sorted(set(tbox.hierarchy) | {str(c) for pair in compiler.exclusive_classes for c in pair})
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # Oxigraph releases the GIL
        undecided = pool.submit(undecided_cases, store, compiler.undecided())
        found = [(what, pool.submit(_rows, store, query)) for what, query in compiler.clash_queries()]
        pairs = {prop: pool.submit(_rows, store, query) for prop, query in compiler.value_pair_queries().items()}
        types: dict[ox.NamedNode | ox.BlankNode, set[str]] = defaultdict(set)
        for cls, nodes in zip(classes, pool.map(lambda cls: _members(store, cls), classes), strict=True):
            for node in nodes:
                types[node].add(cls)
    verdict = compiler.judge(types, {prop: rows.result() for prop, rows in pairs.items()})
    clashes = verdict.clashes + [f"{row[0].value}: {what}" for what, rows in found for row in rows.result()]
    report = ReasoningReport(
        consistent=not clashes,
        clash_nodes=verdict.nodes + [row[0].value for _, rows in found for row in rows.result()],
        closed_properties=sorted(closed),
        undecided=[] if clashes else schema_axioms + verdict.undecided + undecided.result(),
        reasoner="HermiT (TBox) + SPARQL rules in Oxigraph (ABox)",
    )
    if clashes:
        _keep_assertions(store, ontology, assertions, tbox)
    else:
        named = {node.value: kinds for node, kinds in types.items() if isinstance(node, ox.NamedNode)}
        asserted = data_types | asserted_types(ontology)
        _fill_types(report, named, individuals, ontology_individuals, asserted, tbox)
        for sub, sup in tbox.inferred_subclass_links:
            store.add(ox.Quad(ox.NamedNode(sub), ox.NamedNode(str(RDFS.subClassOf)), ox.NamedNode(sup)))
    report.seconds = time.perf_counter() - started
    return report


def undecided_cases(store: ox.Store, checks: list[Undecided]) -> list[UndecidedCase]:
    """Every place in ``store`` that one of ``checks`` finds, as a report entry."""
    cases = []
    for check in checks:
        solutions = store.query(check.query)
        names = [v.value for v in solutions.variables if v.value in ("a", "b")]
        for row in solutions:
            values = [row[name].value for name in names if row[name] is not None]
            cases.append(UndecidedCase(row["x"].value, check.construct, row["t"].value, values, check.consequence))
    return cases


def _keep_assertions(store: ox.Store, ontology: Graph, assertions: list[ox.Quad], tbox: ReasoningReport) -> None:
    """Inconsistent data entails everything; SHACL then sees the assertions (``assertions``: the
    data's types) with what HermiT knows of the ontology alone (its class hierarchy, its own
    individuals' types), as on the HermiT path."""
    store.update(f"DROP SILENT GRAPH <{DERIVED}> ; DELETE WHERE {{ ?x a ?t }}")
    store.extend(assertions)
    add_graph(store, ontology)
    store.update(hierarchy_update(tbox))
    add_graph(store, tbox.entailments())


def _fill_types(
    report: ReasoningReport,
    types: dict[str, set[str]],
    data_individuals: set[str],
    ontology_individuals: set[str],
    asserted: dict[str, set[str]],
    tbox: ReasoningReport,
) -> None:
    report.unsatisfiable, report.hierarchy = tbox.unsatisfiable, tbox.hierarchy
    report.inferred_subclass_links = tbox.inferred_subclass_links
    named = set(tbox.hierarchy)
    ancestors = {c: tbox.superclasses(c) for c in named}

    @cache
    def describe(all_types: frozenset[str], own: frozenset[str]) -> tuple[list[str], list[str], list[str]]:
        implied = {a for t in own & named for a in ancestors[t]} | own
        inferred = {t for t in all_types if t not in implied}
        most_specific = {t for t in inferred if not any(t in ancestors[o] for o in inferred if o != t)}
        return sorted(t for t in own if t in named or t.startswith(BPO_NS)), sorted(most_specific), sorted(all_types)

    for iri in sorted(data_individuals | ontology_individuals):  # individuals share few distinct type sets
        own, inferred, all_types = describe(
            frozenset(types.get(iri, set()) & named), frozenset(asserted.get(iri, set()))
        )
        entry = IndividualTypes(iri, list(own), list(inferred), list(all_types))
        (report.individuals if iri in data_individuals else report.ontology_individuals).append(entry)
