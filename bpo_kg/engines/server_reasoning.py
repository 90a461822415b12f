"""Reasoning inside a SPARQL server, as the scale engine reasons in Oxigraph: HermiT classifies the
ontology here, the rules compiled from that classification run on the server (SPARQL 1.1 Update
into the entailed-types graph, :mod:`bpo_kg.engines.server_store`), and the clash queries run
there too. The client receives results only: the named types of each node, one row per node and
one page at a time, and the rows of the clash and undecided queries.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDFS

from bpo_kg.engines.server_store import ServerDataset, Solutions, Term
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
    'SELECT ?x (GROUP_CONCAT(DISTINCT STR(?c); separator=" ") AS ?t) WHERE { ?x a ?c FILTER(isIRI(?c)) } GROUP BY ?x'
)


class _DataOnly:
    """The dataset's data graph alone, read as a store (the schema check runs before the ontology
    is uploaded, as on the local engine)."""

    def __init__(self, dataset: ServerDataset) -> None:
        self.dataset = dataset

    def query(self, text: str) -> Solutions | bool:
        return self.dataset.query(text, data_only=True)


def node_types(dataset: ServerDataset, data_only: bool = False) -> Iterator[tuple[Term, frozenset[str]]]:
    """Every typed node of the knowledge graph (or of the data alone) with its named types; nodes
    with the same types share one set."""
    interned: dict[str, frozenset[str]] = {}
    for page in dataset.in_parts(NODE_TYPES, "x", data_only):
        for row in page:
            text = row[1].value
            if (kinds := interned.get(text)) is None:
                kinds = interned[text] = frozenset(text.split(" "))
            yield row[0], kinds


def reason_on_server(
    ontology: Graph, dataset: ServerDataset, close_world: bool = True, tbox: ReasoningReport | None = None
) -> ReasoningReport:
    """Realise the data graph on the server and report like HermiT (see :func:`bpo_kg.reason.reason_store`).

    Afterwards the server holds the knowledge graph: data, ontology (with the inferred subclass
    links) and every entailed type, each in its own graph (:class:`~bpo_kg.engines.server_store.ServerGraphs`)."""
    started = time.perf_counter()
    tbox = tbox or classify(ontology)
    dataset.clean()  # entailments of an earlier run, perhaps of other data, are not trusted
    dataset.add_reference()
    schema_axioms = undecided_cases(_DataOnly(dataset), [schema_in_data()])
    data_types = {node.value: kinds for node, kinds in node_types(dataset, True) if isinstance(node, ox.NamedNode)}
    dataset.add_to_ontology(ontology)
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
    kept: dict[frozenset[str], frozenset[str]] = {}
    types = {node: kept.setdefault(kinds, kinds & judged) for node, kinds in node_types(dataset)}
    reasoner = f"HermiT (TBox) + SPARQL rules on {dataset.endpoint.url} (ABox)"
    report = judge(dataset, compiler, types, schema_axioms, reasoner=reasoner)
    if not report.consistent:  # as on the local engine: SHACL sees the assertions and the ontology's entailments
        dataset.endpoint.update(
            f"DROP SILENT GRAPH <{dataset.graphs.entailed}> ; DROP SILENT GRAPH <{dataset.graphs.derived}>"
        )
        dataset.apply(hierarchy_rule(tbox))
        dataset.add_to_ontology(tbox.entailments())
    else:
        named = {node.value: kinds for node, kinds in types.items() if isinstance(node, ox.NamedNode)}
        fill_types(report, named, individuals, ontology_individuals, data_types | asserted_types(ontology), tbox)
        links = Graph()
        for sub, sup in tbox.inferred_subclass_links:
            links.add((URIRef(sub), RDFS.subClassOf, URIRef(sup)))
        dataset.add_to_ontology(links)
    report.seconds = time.perf_counter() - started
    return report
