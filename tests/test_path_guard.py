"""Repetition property paths kept from a server that answers them wrongly (Virtuoso 7.2): which paths
are found in a query (rdflib's parse, not a pattern over the text), which servers are distrusted, and
which shapes are refused (the user's, with a repetition path) beside their twins that run. On the
real server: the command line refuses such a shape or query and runs its path-free twin."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from bpo_kg.engines import SparqlEndpoint
from bpo_kg.engines.path_guard import (
    answers_paths_wrongly,
    paths_in_text,
    refuse_user_query_paths,
    refuse_user_shape_paths,
)
from bpo_kg.errors import UnsupportedError
from bpo_kg.load import load_shapes
from bpo_kg.query import adhoc_query, get_query
from tests.cli import bpo_kg
from tests.conftest import REPO
from tests.fake_sparql import fake_sparql_server
from tests.sparql_server import removed, uploaded

VIRTUOSO = "Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu"
PREFIXES = "PREFIX bpo: <https://w3id.org/bpo-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
BPO = "https://w3id.org/bpo-kg/ontology#"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


@pytest.mark.parametrize(
    ("where", "found"),
    [
        ("?v a/rdfs:subClassOf* bpo:Channel", [f"{SUBCLASS}*"]),
        ("?v bpo:providesService ?o FILTER EXISTS { ?o bpo:deliveredThrough/bpo:isPartOf+ ?c }", [f"<{BPO}isPartOf>+"]),
        ("{ SELECT ?v WHERE { ?v (bpo:isPartOf|^bpo:isPartOf)? ?w } }", [f"(<{BPO}isPartOf>|^<{BPO}isPartOf>)?"]),
        ("?v a ?t . ?t rdfs:subClassOf ?u", []),  # one step, no repetition
        ("?v bpo:workstationCount ?n FILTER(?n * 2 > ?n + 1)", []),  # arithmetic, not paths
        ("?v ?p ?o . FILTER(?o != '*+?')", []),  # in a string
    ],
)
def test_repetition_paths_are_found_by_parsing_the_query(where, found):
    assert list(paths_in_text(f"{PREFIXES}SELECT * WHERE {{ {where} }}")) == found


def test_a_query_that_does_not_parse_counts_as_one_with_a_path():
    assert len(paths_in_text("SELECT * WHERE { ?v a/rdfs:subClassOf* bpo:Channel }")) == 1  # no prefixes


def test_only_virtuoso_is_distrusted_with_repetition_paths():
    assert answers_paths_wrongly(VIRTUOSO)
    assert not answers_paths_wrongly("BaseHTTP/0.6 Python/3.11.2")
    assert not answers_paths_wrongly(None)


USER_PROLOGUE = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix bpo: <https://w3id.org/bpo-kg/ontology#> .
@prefix ex: <https://example.org/shapes#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex: sh:declare [ sh:prefix "bpo" ; sh:namespace "https://w3id.org/bpo-kg/ontology#"^^xsd:anyURI ] ,
    [ sh:prefix "rdfs" ; sh:namespace "http://www.w3.org/2000/01/rdf-schema#"^^xsd:anyURI ] .
"""


def _with_user_shape(body: str) -> Graph:
    shapes = load_shapes()
    shapes.parse(data=USER_PROLOGUE + body, format="turtle")
    return shapes


CORE_SHAPE = "ex:SiteArea a sh:NodeShape ; sh:targetClass bpo:Site ; sh:property [ sh:path {path} ; sh:minCount 1 ] ."
SPARQL_SHAPE = (
    "ex:NoWebChannel a sh:NodeShape ; sh:targetClass bpo:BPOProvider ; sh:sparql [ a sh:SPARQLConstraint ;"
    " sh:prefixes ex: ; sh:message 'a provider with a non-voice channel' ; sh:select '''SELECT $this ?value WHERE {{"
    " $this <https://w3id.org/bpo-kg/ontology#providesService> ?o . ?o bpo:deliveredThrough ?value ."
    " ?value {type} . }}''' ] ."
)
WITH_PATH = {
    "core": CORE_SHAPE.format(path="( bpo:isLocatedIn [ sh:zeroOrMorePath bpo:isPartOf ] )"),
    "sparql": SPARQL_SHAPE.format(type="a/rdfs:subClassOf* bpo:NonVoiceChannel"),
}
WITHOUT_PATH = {
    "core": CORE_SHAPE.format(path="bpo:isLocatedIn"),
    "sparql": SPARQL_SHAPE.format(type="a bpo:NonVoiceChannel"),
}


