"""A knowledge graph inside a SPARQL 1.1 server, read and written as one dataset, so that the scale
engine's rules and compiled SHACL run there unchanged.

The data stays in its named graph. Beside it live four graphs this toolkit owns and replaces on
every run (``--clean`` drops them): the ontology (uploaded, a few thousand triples), the shipped
reference entries the data names (countries, languages: what the local loader adds to the data),
the entailed types, and the derived property values (:data:`bpo_kg.reason.rules.DERIVED` locally).
A query reads the merge of data, reference entries, ontology and entailed types as its default
graph and the derived values by name
(protocol parameters); an update names the same graphs in ``USING`` clauses and writes with
``WITH``. The query texts are the local engine's, with the derived graph's IRI put in.

Server limits are handled, never passed on as a short answer: a result cut by a row cap is fetched
again in parts split by a hash (:mod:`bpo_kg.engines.paging`), large results always are; an update the server
refuses (size, time) is split into parts of at most ``max_update_rows`` solutions each, run until a
part adds nothing; what still fails is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Node

from bpo_kg.engines.paging import BUCKETS, bucket_ranges, count_query, first_row, pageable, partition
from bpo_kg.engines.sparql_client import SparqlEndpoint
from bpo_kg.errors import EndpointError, TruncatedResultError
from bpo_kg.load.reference import named_entries_query, reference_statements, unknown_warning
from bpo_kg.reason.realise import count_pattern
from bpo_kg.reason.rules import DERIVED, Rule
from bpo_kg.stores import to_oxigraph

Term = ox.NamedNode | ox.BlankNode | ox.Literal
PAGE_ROWS = 100_000  # rows per page of a large result: the client holds one page of JSON at a time
SMALLEST_PART = 1_000  # an update refused at this many solutions is an error, not split further
_ASK = re.compile(r"^(?:\s*(?:PREFIX|BASE)\b[^\n]*\n)*\s*ASK\b", re.IGNORECASE)
_VARIABLE = re.compile(r"\?\w+")


@dataclass(frozen=True)
class ServerGraphs:
    """The data's named graph and the three graphs kept beside it."""

    data: str

    def _beside(self, name: str) -> str:
        return f"{self.data}{'-' if '#' in self.data else '#'}bpo-kg-{name}"

    @property
    def ontology(self) -> str:
        return self._beside("ontology")

    @property
    def reference(self) -> str:
        return self._beside("reference")

    @property
    def entailed(self) -> str:
        return self._beside("entailed")

    @property
    def derived(self) -> str:
        return self._beside("derived")

    @property
    def owned(self) -> tuple[str, ...]:
        return self.ontology, self.reference, self.entailed, self.derived

    @property
    def data_graphs(self) -> tuple[str, str]:
        """The data as the local loader has it: the data graph and the reference entries it names."""
        return self.data, self.reference

    @property
    def knowledge_graph(self) -> tuple[str, ...]:
        """The default graph of every query: data, reference entries, ontology, entailed types."""
        return self.data, self.reference, self.ontology, self.entailed


class Solution:
    """One row, read like an Oxigraph solution: by variable name or position."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: tuple[Term | None, ...]) -> None:
        self._index, self._values = index, values

    def __getitem__(self, key: str | int) -> Term | None:
        return self._values[key if isinstance(key, int) else self._index[key]]

    def __iter__(self) -> Iterator[Term | None]:
        return iter(self._values)


class Solutions(list):
    """The rows of a SELECT, with ``variables`` as Oxigraph gives them."""

    def __init__(self, columns: list[str], rows: list[Solution]) -> None:
        super().__init__(rows)
        self.variables = [ox.Variable(column) for column in columns]


def oxigraph_term(term: Node | None) -> Term | None:
    """An Oxigraph term for a server's answer (a blank node label made a valid one: Virtuoso's
    ``nodeID://b1`` is not)."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return ox.BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", str(term)))
    return to_oxigraph(term)


