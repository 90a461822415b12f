"""Realistic patterns (issue 12): small graphs of real-world set-ups, written as providers describe
themselves (tests/data/realistic/). Each must be consistent under HermiT and free of SHACL
violations on both engines, give the types it names, and get the same inferred types and the same
validation results from the exact and the scale engine.

Each file starts with ``# Pattern: <one sentence>``; other header lines:
``# Rejected by 0.1: <why>`` (what version 0.1 of the ontology said of it),
``# Expect warnings: yes`` (warnings are advice: at least one, and nothing else, is expected; without
it the file must conform outright), and ``# Expect type: <individual> <class> ...`` (``ex:``/``bpo:`` names).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from bpo_kg.engines import KnowledgeGraph, open_knowledge_graph
from bpo_kg.load import load_shapes
from bpo_kg.reason import ReasoningReport
from tests.conftest import BPO, DATA, EX

PATTERNS = sorted((DATA / "realistic").glob("*.ttl"))
ENGINES = ("exact", "scale")
PREFIXES = {"bpo": BPO, "ex": EX}

Opener = Callable[[Path, str], KnowledgeGraph]


def header(path: Path, key: str) -> list[str]:
    """The values of a file's ``# key: value`` comment lines."""
    return re.findall(rf"^# {key}: (.+)$", path.read_text(encoding="utf-8"), re.M)


def expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local


def expected_types(path: Path) -> set[tuple[str, str]]:
    """The (individual, class) pairs named by the file's ``# Expect type:`` lines."""
    pairs: set[tuple[str, str]] = set()
    for line in header(path, "Expect type"):
        individual, *classes = line.split()
        pairs |= {(expand(individual), expand(kind)) for kind in classes}
    return pairs


def typed(graph: KnowledgeGraph) -> set[tuple[str, str]]:
    """Every (individual, named type) pair the engine's reasoning gives for the data."""
    return {(entry.iri, kind) for entry in graph.reason().individuals for kind in entry.types}


@pytest.fixture(scope="module")
def open_graph(ontology: Graph, ontology_report: ReasoningReport) -> Opener:
    """Open (once per module) a pattern on an engine, with the shipped ontology and shapes; the scale
    engine reuses the session's HermiT run over the ontology."""
    shapes = load_shapes()
    opened: dict[tuple[Path, str], KnowledgeGraph] = {}

    def _open(path: Path, engine: str) -> KnowledgeGraph:
        if (path, engine) not in opened:
            extra = {"tbox": ontology_report} if engine == "scale" else {}
            opened[path, engine] = open_knowledge_graph([path], engine, ontology=ontology, shapes=shapes, **extra)
        return opened[path, engine]

    return _open


def test_there_are_at_least_25_small_described_patterns() -> None:
    assert len(PATTERNS) >= 25
    for path in PATTERNS:
        assert path.read_text(encoding="utf-8").startswith("# Pattern: "), path.name
        assert 10 <= len(Graph().parse(path)) <= 40, path.name
        assert header(path, "Expect warnings") in ([], ["yes"]), path.name


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", PATTERNS, ids=lambda p: p.stem)
def test_pattern_is_consistent_without_violations(open_graph: Opener, engine: str, path: Path) -> None:
    graph = open_graph(path, engine)
    reasoning, report = graph.reason(), graph.validate()
    assert reasoning.consistent and reasoning.ok, reasoning.undecided_lines() or "inconsistent"
    assert [v.message for v in report.violations if v.severity == "Violation"] == [], report.to_text()
    if header(path, "Expect warnings"):
        assert any(v.severity == "Warning" for v in report.violations), report.to_text()
        assert report.acceptable and not report.conforms
    else:
        assert report.violations == [] and report.conforms, report.to_text()
    assert expected_types(path) <= typed(graph), expected_types(path) - typed(graph)


@pytest.mark.parametrize("path", PATTERNS, ids=lambda p: p.stem)
def test_engines_agree_on_types_and_results(open_graph: Opener, path: Path) -> None:
    exact, scale = open_graph(path, "exact"), open_graph(path, "scale")
    assert typed(scale) == typed(exact)
    assert [vars(v) for v in scale.validate().violations] == [vars(v) for v in exact.validate().violations]
