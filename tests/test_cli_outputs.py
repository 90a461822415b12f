"""The outputs people reach for: the SHACL report as RDF, shapes of one's own, the knowledge graph
written to a file, labels beside IRIs. Each refusal beside a twin that works."""

from __future__ import annotations

import json

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from tests.cli import bpo_kg
from tests.conftest import BPO, EX, REPO

SITE_WITHOUT_OPERATOR = REPO / "examples" / "invalid" / "site-without-operator.ttl"
INCONSISTENT = REPO / "examples" / "invalid" / "call-centre-site-with-chat.ttl"
SOURCE_SHAPE = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix bpo: <https://w3id.org/bpo-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/my-shapes#ProviderSource> a sh:NodeShape ; sh:targetClass bpo:BPOProvider ;
    sh:property [ sh:path rdfs:seeAlso ; sh:minCount 1 ; sh:message "give a source" ] .
"""


def _results(report: Graph) -> set[tuple]:
    rows = set()
    for result in report.objects(None, SH.result):
        path = report.value(result, SH.resultPath)
        if isinstance(path, BNode):
            path = ("^", report.value(path, SH.inversePath))
        rows.add((report.value(result, SH.focusNode), path, report.value(result, SH.sourceConstraintComponent)))
    return rows


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_the_shacl_report_as_a_standard_report_graph(tmp_path, fmt):
    done = bpo_kg("validate", SITE_WITHOUT_OPERATOR, "--format", fmt, cwd=tmp_path)
    assert done.code == 1, done.err
    report = Graph().parse(data=done.out, format=fmt)
    [node] = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    assert (URIRef(EX + "Site"), ("^", URIRef(BPO + "operatesSite")), SH.MinCountConstraintComponent) in _results(
        report
    )
    as_json = json.loads(bpo_kg("validate", SITE_WITHOUT_OPERATOR, "--format", "json", cwd=tmp_path).out)
    assert len(list(report.objects(node, SH.result))) == len(as_json["violations"])
    twin = Graph().parse(data=bpo_kg("validate", "--format", fmt, cwd=tmp_path).out, format=fmt)
    [ok] = twin.subjects(RDF.type, SH.ValidationReport)
    assert twin.value(ok, SH.conforms) == Literal(True) and not list(twin.objects(ok, SH.result))


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_shapes_of_one_s_own_are_added_to_the_shipped_ones(tmp_path, store):
    (tmp_path / "mine.ttl").write_text(SOURCE_SHAPE)
    (tmp_path / "met.ttl").write_text(SOURCE_SHAPE.replace("sh:minCount 1", "sh:maxCount 1"))
    done = bpo_kg("validate", "--shapes", "mine.ttl", "--store", store, "--format", "json", cwd=tmp_path)
    assert done.code == 1, done.err
    found = {(v["path"], v["message"]) for v in json.loads(done.out)["violations"]}
    assert found == {("http://www.w3.org/2000/01/rdf-schema#seeAlso", "give a source")}
    twin = bpo_kg("validate", "--shapes", "met.ttl", "--store", store, cwd=tmp_path)
    assert twin.code == 0 and "conforms: yes (15 shapes)" in twin.out


def test_a_shapes_file_that_does_not_parse_is_named_with_its_position(tmp_path):
    (tmp_path / "broken.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path .\n")
    done = bpo_kg("validate", "--shapes", "broken.ttl", cwd=tmp_path)
    assert done.code == 2 and done.out == "" and "broken.ttl:2" in done.err and "Traceback" not in done.err


@pytest.mark.parametrize(("suffix", "fmt"), [(".ttl", "turtle"), (".nt", "nt"), (".owl", "xml")])
def test_reason_writes_the_knowledge_graph(tmp_path, suffix, fmt):
    out = tmp_path / f"kg{suffix}"
    done = bpo_kg("reason", REPO / "examples" / "bpo-example.ttl", "--out", out, cwd=tmp_path)
    assert done.code == 0 and f"wrote the knowledge graph to {out}" in done.err
    graph = Graph().parse(out, format=fmt)
    # an entailed type: the example states ex:LotusConnect an inbound operator, never a BPO provider
    assert (URIRef(EX + "LotusConnect"), RDF.type, URIRef(BPO + "BPOProvider")) in graph
    assert (URIRef(EX + "LotusConnect"), RDF.type, URIRef(BPO + "CallCentreOperator")) in graph


def test_reason_out_refusals_leave_nothing(tmp_path):
    done = bpo_kg("reason", REPO / "examples" / "bpo-example.ttl", "--out", tmp_path / "kg.csv", cwd=tmp_path)
    assert done.code == 2 and "use one of .ttl, .nt, .owl, .rdf" in done.err
    done = bpo_kg("reason", INCONSISTENT, "--out", tmp_path / "kg.ttl", cwd=tmp_path)
    assert done.code == 1 and "not written: the data is inconsistent" in done.err
    done = bpo_kg("reason", REPO / "examples" / "bpo-example.ttl", "--out", tmp_path / "no" / "kg.ttl", cwd=tmp_path)
    assert done.code == 2 and "cannot write there" in done.err and "Traceback" not in done.err
    assert list(tmp_path.iterdir()) == []


def test_labels_beside_iris_in_english_or_hindi(tmp_path):
    plain = bpo_kg("query", "class-hierarchy", "--param", "class=bpo:BPOProvider", cwd=tmp_path)
    english = bpo_kg("query", "class-hierarchy", "--param", "class=bpo:BPOProvider", "--labels", cwd=tmp_path)
    hindi = bpo_kg("query", "class-hierarchy", "--param", "class=bpo:BPOProvider", "--labels", "--lang", "hi")
    assert "bpo:CallCentreOperator " in plain.out and "(call-centre operator)" not in plain.out
    assert "bpo:CallCentreOperator (call-centre operator)" in english.out
    assert "bpo:CallCentreOperator (कॉल सेंटर कंपनी)" in hindi.out
    check = bpo_kg("validate", SITE_WITHOUT_OPERATOR, "--labels", cwd=tmp_path)
    assert check.code == 1 and "ex:Site (" in check.out
