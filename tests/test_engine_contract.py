"""One contract, every engine: the same `KnowledgeGraph` interface must give the expected answers
on the example, on every invalid example and on 10k-triple synthetic graphs, whichever engine is
behind it: in memory (exact), in Oxigraph (scale), or inside a SPARQL server (server: the data
uploaded as it is to a named graph of Virtuoso, reasoned over and validated there).

The expectations come from outside the engines: the hand-checked rows of every named query
(tests/data/queries/expected-rows.json), the ``# expect:`` lines and the "inconsistent under HermiT"
note of each invalid example, the violations and provider roles the generator planted. On top, each
engine agrees with the exact one (HermiT, pySHACL) on every inferred type and every query row.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks.generate import generate, generate_registry, parse_size, write
from bpo_kg.engines import EndpointGraph, ExactGraph, KnowledgeGraph, ScaleGraph, open_knowledge_graph
from bpo_kg.errors import ReasonerError
from bpo_kg.load import load_shapes
from bpo_kg.query import named_queries, run_named
from bpo_kg.reason import reason
from tests.conftest import BPO, REPO
from tests.sparql_server import removed, uploaded
from tests.test_queries import EXPECTED, short
from tests.test_shapes import expected_results
from tests.test_shapes import short as short_name

EXAMPLE = REPO / "examples" / "bpo-example.ttl"
INVALID = sorted((REPO / "examples" / "invalid").glob("*.ttl"))
ENGINES = ["exact", "scale", "server"]
ENGINE_CLASSES = {"exact": ExactGraph, "scale": ScaleGraph, "server": EndpointGraph}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, dict]:
    """A 10k-triple synthetic graph with 12 planted violations, and what was planted."""
    out = tmp_path_factory.mktemp("synthetic") / "bpo-10k.nt"
    expected = json.loads(write(generate(parse_size("10k"), seed=3, violations=12), out).read_text())
    return out, expected


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> tuple[Path, dict]:
    """A 3k-triple company register (benchmarks/generate.py --kind registry), 4 planted violations."""
    out = tmp_path_factory.mktemp("registry") / "registry-3k.nt"
    expected = json.loads(write(generate_registry(parse_size("3k"), seed=5, violations=4), out).read_text())
    return out, expected


@pytest.fixture(scope="module")
def open_graph(ontology, request):
    """Open (once per module) a data file on an engine; the scale engine reuses one HermiT TBox run;
    the server engine's graphs are dropped at the end."""
    tbox, shapes = reason(ontology), load_shapes()
    opened: dict[tuple[Path, str], KnowledgeGraph] = {}

    def _open(path: Path, engine: str) -> KnowledgeGraph:
        if (path, engine) not in opened:
            if engine == "server":
                graph: KnowledgeGraph = uploaded(request.getfixturevalue("endpoint_url"), path, ontology, shapes)
                request.addfinalizer(lambda: removed(graph))
            else:
                extra = {"tbox": tbox} if engine == "scale" else {}
                graph = open_knowledge_graph([path], engine, ontology=ontology, shapes=shapes, **extra)
            assert isinstance(graph, ENGINE_CLASSES[engine]) and graph.engine == ENGINE_CLASSES[engine].engine
            opened[path, engine] = graph
        return opened[path, engine]

    return _open


def types(graph: KnowledgeGraph) -> dict[str, list[str]]:
    report = graph.reason()
    return {e.iri: e.types for e in report.individuals + report.ontology_individuals}


def rows(graph: KnowledgeGraph, name: str) -> list[str]:
    return sorted(map(repr, run_named(graph, name, EXPECTED[name]["parameters"]).rows))


def test_generator_is_deterministic_and_sized():
    first, second = generate(10_000, seed=5, violations=4), generate(10_000, seed=5, violations=4)
    assert first.lines == second.lines and len(first.violations) == 4
    assert 8_000 < len(first.lines) < 12_000
    assert generate(10_000, seed=6).lines != first.lines


