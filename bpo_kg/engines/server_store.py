"""A knowledge graph inside a SPARQL 1.1 server, so that the scale engine's rules and compiled SHACL
run there unchanged.

The data's named graph is never written to. Beside it live two graphs this toolkit owns and
rebuilds on every run (``--clean`` drops them): the knowledge graph (a copy of the data made on
the server, the shipped reference entries it names, the ontology, and every type the rules
entail: what the local engine's store holds) and the derived property values
(:data:`bpo_kg.reason.rules.DERIVED` locally). Queries read the knowledge graph as their default
graph and the derived values by name (protocol parameters); updates name them in ``WITH`` and
``USING`` clauses. One graph, not the data's beside the entailments: Virtuoso 7 answers a join into
a ``*`` property path over a default graph merged from several named graphs with no rows (so a
SHACL-SPARQL constraint found nothing); over one graph it answers right.

Server limits are handled, never passed on as a short answer: a result cut by a row cap is fetched
again in parts split by a hash (:mod:`bpo_kg.engines.paging`), large results always are; an update
the server refuses (size, time) is split into parts of at most ``max_update_rows`` solutions each;
what still fails is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Node

from bpo_kg.engines.paging import BUCKETS, bucket_ranges, count_query, first_row, pageable, partition
from bpo_kg.engines.sparql_client import SparqlEndpoint, drain
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
    """The data's named graph and the two graphs kept beside it."""

    data: str

    def _beside(self, name: str) -> str:
        return f"{self.data}{'-' if '#' in self.data else '#'}bpo-kg-{name}"

    @property
    def knowledge(self) -> str:
        """Data, reference entries, ontology and entailed types."""
        return self._beside("knowledge-graph")

    @property
    def derived(self) -> str:
        return self._beside("derived")

    @property
    def owned(self) -> tuple[str, str]:
        return self.knowledge, self.derived


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
    """The knowledge graph built from the data graph ``graphs.data`` of ``endpoint``.

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
        self.parts = 0  # of which parts of a split update
        self.warnings: list[str] = []

    @property
    def described(self) -> str:
        """The data graph and the server, for a report."""
        return f"<{self.graphs.data}> on {self.endpoint.url}"

    def triples(self) -> int:
        """The triples in the data graph."""
        return self.endpoint.count(self.graphs.data)

    # --- queries -------------------------------------------------------------------------------
    def _text(self, text: str) -> str:
        return text.replace(f"<{DERIVED}>", f"<{self.graphs.derived}>")

    def _select(self, text: str, paged: bool = False) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        return self.endpoint.select(text, graph=self.graphs.knowledge, named=self.graphs.derived, paged=paged)

    def query(self, text: str) -> Solutions | bool:
        """A SELECT (every row: split into parts past the server's cap) or an ASK."""
        text = self._text(text)
        if _ASK.match(text):
            return self.endpoint.ask(text, graph=self.graphs.knowledge, named=self.graphs.derived)
        try:
            columns, rows = self._select(text)
        except TruncatedResultError as cut:
            if cut.cap is None or not pageable(text):
                raise
            columns = self._select(first_row(text), paged=True)[0]
            return Solutions(columns, [row for part in self.in_parts(text, columns[0]) for row in part])
        return self._solutions(columns, rows)

    def in_parts(self, text: str, column: str, rows: int | None = None) -> Iterator[Solutions]:
        """The rows of a SELECT in parts of about ``rows`` (default ``page_rows``) rows, split by a
        hash of ``column`` (a large result is never held whole; each part costs the server a pass
        over what the query reads; a part still cut by the server's cap is split again)."""
        text = self._text(text)
        total = _number(self._select(count_query(text))[1])
        todo = list(reversed(bucket_ranges(-(-total // (rows or self.page_rows)))))
        while todo:
            low, high = todo.pop()
            try:
                part = text if (low, high) == (0, BUCKETS) else partition(text, column, low, high)
                columns, found = self._select(part)
            except TruncatedResultError as cut:
                if cut.cap is None or high - low < 2:
                    raise
                middle = (low + high) // 2
                todo += [(middle, high), (low, middle)]
                continue
            yield self._solutions(columns, found)

    @staticmethod
    def _solutions(columns: list[str], rows: list[tuple[Node | None, ...]]) -> Solutions:
        """``rows`` as Oxigraph terms (``rows`` is emptied as they are made: one page is held once)."""
        index = {column: i for i, column in enumerate(columns)}
        return Solutions(columns, [Solution(index, tuple(map(oxigraph_term, row))) for row in drain(rows)])

    # --- rules (a RuleTarget, see bpo_kg.reason.realise) --------------------------------------
    def _update(self, rule: Rule, part: int | None = None) -> str:
        head = f"GRAPH <{self.graphs.derived}> {{ {rule.head} }}" if rule.derived else rule.head
        where = self._text(rule.where)
        if part is not None:
            variables = " ".join(sorted(set(_VARIABLE.findall(rule.head))))
            where = f"{{ SELECT DISTINCT {variables} WHERE {{ {where} }} LIMIT {part} }}"
        knowledge = self.graphs.knowledge
        return (
            f"WITH <{knowledge}> INSERT {{ {head} }} USING <{knowledge}> USING NAMED <{self.graphs.derived}> "
            f"WHERE {{ {where} }}"
        )

    def apply(self, rule: Rule) -> None:
        """Run the rule on the server: whole, or in parts if so configured or if the server
        refuses it whole."""
        if not self._ran_whole(self._update(rule)):
            self._apply_in_parts(rule, self.max_update_rows or self.page_rows)

    def _apply_in_parts(self, rule: Rule, size: int) -> None:
        """Parts of ``size`` solutions (halved when refused) until a part adds nothing: every part
        reads what the earlier ones added (its NOT EXISTS), so it takes the next solutions."""
        count = (lambda: self.count(rule.writes)) if rule.writes.startswith(("type ", "prop ")) else self.size
        while True:
            before = count()
            try:
                self.endpoint.update(self._update(rule, part=size))
            except EndpointError as error:
                if not refused_for_size(error) or size <= SMALLEST_PART:
                    raise EndpointError(f"{error} (an update split into parts of {size} solutions)") from None
                size //= 2
                continue
            self.updates += 1
            self.parts += 1
            if count() == before:
                return

    def count(self, key: str) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {count_pattern(key, self.graphs.derived)} }}"
        return _number(self._select(query)[1])

    def size(self) -> int:
        """The triples in the knowledge graph."""
        return self.endpoint.count(self.graphs.knowledge)

    # --- building the knowledge graph ------------------------------------------------------------
    def clean(self) -> int:
        """Drop the knowledge graph and the derived values; returns the triples they held."""
        held = sum(self.endpoint.count(graph) for graph in self.graphs.owned)
        self._drop()
        return held

    def _drop(self) -> None:
        self.endpoint.update(" ; ".join(f"DROP SILENT GRAPH <{graph}>" for graph in self.graphs.owned))

    def start(self) -> None:
        """A fresh knowledge graph: the data copied on the server (split by a hash of the subject
        if the server refuses the whole copy) and the reference entries it names; what an earlier
        run built, perhaps from other data, is dropped first."""
        self._drop()
        data, knowledge = self.graphs.data, self.graphs.knowledge
        if not self._ran_whole(f"ADD <{data}> TO <{knowledge}>"):
            self.endpoint.update(f"DROP SILENT GRAPH <{knowledge}>")  # whatever a refused copy left
            size = self.max_update_rows or self.page_rows
            copy = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{data}> {{ ?s ?p ?o }} }}"
            for low, high in bucket_ranges(-(-self.endpoint.count(data) // size)):
                where = partition(copy, "s", low, high)
                self.endpoint.update(f"INSERT {{ GRAPH <{knowledge}> {{ ?s ?p ?o }} }} WHERE {{ {where} }}")
                self.updates += 1
                self.parts += 1
        self.add_reference()

    def _ran_whole(self, update: str) -> bool:
        """Run ``update`` whole unless updates are always split; False if the server refused it for
        its size or time (any other error is raised)."""
        if self.max_update_rows is not None:
            return False
        try:
            self.endpoint.update(update)
        except EndpointError as error:
            if not refused_for_size(error):
                raise
            return False
        self.updates += 1
        return True

    def add_reference(self) -> None:
        """Add the shipped reference entries the data names (as the local loader adds them to the
        data); ``warnings`` then names the IRIs that name no entry."""
        named = [row[0].value for row in self.query(named_entries_query())]
        statements, unknown = reference_statements(named)
        if statements:
            entries = Graph()
            for triple in statements:
                entries.add(triple)
            self.add(entries)
        self.warnings = unknown_warning(unknown)

    def add(self, triples: Graph) -> None:
        """Add triples to the knowledge graph (Graph Store protocol POST)."""
        ntriples = triples.serialize(format="nt", encoding="utf-8")
        self.endpoint.post_graph(self.store_url, self.graphs.knowledge, ntriples)


def _number(rows: list[tuple[Node | None, ...]]) -> int:
    """The number in the one row of a COUNT query."""
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def refused_for_size(error: EndpointError) -> bool:
    """Whether the server refused an update for its size or time, so that a smaller one may pass:
    an HTTP 413, a time-out, Virtuoso's transaction-log (SR325) or memory limits. Any other error
    (syntax, permission) is passed on at once."""
    return bool(
        re.search(r"HTTP 413\b|timeout|time limit|SR325|out of memory|memory limit|too large", str(error), re.I)
    )