class ServerDataset:
    """The data graph ``graphs.data`` of ``endpoint`` with its ontology, entailed and derived graphs.

    ``store_url``: the Graph Store protocol URL the ontology is uploaded to; ``max_update_rows``:
    split every update into parts of this many solutions (else only an update the server refuses)."""

    def __init__(
        self,
        endpoint: SparqlEndpoint,
        graphs: ServerGraphs,
        store_url: str,
        max_update_rows: int | None = None,
        page_rows: int = PAGE_ROWS,
    ) -> None:
        self.endpoint, self.graphs, self.store_url = endpoint, graphs, store_url
        self.max_update_rows = max_update_rows
        self.page_rows = page_rows
        self.updates = 0  # updates sent, parts counted one by one
        self.warnings: list[str] = []

    # --- queries -------------------------------------------------------------------------------
    def _text(self, text: str) -> str:
        return text.replace(f"<{DERIVED}>", f"<{self.graphs.derived}>")

    def _graphs(self, data_only: bool) -> tuple[str, ...]:
        return self.graphs.data_graphs if data_only else self.graphs.knowledge_graph

    def query(self, text: str, data_only: bool = False) -> Solutions | bool:
        """A SELECT (every row: split into parts past the server's cap) or an ASK, over the
        knowledge graph (or the data graph alone)."""
        graphs, text = self._graphs(data_only), self._text(text)
        if _ASK.match(text):
            return self.endpoint.ask(text, graph=graphs, named=self.graphs.derived)
        try:
            columns, rows = self.endpoint.select(text, graph=graphs, named=self.graphs.derived)
        except TruncatedResultError as cut:
            if cut.cap is None or not pageable(text):
                raise
            columns = self.endpoint.select(first_row(text), graph=graphs, named=self.graphs.derived, paged=True)[0]
            return Solutions(columns, [row for part in self.in_parts(text, columns[0], data_only) for row in part])
        return self._solutions(columns, rows)

    def in_parts(self, text: str, column: str, data_only: bool = False) -> Iterator[Solutions]:
        """The rows of a SELECT in parts of about ``page_rows`` rows, split by a hash of ``column``
        (a large result is never held whole; a part still cut by the server's cap is split again)."""
        graphs, text = self._graphs(data_only), self._text(text)
        counted = self.endpoint.select(count_query(text), graph=graphs, named=self.graphs.derived)[1]
        rows = int(counted[0][0]) if counted and counted[0][0] is not None else 0
        todo = list(reversed(bucket_ranges(-(-rows // self.page_rows))))
        while todo:
            low, high = todo.pop()
            query = text if (low, high) == (0, BUCKETS) else partition(text, column, low, high)
            try:
                columns, found = self.endpoint.select(query, graph=graphs, named=self.graphs.derived)
            except TruncatedResultError as cut:
                if cut.cap is None or high - low < 2:
                    raise
                middle = (low + high) // 2
                todo += [(middle, high), (low, middle)]
                continue
            yield self._solutions(columns, found)

    @staticmethod
    def _solutions(columns: list[str], rows: list[tuple[Node | None, ...]]) -> Solutions:
        index = {column: i for i, column in enumerate(columns)}
        return Solutions(columns, [Solution(index, tuple(map(oxigraph_term, row))) for row in rows])

    # --- rules (a RuleTarget, see bpo_kg.reason.realise) --------------------------------------
    def _update(self, rule: Rule, part: int | None = None) -> str:
        head = f"GRAPH <{self.graphs.derived}> {{ {rule.head} }}" if rule.derived else rule.head
        using = " ".join(f"USING <{g}>" for g in self.graphs.knowledge_graph)
        where = self._text(rule.where)
        if part is not None:
            variables = " ".join(sorted(set(_VARIABLE.findall(rule.head))))
            where = f"{{ SELECT DISTINCT {variables} WHERE {{ {where} }} LIMIT {part} }}"
        return (
            f"WITH <{self.graphs.entailed}> INSERT {{ {head} }} {using} USING NAMED <{self.graphs.derived}> "
            f"WHERE {{ {where} }}"
        )

    def apply(self, rule: Rule) -> None:
        """Run the rule on the server: whole, or in parts if so configured or if the server
        refuses it whole."""
        if self.max_update_rows is None:
            try:
                self.endpoint.update(self._update(rule))
                self.updates += 1
                return
            except TruncatedResultError:
                raise
            except EndpointError as error:
                if not refused_for_size(error):
                    raise
        self._apply_in_parts(rule, self.max_update_rows or self.page_rows)

    def _apply_in_parts(self, rule: Rule, size: int) -> None:
        """Parts of ``size`` solutions (halved when refused) until a part adds nothing: every part
        reads what the earlier ones added (its NOT EXISTS), so it takes the next solutions."""
        key = rule.writes if rule.writes != "hierarchy" else None
        while True:
            before = self.count(key) if key else self._entailed_count()
            try:
                self.endpoint.update(self._update(rule, part=size))
            except EndpointError as error:
                if not refused_for_size(error) or size <= SMALLEST_PART:
                    raise EndpointError(f"{error} (an update split into parts of {size} solutions)") from None
                size //= 2
                continue
            self.updates += 1
            if (self.count(key) if key else self._entailed_count()) == before:
                return

    def count(self, key: str) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {count_pattern(key, self.graphs.derived)} }}"
        rows = self.endpoint.select(query, graph=self.graphs.entailed, named=self.graphs.derived)[1]
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def _entailed_count(self) -> int:
        return self.endpoint.count(self.graphs.entailed)

    # --- the owned graphs ----------------------------------------------------------------------
    def clean(self) -> int:
        """Drop the ontology, entailed and derived graphs; returns the triples they held."""
        held = sum(self.endpoint.count(graph) for graph in self.graphs.owned)
        self.endpoint.update(" ; ".join(f"DROP SILENT GRAPH <{graph}>" for graph in self.graphs.owned))
        return held

    def add_reference(self) -> None:
        """Add the shipped reference entries the data names to their graph (as the local loader
        adds them to the data); ``warnings`` then names the IRIs that name no entry."""
        named = [row[0].value for row in self.query(named_entries_query(), data_only=True)]
        statements, unknown = reference_statements(named)
        if statements:
            entries = Graph()
            for triple in statements:
                entries.add(triple)
            self._post(self.graphs.reference, entries)
        self.warnings = unknown_warning(unknown)

    def add_to_ontology(self, graph: Graph) -> None:
        """Add ``graph``'s triples to the ontology graph."""
        self._post(self.graphs.ontology, graph)

    def _post(self, graph: str, triples: Graph) -> None:
        """Add triples to a named graph (Graph Store protocol POST)."""
        self.endpoint.post_graph(self.store_url, graph, triples.serialize(format="nt", encoding="utf-8"))


def refused_for_size(error: EndpointError) -> bool:
    """Whether the server refused an update for its size or time (and a smaller one may pass):
    Virtuoso's transaction-log and memory limits, time-outs, and an HTTP 413 or 5xx answer."""
    text = str(error)
    return bool(
        re.search(r"HTTP (413|5\d\d)\b|timeout|SR325|SR\d+.*(limit|memory)|exceeded|too large", text, re.IGNORECASE)
    )
