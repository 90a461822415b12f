"""Reasoning and validation inside a SPARQL server (Virtuoso): what the engine contract does not
cover. Re-running is idempotent and leaves the data graph untouched; --clean removes what was built;
server limits (row caps, refused updates) are met by splitting, with the same answers, and a result
that cannot be split is an error, never a short answer; the command line, with its error paths.
The findings themselves are checked against the other engines in tests/test_engine_contract.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.generate import generate_registry, parse_size, write
from bpo_kg.engines import EndpointGraph, SparqlEndpoint
from bpo_kg.engines.server_store import refused_for_size
from bpo_kg.errors import EndpointError, TruncatedResultError
from bpo_kg.query import run_named
from tests.cli import bpo_kg
from tests.conftest import REPO
from tests.sparql_server import removed, update_url, uploaded
from tests.test_queries import EXPECTED

EXAMPLE = REPO / "examples" / "bpo-example.ttl"
INVALID = REPO / "examples" / "invalid" / "engagement-without-service.ttl"


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("registry") / "registry-3k.nt"
    write(generate_registry(parse_size("3k"), seed=5, violations=4), out)
    return out


@pytest.fixture
def on_server(endpoint_url, ontology):
    """Upload a data file to a fresh graph of the server (dropped afterwards)."""
    made: list[EndpointGraph] = []

    def _upload(path: Path, **options) -> EndpointGraph:
        made.append(uploaded(endpoint_url, path, ontology, **options))
        return made[-1]

    yield _upload
    for graph in made:
        removed(graph)


def report_of(graph: EndpointGraph) -> tuple:
    reasoning, validation = graph.reason(), graph.validate()
    return (
        reasoning.consistent,
        sorted((e.iri, tuple(e.types), tuple(e.inferred)) for e in reasoning.individuals),
        sorted(map(repr, validation.violations)),
    )


def again(graph: EndpointGraph, **options) -> EndpointGraph:
    """A new client for the same data graph (nothing cached)."""
    return EndpointGraph(graph.endpoint, graph.graph, graph.ontology, **options)


def test_a_second_run_rebuilds_the_same_knowledge_graph_and_leaves_the_data_alone(on_server):
    first = on_server(EXAMPLE)
    data = first.endpoint.count(first.graph)
    expected = report_of(first)
    built = first.dataset.size()
    second = again(first)
    assert report_of(second) == expected
    assert second.dataset.size() == built > data  # not doubled: rebuilt
    assert first.endpoint.count(first.graph) == data


def test_clean_removes_what_was_built_and_only_that(on_server):
    graph = on_server(EXAMPLE)
    data = graph.endpoint.count(graph.graph)
    graph.reason()
    assert graph.clean() > data
    assert graph.dataset.size() == 0 and graph.endpoint.count(graph.dataset.graphs.derived) == 0
    assert graph.endpoint.count(graph.graph) == data


def test_queries_after_reasoning_on_the_server_read_the_knowledge_graph(on_server, example_kg):
    graph = on_server(EXAMPLE)
    graph.reason()
    for name in ("bpo-providers", "call-centre-sites"):
        parameters = EXPECTED[name]["parameters"]
        assert sorted(map(repr, run_named(again(graph), name, parameters).rows)) == sorted(
            map(repr, run_named(example_kg, name, parameters).rows)
        )


def test_row_caps_and_small_updates_split_the_work_with_the_same_answers(on_server, registry):
    whole = on_server(registry)
    expected = report_of(whole)
    capped = SparqlEndpoint(whole.endpoint.url, timeout=300, user="dba", password="dba", max_rows=300)
    split = EndpointGraph(capped, whole.graph, whole.ontology, max_update_rows=40)
    split.dataset.page_rows = 120
    assert report_of(split) == expected
    assert whole.dataset.parts == 0 and split.dataset.parts > split.dataset.updates / 2  # the updates ran in parts


class RefusesWholeUpdates(SparqlEndpoint):
    """The real server, but an update without a LIMIT (not split) is refused as too large."""

    def update(self, update: str) -> None:
        if update.startswith(("WITH", "ADD")) and "LIMIT" not in update:
            raise EndpointError(f"{self.url}: HTTP 413: Request Entity Too Large")
        super().update(update)


def test_an_update_refused_for_its_size_is_run_in_parts(on_server, registry):
    whole = on_server(registry)
    expected = report_of(whole)
    refusing = RefusesWholeUpdates(whole.endpoint.url, timeout=300, user="dba", password="dba")
    split = EndpointGraph(refusing, whole.graph, whole.ontology)
    assert report_of(split) == expected
    assert split.dataset.parts > 0


def test_only_size_and_time_limits_count_as_refused_for_size():
    assert refused_for_size(EndpointError("u: HTTP 500: Virtuoso 40005 Error SR325: Transaction aborted"))
    assert refused_for_size(EndpointError("u: HTTP 413: Request Entity Too Large"))
    assert refused_for_size(EndpointError("u: no answer within 60 s (timeout)"))
    assert not refused_for_size(EndpointError("u: HTTP 500: Error SR186:SECURITY: No permission to execute"))
    assert not refused_for_size(EndpointError("u: HTTP 400: Virtuoso 37000 Error SP030: SPARQL compiler"))


def test_a_result_that_cannot_be_split_under_the_cap_is_an_error_not_a_short_answer(on_server):
    graph = on_server(EXAMPLE)
    same = "SELECT ?x WHERE { VALUES ?x { 1 1 1 1 } }"  # every row hashes alike: no split helps
    assert len(graph.dataset.query(same)) == 4
    capped = SparqlEndpoint(graph.endpoint.url, user="dba", password="dba", max_rows=3)
    with pytest.raises(TruncatedResultError, match="truncated at 3 rows"):
        EndpointGraph(capped, graph.graph, graph.ontology).dataset.query(same)
    varied = "SELECT ?x WHERE { VALUES ?x { 1 2 3 4 5 6 7 8 } }"  # the twin: hashes differ, parts fit
    assert sorted(
        int(row[0].value) for row in EndpointGraph(capped, graph.graph, graph.ontology).dataset.query(varied)
    ) == list(range(1, 9))


def server_arguments(graph: EndpointGraph) -> list[str]:
    return ["--endpoint", graph.endpoint.url, "--graph", graph.graph]


def test_check_on_the_server_reports_as_the_local_check(on_server, tmp_path):
    graph = on_server(EXAMPLE)
    served = bpo_kg("check", *server_arguments(graph), "--format", "json", cwd=tmp_path)
    local = bpo_kg("check", EXAMPLE, "--store", "oxigraph", "--format", "json", cwd=tmp_path)
    assert served.code == local.code == 0, served.err
    a, b = json.loads(served.out), json.loads(local.out)
    assert a["providers"] == b["providers"] and a["sites"] == b["sites"] and a["counts"] == b["counts"]
    assert a["server"] == f"<{graph.graph}> on {graph.endpoint.url}"
    assert a["reasoning"]["reasoner"].endswith(f"on {graph.endpoint.url} (ABox)")


def test_check_on_the_server_fails_on_invalid_data_and_cleans_up(on_server, tmp_path):
    graph = on_server(INVALID)
    done = bpo_kg("validate", *server_arguments(graph), cwd=tmp_path)
    assert done.code == 1 and "ex:E1" in done.out and "bpo:coversService" in done.out
    cleaned = bpo_kg("check", *server_arguments(graph), "--clean", cwd=tmp_path)
    assert cleaned.code == 0 and "removed" in cleaned.err and graph.dataset.size() == 0


def test_server_command_line_errors(on_server, endpoint_url, tmp_path):
    graph = on_server(EXAMPLE)
    cases = [
        (["check", "--endpoint", graph.endpoint.url, "--graph", graph.graph + "-none"], "holds no triples"),
        (["check", EXAMPLE, *server_arguments(graph)], "not both"),
        (["reason", "--clean"], "give --endpoint"),
        (["check", *server_arguments(graph), "--max-update-rows", "0"], "at least 1"),
        (["check", *server_arguments(graph), "--save", tmp_path / "kg"], "--save"),
        (["reason", *server_arguments(graph), "--out", tmp_path / "kg.ttl"], "--out"),
    ]
    if update_url(endpoint_url) != endpoint_url:  # the anonymous endpoint may not update
        cases.append((["check", "--endpoint", endpoint_url, "--graph", graph.graph], "/sparql-auth"))
    for arguments, message in cases:
        done = bpo_kg(*arguments, cwd=tmp_path)
        assert done.code == 2 and message in done.err and "Traceback" not in done.err, (arguments, done.err)
        assert done.err.count("\n") == 1 and not done.out


def test_a_large_upload_carries_its_credentials_from_the_start(endpoint_url, monkeypatch):
    """A body past PREFLIGHT_BYTES is sent with digest credentials from a HEAD's challenge: the
    server never answers it 401 (it closes then, and a body still being sent fails with a broken
    pipe); a small one takes the usual 401 round."""
    import urllib.request

    from bpo_kg.engines.sparql_client import PREFLIGHT_BYTES, default_store_url

    challenged: list[str] = []
    answer_401 = urllib.request.HTTPDigestAuthHandler.http_error_401

    def spy(self, request, *rest):
        challenged.append(request.get_method())
        return answer_401(self, request, *rest)

    monkeypatch.setattr(urllib.request.HTTPDigestAuthHandler, "http_error_401", spy)
    endpoint = SparqlEndpoint(update_url(endpoint_url), timeout=120, user="dba", password="dba")
    store, graph = default_store_url(endpoint_url), "https://w3id.org/bpo-kg/test/large-upload"
    rows = PREFLIGHT_BYTES // 30 + 1000
    large = b"".join(b"<urn:s%d> <urn:p> <urn:o> .\n" % n for n in range(rows))
    assert len(large) > PREFLIGHT_BYTES
    endpoint.put_graph(store, graph, large)
    assert challenged == []
    endpoint.put_graph(store, graph, b"<urn:s> <urn:p> <urn:o> .\n")  # the twin: small, challenged
    assert challenged == ["PUT"]
    endpoint.update(f"DROP SILENT GRAPH <{graph}>")
