"""The facts behind a SHACL result: the focus node's statements along the result's path (all of them
where the path is not one property), each as written in the data (file and line, sheet and row) or as
the reasoner inferred it, in words."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from rdflib import Graph, URIRef

from bpo_kg.engines import KnowledgeGraph
from bpo_kg.errors import ParameterError
from bpo_kg.explain.explanation import Namer, Positions, data_of
from bpo_kg.validate import ValidationReport


@dataclass(frozen=True)
class Fact:
    text: str
    source: str  # where it was written, or "inferred by the reasoner"


@dataclass
class ViolationFacts:
    number: int
    of: int
    severity: str
    focus: str
    path: str
    message: str
    shape: str
    facts: list[Fact]

    def to_text(self) -> str:
        lines = [f"result {self.number} of {self.of} ({self.severity}, {self.shape}): {self.focus}: {self.message}"]
        lines.append(f"  the statements checked{f' (path {self.path})' if self.path else ''}:")
        lines += [f"    {fact.text} [{fact.source}]" for fact in self.facts] or ["    none: the value is missing"]
        return "\n".join(lines)


def violation_facts(
    graph: KnowledgeGraph, number: int | None = None, focus: str | None = None, lang: str = "en"
) -> list[ViolationFacts]:
    """The results asked for (``number``: 1-based, in the order of ``validate --format json``; or every
    result on ``focus``), each with the statements behind it."""
    report: ValidationReport = graph.validate()
    results = report.violations
    if number is not None:
        if not 1 <= number <= len(results):
            raise ParameterError(f"--violation {number}: the data has {len(results)} SHACL result(s)")
        chosen = [number]
    else:
        chosen = [at for at, v in enumerate(results, start=1) if v.focus == focus]
        if not chosen:
            raise ParameterError(f"--violation: no SHACL result has the focus node {focus}")
    data = data_of(graph)
    namer, positions = Namer(graph, data, lang), Positions(graph)
    inferred = _inferred(graph)
    found = []
    for at in chosen:
        v = results[at - 1]
        facts = _facts(data, inferred, v.focus, v.path, namer, positions)
        shape = namer.shorten(v.shape) if v.shape else ""
        path = namer.shorten(v.path) if v.path else ""
        found.append(ViolationFacts(at, len(results), v.severity, namer(v.focus), path, v.message, shape, facts))
    return found


def _inferred(graph: KnowledgeGraph) -> Graph | None:
    """The realised knowledge graph (data and entailments), where the data is consistent."""
    if not graph.reason().consistent:
        return None
    realised = Graph()
    realised.parse(data=graph.export(), format="nt")
    return realised


def _facts(data: Graph, inferred: Graph | None, focus: str, path: str | None, namer, positions) -> list[Fact]:
    simple = path is not None and not path.startswith(("^", "("))
    predicate = URIRef(path) if simple else None
    asserted = set(data.triples((URIRef(focus), predicate, None)))
    everything = set(inferred.triples((URIRef(focus), predicate, None))) if inferred is not None else asserted
    facts = []
    for s, p, o in sorted(asserted | everything):
        text = f"{namer(str(s))} {namer(str(p))} {namer(str(o)) if isinstance(o, URIRef) else o}"
        source = positions.of(str(s)) if (s, p, o) in asserted else "inferred by the reasoner"
        facts.append(Fact(text, source))
    return facts


def to_json(found: list[ViolationFacts]) -> str:
    return json.dumps([asdict(v) for v in found], indent=2, ensure_ascii=False)
