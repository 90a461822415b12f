"""The part of large data an explanation needs: the statements of the individuals within a few links of
the one in question, grown until the question is entailed there. A justification found in a part is
a justification in the whole (minimality does not depend on what else there is), so the part only
has to be big enough; the catalogue's closure is stated only for individuals whose every statement
and engagement is in the part, so the part never claims a list is complete when it is not."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from bpo_kg import BPO_NS
from bpo_kg.reason.closure import closure_axioms
from bpo_kg.reason.rules import ASSERTED_TYPES
from bpo_kg.stores import to_rdflib

_TYPE, _ASSERTED = ox.NamedNode(str(RDF.type)), ox.NamedNode(ASSERTED_TYPES)
SMALL = 20_000  # data triples: below, the whole data is the part


@dataclass
class Part:
    """Statements of the individuals within ``hops`` links of the start, with the closure axioms of
    the interior ones; ``whole`` when nothing of the data was left out."""

    data: Graph
    closure: Graph
    individuals: int
    whole: bool


def statements(content: Graph | ox.Store, node: str, outgoing: bool) -> list[tuple]:
    """The data's statements with ``node`` as subject (or object). In a realised store the default
    graph holds the entailed types too: the data's own are the ones the scale engine kept apart."""
    if isinstance(content, ox.Store):
        term = ox.BlankNode(node[2:]) if node.startswith("_:") else ox.NamedNode(node)
        default = ox.DefaultGraph()
        if not outgoing:
            quads = list(content.quads_for_pattern(None, None, term, default))
        else:
            quads = [q for q in content.quads_for_pattern(term, None, None, default) if q.predicate != _TYPE]
            asserted = list(content.quads_for_pattern(term, _TYPE, None, _ASSERTED))
            realised = next(iter(content.quads_for_pattern(None, None, None, _ASSERTED)), None) is not None
            quads += asserted if realised else list(content.quads_for_pattern(term, _TYPE, None, default))
        return [(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads]
    term = BNode(node[2:]) if node.startswith("_:") else URIRef(node)
    return list(content.triples((term, None, None) if outgoing else (None, None, term)))


def _key(term) -> str | None:
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, URIRef) and not str(term).startswith(BPO_NS):
        return str(term)
    return None


def around(content: Graph | ox.Store, start: str, hops: int) -> Part:
    """The statements (as subject) of every individual within ``hops`` links of ``start``."""
    distance = {start: 0}
    frontier = [start]
    part = Graph()
    for hop in range(hops + 1):
        following = []
        for node in frontier:
            for triple in statements(content, node, outgoing=True):
                part.add(triple)
                if hop < hops and triple[1] != RDF.type and (key := _key(triple[2])) and key not in distance:
                    distance[key] = hop + 1
                    following.append(key)
            if hop < hops:
                for triple in statements(content, node, outgoing=False):
                    if (key := _key(triple[0])) and key not in distance:
                        distance[key] = hop + 1
                        following.append(key)
        frontier = following
        if not frontier:
            break
    whole = not frontier
    interior = {URIRef(node) for node, d in distance.items() if whole or d < hops}
    closure, candidates = Graph(), closure_axioms(part)
    for triple in candidates.triples((None, RDF.type, None)):
        if triple[0] in interior:
            _copy_restriction(candidates, triple, closure)
    return Part(part, closure, len(distance), whole)


def _copy_restriction(source: Graph, triple: tuple, target: Graph) -> None:
    """A closure axiom (``x a [ owl:onProperty p ; owl:allValuesFrom [ owl:oneOf (...) ] ]``) with its
    blank nodes."""
    target.add(triple)
    todo = [triple[2]]
    while todo:
        node = todo.pop()
        for s, p, o in source.triples((node, None, None)):
            target.add((s, p, o))
            if isinstance(o, BNode):
                todo.append(o)
