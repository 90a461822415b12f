"""Oxigraph stores and rdflib terms: moving triples and terms between the two libraries."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

_XSD_STRING = str(XSD.string)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | Literal | BNode:
    """The rdflib term for an Oxigraph term (a plain literal stays plain, as rdflib keeps it)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:  # RDF 1.1: a plain literal is an xsd:string
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def to_oxigraph(term: URIRef | Literal | BNode) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The Oxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


def add_graph(store: ox.Store, graph: Graph) -> None:
    """Add the triples of an rdflib graph to the store's default graph."""
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)


def store_of(*graphs: Graph) -> ox.Store:
    """A new store holding the triples of rdflib ``graphs``."""
    store = ox.Store()
    for graph in graphs:
        add_graph(store, graph)
    return store
