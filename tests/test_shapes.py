"""The SHACL shapes: valid themselves, met by a conforming fixture, and each one caught violating.

Each file of examples/invalid/ carries ``# expect: FOCUS PATH COMPONENT`` lines (``-`` for no path);
the validation must give exactly those results, no more and no fewer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph
from rdflib.namespace import RDF, SH

from bpo_kg.check import reason_and_validate
from bpo_kg.load import load_graph
from bpo_kg.validate import load_shapes
from tests.conftest import DATA, REPO

INVALID = sorted((REPO / "examples" / "invalid").glob("*.ttl"))
SHORT = {
    "https://example.org/bpo/": "ex:",
    "https://w3id.org/bpo-kg/ontology#": "bpo:",
    "http://www.w3.org/ns/shacl#": "sh:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
}


def short(iri: str | None) -> str:
    if iri is None:
        return "-"
    for long, prefix in SHORT.items():
        iri = iri.replace(long, prefix)
    return iri


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def expected_results(path: Path) -> set[tuple[str, str, str]]:
    return {tuple(line.split()) for line in re.findall(r"^# expect: (.+)$", path.read_text(), re.M)}


def test_shapes_graph_passes_meta_shacl(shapes):
    conforms, _graph, text = pyshacl_validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_meta_shacl_catches_a_broken_shapes_graph():
    with pytest.raises(ReportableRuntimeError):
        pyshacl_validate(Graph(), shacl_graph=Graph().parse(DATA / "shapes" / "broken-shapes.ttl"), meta_shacl=True)


def test_conforming_fixture_conforms_and_reaches_every_shape(ontology, shapes):
    data = load_graph([DATA / "shapes" / "conforming.ttl"])
    reasoning, report = reason_and_validate(ontology, shapes, data)
    assert reasoning.consistent and report.conforms, report.to_text()
    typed = data + reasoning.entailments() + ontology  # pySHACL mixes the ont_graph into the data
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        target = shapes.value(shape, SH.targetClass)
        reached = typed.query("ASK { ?focus a/rdfs:subClassOf* ?target }", initBindings={"target": target})
        assert reached.askAnswer, f"{shape}: no focus node in the fixture"


def test_example_graph_conforms(ontology, shapes):
    reasoning, report = reason_and_validate(ontology, shapes, load_graph([REPO / "examples" / "bpo-example.ttl"]))
    assert reasoning.ok and report.conforms, report.to_text()


def test_every_shape_has_a_violating_file(shapes):
    named = {m for path in INVALID for m in re.findall(r"^# Violates bposh:(\w+)", path.read_text(), re.M)}
    declared = {str(s).split("#")[1] for s in shapes.subjects(RDF.type, SH.NodeShape)}
    assert declared <= named


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_gives_exactly_the_expected_results(ontology, shapes, path):
    expected = expected_results(path)
    assert expected, f"{path.name} lacks '# expect:' lines"
    _reasoning, report = reason_and_validate(ontology, shapes, load_graph([path]))
    assert not report.conforms
    got = {(short(v.focus), short(v.path), short(v.component)) for v in report.violations}
    assert got == expected
    shape = re.search(r"^# Violates bposh:(\w+)", path.read_text(), re.M).group(1)
    assert any(v.shape and v.shape.endswith("#" + shape) for v in report.violations)
    assert all(v.message for v in report.violations)
