"""Which IRIs of given namespaces a store uses, in any position: the ontology's (to warn about terms it
lacks) and the reference data's (to add the entries named).

Queries find them by scanning every quad and testing its terms' strings: about 27 s at 10 million
triples. For an N-Triples file, as parsed into the store, a scan of its bytes finds the candidates
in a tenth of that, and the store's indexes confirm each one (a literal or a comment may mention an
IRI the store does not use). A file that writes any character of an IRI as an escape
(``\\u0041``) could spell one the bytes do not show: it gets the queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

# The characters N-Triples allows in an IRI, bar the escapes (\u, \U), which send a file to the queries.
_IRI_CHARS = rb'[^\x00-\x20<>"{}|^`\\]*'
_ESCAPE = re.compile(rb"\\[uU]")


def namespace_iris(store: ox.Store, namespaces: Sequence[str], written: set[str] | None = None) -> set[str]:
    """Every IRI of ``namespaces`` that ``store`` uses; ``written``: the candidates
    :func:`written_iris` found in the N-Triples bytes the store was loaded from, if it was."""
    if not namespaces:
        return set()
    if written is None:
        return _queried(store, namespaces)
    return {iri for iri in written if _used(store, iri)}


def written_iris(ntriples: bytes, namespaces: Sequence[str]) -> set[str] | None:
    """Every ``<iri>`` of ``namespaces`` written in N-Triples bytes, wherever (literals and comments
    too): candidates for :func:`namespace_iris`; None if an escape could hide one (then the store
    is asked). A scan of the bytes only, so it can run while they are loaded."""
    if not namespaces or _ESCAPE.search(ntriples):
        return None
    return _written(ntriples, namespaces)


def in_namespaces(namespaces: Iterable[str]) -> str:
    """A SPARQL expression true when ``?t`` is an IRI of one of ``namespaces``."""
    starts = " || ".join(f"STRSTARTS(STR(?t), {ox.Literal(ns)})" for ns in namespaces)
    return f"isIRI(?t) && ({starts})"


def _queried(store: ox.Store, namespaces: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for position in ("?t ?p ?o", "?s ?t ?o", "?s ?p ?t"):
        query = f"SELECT DISTINCT ?t WHERE {{ {position} FILTER({in_namespaces(namespaces)}) }}"
        found |= {solution["t"].value for solution in store.query(query)}
    return found


def _written(ntriples: bytes, namespaces: Iterable[str]) -> set[str]:
    """Every ``<iri>`` of ``namespaces`` written in the bytes, wherever (literals and comments too)."""
    starts = b"|".join(re.escape(ns.encode()) for ns in namespaces)
    pattern = re.compile(b"<((?:" + starts + b")" + _IRI_CHARS + b")>")
    return {iri.decode() for iri in set(pattern.findall(ntriples))}


def _used(store: ox.Store, iri: str) -> bool:
    try:
        node = ox.NamedNode(iri)
    except ValueError:  # not an IRI: text in a literal or a comment
        return False
    graph = ox.DefaultGraph()
    patterns = ((node, None, None, graph), (None, node, None, graph), (None, None, node, graph))
    return any(next(store.quads_for_pattern(*pattern), None) is not None for pattern in patterns)
