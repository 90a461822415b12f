"""A knowledge graph that lives in a SPARQL 1.1 server, in one named graph (Virtuoso in CI; the
same protocol on GraphDB, Stardog, Neptune). Either the graph holds what a local engine realised
(``bpo-kg load``), or it holds the data and the server reasons and validates it: the scale engine's
rules and compiled SHACL run there (:mod:`bpo_kg.engines.server_reasoning`), and queries read the
data with its entailed types (:mod:`bpo_kg.engines.server_store`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property

from rdflib import Graph, Node, URIRef
from rdflib.plugins.sparql import prepareQuery

from bpo_kg.engines.base import KnowledgeGraph, ntriples_count
from bpo_kg.engines.paging import pageable, select_in_pages
from bpo_kg.engines.path_guard import refuse_user_query_paths, refuse_user_shape_paths
from bpo_kg.engines.server_reasoning import reason_on_server
from bpo_kg.engines.server_store import ServerDataset, ServerGraphs
from bpo_kg.engines.sparql_client import SparqlEndpoint, default_store_url
from bpo_kg.engines.store_queries import mentions_query, named_query
from bpo_kg.errors import ReasonerError, TruncatedResultError, UnsupportedError
from bpo_kg.load import LoadedData, load_shapes
from bpo_kg.progress import stage
from bpo_kg.query import QueryFile, QueryResult, local_name, with_values
from bpo_kg.reason import ReasoningReport
from bpo_kg.terms import KNOWN_PREFIXES
from bpo_kg.validate import ValidationReport, validate_store


def _projected(query: QueryFile | str) -> list[str]:
    """The variables a SELECT projects, in order (rdflib's parse)."""
    prepared = query.prepared if isinstance(query, QueryFile) else prepareQuery(query)
    return [str(variable) for variable in prepared.algebra["PV"]]


class EndpointGraph:
    """The named graph ``graph`` of the endpoint ``endpoint``; ``store_url``: where the ontology is
    uploaded for reasoning on the server (Graph Store protocol; Virtuoso's beside the endpoint if
    not given); ``max_update_rows``: split every rule update into parts this large."""

    engine = "endpoint"
    data: LoadedData[Graph] | None = None

    def __init__(
        self,
        endpoint: SparqlEndpoint,
        graph: str,
        ontology: Graph,
        shapes: Graph | None = None,
        close_world: bool = True,
        store_url: str | None = None,
        max_update_rows: int | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.graph = graph
        self.ontology = ontology
        self.close_world = close_world
        self._shapes = shapes
        self.dataset = ServerDataset(
            endpoint, ServerGraphs(graph), store_url or default_store_url(endpoint.url), max_update_rows
        )
        self._reasoning: ReasoningReport | None = None
        self._validation: ValidationReport | None = None
        self._queried: str | None = None

    def reason(self) -> ReasoningReport:
        """Realise the data on the server (every run replaces the entailments of the one before)."""
        if self._reasoning is None:
            self.shapes  # noqa: B018 -- refused shapes stop the run before the server is written to
            with stage("reasoning on the server"):
                self._reasoning = reason_on_server(self.ontology, self.dataset, self.close_world)
        return self._reasoning

    def validate(self) -> ValidationReport:
        """Every SHACL constraint as a SELECT on the server, over the data and its entailments."""
        self.reason()
        if self._validation is None:
            with stage("validating on the server"):
                self._validation = validate_store(self.dataset, self.shapes, literals_as_written=True)
        return self._validation

    @cached_property
    def shapes(self) -> Graph:
        """The shapes to validate with; one of the user's with a repetition path is refused where the
        server answers them wrongly (checked before anything runs on the server)."""
        shapes = self._shapes or load_shapes()
        refuse_user_shape_paths(shapes, self.endpoint.server_software())
        return shapes

    def queried_graph(self) -> str:
        """The knowledge graph reasoning on the server built, if there is one; else the graph itself
        (as ``bpo-kg load`` fills it: realised already)."""
        if self._queried is None:
            knowledge = self.dataset.graphs.knowledge
            self._queried = knowledge if self._reasoning or self.endpoint.count(knowledge) else self.graph
        return self._queried

    def clean(self) -> int:
        """Remove what reasoning on the server built; returns the triples removed."""
        self._queried = None
        return self.dataset.clean()

    def select(self, query: QueryFile | str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """The rows of a SELECT over the graph and what reasoning on the server added to it; past
        the server's row cap, page by page where the query allows it."""
        if self._reasoning is not None and not self._reasoning.consistent:
            raise ReasonerError("the data is inconsistent: nothing sound can be queried (see 'bpo-kg reason')")
        text = with_values(query.text if isinstance(query, QueryFile) else query, bindings or {})
        refuse_user_query_paths(query, self.endpoint)
        graphs = self.queried_graph()
        try:
            columns, rows = self.endpoint.select(text, graph=graphs)
        except TruncatedResultError as cut:
            if cut.cap is None or not pageable(text):
                raise
            columns = _projected(query)
            rows = select_in_pages(
                text, columns, cut.cap, lambda page: self.endpoint.select(page, graph=graphs, paged=True)
            )
        return QueryResult(columns, rows)

    def prefixes(self) -> Iterable[tuple[str, str]]:
        """The server sends full IRIs and no prefixes: the ontology's and the shipped ones name things."""
        return [(prefix, str(namespace)) for prefix, namespace in self.ontology.namespaces()] + list(
            KNOWN_PREFIXES.items()
        )

    def mentions(self, iri: str) -> bool:
        return bool(self.endpoint.select(mentions_query(iri), graph=self.graph)[1]) or iri in self._ontology_terms

    def named(self, local: str) -> list[str]:
        found = {str(row[0]) for row in self.endpoint.select(named_query(local), graph=self.graph)[1]}
        found |= {iri for iri in self._ontology_terms if local_name(iri) == local}
        return sorted(iri for iri in found if local_name(iri) == local)

    @cached_property
    def _ontology_terms(self) -> set[str]:
        return {str(t) for triple in self.ontology for t in triple if isinstance(t, URIRef)}

    def export(self) -> bytes:
        raise UnsupportedError("exporting from a SPARQL server is not built yet: use the server's own dump")

    def replace_with(self, source: KnowledgeGraph, store_url: str) -> tuple[int, int]:
        """Replace the named graph with ``source``'s knowledge graph (Graph Store protocol PUT at
        ``store_url``); returns the triples sent and the triples the server then holds."""
        ntriples = source.export()
        self.endpoint.put_graph(store_url, self.graph, ntriples)
        return ntriples_count(ntriples), self.endpoint.count(self.graph)
