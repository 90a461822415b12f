"""A real SPARQL endpoint for the tests: the one CI started, or a private Virtuoso started here.

Order: BPO_KG_SPARQL_ENDPOINT (set by .ci/run, which starts and stops the server), else a private
instance through tools/virtuoso/server.sh on spare ports, else skip with how to get one. With
BPO_KG_CI=1 (CI) a missing server fails instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Graph

from bpo_kg.engines import EndpointGraph, SparqlEndpoint, default_store_url
from tests.conftest import REPO, missing_tool

SCRIPT = REPO / "tools" / "virtuoso" / "server.sh"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def sparql_endpoint(scratch: Path) -> Iterator[str]:
    """The URL of a running SPARQL endpoint for the duration of the block."""
    if url := os.environ.get("BPO_KG_SPARQL_ENDPOINT"):
        yield url
        return
    if not shutil.which("virtuoso-t"):
        missing_tool("needs a SPARQL server: apt-get install virtuoso-opensource-7-bin (or set BPO_KG_SPARQL_ENDPOINT)")
    env = dict(os.environ, BPO_KG_VIRTUOSO_HTTP=str(_free_port()), BPO_KG_VIRTUOSO_SQL=str(_free_port()))
    started = subprocess.run([str(SCRIPT), "start", str(scratch)], env=env, capture_output=True, text=True, timeout=120)
    if started.returncode != 0:
        pytest.fail(f"could not start Virtuoso: {started.stderr.strip()}")
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([str(SCRIPT), "stop", str(scratch)], env=env, timeout=60)


def update_url(url: str) -> str:
    """Virtuoso's authenticated endpoint beside ``url`` (/sparql-auth), where updates are allowed."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/sparql-auth", "", ""))


def uploaded(url: str, path: Path, ontology: Graph, shapes: Graph | None = None, **options) -> EndpointGraph:
    """The data file ``path`` as it is (parsed, not reasoned over) in a fresh named graph of the
    server at ``url``, as an :class:`EndpointGraph` that reasons and validates there."""
    endpoint = SparqlEndpoint(update_url(url), timeout=300, user="dba", password="dba")
    graph = f"https://w3id.org/bpo-kg/test/{uuid.uuid4()}"
    data = Graph().parse(path, format="nt" if path.suffix == ".nt" else "turtle")
    endpoint.put_graph(default_store_url(url), graph, data.serialize(format="nt", encoding="utf-8"))
    return EndpointGraph(endpoint, graph, ontology, shapes=shapes, **options)


def removed(graph: EndpointGraph) -> None:
    """Drop the data graph and what reasoning on the server built beside it."""
    graph.clean()
    graph.endpoint.update(f"DROP SILENT GRAPH <{graph.graph}>")
