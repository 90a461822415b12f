"""Shared fixtures: the parsed ontology (once per session), scenario graphs, the reasoner, the OWL API."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from bpo_kg.engines import ExactGraph, open_knowledge_graph
from bpo_kg.load import load_ontology
from bpo_kg.reason import ReasoningReport, reason
from tests import owlapi

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
BPO = "https://w3id.org/bpo-kg/ontology#"
EX = "https://example.org/bpo/"


def pytest_configure(config) -> None:
    """The tests keep HermiT's cached classifications in a folder of their own, not the user's cache."""
    if "BPO_KG_CACHE" not in os.environ:
        import tempfile

        os.environ["BPO_KG_CACHE"] = tempfile.mkdtemp(prefix="bpo-kg-test-cache-")


PREFIXES = f"""
@prefix bpo: <{BPO}> .
@prefix ex: <{EX}> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """The shipped ontology (core plus alignments), parsed once; tests must not modify it."""
    return load_ontology()


@pytest.fixture(scope="session")
def ontology_report(ontology: Graph) -> ReasoningReport:
    """HermiT over the ontology alone."""
    return reason(ontology)


def scenario(turtle: str) -> Graph:
    """A data graph from a Turtle snippet written with the bpo: and ex: prefixes."""
    return Graph().parse(data=PREFIXES + turtle, format="turtle")


@pytest.fixture
def run(ontology: Graph) -> Callable[..., ReasoningReport]:
    """Reason over the ontology plus a Turtle snippet of instance data."""

    def _run(turtle: str, close_world: bool = True) -> ReasoningReport:
        return reason(ontology, scenario(turtle), close_world=close_world)

    return _run


def missing_tool(reason: str) -> None:
    """Skip a test whose outside tool is genuinely absent; in CI (BPO_KG_CI=1) fail instead."""
    if os.environ.get("BPO_KG_CI") == "1":
        pytest.fail(f"BPO_KG_CI=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def owlapi_classpath(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The compiled OWL API checker; skips only when Java or the OWL API is genuinely absent (never in CI)."""
    try:
        return owlapi.compile_check(tmp_path_factory.mktemp("owlapi-build"))
    except owlapi.OwlApiMissing as missing:
        missing_tool(str(missing))


@pytest.fixture(scope="session")
def example_kg(ontology: Graph) -> ExactGraph:
    """The example knowledge graph on the exact engine (ontology + example data + HermiT's entailments)."""
    return open_knowledge_graph([REPO / "examples" / "bpo-example.ttl"], engine="exact", ontology=ontology)


@pytest.fixture(scope="session")
def endpoint_url(tmp_path_factory: pytest.TempPathFactory):
    """A running SPARQL endpoint (see tests/sparql_server.py)."""
    from tests.sparql_server import sparql_endpoint

    with sparql_endpoint(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url
