"""Reasoning inside a SPARQL server, as the scale engine reasons in Oxigraph: HermiT classifies the
ontology here, the rules compiled from that classification run on the server (SPARQL 1.1 Update
into the entailed-types graph, :mod:`bpo_kg.engines.server_store`), and the clash queries run
there too. The client receives results only: the named types of each node, one row per node and
one page at a time, and the rows of the clash and undecided queries.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Collection, Iterator

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDFS

from bpo_kg.engines.paging import PART_MARK
from bpo_kg.engines.server_store import ServerDataset, Term
from bpo_kg.reason.cache import classify
from bpo_kg.reason.clashes import ClashCompiler, schema_in_data
from bpo_kg.reason.closure import CATALOGUE_CLOSURE
from bpo_kg.reason.realise import (
    classes_judged,
    fill_types,
    judge,
    saturate,
    undecided_cases,
    untyped_individuals,
)
from bpo_kg.reason.report import SCHEMA_TYPES, ReasoningReport, asserted_types, named_subjects
from bpo_kg.reason.rules import compile_rules, hierarchy_rule

# Each node with its named types, in one row: the client holds one string per distinct set.
NODE_TYPES = (
    'SELECT ?x (GROUP_CONCAT(DISTINCT STR(?c); separator=" ") AS ?t) '
    f"WHERE {{ ?x a ?c FILTER(isIRI(?c))\n{PART_MARK}}} GROUP BY ?x"
)
# Each node with those of ``classes`` it has, each named by its number: a short string per node.
NODE_CLASSES = (
    'SELECT ?x (GROUP_CONCAT(DISTINCT STR(?n); separator=" ") AS ?t) '
    f"WHERE {{ VALUES (?c ?n) {{ {{}} }} ?x a ?c\n{PART_MARK}}} GROUP BY ?x"
)


NODE_ROWS = 250_000  # nodes per part: each part is a pass over every type statement on the server


def node_types(dataset: ServerDataset, classes: Collection[str] | None = None) -> Iterator[tuple[Term, frozenset[str]]]:
    """Every typed node of the knowledge graph with its named types (only those of ``classes``,
    if given: the nodes with none of them are left out); nodes with the same types share one set."""
    if classes is None:
        query, named = NODE_TYPES, None
    else:
        named = dict(enumerate(sorted(classes)))
        numbered = " ".join(f"(<{iri}> {number})" for number, iri in named.items())
        query = NODE_CLASSES.replace("{}", numbered, 1)
    interned: dict[str, frozenset[str]] = {}
    for row in itertools.chain.from_iterable(dataset.in_parts(query, "x", rows=NODE_ROWS)):  # a page at a time
        text = row[1].value
        if (kinds := interned.get(text)) is None:
            words = text.split(" ")
            kinds = interned[text] = frozenset(words if named is None else (named[int(w)] for w in words))
        yield row[0], kinds


def reason_on_server(
    ontology: Graph, dataset: ServerDataset, close_world: bool = True, tbox: ReasoningReport | None = None
) -> ReasoningReport:
    """Realise the data graph on the server and report like HermiT (see :func:`bpo_kg.reason.reason_store`).

    Afterwards the server holds the knowledge graph beside the data: data, ontology, the inferred
    subclass links and every entailed type (:class:`~bpo_kg.engines.server_store.ServerGraphs`)."""
    started = time.perf_counter()
    tbox = tbox or classify(ontology)
    dataset.start()  # the data and the reference entries it names, as the local store has them
    schema_axioms = undecided_cases(dataset, [schema_in_data()])
    data_types = {node.value: kinds for node, kinds in node_types(dataset) if isinstance(node, ox.NamedNode)}
    dataset.add(ontology)
    if not tbox.ok:
        return tbox
    ontology_individuals = named_subjects(ontology, OWL.NamedIndividual)
    individuals = {iri for iri, kinds in data_types.items() if not kinds & SCHEMA_TYPES}
    individuals |= untyped_individuals(dataset, ontology, only_untyped=True)
    individuals -= ontology_individuals
    closed = set(CATALOGUE_CLOSURE) if close_world else set()
    saturate(dataset, compile_rules(ontology, tbox, closed), tbox)
    compiler = ClashCompiler(ontology, tbox, closed)
    judged = frozenset(classes_judged(compiler, tbox))
    types = dict(node_types(dataset, judged))
    reasoner = f"HermiT (TBox) + SPARQL rules on {dataset.endpoint.url} (ABox)"
    report = judge(dataset, compiler, types, schema_axioms, reasoner=reasoner)
    named = {node.value: kinds for node, kinds in types.items() if isinstance(node, ox.NamedNode)}
    del types  # a million nodes at 10M: the report is built from ``named``
    if not report.consistent:  # as on the local engine: SHACL sees the assertions and the ontology's entailments
        dataset.start()
        dataset.add(ontology)
        dataset.apply(hierarchy_rule(tbox))
        dataset.add(tbox.entailments())
    else:
        data_types.update(asserted_types(ontology))  # in place: no second dict of every node
        fill_types(report, named, individuals, ontology_individuals, data_types, tbox)
        links = Graph()
        for sub, sup in tbox.inferred_subclass_links:
            links.add((URIRef(sub), RDFS.subClassOf, URIRef(sup)))
        dataset.add(links)
    report.seconds = time.perf_counter() - started
    return report
