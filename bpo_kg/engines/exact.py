"""The exact engine: rdflib graphs, HermiT over ontology and data, pySHACL, rdflib's SPARQL.

The reference: every inference HermiT can draw, for small data and for proofs; the scale engine
is tested against it (tests/test_engine_contract.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Graph, Node, URIRef, Variable

from bpo_kg.engines.base import LocalKnowledgeGraph
from bpo_kg.load import LoadedData
from bpo_kg.query import QueryFile, QueryResult, local_name
from bpo_kg.reason import ReasoningReport, materialise, reason
from bpo_kg.validate import ValidationReport, validate


class ExactGraph(LocalKnowledgeGraph):
    """Data in an rdflib graph (or none: the ontology alone), reasoned over by HermiT."""

    engine = "exact"
    data: LoadedData[Graph] | None

    def __init__(
        self, ontology: Graph, data: LoadedData[Graph] | None, shapes: Graph | None = None, close_world: bool = True
    ) -> None:
        super().__init__(ontology, data, shapes, close_world)
        self._materialised: Graph | None = None

    def _reason(self) -> ReasoningReport:
        return reason(self.ontology, self.data.content if self.data else None, close_world=self.close_world)

    def _validate(self, reasoning: ReasoningReport) -> ValidationReport:
        """SHACL over the data plus what HermiT entailed. Inconsistent data entails everything, so
        then SHACL sees only the ontology's own inferred hierarchy (one more HermiT run, over the
        ontology alone): its plain-language messages often explain the inconsistency best."""
        entailments = self._entailments(reasoning)
        data = self.data.content if self.data else Graph()
        return validate(data, self.ontology, self.shapes, entailments=entailments)

    def knowledge_graph(self) -> Graph:
        """Ontology + data + HermiT's entailments (ReasonerError if the data is inconsistent)."""
        if self._materialised is None:
            data = self.data.content if self.data else Graph()
            self._materialised = materialise(self.ontology, data, self.reason())
        return self._materialised

    def select(self, query: QueryFile | str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        prepared = query.prepared if isinstance(query, QueryFile) else query
        initial = {Variable(name): term for name, term in (bindings or {}).items()}
        result = self.knowledge_graph().query(prepared, initBindings=initial)
        return QueryResult([str(var) for var in result.vars or []], [tuple(row) for row in result])

    def _data_mentions(self, iri: str) -> bool:
        if not self.data:
            return False
        term, graph = URIRef(iri), self.data.content
        return (term, None, None) in graph or (None, term, None) in graph or (None, None, term) in graph

    def _data_named(self, local: str) -> set[str]:
        triples = self.data.content if self.data else []
        return {str(t) for triple in triples for t in triple if isinstance(t, URIRef) and local_name(str(t)) == local}

    def export(self) -> bytes:
        return self.knowledge_graph().serialize(format="nt", encoding="utf-8")
