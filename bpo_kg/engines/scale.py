"""The scale engine: data parsed straight into an Oxigraph store, HermiT on the ontology only, SPARQL
rules compiled from its classification realise the data in the store, every SHACL constraint runs
there once (compiled to SPARQL), and queries run there too.

For large data: a million triples in about a minute and 1 GB (docs/performance.md). What the rules
cannot entail that HermiT can is listed there; constructs it does not compile are refused with an
:class:`~bpo_kg.errors.UnsupportedError`, never answered wrongly.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
from rdflib import Graph, Node

from bpo_kg.engines.base import LocalKnowledgeGraph
from bpo_kg.engines.store_queries import select_in, store_mentions, store_named
from bpo_kg.errors import ReasonerError
from bpo_kg.load import LoadedData, load_graph
from bpo_kg.load.reference import add_to_graph
from bpo_kg.query import QueryFile, QueryResult
from bpo_kg.reason import ReasoningReport, reason_store
from bpo_kg.validate import ValidationReport, validate, validate_store


class ScaleGraph(LocalKnowledgeGraph):
    """Data in an Oxigraph store, realised there by rules compiled from HermiT's classification of the
    ontology (``tbox``: that classification, if already known, else HermiT runs on the ontology)."""

    engine = "scale"
    data: LoadedData[ox.Store]

    def __init__(
        self,
        ontology: Graph,
        data: LoadedData[ox.Store],
        shapes: Graph | None = None,
        close_world: bool = True,
        tbox: ReasoningReport | None = None,
    ) -> None:
        super().__init__(ontology, data, shapes, close_world)
        self.store = data.content
        self._tbox = tbox

    def _reason(self) -> ReasoningReport:
        """Afterwards the store is the knowledge graph (see :func:`bpo_kg.reason.reason_store`)."""
        return reason_store(self.ontology, self.store, close_world=self.close_world, tbox=self._tbox)

    def _validate(self, reasoning: ReasoningReport) -> ValidationReport:
        """Every constraint compiled to SPARQL and run in the store. Where the store rewrote a literal
        of the data (``"5"^^xsd:int`` kept as ``"5"^^xsd:integer``), SHACL must see what the user
        wrote: pySHACL then validates the files as written, with the rules' entailments (as the exact
        engine does with HermiT's), never the store's form."""
        if self.data.rewritten:
            data = load_graph([path for path, _count in self.data.files], self.data.input_format)
            add_to_graph(data)  # the same reference entries as in the store
            entailments = self._entailments(reasoning)
            return validate(data, self.ontology, self.shapes, entailments=entailments)
        return validate_store(self.store, self.shapes, literals_as_written=True)

    def _realised(self) -> ox.Store:
        if not self.reason().consistent:
            raise ReasonerError("the data is inconsistent: nothing sound can be queried (see 'bpo-kg reason')")
        return self.store

    def select(self, query: QueryFile | str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        return select_in(self._realised(), query, bindings)

    def _data_mentions(self, iri: str) -> bool:
        return store_mentions(self.store, iri)

    def _data_named(self, local: str) -> set[str]:
        return store_named(self.store, local)

    def export(self) -> bytes:
        return self._realised().dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
