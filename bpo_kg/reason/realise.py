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
from rdflib import Graph
from rdflib.namespace import OWL, RDFS

from bpo_kg import BPO_NS
from bpo_kg.errors import UnsupportedError
from bpo_kg.reason.clashes import ClashCompiler, Undecided, schema_in_data
from bpo_kg.reason.closure import CATALOGUE_CLOSURE
from bpo_kg.reason.hermit import reason
from bpo_kg.reason.report import (
    SCHEMA_TYPES,
    IndividualTypes,
    ReasoningReport,
    UndecidedCase,
    asserted_types,
    named_subjects,
)
from bpo_kg.reason.rules import DERIVED, Rule, compile_rules, hierarchy_update
from bpo_kg.stores import add_graph

ASSERTED = "urn:bpo-kg:asserted-types"  # a snapshot, while the rules run
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


def store_types(store: ox.Store) -> dict[str, set[str]]:
    """The named types of every named subject in ``store``'s default graph."""
    types: dict[str, set[str]] = {}
    for solution in store.query("SELECT ?x ?t WHERE { ?x a ?t . FILTER(isIRI(?x) && isIRI(?t)) }"):
        types.setdefault(solution["x"].value, set()).add(solution["t"].value)
    return types


def class_members(store: ox.Store, classes: Iterable[str]) -> dict[str, set[str]]:
    """The types among ``classes`` of every named individual (one query per class: faster than one for all)."""
    types: dict[str, set[str]] = {}
    for cls in classes:
        for solution in store.query(f"SELECT ?x WHERE {{ ?x a <{cls}> FILTER(isIRI(?x)) }}"):
            types.setdefault(solution["x"].value, set()).add(cls)
    return types


def reason_store(
    ontology: Graph, store: ox.Store, close_world: bool = True, tbox: ReasoningReport | None = None
) -> ReasoningReport:
    """Realise the data in ``store`` (default graph; the ontology is added to it) and report like HermiT.

    Afterwards the store is the knowledge graph: ontology, data, every entailed named type and the
    inferred subclass links (derived property values stay in their own named graph)."""
    started = time.perf_counter()
    tbox = tbox or reason(ontology)
    data_types = store_types(store)
    schema_axioms = undecided_cases(store, [schema_in_data()])
    add_graph(store, ontology)
    if not tbox.ok:
        return tbox
    ontology_individuals = named_subjects(ontology, OWL.NamedIndividual)
    individuals = {s for s, kinds in data_types.items() if not kinds & SCHEMA_TYPES} - ontology_individuals
    closed = set(CATALOGUE_CLOSURE) if close_world else set()
    store.update(f"INSERT {{ GRAPH <{ASSERTED}> {{ ?x a ?t }} }} WHERE {{ ?x a ?t }}")
    saturate(store, compile_rules(ontology, tbox, closed), tbox)
    compiler = ClashCompiler(ontology, tbox, closed)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # Oxigraph releases the GIL
        undecided = pool.submit(undecided_cases, store, compiler.undecided())
        clashes = [row for rows in pool.map(lambda q: list(store.query(q)), compiler.clash_queries()) for row in rows]
    report = ReasoningReport(
        consistent=not clashes,
        closed_properties=sorted(closed),
        undecided=[] if clashes else schema_axioms + undecided.result(),
        reasoner="HermiT (TBox) + SPARQL rules in Oxigraph (ABox)",
    )
    if clashes:
        _keep_assertions(store, tbox)
    else:
        asserted = data_types | asserted_types(ontology)
        _fill_types(report, class_members(store, tbox.hierarchy), individuals, ontology_individuals, asserted, tbox)
        for sub, sup in tbox.inferred_subclass_links:
            store.add(ox.Quad(ox.NamedNode(sub), ox.NamedNode(str(RDFS.subClassOf)), ox.NamedNode(sup)))
    store.update(f"DROP GRAPH <{ASSERTED}>")
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


def _keep_assertions(store: ox.Store, tbox: ReasoningReport) -> None:
    """Inconsistent data entails everything; SHACL then sees the assertions with what HermiT knows of
    the ontology alone (its class hierarchy, its own individuals' types), as on the HermiT path."""
    store.update(
        f"DROP SILENT GRAPH <{DERIVED}> ; "
        f"DELETE {{ ?x a ?t }} WHERE {{ ?x a ?t FILTER NOT EXISTS {{ GRAPH <{ASSERTED}> {{ ?x a ?t }} }} }}"
    )
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
