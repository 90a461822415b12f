"""One contract, two engines: every named query gives the same rows in memory and on a real
SPARQL server (Virtuoso), under several PYTHONHASHSEED values (rdflib's own SPARQLStore sends an
Accept header that varies with the hash seed; our client must not)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import uuid

import pytest

from bpo_kg.engines import EndpointGraph, SparqlEndpoint, default_store_url
from bpo_kg.errors import EndpointError, TruncatedResultError
from bpo_kg.query import named_queries, run_named
from tests.cli import bpo_kg
from tests.conftest import REPO
from tests.test_queries import EXPECTED, short


@pytest.fixture(scope="module")
def remote(endpoint_url, example_kg):
    """The example knowledge graph uploaded to a fresh named graph of the server."""
    endpoint = SparqlEndpoint(endpoint_url, timeout=60, user="dba", password="dba")
    graph = f"https://w3id.org/bpo-kg/test/{uuid.uuid4()}"
    served = EndpointGraph(endpoint, graph, example_kg.ontology)
    sent, stored = served.replace_with(example_kg, default_store_url(endpoint_url))
    assert sent == stored == len(example_kg.knowledge_graph())
    return served


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_gives_identical_rows_on_both_engines(example_kg, remote, name):
    parameters = EXPECTED[name]["parameters"]
    local = run_named(example_kg, name, parameters)
    served = run_named(remote, name, parameters)
    assert served.columns == local.columns
    assert sorted(map(repr, served.rows)) == sorted(map(repr, local.rows))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_result_past_the_row_cap_comes_page_by_page_in_the_same_order(remote, name):
    parameters = EXPECTED[name]["parameters"]
    whole = run_named(remote, name, parameters)
    capped = EndpointGraph(SparqlEndpoint(remote.endpoint.url, timeout=60, max_rows=2), remote.graph, remote.ontology)
    paged = run_named(capped, name, parameters)
    assert paged.columns == whole.columns and paged.rows == whole.rows


def test_a_query_that_cannot_be_paged_stays_an_error(remote):
    capped = EndpointGraph(SparqlEndpoint(remote.endpoint.url, max_rows=2), remote.graph, remote.ontology)
    with pytest.raises(TruncatedResultError, match="result truncated at 2 rows"):
        capped.select("SELECT ?e WHERE { ?e a <https://w3id.org/bpo-kg/ontology#OutsourcingEngagement> } LIMIT 10")
    assert (
        len(
            remote.select(
                "SELECT ?e WHERE { ?e a <https://w3id.org/bpo-kg/ontology#OutsourcingEngagement> } LIMIT 10"
            ).rows
        )
        == 10
    )


RUNNER = """
import json, sys
from bpo_kg.engines import EndpointGraph, SparqlEndpoint
from bpo_kg.load import load_ontology
from bpo_kg.query import named_queries, run_named
from tests.test_queries import EXPECTED, short
backend = EndpointGraph(SparqlEndpoint(sys.argv[1]), sys.argv[2], load_ontology())
print(json.dumps({name: sorted([short(t) for t in row] for row in run_named(backend, name,
      EXPECTED[name]["parameters"]).rows) for name in named_queries()}))
