"""Repetition property paths (``p*``, ``p+``, ``p?``) kept from a server that answers them wrongly.

Virtuoso 7.2 (07.20.3229, Debian's) answers a repetition path joined to other patterns with no rows
or too many, depending on its plan: ``$this bpo:providesService ?o . ?o bpo:deliveredThrough ?v .
?v a/rdfs:subClassOf* bpo:NonVoiceChannel`` finds nothing where each part alone finds the row, a
FILTER on the path's end is dropped (known upstream: openlink/virtuoso-opensource#127, #704, #1078).
The shapes and named queries shipped here are proven on Virtuoso by the engine contract test, which
runs them on every example; a shape or query of the user's with such a path is refused there,
naming it, instead of being answered short. Other servers are trusted with the standard.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from rdflib import Graph, Literal, Node
from rdflib.namespace import SH
from rdflib.paths import MulPath, Path
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from bpo_kg.engines.sparql_client import SparqlEndpoint
from bpo_kg.errors import UnsupportedError
from bpo_kg.load import load_shapes
from bpo_kg.query import QueryFile, named_queries
from bpo_kg.validate.report import named_shape
from bpo_kg.validate.shacl_select import prefixes_of
from bpo_kg.validate.shacl_shapes import sparql_path

_MARKS = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}
_WRONG_ON = ("virtuoso/",)  # Server header prefixes (lower case) of servers known to answer them wrongly


def answers_paths_wrongly(server_software: str | None) -> bool:
    """Whether a server, by its HTTP ``Server`` header, is one known to answer repetition paths wrongly."""
    return (server_software or "").strip().lower().startswith(_WRONG_ON)


def repetition_paths(algebra: object) -> Iterator[str]:
    """Each repetition path in a parsed query's algebra (in FILTER EXISTS and subqueries too)."""
    if isinstance(algebra, MulPath):
        yield algebra.n3()
    elif isinstance(algebra, Path):
        yield from repetition_paths(vars(algebra).get("args") or [vars(algebra).get("arg")])
    elif isinstance(algebra, CompValue | dict):
        for value in algebra.values():
            yield from repetition_paths(value)
    elif isinstance(algebra, list | tuple | set):
        for item in algebra:
            yield from repetition_paths(item)


@cache
def paths_in_text(text: str) -> tuple[str, ...]:
    """The repetition paths of a SELECT text; one that does not parse is returned as is (unchecked)."""
    try:
        return tuple(repetition_paths(prepareQuery(text).algebra))
    except Exception:  # rdflib raises a bare Exception (an unknown prefix), pyparsing its own
        return ("(a query rdflib cannot parse, so not checked for them)",)


def _shape_paths(shapes: Graph) -> Iterator[tuple[str, str]]:
    """(the named shape it belongs to, the repetition) for each repetition path and each SPARQL
    constraint with one in ``shapes``."""
    for repeat in _MARKS:
        for node, inner in shapes.subject_objects(repeat):
            yield _owner(shapes, node), f"({sparql_path(shapes, node, inner)}){_MARKS[repeat]}"
    for constraint, select in shapes.subject_objects(SH.select):
        if isinstance(select, Literal):
            for path in paths_in_text(f"{prefixes_of(shapes, constraint)}\n{select}".replace("$", "?")):
                yield _owner(shapes, constraint), path


def _owner(shapes: Graph, node: Node) -> str:
    """The named shape a path or constraint node belongs to (walking up the blank nodes above it)."""
    seen = {node}
    while (name := named_shape(shapes, node)) is None:
        up = next((s for s in shapes.subjects(None, node) if s not in seen), None)
        if up is None:
            return str(node)
        seen.add(node := up)
    return name


@cache
def _shipped_shape_paths() -> frozenset[tuple[str, str]]:
    return frozenset(_shape_paths(load_shapes()))


def refuse_user_shape_paths(shapes: Graph, server_software: str | None) -> None:
    """Refuse, on a server that answers them wrongly, a shape not shipped here that uses a repetition path."""
    if not answers_paths_wrongly(server_software):
        return
    if found := sorted(set(_shape_paths(shapes)) - _shipped_shape_paths()):
        shape, path = found[0]
        raise UnsupportedError(
            f"{shape}: the server ({server_software}) answers the repetition path {path} wrongly when it is "
            "joined to other patterns (openlink/virtuoso-opensource#127, #704): validate on a local engine "
            "(leave out --endpoint), or write the shape without *, + or ?"
        )


def refuse_user_query_paths(query: QueryFile | str, server: SparqlEndpoint) -> None:
    """Refuse, on a server that answers them wrongly, a query not shipped here that uses a repetition
    path (a query file's own parse is read; a shipped query asks nothing of the server)."""
    if isinstance(query, QueryFile) and getattr(named_queries().get(query.name), "text", None) == query.text:
        return
    if not answers_paths_wrongly(software := server.server_software()):
        return
    if isinstance(query, QueryFile):
        name, found = query.name, tuple(repetition_paths(query.prepared.algebra))
    else:
        name, found = "the query", paths_in_text(query)
    if found:
        raise UnsupportedError(
            f"{name}: the server ({software}) answers the repetition path {found[0]} wrongly when it is "
            "joined to other patterns (openlink/virtuoso-opensource#127, #704): run the query on a local "
            "engine (leave out --endpoint), or write it without *, + or ?"
        )
