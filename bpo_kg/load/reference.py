"""The reference data shipped with the package (countries, languages), added to instance data for
the entries the data names, so that users need not declare them.

Data that uses ``<https://w3id.org/bpo-kg/reference/country/IN>`` (or a language of the Library of
Congress's ISO 639-1 list) gets that entry's statements: its type, code, names and regions. Only
the entries named are added, so reasoning and validation do not grow with the size of the lists.
An IRI of the reference namespace that names no entry is reported, never silently kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from bpo_kg.load.mentions import in_namespaces
from bpo_kg.resources import reference_files
from bpo_kg.stores import to_oxigraph

REFERENCE_NS = "https://w3id.org/bpo-kg/reference/"
LANGUAGE_NS = "http://id.loc.gov/vocabulary/iso639-1/"
NAMESPACES = (REFERENCE_NS, LANGUAGE_NS)


@cache
def _entries() -> dict[str, list[tuple]]:
    """Each entry of the shipped reference files (every subject but the files' headers), with its
    statements."""
    graph = Graph()
    for path in reference_files():
        graph.parse(path, format="turtle")
    headers = set(graph.subjects(RDF.type, OWL.Ontology))
    entries: dict[str, list[tuple]] = {}
    for triple in graph:
        if isinstance(triple[0], URIRef) and triple[0] not in headers:
            entries.setdefault(str(triple[0]), []).append(triple)
    return entries


def reference_statements(named: Iterable[str]) -> tuple[list[tuple], list[str]]:
    """The statements about each named entry, and the named IRIs of the reference namespaces that
    are no entry (one line each, for a warning)."""
    named = sorted(set(named))
    if not named:  # most data names no entry: the reference files are not even parsed
        return [], []
    entries = _entries()
    statements, unknown = [], []
    for iri in named:
        if iri in entries:
            statements += entries[iri]
        elif iri.startswith(REFERENCE_NS + "country/") or iri.startswith(LANGUAGE_NS):
            unknown.append(iri)
    return statements, unknown


def unknown_warning(unknown: list[str]) -> list[str]:
    if not unknown:
        return []
    listed = ", ".join(f"<{iri}>" for iri in unknown[:5]) + (
        f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
    )
    return [f"{listed}: not in the shipped reference data (countries, languages): check the code"]


def add_to_graph(graph: Graph) -> tuple[int, list[str]]:
    """Add the reference statements ``graph`` needs; the number added and the warnings."""
    named = {str(t) for s, _, o in graph for t in (s, o) if isinstance(t, URIRef) and str(t).startswith(NAMESPACES)}
    statements, unknown = reference_statements(named)
    before = len(graph)
    for triple in statements:
        graph.add(triple)
    return len(graph) - before, unknown_warning(unknown)


def named_entries_query() -> str:
    """A SELECT of the IRIs of the reference namespaces a store names (``?t``; one scan of subjects
    and objects)."""
    return f"SELECT DISTINCT ?t WHERE {{ {{ ?t ?p ?o }} UNION {{ ?s ?p ?t }} FILTER({in_namespaces(NAMESPACES)}) }}"


def add_to_store(store: ox.Store, named: set[str]) -> tuple[int, list[str]]:
    """Add the reference statements ``store`` needs: ``named``, the IRIs of :data:`NAMESPACES` it uses
    (:func:`bpo_kg.load.mentions.namespace_iris`; others may be among them)."""
    statements, unknown = reference_statements(iri for iri in named if iri.startswith(NAMESPACES))
    new = [quad for triple in statements if (quad := ox.Quad(*map(to_oxigraph, triple))) not in store]
    store.extend(new)  # counted so, not by len() before and after: each is a count of every quad
    return len(set(new)), unknown_warning(unknown)
