"""Named competency questions (``queries/*.rq``): list them, bind their parameters, run them on a
knowledge graph (any engine, :mod:`bpo_kg.engines`).

Parameters are always RDF terms (:mod:`bpo_kg.terms`); an engine binds them with ``initBindings``
(rdflib) or a ``VALUES`` block built from the terms (Oxigraph, endpoint), never by pasting text.
The graph queried is the *knowledge graph*: ontology + data + what HermiT entails
(:func:`bpo_kg.reason.materialise`), because most classes asked about are OWL-defined and
only a DL reasoner knows who belongs to them (docs/queries.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Protocol

from rdflib import Node

from bpo_kg.errors import ParameterError
from bpo_kg.query.parameters import bind_parameters
from bpo_kg.query.queryfile import QueryFile, read_query_folder
from bpo_kg.query.result import QueryResult
from bpo_kg.resources import queries_dir


@cache
def named_queries() -> dict[str, QueryFile]:
    """The shipped named queries by name, each parsed once per process."""
    return {query.name: query for query in read_query_folder(queries_dir())}


def get_query(name: str) -> QueryFile:
    queries = named_queries()
    if name not in queries:
        raise ParameterError(f"no query named {name!r} (see 'bpo-kg queries'; known: {', '.join(sorted(queries))})")
    return queries[name]


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


class Answers(Protocol):
    """Anything that answers a query with bound parameters: every knowledge-graph engine."""

    def select(self, query: QueryFile | str, bindings: Mapping[str, Node] = ...) -> QueryResult: ...


def run_named(graph: Answers, name: str, raw_parameters: Mapping[str, str] | None = None) -> QueryResult:
    """Look up, bind and run one named query."""
    query = get_query(name)
    return graph.select(query, bind_parameters(query, raw_parameters or {}))
