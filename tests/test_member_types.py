"""The scale engine reads class members as text (bpo_kg.reason.realise.member_types): the nodes it
names must be the store's own, blank nodes and IRIs beyond ASCII included, and only the default
graph's types count (the data's own types are kept in a named graph too)."""

from __future__ import annotations

import pyoxigraph as ox

from bpo_kg.reason.realise import RDF_TYPE, member_types
from bpo_kg.reason.rules import ASSERTED_TYPES

A, B, C = (ox.NamedNode(f"https://example.org/k#{name}") for name in "ABC")


def _store() -> tuple[ox.Store, ox.NamedNode, ox.BlankNode, ox.NamedNode]:
    accented = ox.NamedNode("https://example.org/कंपनी/é?x=1&y=%20#a")
    blank = ox.BlankNode()
    other = ox.NamedNode("https://example.org/only-asserted")
    store = ox.Store()
    store.extend(
        [
            ox.Quad(accented, RDF_TYPE, A),
            ox.Quad(accented, RDF_TYPE, B),
            ox.Quad(blank, RDF_TYPE, B),
            ox.Quad(other, RDF_TYPE, A, ox.NamedNode(ASSERTED_TYPES)),
        ]
    )
    return store, accented, blank, other


def test_members_are_the_store_nodes_with_their_classes():
    store, accented, blank, _ = _store()
    types = member_types(store, [A.value, B.value, C.value])
    assert types == {accented: {A.value, B.value}, blank: {B.value}}
    read_blank = next(node for node in types if isinstance(node, ox.BlankNode))
    assert list(store.quads_for_pattern(read_blank, None, None)) == [ox.Quad(blank, RDF_TYPE, B)]


def test_a_type_in_a_named_graph_only_is_no_membership():
    store, _, _, other = _store()
    assert other not in member_types(store, [A.value])
    store.add(ox.Quad(other, RDF_TYPE, A))
    assert member_types(store, [A.value])[other] == {A.value}