"""


@pytest.mark.parametrize("seed", ["0", "1", "4242"])
def test_contract_holds_under_hash_seeds(remote, seed):
    env = dict(os.environ, PYTHONHASHSEED=seed)
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, remote.endpoint.url, remote.graph],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    rows = json.loads(done.stdout)
    assert rows == {name: sorted(EXPECTED[name]["rows"]) for name in named_queries()}


@pytest.mark.parametrize("value", ['IN" } ; DROP ALL #', "} ; DROP ALL", "{ ?s ?p ?o }"])
def test_hostile_string_changes_nothing_on_the_server(remote, value):
    before = remote.endpoint.count(remote.graph)
    assert run_named(remote, "providers-by-country", {"country": value}).rows == []
    assert remote.endpoint.count(remote.graph) == before


def test_load_and_query_from_the_command_line(endpoint_url, tmp_path):
    graph = f"https://w3id.org/bpo-kg/test/cli-{uuid.uuid4()}"
    loaded = bpo_kg("load", "--endpoint", endpoint_url, "--graph", graph, cwd=tmp_path)
    assert loaded.code == 0, loaded.err
    assert f"into <{graph}>" in loaded.out and "the endpoint holds" in loaded.out
    done = bpo_kg(
        "query",
        "providers-by-country",
        "--param",
        "country=IN",
        "--endpoint",
        endpoint_url,
        "--graph",
        graph,
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert done.code == 0, done.err
    rows = json.loads(done.out)["rows"]
    assert sorted(short(row["provider"]["value"]) for row in rows) == [
        "DeccanFinancialOperations",
        "IndusTechServices",
        "LotusConnect",
    ]


def test_http_error_is_one_line_exit_2(endpoint_url, tmp_path):
    wrong = endpoint_url.rsplit("/", 1)[0] + "/no-such-service"
    done = bpo_kg("query", "bpo-providers", "--endpoint", wrong, cwd=tmp_path)
    assert done.code == 2 and "HTTP 404" in done.err and len(done.err.strip().splitlines()) == 1


def test_unreachable_endpoint_is_one_line_exit_2(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    done = bpo_kg("query", "bpo-providers", "--endpoint", f"http://127.0.0.1:{port}/sparql", cwd=tmp_path)
    assert done.code == 2 and "cannot reach the endpoint" in done.err and "Traceback" not in done.err


def test_silent_endpoint_times_out(tmp_path):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(server.accept()[0]), daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.getsockname()[1]}/sparql"
        with pytest.raises(EndpointError, match="no answer within 1 s"):
            SparqlEndpoint(url, timeout=1).select("ASK {}")
        done = bpo_kg("query", "bpo-providers", "--endpoint", url, "--timeout", "1", cwd=tmp_path)
        assert done.code == 2 and "timeout" in done.err
    finally:
        for connection in accepted:
            connection.close()
        server.close()


def test_load_takes_data_with_warnings_only(endpoint_url, tmp_path):
    """Warnings are advice (0.2): the twin of the refused file above, differing in severity only."""
    graph = f"https://w3id.org/bpo-kg/test/cli-{uuid.uuid4()}"
    advice = REPO / "examples" / "invalid" / "call-centre-site-without-call-direction.ttl"
    done = bpo_kg("load", advice, "--endpoint", endpoint_url, "--graph", graph, cwd=tmp_path)
    assert done.code == 0 and "does not conform" not in done.err, done.err


def test_load_refuses_data_that_does_not_conform_unless_forced(endpoint_url, tmp_path):
    graph = f"https://w3id.org/bpo-kg/test/cli-{uuid.uuid4()}"
    invalid = REPO / "examples" / "invalid" / "site-without-operator.ttl"
    refused = bpo_kg("load", invalid, "--endpoint", endpoint_url, "--graph", graph, cwd=tmp_path)
    assert refused.code == 1 and refused.out == ""
    assert "not loaded: the data does not conform (2 SHACL violation(s); see 'bpo-kg validate')" in refused.err
    empty = bpo_kg("query", "bpo-providers", "--endpoint", endpoint_url, "--graph", graph, cwd=tmp_path)
    assert empty.code == 0 and f"the graph <{graph}> on {endpoint_url} holds no triples" in empty.err
    forced = bpo_kg("load", invalid, "--force", "--endpoint", endpoint_url, "--graph", graph, cwd=tmp_path)
    assert forced.code == 0 and "loading data that does not conform (2 SHACL violation(s))" in forced.err
    done = bpo_kg("query", "bpo-providers", "--endpoint", endpoint_url, "--graph", graph, cwd=tmp_path)
    assert done.code == 0 and "holds no triples" not in done.err
    assert "ex:" in done.out and "https://example.org/bpo/" not in done.out  # remote tables use prefixes too


def test_parameters_are_resolved_on_the_server(endpoint_url, tmp_path):
    graph = f"https://w3id.org/bpo-kg/test/cli-{uuid.uuid4()}"
    assert bpo_kg("load", "--endpoint", endpoint_url, "--graph", graph, cwd=tmp_path).code == 0
    remote = ["--endpoint", endpoint_url, "--graph", graph]
    by_name = bpo_kg("query", "client-outsourcing", "--param", "client=NorthwindRetail", *remote, cwd=tmp_path)
    by_curie = bpo_kg("query", "client-outsourcing", "--param", "client=ex:NorthwindRetail", *remote, cwd=tmp_path)
    assert by_name.code == by_curie.code == 0 and by_name.out == by_curie.out and "ex:E01" in by_name.out
    nowhere = bpo_kg("query", "client-outsourcing", "--param", "client=ex:Northwind", *remote, cwd=tmp_path)
    assert nowhere.code == 2 and "ex:Northwind occurs nowhere in the data or the ontology" in nowhere.err


def test_a_failed_upload_says_what_the_server_holds(endpoint_url, tmp_path):
    graph = f"https://w3id.org/bpo-kg/test/cli-{uuid.uuid4()}"
    wrong_store = endpoint_url.rsplit("/", 1)[0] + "/no-such-graph-store"
    done = bpo_kg("load", "--endpoint", endpoint_url, "--graph", graph, "--graph-store", wrong_store, cwd=tmp_path)
    assert done.code == 2 and "HTTP 501" in done.err and f"the graph <{graph}> now holds 0 triples" in done.err
    assert len(done.err.strip().splitlines()) == 1
