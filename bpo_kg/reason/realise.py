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

import gc
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from typing import Any, Protocol

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
from bpo_kg.reason.rules import ASSERTED_TYPES, DERIVED, Rule, compile_rules, hierarchy_rule
from bpo_kg.stores import add_graph

RDF_TYPE = ox.NamedNode(str(RDF.type))
MAX_RUNS = 20  # per rule, on average, before the fixpoint is declared lost


class RuleTarget(Protocol):
    """Where rules run: an Oxigraph store (:class:`InStore`) or a SPARQL server's named graphs."""

    def apply(self, rule: Rule) -> None:
        """Run the rule's update."""

    def count(self, key: str) -> int:
        """How many facts of a rule key (``type <iri>``, ``prop <iri>``) are known."""


def count_pattern(key: str, derived: str = DERIVED) -> str:
    """The triple pattern counted for a rule key (derived property values in the graph ``derived``)."""
    kind, iri = key.split(" ", 1)
    return f"?x a <{iri}>" if kind == "type" else f"GRAPH <{derived}> {{ ?x <{iri}> ?y }}"


class InStore:
    """Rules run in one Oxigraph store: data, ontology and entailed types in its default graph."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def apply(self, rule: Rule) -> None:
        self.store.update(rule.update)

    def count(self, key: str) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {count_pattern(key)} }}"
        return int(next(iter(self.store.query(query)))["n"].value)


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


def saturate(target: RuleTarget, rules: list[Rule], tbox: ReasoningReport) -> int:
    """Run the rules in ``target`` until nothing changes; returns how many rule runs that took.

    After the class hierarchy is applied to the asserted types, each rule runs once in dependency
    order, and again only when a fact it reads has grown (a count of the written key tells);
    ``closed`` rules run only when no positive rule is pending (stratified negation). ``last``
    rules (reasoning by cases, which seldom adds anything) run once the others are done, and the
    others run again only if one of them added something."""
    target.apply(hierarchy_rule(tbox))
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
        before = counts[rule.writes] if rule.writes in counts else target.count(rule.writes)
        target.apply(rule)
        runs += 1
        after = counts[rule.writes] = target.count(rule.writes)
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


def untyped_individuals(store: Any, ontology: Graph, only_untyped: bool = False) -> set[str]:
    """The IRIs the data relates by the ontology's properties (subjects of any, objects of object
    properties): individuals HermiT types by domains and ranges, asserted types or not (as
    :func:`bpo_kg.reason.hermit.data_individuals` counts them on the exact engine). ``only_untyped``:
    only those without a type or with a schema type (the caller has the others already)."""
    found: set[str] = set()
    schema = ", ".join(f"<{t}>" for t in sorted(SCHEMA_TYPES))
    for kind, positions in ((OWL.ObjectProperty, ("?i ?p ?o", "?s ?p ?i")), (OWL.DatatypeProperty, ("?i ?p ?o",))):
        props = " ".join(p.n3() for p in ontology.subjects(RDF.type, kind) if isinstance(p, URIRef))
        for pattern in positions:
            related = f"VALUES ?p {{ {props} }} {pattern} FILTER(isIRI(?i))"
            where = related
            if only_untyped:  # (this form: Virtuoso 7 overflows its stack on a filter inside (NOT) EXISTS)
                where = (
                    f"{{ {related} FILTER NOT EXISTS {{ ?i a ?t }} }} UNION "
                    f"{{ {related} ?i a ?s FILTER(?s IN ({schema})) }}"
                )
            query = f"SELECT DISTINCT ?i WHERE {{ {where} }}"
            found |= {solution["i"].value for solution in store.query(query)}
    return found


def member_types(
    store: ox.Store, classes: list[str], mapper: Callable = map
) -> dict[ox.NamedNode | ox.BlankNode, set[str]]:
    """Each node of ``store`` that is a member of some of ``classes``, with those of them it is in."""
    written: dict[bytes, set[str]] = defaultdict(set)
    for cls, nodes in zip(classes, mapper(lambda cls: _members(store, cls), classes), strict=True):
        for node in nodes:
            written[node].add(cls)
    return {_term(node): kinds for node, kinds in written.items()}


def _members(store: ox.Store, cls: str) -> list[bytes]:
    """The members of ``cls`` as N-Triples terms (``<iri>``, ``_:id``), read as one block of text: a
    class of a million members costs a million byte strings, not a million quads of three terms."""
    text = store.query(f"SELECT ?x WHERE {{ ?x a <{cls}> }}").serialize(format=ox.QueryResultsFormat.TSV)
    return text.split(b"\n")[1:-1]  # the header, and what follows the last line break


def _term(written: bytes) -> ox.NamedNode | ox.BlankNode:
    """The subject a line of :func:`_members` names."""
    text = written.decode()
    return ox.NamedNode(text[1:-1]) if text.startswith("<") else ox.BlankNode(text[2:])


def _rows(store: ox.Store, query: str) -> list[tuple]:
    return [tuple(solution) for solution in store.query(query)]


@contextmanager
def cycles_not_collected() -> Iterator[None]:
    """Python's cycle collector paused: realising builds millions of small containers (the types of
    each individual, report entries), none in a cycle, and each full collection walks all of them
    (8% of the realisation at 1M and 10M triples). They are freed by reference counting as ever."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@cycles_not_collected()
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
    closed = set(CATALOGUE_CLOSURE) if close_world else set()
    compiler = ClashCompiler(ontology, tbox, closed)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # Oxigraph releases the GIL
        # read while the rules run: they add types and derived values, never the data's own values
        related = pool.submit(untyped_individuals, store, ontology)
        saturate(InStore(store), compile_rules(ontology, tbox, closed), tbox)
        individuals = (individuals | related.result()) - ontology_individuals
        types = member_types(store, classes_judged(compiler, tbox), pool.map)
        report = judge(store, compiler, types, schema_axioms, pool.map)
    if not report.consistent:
        _keep_assertions(store, ontology, assertions, tbox)
    else:
        named = {node.value: kinds for node, kinds in types.items() if isinstance(node, ox.NamedNode)}
        asserted = data_types | asserted_types(ontology)
        fill_types(report, named, individuals, ontology_individuals, asserted, tbox)
        for sub, sup in tbox.inferred_subclass_links:
            store.add(ox.Quad(ox.NamedNode(sub), ox.NamedNode(str(RDFS.subClassOf)), ox.NamedNode(sup)))
    report.seconds = time.perf_counter() - started
    return report


