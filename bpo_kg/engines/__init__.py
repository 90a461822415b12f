"""The engines behind :class:`KnowledgeGraph`, and the one place one is chosen.

- ``exact``: rdflib + HermiT + pySHACL, the reference (:mod:`bpo_kg.engines.exact`);
- ``scale``: Oxigraph + rules compiled from HermiT's classification + SHACL as SPARQL
  (:mod:`bpo_kg.engines.scale`);
- ``endpoint``: a named graph in a SPARQL 1.1 server, reasoned over, validated and queried there
  (:mod:`bpo_kg.engines.endpoint`);
- ``saved``: a knowledge graph checked once and saved to a folder, for queries (:mod:`bpo_kg.engines.saved`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from bpo_kg import BPO_NS
from bpo_kg.engines.base import KnowledgeGraph
from bpo_kg.engines.endpoint import EndpointGraph
from bpo_kg.engines.exact import ExactGraph
from bpo_kg.engines.labels import LABEL_PROPERTIES, best_labels, claims_of, labels
from bpo_kg.engines.saved import SavedGraph, save_knowledge_graph
from bpo_kg.engines.scale import ScaleGraph
from bpo_kg.engines.server_store import ServerDataset, ServerGraphs
from bpo_kg.engines.sparql_client import SparqlEndpoint, default_store_url
from bpo_kg.load import Vocabulary, load_data, load_data_store, load_ontology
from bpo_kg.progress import stage
from bpo_kg.reason import ReasoningReport

__all__ = [
    "AUTO_THRESHOLD",
    "ENGINES",
    "LABEL_PROPERTIES",
    "EndpointGraph",
    "ExactGraph",
    "KnowledgeGraph",
    "SavedGraph",
    "ScaleGraph",
    "ServerDataset",
    "ServerGraphs",
    "SparqlEndpoint",
    "best_labels",
    "claims_of",
    "default_store_url",
    "labels",
    "open_knowledge_graph",
    "save_knowledge_graph",
]

ENGINES = ("auto", "exact", "scale")
# Above this many data triples ``auto`` takes the scale engine: measured on this machine, HermiT
# realisation took 1.5 s on the 705-triple example and 44 s on 10k triples.
AUTO_THRESHOLD = 5_000


def vocabulary(ontology: Graph) -> Vocabulary:
    """The ontology's own terms, to warn about data that uses others in its namespace (typos)."""
    return Vocabulary(frozenset(s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)), BPO_NS, "bpo")


def open_knowledge_graph(
    paths: Sequence[str | Path],
    engine: str = "auto",
    input_format: str | None = None,
    close_world: bool = True,
    ontology: Graph | None = None,
    shapes: Graph | None = None,
    tbox: ReasoningReport | None = None,
) -> ExactGraph | ScaleGraph:
    """Load data files once into the engine asked for; ``auto``: ``scale`` above :data:`AUTO_THRESHOLD`
    data triples, else ``exact``. The data is parsed into an Oxigraph store first unless ``exact`` was
    asked for, and kept there if it is large (small data is parsed again by rdflib: milliseconds).
    No files: the ontology alone, on the exact engine. ``tbox``: HermiT's classification of the
    ontology, if known (the scale engine then skips that HermiT run)."""
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r} is not one of {ENGINES}")
    ontology = ontology if ontology is not None else load_ontology()
    if not paths:
        return ExactGraph(ontology, None, shapes, close_world)
    terms = vocabulary(ontology)
    with stage("loading"):
        if engine != "exact":
            stored = load_data_store(paths, input_format, terms)
            if engine == "scale" or stored.triples > AUTO_THRESHOLD:
                return ScaleGraph(ontology, stored, shapes, close_world, tbox)
        return ExactGraph(ontology, load_data(paths, input_format, terms), shapes, close_world)
