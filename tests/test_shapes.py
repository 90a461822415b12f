"""The SHACL shapes: valid themselves, met by a conforming fixture, and each one caught violating.

Each file of examples/invalid/ carries ``# expect: FOCUS PATH COMPONENT`` lines (``-`` for no path);
the validation must give exactly those results, no more and no fewer, on every engine
(tests/test_engine_contract.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph
from rdflib.namespace import RDF, SH

from bpo_kg.engines import open_knowledge_graph
from bpo_kg.load import load_shapes
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
    return re.sub(r"<([^<>]*)>", r"\1", iri)  # a property path writes its IRIs in <…>


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
    graph = open_knowledge_graph([DATA / "shapes" / "conforming.ttl"], "exact", ontology=ontology, shapes=shapes)
    reasoning, report = graph.reason(), graph.validate()
    data = graph.data.content
    assert reasoning.consistent and report.conforms, report.to_text()
    typed = data + reasoning.entailments() + ontology  # pySHACL mixes the ont_graph into the data
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        target = shapes.value(shape, SH.targetClass)
        reached = typed.query("ASK { ?focus a/rdfs:subClassOf* ?target }", initBindings={"target": target})
        assert reached.askAnswer, f"{shape}: no focus node in the fixture"


def test_example_graph_conforms(ontology, shapes):
    graph = open_knowledge_graph([REPO / "examples" / "bpo-example.ttl"], "exact", ontology=ontology, shapes=shapes)
    reasoning, report = graph.reason(), graph.validate()
    assert reasoning.ok and report.conforms, report.to_text()


def test_every_shape_has_a_violating_file(shapes):
    named = {m for path in INVALID for m in re.findall(r"^# Violates bposh:(\w+)", path.read_text(), re.M)}
    declared = {str(s).split("#")[1] for s in shapes.subjects(RDF.type, SH.NodeShape)}
    assert declared <= named


@pytest.mark.parametrize("engine", ["exact", "scale"])
@pytest.mark.parametrize(
    ("names", "conforms"),
    [
        ('"Provider Services Pvt Ltd"', True),  # as company registers publish it: no language tag
        ('"Provider Services Pvt Ltd" , "Provider Services Pvt Ltd"@en , "प्रोवाइडर सर्विसेज"@hi', True),
        ('"Provider Services Pvt Ltd" , "Provider Services Private Limited"', False),  # two untagged
        ("2004", False),  # not a string
    ],
)
def test_a_legal_name_may_be_a_plain_string(ontology, shapes, engine, names, conforms, tmp_path):
    from bpo_kg.engines import open_knowledge_graph

    text = (REPO / "examples" / "invalid" / "organisation-with-two-untagged-legal-names.ttl").read_text()
    text = text.replace('"Provider Services Pvt Ltd" , "Provider Services Private Limited"', names)
    (tmp_path / "data.ttl").write_text(text)
    graph = open_knowledge_graph([tmp_path / "data.ttl"], engine, ontology=ontology, shapes=shapes)
    report = graph.validate()
    assert report.conforms == conforms, [v.message for v in report.violations]
    assert all(v.path.endswith("#legalName") for v in report.violations)
