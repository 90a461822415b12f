"""A knowledge graph that lives in a SPARQL 1.1 server, in one named graph (Virtuoso in CI; the
same protocol on GraphDB, Stardog, Neptune): queries run there; the graph is filled by uploading
what a local engine realised (``bpo-kg load``). Reasoning and validation on the server are not
built yet and say so."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import Graph, Node
from rdflib.plugins.sparql import prepareQuery

from bpo_kg.engines.base import KnowledgeGraph, ntriples_count
from bpo_kg.engines.paging import pageable, select_in_pages
from bpo_kg.engines.sparql_client import SparqlEndpoint
from bpo_kg.engines.store_queries import mentions_query, named_query
from bpo_kg.errors import TruncatedResultError, UnsupportedError
from bpo_kg.load import LoadedData
from bpo_kg.query import QueryFile, QueryResult, local_name, with_values
from bpo_kg.reason import ReasoningReport
from bpo_kg.terms import KNOWN_PREFIXES
from bpo_kg.validate import ValidationReport

_LOCAL_ONLY = "on a SPARQL server is not built yet: run it on the data files, then 'bpo-kg load' them"


def _projected(query: QueryFile | str) -> list[str]:
    """The variables a SELECT projects, in order (rdflib's parse)."""
    prepared = query.prepared if isinstance(query, QueryFile) else prepareQuery(query)
    return [str(variable) for variable in prepared.algebra["PV"]]


class EndpointGraph:
    """The named graph ``graph`` of the endpoint ``endpoint``."""

    engine = "endpoint"
    data: LoadedData[Graph] | None = None

    def __init__(self, endpoint: SparqlEndpoint, graph: str, ontology: Graph) -> None:
        self.endpoint = endpoint
        self.graph = graph
        self.ontology = ontology

    def reason(self) -> ReasoningReport:
        raise UnsupportedError(f"reasoning {_LOCAL_ONLY}")

    def validate(self) -> ValidationReport:
        raise UnsupportedError(f"validation {_LOCAL_ONLY}")

    def select(self, query: QueryFile | str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """The rows of a SELECT; past the server's row cap, page by page where the query allows it."""
        text = with_values(query.text if isinstance(query, QueryFile) else query, bindings or {})
        try:
            columns, rows = self.endpoint.select(text, graph=self.graph)
        except TruncatedResultError as cut:
            if cut.cap is None or not pageable(text):
                raise
            columns = _projected(query)
            rows = select_in_pages(
                text, columns, cut.cap, lambda page: self.endpoint.select(page, graph=self.graph, paged=True)
            )
        return QueryResult(columns, rows)

    def prefixes(self) -> Iterable[tuple[str, str]]:
        """The server sends full IRIs and no prefixes: the ontology's and the shipped ones name things."""
        return [(prefix, str(namespace)) for prefix, namespace in self.ontology.namespaces()] + list(
            KNOWN_PREFIXES.items()
        )

    def mentions(self, iri: str) -> bool:
        return bool(self.endpoint.select(mentions_query(iri), graph=self.graph)[1])

    def named(self, local: str) -> list[str]:
        found = {str(row[0]) for row in self.endpoint.select(named_query(local), graph=self.graph)[1]}
        return sorted(iri for iri in found if local_name(iri) == local)

    def export(self) -> bytes:
        raise UnsupportedError("exporting from a SPARQL server is not built yet: use the server's own dump")

    def replace_with(self, source: KnowledgeGraph, store_url: str) -> tuple[int, int]:
        """Replace the named graph with ``source``'s knowledge graph (Graph Store protocol PUT at
        ``store_url``); returns the triples sent and the triples the server then holds."""
        ntriples = source.export()
        self.endpoint.put_graph(store_url, self.graph, ntriples)
        return ntriples_count(ntriples), self.endpoint.count(self.graph)
