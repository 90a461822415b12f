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
from bpo_kg.errors import ReasonerError, UnsupportedError
from bpo_kg.load import LoadedData
from bpo_kg.query import QueryFile, QueryResult
from bpo_kg.reason import ReasoningReport, reason_store
from bpo_kg.validate import ValidationReport, validate_store


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
        """Refused when the store rewrote a literal of the data: SHACL would judge what it holds
        (``xsd:integer``), not what the user wrote (``xsd:int``), and say "conforms" wrongly."""
        if self.data.rewritten:
            more = f" (and {len(self.data.rewritten) - 1} more)" if len(self.data.rewritten) > 1 else ""
            raise UnsupportedError(
                f"{self.data.rewritten[0]}{more}: the scale engine cannot validate literals as written; "
                "use --store memory"
            )
        return validate_store(self.store, self.shapes)

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
