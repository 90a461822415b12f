"""The W3C SHACL test suite (tests/data/w3c-shacl, core and sparql): its sht:Validate entries, the two
engines run the way they run in bpo-kg, and results compared by the keys the suite's harness compares.

Run as ``python -m tests.w3c_shacl`` for the table of outcomes (PASS / REFUSED / FAIL) per section.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Namespace, Node
from rdflib.namespace import RDF, SH

from bpo_kg.errors import ShapesError, UnsupportedError
from bpo_kg.validate.pyshacl_run import report_violations
from bpo_kg.validate.report import Violation
from bpo_kg.validate.shacl_sparql import validate_store

SUITE = Path(__file__).parent / "data" / "w3c-shacl"
BASE = "http://datashapes.org/sh/tests/"  # the IRI the suite's files are published under
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
Key = tuple[str | None, ...]


@dataclass(frozen=True)
class W3CTest:
    """One sht:Validate entry: where its data and shapes are, and the report it expects."""

    name: str  # e.g. core/node/datatype-001
    data: Path
    shapes: Path
    conforms: bool | None  # None: the engine must fail (sht:Failure, e.g. a malformed SPARQL query)
    results: Counter[Key]


def _local(iri: Node) -> Path:
    return SUITE / str(iri).removeprefix(BASE)


def _iri(path: Path) -> str:
    return BASE + path.relative_to(SUITE).as_posix()


def _included(manifest: Path) -> Iterator[Path]:
    graph = Graph().parse(manifest, publicID=_iri(manifest))
    for include in sorted(graph.objects(None, MF.include)):
        path = _local(include)
        yield from _included(path) if path.name == "manifest.ttl" else [path]


def w3c_tests(section: str) -> list[W3CTest]:
    """Every sht:Validate entry of ``section`` ("core" or "sparql")."""
    found = []
    for path in _included(SUITE / section / "manifest.ttl"):
        graph = Graph().parse(path, publicID=_iri(path))
        for entry in sorted(graph.subjects(RDF.type, SHT.Validate)):
            action, result = graph.value(entry, MF.action), graph.value(entry, MF.result)
            shapes_path = _local(graph.value(action, SHT.shapesGraph))
            name = str(entry).removeprefix(BASE)
            conforms = None if result == SHT.Failure else bool(graph.value(result, SH.conforms).toPython())
            expected = report_violations(graph, graph, graph.objects(result, SH.result))
            data = _local(graph.value(action, SHT.dataGraph))
            found.append(W3CTest(name, data, shapes_path, conforms, Counter(map(_key, expected))))
    return found


def _key(violation: Violation) -> Key:
    """What the suite compares: the result's nodes (a blank node matches any), path, severity,
    component and (named) shape; the message is the engine's own."""

    def node(text: str | None) -> str | None:
        return "_:" if text is not None and text.startswith("_:") else text

    return (
        node(violation.focus),
        violation.path,
        node(violation.value),
        violation.severity,
        violation.component,
        violation.shape,
    )


def shapes_of(test: W3CTest) -> Graph:
    return Graph().parse(test.shapes, publicID=_iri(test.shapes))


def scale_report(test: W3CTest) -> tuple[bool, Counter[Key]]:
    """The scale engine's verdict: the data file bulk-loaded into a store, the shapes as an rdflib graph."""
    store = ox.Store()
    store.bulk_load(path=str(test.data), format=ox.RdfFormat.TURTLE, base_iri=_iri(test.data))
    shapes = shapes_of(test)
    report = validate_store(store, shapes)
    return report.conforms, Counter(map(_key, report.violations))


def exact_report(test: W3CTest) -> tuple[bool, Counter[Key]]:
    """pySHACL's verdict over the same files (what the exact engine runs, warnings counting as results)."""
    data = Graph().parse(test.data, publicID=_iri(test.data))
    shapes = shapes_of(test)
    conforms, results, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none", advanced=True)
    if not isinstance(results, Graph):
        raise ShapesError(str(results))
    violations = report_violations(results, shapes, results.objects(None, SH.result))
    return bool(conforms), Counter(map(_key, violations))


def outcome(test: W3CTest) -> str:
    """PASS (the expected report), REFUSED (UnsupportedError) or FAIL (a silent disagreement)."""
    try:
        conforms, results = scale_report(test)
    except UnsupportedError:
        return "REFUSED"
    except ShapesError:
        return "PASS" if test.conforms is None else "FAIL"
    return "PASS" if (conforms, results) == (test.conforms, test.results) else "FAIL"


def _table() -> None:
    logging.disable(logging.ERROR)  # rdflib logs every ill-typed literal of the suite
    for section in ("core", "sparql"):
        outcomes = {test.name: outcome(test) for test in w3c_tests(section)}
        print(section, dict(sorted(Counter(outcomes.values()).items())))
        for name, verdict in sorted(outcomes.items()):
            if verdict != "PASS" and "-v" in sys.argv:
                print(f"  {verdict} {name}")


if __name__ == "__main__":
    _table()
