"""Named queries: each parses, has its header, and gives the expected rows on the example graph.

The expected rows (tests/data/queries/expected-rows.json, IRIs without their namespace) were checked
by hand against examples/bpo-example.ttl: e.g. 16 providers, 9 of them without a call centre
(8 non-voice providers and Nile DataWorks, whose centre is multichannel), 13 critical engagements.
"""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef

from bpo_kg.query import (
    ParameterError,
    bind_parameters,
    get_query,
    named_queries,
    run_named,
    with_values,
)
from tests.conftest import DATA

EXPECTED = json.loads((DATA / "queries" / "expected-rows.json").read_text(encoding="utf-8"))
NAMESPACES = ("https://example.org/bpo/", "https://w3id.org/bpo-kg/ontology#")


def short(term) -> str | None:
    if term is None:
        return None
    text = str(term)
    for namespace in NAMESPACES:
        text = text.replace(namespace, "")
    return text


def test_at_least_twelve_queries_all_parsed_with_headers():
    queries = named_queries()
    assert len(queries) >= 12
    for query in queries.values():
        assert query.description and query.metadata.get("columns"), query.path
        assert [c.strip() for c in query.metadata["columns"].split(",")] == [
            str(v) for v in query.prepared.algebra["PV"]
        ]


def test_every_query_has_expected_rows():
    assert sorted(EXPECTED) == sorted(named_queries())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_rows_on_the_example_graph(example_kg, name):
    expected = EXPECTED[name]
    result = run_named(example_kg, name, expected["parameters"])
    assert result.columns == expected["columns"]
    assert [[short(t) for t in row] for row in result.rows] == expected["rows"]


def test_parameters_are_bound_as_rdf_terms():
    query = get_query("providers-by-country")
    assert bind_parameters(query, {"country": "IN"}) == {"country": Literal("IN")}
    query = get_query("class-hierarchy")
    assert bind_parameters(query, {"class": "bpo:BPOProvider"}) == {
        "class": URIRef("https://w3id.org/bpo-kg/ontology#BPOProvider")
    }


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("providers-by-country", {}, "needs --param country="),
        ("providers-by-country", {"country": "IN", "land": "IN"}, "has no parameter 'land'"),
        ("class-hierarchy", {"class": "bpo:X> } ; DROP ALL"}, "is not an IRI"),
        ("class-hierarchy", {"class": "not an iri"}, "is not an IRI"),
        ("nosuch", {}, "no query named 'nosuch'"),
    ],
)
def test_bad_parameters_are_refused(name, raw, message):
    with pytest.raises(ParameterError, match=message):
        bind_parameters(get_query(name), raw)


@pytest.mark.parametrize("value", ['IN" } ; DROP ALL #', "} ; DROP ALL", "{ ?s ?p ?o }", "'\"\\"])
def test_hostile_string_is_just_a_literal(example_kg, value):
    size = len(example_kg.knowledge_graph())
    assert run_named(example_kg, "providers-by-country", {"country": value}).rows == []
    assert len(example_kg.knowledge_graph()) == size


def test_values_block_holds_escaped_terms():
    text = with_values("SELECT ?x WHERE { ?x ?p ?country }", {"country": Literal('IN" } ; DROP ALL #')})
    assert text == 'SELECT ?x WHERE {\n  VALUES (?country) { ("IN\\" } ; DROP ALL #") } ?x ?p ?country }'
