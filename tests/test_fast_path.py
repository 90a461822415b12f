"""The fast path (HermiT on the TBox + compiled rules in Oxigraph) agrees with HermiT over everything:
same consistency verdicts, same inferred types, same SHACL results, same query rows (from Oxigraph and
from the columnar copy), on the example, on every invalid example, and on a 10k-triple synthetic graph."""

from __future__ import annotations

import json

import pytest

from benchmarks.generate import generate, parse_size, write
from bpo_kg.check import reason_and_validate
from bpo_kg.columnar import ColumnarBackend, ColumnarStore
from bpo_kg.fastpath import OxigraphBackend, reason_fast
from bpo_kg.load import load_graph
from bpo_kg.queries import LocalBackend, named_queries, run_named
from bpo_kg.reason import materialise, reason
from bpo_kg.validate import load_shapes
from tests.cli import bpo_kg
from tests.conftest import REPO
from tests.test_queries import EXPECTED

EXAMPLE = REPO / "examples" / "bpo-example.ttl"
INVALID = sorted((REPO / "examples" / "invalid").glob("*.ttl"))


def types(report) -> dict[str, list[str]]:
    return {e.iri: e.types for e in report.individuals + report.ontology_individuals}


def violations(report) -> list[tuple]:
    return sorted((v.focus, v.path, v.component, v.value) for v in report.violations)


@pytest.fixture(scope="module")
def tbox(ontology):
    return reason(ontology)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    out = tmp_path_factory.mktemp("synthetic") / "bpo-10k.nt"
    expected = json.loads(write(generate(parse_size("10k"), seed=3, violations=12), out).read_text())
    return load_graph([out]), expected


def test_generator_is_deterministic_and_sized():
    first, second = generate(10_000, seed=5, violations=4), generate(10_000, seed=5, violations=4)
    assert first.lines == second.lines and len(first.violations) == 4
    assert 8_000 < len(first.lines) < 12_000
    assert generate(10_000, seed=6).lines != first.lines


def test_agree_on_the_example(ontology, tbox):
    data = load_graph([EXAMPLE])
    slow, fast = reason(ontology, data), reason_fast(ontology, data, tbox=tbox)[0]
    assert slow.consistent and fast.consistent
    assert types(fast) == types(slow)
    assert {e.iri: e.inferred for e in fast.individuals} == {e.iri: e.inferred for e in slow.individuals}


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_agree_on_every_invalid_example(ontology, path):
    data = load_graph([path])
    shapes = load_shapes()
    slow, slow_validation = reason_and_validate(ontology, shapes, data, store="memory")
    fast, fast_validation = reason_and_validate(ontology, shapes, data, store="oxigraph")
    assert fast.consistent == slow.consistent
    if slow.consistent:
        assert types(fast) == types(slow)
    assert [vars(v) for v in fast_validation.violations] == [vars(v) for v in slow_validation.violations]


def test_query_rows_agree_on_the_example(ontology, tbox, example_kg):
    _report, store = reason_fast(ontology, load_graph([EXAMPLE]), tbox=tbox)
    columnar = ColumnarBackend(ColumnarStore(store))
    for name in named_queries():
        parameters = EXPECTED[name]["parameters"]
        slow = run_named(LocalBackend(example_kg), name, parameters)
        fast = run_named(OxigraphBackend(store), name, parameters)
        assert fast.columns == slow.columns and sorted(map(repr, fast.rows)) == sorted(map(repr, slow.rows)), name
        assert run_named(columnar, name, parameters) == fast, name  # same rows in the same order
    assert columnar.fallbacks == []  # every named query was compiled to SQL


def test_agree_on_a_10k_synthetic_graph(ontology, tbox, synthetic):
    data, expected = synthetic
    shapes = load_shapes()
    slow, slow_validation = reason_and_validate(ontology, shapes, data, store="memory")
    fast, fast_validation = reason_and_validate(ontology, shapes, data, store="oxigraph")
    assert slow.consistent and fast.consistent
    assert types(fast) == types(slow)
    roles = types(fast)
    assert all(
        f"https://w3id.org/bpo-kg/ontology#{role}" in roles[p.strip("<>")] for p, role in expected["roles"].items()
    )
    assert violations(fast_validation) == violations(slow_validation)
    planted = sorted(
        [f.strip("<>"), p.strip("<>"), "http://www.w3.org/ns/shacl#" + c] for f, p, c in expected["violations"]
    )
    assert sorted([v.focus, v.path, v.component] for v in fast_validation.violations) == planted
    kg = materialise(ontology, data, slow)
    _report, store = reason_fast(ontology, data, tbox=tbox)
    columnar = ColumnarBackend(ColumnarStore(store))
    for name in named_queries():
        parameters = EXPECTED[name]["parameters"]
        slow_rows = run_named(LocalBackend(kg), name, parameters).rows
        fast_rows = run_named(OxigraphBackend(store), name, parameters).rows
        columnar_rows = run_named(columnar, name, parameters).rows
        assert sorted(map(repr, fast_rows)) == sorted(map(repr, slow_rows)), name
        assert sorted(map(repr, columnar_rows)) == sorted(map(repr, slow_rows)), name
    assert columnar.fallbacks == []


def test_check_with_the_oxigraph_store_reports_the_same(tmp_path):
    memory = bpo_kg("check", "--store", "memory", "--format", "json", cwd=tmp_path)
    fast = bpo_kg("check", "--store", "oxigraph", "--format", "json", cwd=tmp_path)
    assert memory.code == fast.code == 0
    a, b = json.loads(memory.out), json.loads(fast.out)
    assert a["providers"] == b["providers"] and a["sites"] == b["sites"] and a["counts"] == b["counts"]
    assert b["reasoning"]["reasoner"].startswith("HermiT (TBox) + SPARQL rules")
