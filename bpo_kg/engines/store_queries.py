"""What the engines that keep a knowledge graph in an Oxigraph store ask of it: a SELECT with bound
parameters, and whether (and under which local name) an IRI occurs."""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
from rdflib import Node

from bpo_kg.errors import QueryFileError
from bpo_kg.query import QueryFile, QueryResult, local_name, with_values
from bpo_kg.stores import to_rdflib


def select_in(store: ox.Store, query: QueryFile | str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
    """Run a SELECT in ``store`` with ``bindings`` as a VALUES block; rows as rdflib terms."""
    text = query.text if isinstance(query, QueryFile) else query
    try:
        solutions = store.query(with_values(text, bindings or {}))
    except SyntaxError as error:
        raise QueryFileError(f"the query does not parse (Oxigraph): {' '.join(str(error).split())[:160]}") from None
    columns = [variable.value for variable in solutions.variables]
    converted: dict = {None: None}  # rows repeat terms (countries, providers): convert each once

    def term(value):
        if value not in converted:
            converted[value] = to_rdflib(value)
        return converted[value]

    return QueryResult(columns, [tuple(map(term, solution)) for solution in solutions])


def mentions_query(iri: str) -> str:
    """A SELECT with a row if ``iri`` occurs in the default graph, in any position."""
    term = f"<{iri}>"
    return f"SELECT ?s WHERE {{ {{ {term} ?p ?o }} UNION {{ ?s {term} ?o }} UNION {{ ?s ?p {term} }} }} LIMIT 1"


def named_query(local: str) -> str:
    """A SELECT of the IRIs (subjects and objects) that end with ``local`` (``?t``); the caller keeps
    those whose local name it is (:func:`bpo_kg.query.local_name`)."""
    return (
        "SELECT DISTINCT ?t WHERE { { ?t ?p ?o } UNION { ?s ?p ?t } "
        f"FILTER(isIRI(?t) && STRENDS(STR(?t), {ox.Literal(local)})) }}"
    )


def store_mentions(store: ox.Store, iri: str) -> bool:
    """Whether ``iri`` occurs in the store's default graph, in any position."""
    return bool(list(store.query(mentions_query(iri))))


def store_named(store: ox.Store, local: str) -> set[str]:
    """The IRIs (subjects and objects) of the store's default graph whose local name is ``local``."""
    return {row["t"].value for row in store.query(named_query(local)) if local_name(row["t"].value) == local}