@pytest.mark.parametrize("kind", sorted(WITH_PATH))
def test_a_users_shape_with_a_repetition_path_is_refused_on_virtuoso_only(kind):
    shapes = _with_user_shape(WITH_PATH[kind])
    with pytest.raises(UnsupportedError) as refused:
        refuse_user_shape_paths(shapes, VIRTUOSO)
    shape = "https://example.org/shapes#" + ("SiteArea" if kind == "core" else "NoWebChannel")
    assert str(refused.value).startswith(f"{shape}: the server (Virtuoso/07.20.3229")
    assert ("isPartOf" if kind == "core" else "subClassOf") in str(refused.value)
    refuse_user_shape_paths(shapes, "BaseHTTP/0.6 Python/3.11.2")  # another server: trusted
    refuse_user_shape_paths(_with_user_shape(WITHOUT_PATH[kind]), VIRTUOSO)  # the twin: no path


def test_the_shipped_shapes_pass_with_their_one_proven_path():
    refuse_user_shape_paths(load_shapes(), VIRTUOSO)


def test_a_users_query_is_refused_but_a_shipped_one_is_not():
    text = f"{PREFIXES}SELECT ?c WHERE {{ ?c rdfs:subClassOf+ bpo:Channel }}"
    virtuoso = SparqlEndpoint("http://127.0.0.1:9/sparql", software=VIRTUOSO)  # never asked: it named itself
    with pytest.raises(UnsupportedError, match=r"^my\.rq: the server \(Virtuoso/.*subClassOf>\+"):
        refuse_user_query_paths(adhoc_query(text, "my.rq"), virtuoso)
    with pytest.raises(UnsupportedError, match=r"^the query: the server \(Virtuoso/.*subClassOf>\+"):
        refuse_user_query_paths(text, virtuoso)
    assert "subClassOf+" in get_query("class-hierarchy").text
    refuse_user_query_paths(get_query("class-hierarchy"), virtuoso)  # shipped, with the same path
    refuse_user_query_paths(adhoc_query(text.replace("+", ""), "my.rq"), virtuoso)  # the twin: no path


def test_the_client_learns_the_server_software_from_its_answers():
    with fake_sparql_server() as base:
        endpoint = SparqlEndpoint(base + "/ok", timeout=10)
        assert endpoint.software is None
        assert endpoint.server_software().startswith("BaseHTTP/")


def _shape_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "user-shapes.ttl"
    path.write_text(USER_PROLOGUE + body, encoding="utf-8")
    return path


@pytest.fixture
def example_on_server(endpoint_url, ontology):
    graph = uploaded(endpoint_url, REPO / "examples" / "bpo-example.ttl", ontology)
    yield graph
    removed(graph)


@pytest.mark.parametrize("kind", sorted(WITH_PATH))
def test_the_command_line_refuses_a_users_path_shape_on_virtuoso_and_runs_its_twin(example_on_server, tmp_path, kind):
    server = ["--endpoint", example_on_server.endpoint.url, "--graph", example_on_server.graph]
    assert example_on_server.endpoint.server_software().startswith("Virtuoso/")
    refused = bpo_kg("validate", *server, "--shapes", _shape_file(tmp_path, WITH_PATH[kind]), cwd=tmp_path)
    assert refused.code == 2 and not refused.out and refused.err.count("\n") == 1, refused.err
    assert "https://example.org/shapes#" in refused.err and "repetition path" in refused.err
    assert example_on_server.endpoint.count(example_on_server.dataset.graphs.knowledge) == 0  # nothing ran
    twin = bpo_kg("validate", *server, "--shapes", _shape_file(tmp_path, WITHOUT_PATH[kind]), cwd=tmp_path)
    local = bpo_kg(
        "validate", REPO / "examples" / "bpo-example.ttl", "--shapes", tmp_path / "user-shapes.ttl", cwd=tmp_path
    )
    assert twin.code == local.code and twin.out.count("non-voice channel") == local.out.count("non-voice channel")
    if kind == "sparql":  # the twin finds what the refused shape was about: the example's chat and e-mail services
        assert twin.code == 1 and twin.out.count("a provider with a non-voice channel") >= 1, twin.out


def test_the_command_line_refuses_a_users_path_query_on_virtuoso_and_runs_its_twin(example_on_server, tmp_path):
    server = ["--endpoint", example_on_server.endpoint.url, "--graph", example_on_server.graph]
    query = "SELECT ?site ?area WHERE {{ ?site bpo:isLocatedIn{mark} ?area }}"  # the data graph, as uploaded
    refused = bpo_kg("query", "--sparql", query.format(mark="+"), *server, cwd=tmp_path)
    assert refused.code == 2 and not refused.out and refused.err.count("\n") == 1, refused.err
    assert "--sparql: the server (Virtuoso/" in refused.err and "isLocatedIn>+" in refused.err
    twin = bpo_kg("query", "--sparql", query.format(mark=""), *server, "--format", "csv", cwd=tmp_path)
    assert twin.code == 0 and twin.out.count("\n") > 2, twin.err