@pytest.mark.parametrize("engine", ENGINES)
def test_example_is_consistent_and_conforms(open_graph, engine):
    graph = open_graph(EXAMPLE, engine)
    assert graph.reason().ok and graph.validate().conforms, graph.validate().to_text()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_query_gives_the_hand_checked_rows(open_graph, engine, name):
    expected = EXPECTED[name]
    result = run_named(open_graph(EXAMPLE, engine), name, expected["parameters"])
    assert result.columns == expected["columns"]
    assert sorted([short(t) for t in row] for row in result.rows) == sorted(expected["rows"])


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_gives_exactly_the_expected_results(open_graph, engine, path):
    graph = open_graph(path, engine)
    consistent = "inconsistent under HermiT" not in path.read_text().splitlines()[0]
    assert graph.reason().consistent == consistent
    report = graph.validate()
    assert not report.conforms
    assert {(short_name(v.focus), short_name(v.path), short_name(v.component)) for v in report.violations} == (
        expected_results(path)
    )
    shape = re.search(r"^# Violates bposh:(\w+)", path.read_text(), re.M).group(1)
    assert any(v.shape and v.shape.endswith("#" + shape) for v in report.violations)
    assert all(v.message for v in report.violations)
    if consistent:
        assert run_named(graph, "bpo-providers").columns
    else:  # nothing sound can be queried from inconsistent data, on any engine
        with pytest.raises(ReasonerError, match="inconsistent"):
            run_named(graph, "bpo-providers")


@pytest.mark.parametrize("workload", ["synthetic", "registry"])
@pytest.mark.parametrize("engine", ENGINES)
def test_synthetic_graph_gives_the_planted_roles_and_violations(open_graph, request, workload, engine):
    """Providers' roles, and on the registry the classification by industry code, and the planted results."""
    path, expected = request.getfixturevalue(workload)
    graph = open_graph(path, engine)
    assert graph.reason().consistent
    roles = types(graph)
    for provider, role in expected["roles"].items():
        assert BPO + role in roles[provider.strip("<>")], provider
    planted = sorted(
        [f.strip("<>"), p.strip("<>"), "http://www.w3.org/ns/shacl#" + c] for f, p, c in expected["violations"]
    )
    assert sorted([v.focus, v.path or "-", v.component] for v in graph.validate().violations) == planted


@pytest.mark.parametrize("engine", [e for e in ENGINES if e != "exact"])
@pytest.mark.parametrize("case", ["example", "synthetic", *(p.stem for p in INVALID)])
def test_engine_agrees_with_the_exact_one(open_graph, synthetic, engine, case):
    """Every inferred type, every validation result (message included) and every query row."""
    path = {"example": EXAMPLE, "synthetic": synthetic[0]}.get(case) or REPO / "examples" / "invalid" / f"{case}.ttl"
    exact, other = open_graph(path, "exact"), open_graph(path, engine)
    assert other.reason().consistent == exact.reason().consistent
    assert [vars(v) for v in other.validate().violations] == [vars(v) for v in exact.validate().violations]
    if exact.reason().consistent:
        assert types(other) == types(exact)
        assert {e.iri: e.inferred for e in other.reason().individuals} == {
            e.iri: e.inferred for e in exact.reason().individuals
        }
        for name in named_queries():
            assert rows(other, name) == rows(exact, name), name


@pytest.mark.parametrize("engine", ["exact", "scale"])
def test_export_is_the_knowledge_graph_as_ntriples(open_graph, engine):
    """Asserted data, the ontology, and what was entailed: a type (Lotus Connect is only asserted an
    organisation) and a subclass link only the reasoner knew (S22)."""
    lines = set(open_graph(EXAMPLE, engine).export().decode("utf-8").splitlines())
    rdf_type, subclass = (
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
        "<http://www.w3.org/2000/01/rdf-schema#subClassOf>",
    )
    assert f"<https://example.org/bpo/LotusConnect> {rdf_type} <{BPO}Organisation> ." in lines
    assert f"<https://example.org/bpo/LotusConnect> {rdf_type} <{BPO}CallCentreOperator> ." in lines
    assert f"<{BPO}CallCentreOperator> {subclass} <{BPO}BPOProvider> ." in lines


def test_check_reports_the_same_on_both_engines(tmp_path):
    from tests.cli import bpo_kg

    memory = bpo_kg("check", "--store", "memory", "--format", "json", cwd=tmp_path)
    fast = bpo_kg("check", "--store", "oxigraph", "--format", "json", cwd=tmp_path)
    assert memory.code == fast.code == 0
    a, b = json.loads(memory.out), json.loads(fast.out)
    assert a["providers"] == b["providers"] and a["sites"] == b["sites"] and a["counts"] == b["counts"]
    assert b["reasoning"]["reasoner"].startswith("HermiT (TBox) + SPARQL rules")
