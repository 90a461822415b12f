"""``bpo-kg query`` as a user types it: data and options in any order, parameter values with the
data's own prefixes, full IRIs or plain names, custom SELECT queries; every value that would match
nothing is an error (exit 2) raised before reasoning, beside a twin that differs in the one value
and answers."""

from __future__ import annotations

import pytest

from bpo_kg.cli import main
from bpo_kg.engines.base import LocalKnowledgeGraph
from tests.cli import bpo_kg

VENDORS = """\
@prefix v: <https://vendors.example/> .
@prefix bpo: <https://w3id.org/bpo-kg/ontology#> .
v:Acme a bpo:BPOProvider ; bpo:legalName "Acme BPO" ; bpo:isHeadquarteredIn v:IN ; bpo:providesService v:Payroll .
v:Payroll a bpo:PayrollService .
v:IN a bpo:Country ; bpo:countryCode "IN" .
v:GB a bpo:Country ; bpo:countryCode "GB" .
v:HarrowFoods a bpo:OutsourcingClient ; bpo:legalName "Harrow Foods" ; bpo:isHeadquarteredIn v:GB .
v:E1 a bpo:OutsourcingEngagement ; bpo:hasClient v:HarrowFoods ; bpo:hasProvider v:Acme ;
    bpo:coversService v:Payroll ; bpo:hasDeliveryCountry v:IN ; bpo:hasDeliveryModel bpo:offshore .
"""
# Two IRIs named "Payroll": a plain name that is ambiguous.
AMBIGUOUS = "@prefix w: <https://other.example/> .\nw:Payroll a <https://w3id.org/bpo-kg/ontology#PayrollService> .\n"


@pytest.fixture
def vendors(tmp_path):
    (tmp_path / "vendors.ttl").write_text(VENDORS)
    return tmp_path


def _client_rows(done) -> list[str]:
    return [line.split()[0] for line in done.out.splitlines()[2:] if line and not line.startswith("(")]


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
@pytest.mark.parametrize("value", ["v:HarrowFoods", "HarrowFoods", "<https://vendors.example/HarrowFoods>"])
def test_a_client_named_with_the_data_s_prefix_a_plain_name_or_an_iri(vendors, store, value):
    done = bpo_kg(
        "query", "client-outsourcing", "--param", f"client={value}", "vendors.ttl", "--store", store, cwd=vendors
    )
    assert done.code == 0, done.err
    assert _client_rows(done) == ["v:E1"] and "v:Acme" in done.out  # data prefixes name the rows


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("foo:Bar", "parameter client: 'foo:Bar': unknown prefix foo:"),
        ("v:Harrow", "parameter client: v:Harrow occurs nowhere in the data or the ontology"),
        (
            "ex:HarrowFoods",
            "occurs nowhere in the data or the ontology (did you mean <https://vendors.example/HarrowFoods>?)",
        ),
        ("Harrow", "parameter client: no IRI of the data or the ontology is named 'Harrow'"),
        (
            "Payroll",
            "parameter client: 'Payroll' is ambiguous (<https://other.example/Payroll>, <https://vendors.example/Payroll>)",
        ),
    ],
)
def test_a_value_that_names_nothing_is_an_error_before_reasoning(vendors, monkeypatch, capsys, value, message):
    (vendors / "other.ttl").write_text(AMBIGUOUS)
    monkeypatch.chdir(vendors)

    def no_reasoning(self):
        raise AssertionError("reasoning started")

    monkeypatch.setattr(LocalKnowledgeGraph, "reason", no_reasoning)
    code = main(["query", "client-outsourcing", "--param", f"client={value}", "vendors.ttl", "other.ttl"])
    err = capsys.readouterr().err
    assert code == 2 and message in err, err
    assert len([line for line in err.splitlines() if line.startswith("bpo-kg: error")]) == 1


def test_a_repeated_parameter_is_an_error(vendors):
    twice = ["--param", "client=v:HarrowFoods", "--param", "client=v:Acme"]
    done = bpo_kg("query", "client-outsourcing", *twice, "vendors.ttl", cwd=vendors)
    assert done.code == 2 and done.out == ""
    assert "--param client is given twice ('v:HarrowFoods' and 'v:Acme'): give it once" in done.err


def test_data_before_or_after_the_options(vendors):
    before = bpo_kg("query", "providers-by-country", "vendors.ttl", "--param", "country=IN", cwd=vendors)
    after = bpo_kg("query", "providers-by-country", "--param", "country=IN", "vendors.ttl", cwd=vendors)
    assert before.code == after.code == 0, after.err
    assert before.out == after.out and "v:Acme" in after.out
    stray = bpo_kg("query", "providers-by-country", "--param", "country=IN", "vendors.ttl", "--nosuch", cwd=vendors)
    assert stray.code == 2 and "unrecognized arguments: --nosuch" in stray.err


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_a_select_of_one_s_own_in_a_file_or_on_the_command_line(vendors, store):
    (vendors / "mine.rq").write_text("# param: who iri the client\nSELECT ?e WHERE { ?e bpo:hasClient ?who }\n")
    done = bpo_kg("query", "mine.rq", "vendors.ttl", "--param", "who=HarrowFoods", "--store", store, cwd=vendors)
    assert done.code == 0, done.err
    assert _client_rows(done) == ["v:E1"]
    text = "SELECT ?n WHERE { ?x a bpo:BPOProvider ; bpo:legalName ?n }"
    done = bpo_kg("query", "--sparql", text, "vendors.ttl", "--store", store, "--format", "csv", cwd=vendors)
    assert done.code == 0 and done.out.split() == ["n", "Acme", "BPO"], done.err


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", "only SELECT queries can be run, not a CONSTRUCT"),
        ("SELECT ?x WHERE { ?x a ", "SPARQL does not parse"),
        ("SELECT ?x WHERE { ?x a bpo:BPOProvider } GROUP BY ?y", "not standard SPARQL 1.1"),
        ("SELECT ?x WHERE { ?x a nosuch:Thing }", "SPARQL does not parse"),
    ],
)
def test_a_query_of_one_s_own_that_cannot_run_is_refused(vendors, query, message):
    (vendors / "bad.rq").write_text(query + "\n")
    done = bpo_kg("query", "bad.rq", "vendors.ttl", cwd=vendors)
    assert done.code == 2 and done.out == "" and message in done.err, done.err
    assert len(done.err.strip().splitlines()) == 1 and "Traceback" not in done.err
    twin = bpo_kg("query", "--sparql", "SELECT ?x WHERE { ?x a bpo:BPOProvider }", "vendors.ttl", cwd=vendors)
    assert twin.code == 0 and "v:Acme" in twin.out


def test_a_missing_query_file_or_none_at_all(vendors):
    done = bpo_kg("query", "missing.rq", cwd=vendors)
    assert done.code == 2 and "missing.rq: cannot read" in done.err
    done = bpo_kg("query", cwd=vendors)
    assert done.code == 2 and "give a query name" in done.err
