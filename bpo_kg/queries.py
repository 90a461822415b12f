"""Named competency questions (``queries/*.rq``): list them, bind their parameters, run them on a backend.

Parameters are always RDF terms (:mod:`bpo_kg.terms`); a backend binds them with ``initBindings``
(in memory) or a ``VALUES`` block built from the terms (endpoint), never by pasting text.
The graph queried is the *knowledge graph*: ontology + data + what HermiT entails
(:func:`bpo_kg.reason.materialise`), because most classes asked about are OWL-defined and
only a DL reasoner knows who belongs to them (docs/queries.md).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from rdflib import Graph, Literal, Node, URIRef, Variable

from bpo_kg.endpoint import SparqlEndpoint
from bpo_kg.queryfile import QueryFile, read_query_folder
from bpo_kg.resources import queries_dir
from bpo_kg.terms import parse_value

Row = tuple[Node | None, ...]


class ParameterError(Exception):
    """A missing, unknown or malformed query parameter; a one-line message."""


@cache
def named_queries() -> dict[str, QueryFile]:
    """The shipped named queries by name, each parsed once per process."""
    return {query.name: query for query in read_query_folder(queries_dir())}


def get_query(name: str) -> QueryFile:
    queries = named_queries()
    if name not in queries:
        raise ParameterError(f"no query named {name!r} (see 'bpo-kg queries'; known: {', '.join(sorted(queries))})")
    return queries[name]


def bind_parameters(query: QueryFile, raw: Mapping[str, str]) -> dict[str, Node]:
    """Check and convert raw ``name=value`` parameters into RDF terms; every declared parameter is required."""
    declared = {parameter.name: parameter for parameter in query.parameters}
    unknown = sorted(set(raw) - set(declared))
    if unknown:
        raise ParameterError(
            f"query {query.name!r} has no parameter {unknown[0]!r} (it takes: {', '.join(declared) or 'none'})"
        )
    bindings: dict[str, Node] = {}
    for name, parameter in declared.items():
        if name not in raw:
            raise ParameterError(
                f"query {query.name!r} needs --param {name}=… ({parameter.type}: {parameter.description})"
            )
        try:
            bindings[name] = parse_value(raw[name], parameter.type)
        except ValueError as error:
            raise ParameterError(f"parameter {name}: {error}") from None
    return bindings


@dataclass
class QueryResult:
    """Rows of RDF terms under named columns."""

    columns: list[str]
    rows: list[Row]

    def to_json(self) -> str:
        def cell(term: Node | None) -> dict | None:
            if term is None:
                return None
            if isinstance(term, Literal):
                out = {"type": "literal", "value": str(term)}
                if term.language:
                    out["lang"] = term.language
                elif term.datatype:
                    out["datatype"] = str(term.datatype)
                return out
            return {"type": "uri" if isinstance(term, URIRef) else "bnode", "value": str(term)}

        rows = [{col: cell(term) for col, term in zip(self.columns, row, strict=True)} for row in self.rows]
        return json.dumps({"columns": self.columns, "rows": rows}, indent=2, ensure_ascii=False)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(["" if term is None else str(term) for term in row] for row in self.rows)
        return out.getvalue()

    def to_table(self, shorten: Callable[[str], str] = str) -> str:
        def text(term: Node | None) -> str:
            if term is None:
                return ""
            return shorten(str(term)) if isinstance(term, URIRef) else str(term)

        cells = [self.columns] + [[text(term) for term in row] for row in self.rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.columns))]
        lines = [
            "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip() for row in cells
        ]
        lines.insert(1, "  ".join("-" * width for width in widths))
        lines.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(lines)


class Backend(Protocol):
    """Something that answers a named query with bound parameters."""

    def select(self, query: QueryFile, bindings: Mapping[str, Node]) -> QueryResult: ...


class LocalBackend:
    """An in-memory rdflib graph (the materialised knowledge graph)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def select(self, query: QueryFile, bindings: Mapping[str, Node]) -> QueryResult:
        result = self.graph.query(query.prepared, initBindings={Variable(k): v for k, v in bindings.items()})
        columns = [str(var) for var in result.vars or []]
        return QueryResult(columns, [tuple(row) for row in result])


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(text: str, bindings: Mapping[str, Node]) -> str:
    """The query with a VALUES block of the bound terms opening its WHERE clause."""
    if not bindings:
        return text
    match = _WHERE.search(text)
    if match is None:
        raise ParameterError("the query has no WHERE clause to bind parameters in")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(term.n3() for term in bindings.values())
    return f"{text[: match.end()]}\n  VALUES ({names}) {{ ({terms}) }}{text[match.end() :]}"


class EndpointBackend:
    """A remote SPARQL 1.1 endpoint; the data lives in one named graph."""

    def __init__(self, endpoint: SparqlEndpoint, graph: str) -> None:
        self.endpoint = endpoint
        self.graph = graph

    def select(self, query: QueryFile, bindings: Mapping[str, Node]) -> QueryResult:
        columns, rows = self.endpoint.select(with_values(query.text, bindings), graph=self.graph)
        return QueryResult(columns, rows)


def run_named(backend: Backend, name: str, raw_parameters: Mapping[str, str] | None = None) -> QueryResult:
    """Look up, bind and run one named query."""
    query = get_query(name)
    return backend.select(query, bind_parameters(query, raw_parameters or {}))