def classes_judged(compiler: ClashCompiler, tbox: ReasoningReport) -> list[str]:
    """The named classes whose members :meth:`ClashCompiler.judge` needs to know."""
    return sorted(set(tbox.hierarchy) | {str(c) for pair in compiler.exclusive_classes for c in pair})


def judge(
    store: Any,
    compiler: ClashCompiler,
    types: Mapping[Any, set[str]],
    schema_axioms: list[UndecidedCase],
    mapper: Callable = map,
    reasoner: str = "HermiT (TBox) + SPARQL rules in Oxigraph (ABox)",
) -> ReasoningReport:
    """Consistency after the rules ran in ``store`` (Oxigraph, or a server's dataset): the clash
    queries, functional values and disjoint ``types`` of every node; what the rules leave undecided."""
    checks = compiler.undecided()
    found = compiler.clash_queries()
    pairs = compiler.value_pair_queries()
    queries = [check.query for check in checks] + [query for _, query in found] + list(pairs.values())
    results = list(mapper(lambda query: _rows(store, query), queries))
    undecided = [case for check, rows in zip(checks, results, strict=False) for case in _cases(check, rows)]
    clash_rows = results[len(checks) : len(checks) + len(found)]
    verdict = compiler.judge(types, dict(zip(pairs, results[len(checks) + len(found) :], strict=True)))
    clashes = verdict.clashes + [
        f"{row[0].value}: {what}" for (what, _), rows in zip(found, clash_rows, strict=True) for row in rows
    ]
    return ReasoningReport(
        consistent=not clashes,
        clash_nodes=verdict.nodes + [row[0].value for rows in clash_rows for row in rows],
        closed_properties=sorted(compiler.closed),
        undecided=[] if clashes else schema_axioms + verdict.undecided + undecided,
        reasoner=reasoner,
    )


def undecided_cases(store: Any, checks: list[Undecided]) -> list[UndecidedCase]:
    """Every place in ``store`` that one of ``checks`` finds, as a report entry."""
    return [case for check in checks for case in _cases(check, _rows(store, check.query))]


def _cases(check: Undecided, rows: list[tuple]) -> list[UndecidedCase]:
    """``rows`` of an undecided check's query (?x ?t, then ?a and perhaps ?b) as report entries."""
    return [
        UndecidedCase(
            row[0].value, check.construct, row[1].value, [v.value for v in row[2:] if v is not None], check.consequence
        )
        for row in rows
    ]


def _keep_assertions(store: ox.Store, ontology: Graph, assertions: list[ox.Quad], tbox: ReasoningReport) -> None:
    """Inconsistent data entails everything; SHACL then sees the assertions (``assertions``: the
    data's types) with what HermiT knows of the ontology alone (its class hierarchy, its own
    individuals' types), as on the HermiT path."""
    store.update(f"DROP SILENT GRAPH <{DERIVED}> ; DELETE WHERE {{ ?x a ?t }}")
    store.extend(assertions)
    add_graph(store, ontology)
    InStore(store).apply(hierarchy_rule(tbox))
    add_graph(store, tbox.entailments())


def fill_types(
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
        entry = IndividualTypes(iri, own, inferred, all_types)  # lists shared by individuals alike
        (report.individuals if iri in data_individuals else report.ontology_individuals).append(entry)
