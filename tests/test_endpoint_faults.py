"""The endpoint client against a server that misbehaves in each way a real one can: every fault is
one line naming the endpoint, exit 2 (a cut-short result exit 1), no traceback; beside it the same
server answering well."""

from __future__ import annotations

import pytest

from bpo_kg.cli import main
from bpo_kg.engines import SparqlEndpoint
from bpo_kg.errors import EndpointError, TruncatedResultError
from tests.cli import bpo_kg
from tests.fake_sparql import fake_sparql_server


@pytest.fixture(scope="module")
def server():
    with fake_sparql_server() as url:
        yield url


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        ("/cut", EndpointError, "the answer was cut off"),
        ("/no-type", EndpointError, "a malformed SPARQL JSON result: a binding without a valid type and value"),
        ("/bad-integer", EndpointError, "a malformed SPARQL JSON result: 'many' is not an integer"),
        ("/not-json", EndpointError, "not a SPARQL JSON result (starts with '<html>Service Unavailable</html>')"),
        ("/max-rows", TruncatedResultError, "result truncated at 2 rows; page with LIMIT/OFFSET"),
        ("/partial", TruncatedResultError, "the server returned a partial result (S1TAT"),
    ],
)
def test_each_fault_is_one_clear_error(server, path, error, message):
    with pytest.raises(error) as raised:
        SparqlEndpoint(server + path, timeout=5).select("SELECT * WHERE { ?s ?p ?o }")
    assert message in str(raised.value) and str(raised.value).startswith(server + path)
    columns, rows = SparqlEndpoint(server + "/ok", timeout=5).select("SELECT * WHERE { ?s ?p ?o }")
    assert columns == ["provider", "name"] and len(rows) == 1  # the twin: the same server, a good answer


def test_the_timeout_is_for_the_whole_answer(server):
    with pytest.raises(EndpointError, match="no complete answer within 1 s"):
        SparqlEndpoint(server + "/drip", timeout=1).select("SELECT * WHERE { ?s ?p ?o }")


def test_a_configured_row_cap(server):
    with pytest.raises(TruncatedResultError, match="truncated at 3 rows"):
        SparqlEndpoint(server + "/capped", max_rows=3).select("SELECT * WHERE { ?s ?p ?o }")
    assert len(SparqlEndpoint(server + "/capped", max_rows=4).select("SELECT * WHERE { ?s ?p ?o }")[1]) == 3


def test_a_triple_count_that_is_not_a_number(server):
    with pytest.raises(EndpointError, match="a malformed SPARQL JSON result: 'many' is not an integer"):
        SparqlEndpoint(server + "/bad-integer").count("https://example.org/g")


@pytest.mark.parametrize(
    ("path", "code", "message"),
    [
        ("/cut", 2, "the answer was cut off"),
        ("/no-type", 2, "malformed SPARQL JSON result"),
        ("/max-rows", 1, "result truncated at 2 rows"),
        ("/partial", 1, "partial result"),
    ],
)
def test_the_command_line_says_it_in_one_line(server, tmp_path, path, code, message):
    done = bpo_kg("query", "bpo-providers", "--endpoint", server + path, "--timeout", "5", cwd=tmp_path)
    assert done.code == code and done.out == "" and message in done.err, done.err
    assert len(done.err.strip().splitlines()) == 1 and "Traceback" not in done.err and "internal error" not in done.err


@pytest.mark.parametrize("url", ["localhost:8890/sparql", "ftp://example.org/sparql", "not a url"])
def test_an_endpoint_that_is_no_http_url_is_refused_at_once(tmp_path, url):
    done = bpo_kg("query", "bpo-providers", "--endpoint", url, cwd=tmp_path)
    assert done.code == 2 and "is not an http(s) URL" in done.err


def test_the_last_resort_is_one_line_with_a_bug_report_hint(monkeypatch, capsys):
    import bpo_kg.cli.commands as commands

    def broken(args):
        raise RuntimeError("something\nnobody foresaw")

    monkeypatch.setattr(commands, "command_queries", broken)
    monkeypatch.setattr("bpo_kg.cli.parser.command_queries", broken)
    assert main(["queries"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bpo-kg: internal error: RuntimeError: something nobody foresaw")
    assert "a bug: please report it" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("target", ["a file", "a folder where a file goes", "under a file"])
def test_release_into_a_place_it_cannot_write_is_one_line(tmp_path, target):
    blocker = tmp_path / "blocker"
    if target == "a file":
        blocker.write_text("keep")
        out = blocker
    elif target == "a folder where a file goes":
        out = tmp_path / "out"
        (out / "bpo-base.ttl").mkdir(parents=True)
    else:
        blocker.write_text("keep")
        out = blocker / "release"
    done = bpo_kg("release", "--out", out, cwd=tmp_path)
    assert done.code == 2 and "Traceback" not in done.err and len(done.err.strip().splitlines()) == 1, done.err
    assert str(out) in done.err
    assert [p.name for p in tmp_path.rglob(".*")] == []  # no staging folder left
    twin = bpo_kg("release", "--out", tmp_path / "fine", cwd=tmp_path)
    assert twin.code == 0 and (tmp_path / "fine" / "bpo-base.ttl").is_file()
