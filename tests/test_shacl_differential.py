"""Random shapes over the shipped vocabulary and random small data: the scale engine's validator must give
pySHACL's report (every field) whenever it does not refuse the shapes. Seeded; refusals are counted."""

from __future__ import annotations

import random

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, SH, XSD

from bpo_kg.errors import UnsupportedError
from bpo_kg.resources import core_ontology
from bpo_kg.stores import store_of
from bpo_kg.validate import validate, validate_store

EX = Namespace("https://example.org/data#")
ROUNDS = 60


def _vocabulary() -> tuple[list[URIRef], list[URIRef]]:
    ontology = Graph().parse(core_ontology())
    classes = sorted(c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef))
    properties = sorted(p for p in ontology.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef))
    return classes[:8], properties[:6]


def _data(rng: random.Random, classes: list[URIRef], properties: list[URIRef]) -> Graph:
    data, nodes = Graph(), [EX[f"n{i}"] for i in range(6)]
    values = [*nodes, Literal(rng.randint(0, 9)), Literal("abc"), Literal("x", lang="en"), Literal("y", lang="fr")]
    for node in nodes:
        data.add((node, RDF.type, rng.choice(classes)))
        for _ in range(rng.randint(0, 4)):
            data.add((node, rng.choice(properties), rng.choice(values)))
    return data


def _constraint(rng: random.Random, kind: int, shapes: Graph, shape: BNode, classes, nodes) -> None:
    if kind == 0:
        shapes.add((shape, SH.minCount, Literal(rng.randint(1, 2))))
    elif kind == 1:
        shapes.add((shape, SH.maxCount, Literal(rng.randint(0, 2))))
    elif kind == 2:
        shapes.add((shape, SH["class"], rng.choice(classes)))
    elif kind == 3:
        shapes.add((shape, SH.datatype, rng.choice([XSD.integer, XSD.string, RDF.langString])))
    elif kind == 4:
        shapes.add((shape, SH.nodeKind, rng.choice([SH.IRI, SH.Literal, SH.BlankNodeOrIRI])))
    elif kind == 5:
        members = BNode()
        Collection(shapes, members, rng.sample(nodes, 2))
        shapes.add((shape, SH["in"], members))
    elif kind == 6:
        shapes.add((shape, SH.minInclusive, Literal(rng.randint(0, 9))))
    elif kind == 7:
        shapes.add((shape, SH.hasValue, rng.choice(nodes)))
    else:
        shapes.add((shape, SH.uniqueLang, Literal(True)))


def _shapes(rng: random.Random, classes: list[URIRef], properties: list[URIRef]) -> Graph:
    shapes, nodes = Graph(), [EX[f"n{i}"] for i in range(6)]
    for index in range(rng.randint(1, 3)):
        shape = URIRef(f"https://example.org/shapes#S{index}")
        shapes.add((shape, RDF.type, SH.NodeShape))
        shapes.add((shape, SH.targetClass, rng.choice(classes)))
        prop = BNode()
        shapes.add((shape, SH.property, prop))
        path = rng.choice(properties)
        shapes.add((prop, SH.path, path if rng.random() < 0.7 else _inverse(shapes, path)))
        shapes.add((prop, SH.message, Literal(f"message {index}")))
        for kind in rng.sample(range(9), rng.randint(1, 2)):  # a parameter at most once per shape
            _constraint(rng, kind, shapes, prop, classes, nodes)
    return shapes


def _inverse(shapes: Graph, path: URIRef) -> BNode:
    node = BNode()
    shapes.add((node, SH.inversePath, path))
    return node


def test_scale_validator_agrees_with_pyshacl_on_random_shapes():
    rng = random.Random(18)
    classes, properties = _vocabulary()
    compared = refused = 0
    for _ in range(ROUNDS):
        data, shapes = _data(rng, classes, properties), _shapes(rng, classes, properties)
        try:
            fast = validate_store(store_of(data), shapes)
        except UnsupportedError:
            refused += 1
            continue
        exact = validate(data, Graph(), shapes)
        assert (fast.conforms, fast.violations) == (exact.conforms, exact.violations), shapes.serialize(format="turtle")
        compared += 1
    assert compared >= ROUNDS * 3 // 4, f"{refused} refused"
