"""Random shapes over the shipped vocabulary and random small data: the scale engine's validator must give
pySHACL's report (every field) whenever it does not refuse the shapes. Seeded; refusals are counted."""

from __future__ import annotations

import random

import pytest
from pyshacl.errors import ReportableRuntimeError
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, SH, XSD

from bpo_kg.errors import ShapesError, UnsupportedError
from bpo_kg.resources import core_ontology
from bpo_kg.stores import store_of
from bpo_kg.validate import validate, validate_store

EX = Namespace("https://example.org/data#")
ROUNDS = 120
NESTING = (SH.node, SH["not"], SH["and"], SH["or"], SH.xone)


def _vocabulary() -> tuple[list[URIRef], list[URIRef]]:
    ontology = Graph().parse(core_ontology())
    classes = sorted(c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef))
    properties = sorted(p for p in ontology.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef))
    return classes[:8], properties[:6]


def _data(rng: random.Random, classes: list[URIRef], properties: list[URIRef], most: int = 4) -> Graph:
    data, nodes = Graph(), [EX[f"n{i}"] for i in range(6)]
    values = [*nodes, Literal(rng.randint(0, 9)), Literal("abc"), Literal("x", lang="en"), Literal("y", lang="fr")]
    for node in nodes:
        data.add((node, RDF.type, rng.choice(classes)))
        for _ in range(rng.randint(0, most)):
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
    elif kind == 8:
        shapes.add((shape, SH.uniqueLang, Literal(True)))
    elif kind == 9:
        _logical(rng, shapes, shape, classes, nodes)
    else:
        _qualified(rng, shapes, shape, classes, nodes)


def _member(rng: random.Random, shapes: Graph, classes, nodes, properties) -> BNode:
    """A shape for a logical or qualified constraint: value types, or a property shape of them (with
    sh:minCount 1, decided in the query, or sh:minCount 2, checked over the value nodes)."""
    member = BNode()
    if properties and rng.random() < 0.3:
        shapes.add((member, SH.path, rng.choice(properties)))
        shapes.add((member, SH.minCount, Literal(rng.choice([1, 1, 2]))))
    for kind in rng.sample([2, 3, 4, 5, 6], rng.randint(1, 2)):
        _constraint(rng, kind, shapes, member, classes, nodes)
    return member


def _logical(rng: random.Random, shapes: Graph, shape: BNode, classes, nodes) -> None:
    parameter = rng.choice(NESTING)
    properties = _vocabulary()[1]
    if parameter in {SH.node, SH["not"]}:  # sh:node names a node shape
        shapes.add((shape, parameter, _member(rng, shapes, classes, nodes, [] if parameter == SH.node else properties)))
        return
    members = BNode()
    Collection(shapes, members, [_member(rng, shapes, classes, nodes, properties) for _ in range(rng.randint(1, 3))])
    shapes.add((shape, parameter, members))


def _qualified(rng: random.Random, shapes: Graph, shape: BNode, classes, nodes) -> None:
    shapes.add((shape, SH.qualifiedValueShape, _member(rng, shapes, classes, nodes, [])))
    for parameter in rng.sample([SH.qualifiedMinCount, SH.qualifiedMaxCount], rng.randint(1, 2)):
        shapes.add((shape, parameter, Literal(rng.randint(0, 2))))


def _shapes(rng: random.Random, classes: list[URIRef], properties: list[URIRef], kinds=range(11)) -> Graph:
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
        for kind in rng.sample(kinds, rng.randint(1, 2)):  # a parameter at most once per shape
            _constraint(rng, kind, shapes, prop, classes, nodes)
        if len(kinds) < 11 and rng.random() < 0.3:  # and on the focus node itself (default messages differ)
            _logical(rng, shapes, shape, classes, nodes)
            shapes.add((shape, SH.message, Literal(f"node message {index}")))
    return shapes


def _inverse(shapes: Graph, path: URIRef) -> BNode:
    node = BNode()
    shapes.add((node, SH.inversePath, path))
    return node


def test_scale_validator_agrees_with_pyshacl_on_random_shapes():
    rng = random.Random(18)
    classes, properties = _vocabulary()
    compared = refused = nested = 0
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
        nested += any(shapes.triples((None, p, None)) for p in (*NESTING, SH.qualifiedValueShape))
    assert compared >= ROUNDS * 3 // 4, f"{refused} refused"
    assert nested >= ROUNDS // 4, f"only {nested} rounds with shapes on shapes"


def test_shapes_on_shapes_agree_with_pyshacl():
    """sh:node, sh:not, sh:and, sh:or, sh:xone and qualified counts on dense data: every one of them
    reports violations in these rounds, and the scale engine's report is pySHACL's."""
    rng = random.Random(5)
    classes, properties = _vocabulary()
    reported: set[str] = set()
    for _ in range(ROUNDS):
        data = _data(rng, classes[:4], properties[:3], most=6)
        shapes = _shapes(rng, classes[:4], properties[:3], kinds=[9, 10])
        exact = validate(data, Graph(), shapes)
        fast = validate_store(store_of(data), shapes)
        assert (fast.conforms, fast.violations) == (exact.conforms, exact.violations), shapes.serialize(format="turtle")
        reported |= {v.component.removeprefix(str(SH)) for v in exact.violations}
    components = {"Node", "Not", "And", "Or", "Xone", "QualifiedMinCount", "QualifiedMaxCount"}
    assert {f"{c}ConstraintComponent" for c in components} <= reported, reported


def test_a_property_shape_under_sh_node_is_refused_like_pyshacl():
    shapes = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/data#> .
        ex:S a sh:NodeShape ; sh:targetNode ex:n0 ; sh:node ex:P .
        ex:P sh:path ex:p ; sh:minCount 1 .""",
        format="turtle",
    )
    data = Graph().parse(data="<https://example.org/data#n0> <https://example.org/data#p> 1 .", format="turtle")
    with pytest.raises(ReportableRuntimeError, match="not a well-formed SHACL NodeShape"):
        validate(data, Graph(), shapes)
    with pytest.raises(ShapesError, match=r"^https://example\.org/data#P: sh:node names it, but it is a property"):
        validate_store(store_of(data), shapes)
    shapes.remove((EX.P, SH.path, None))  # the twin: ex:P a node shape
    shapes.remove((EX.P, SH.minCount, None))
    shapes.add((EX.P, SH.nodeKind, SH.IRI))
    assert validate_store(store_of(data), shapes).violations == validate(data, Graph(), shapes).violations
