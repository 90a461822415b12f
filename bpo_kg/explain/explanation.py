"""Explanations for people: each justification as the facts of the data (with the file and line, or
sheet and row, they came from) and the ontology's axioms (with the seed claims behind them), in words,
and a closing sentence saying what to change."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from bpo_kg import SHAPES_NS
from bpo_kg.engines import LABEL_PROPERTIES, KnowledgeGraph, best_labels, claims_of
from bpo_kg.explain.justify import NOTHING, Answer, justify
from bpo_kg.explain.neighbourhood import SMALL, around, statements
from bpo_kg.explain.words import FACTS, Expr, Words, article, parse
from bpo_kg.reason.hermit import data_individuals
from bpo_kg.terms import shortener


@dataclass(frozen=True)
class Step:
    """One member of a justification: a ``fact`` of the data, the ``closure`` of a catalogue (a fact
    too: the data lists all of them), or an ontology ``axiom``."""

    kind: str
    text: str
    source: str  # where a fact came from (file:line, sheet and row); the claims behind an axiom
    axiom: str  # OWL functional syntax


@dataclass
class Explanation:
    steps: list[Step]
    minimal: bool

    def advice(self) -> str:
        facts = [step.text for step in self.steps if step.kind != "axiom"]
        if not facts:
            return "The ontology alone entails it: no data to change."
        listed = "; ".join(f"'{fact}'" for fact in facts)
        return f"To change the outcome, correct or remove one of these facts: {listed}."


@dataclass
class ExplainReport:
    question: str
    entailed: bool
    explanations: list[Explanation] = field(default_factory=list)
    module_axioms: int = 0
    input_axioms: int = 0
    seconds: float = 0.0

    def to_text(self) -> str:
        if not self.entailed:
            return f"{self.question}: not entailed, nothing to explain"
        lines = [f"{self.question} ({len(self.explanations)} justification(s); module of {self.module_axioms} "
                 f"of {self.input_axioms} axioms; {self.seconds:.1f} s)"]  # fmt: skip
        for number, explanation in enumerate(self.explanations, start=1):
            lines.append(f"justification {number}{'' if explanation.minimal else ' (NOT minimal)'}:")
            for step in explanation.steps:
                label = {"fact": "fact", "closure": "fact", "axiom": "ontology"}[step.kind]
                where = f" [{step.source}]" if step.source else ""
                lines.append(f"  {label}: {step.text}{where}")
            lines.append(f"  {explanation.advice()}")
        return "\n".join(lines)

    def to_json(self) -> str:
        payload = asdict(self)
        for given, explanation in zip(payload["explanations"], self.explanations, strict=True):
            given["advice"] = explanation.advice()
        return json.dumps(payload, indent=2, ensure_ascii=False)


class Namer:
    """Names people use: labels in ``lang`` (else untagged, else English) from the data (rdfs:label,
    else the legal name) and the ontology, else prefixed names. Read from the data as loaded, since
    inconsistent data has no realised graph to ask."""

    def __init__(self, graph: KnowledgeGraph, data: Graph, lang: str) -> None:
        self.shorten = shortener([("bposh", SHAPES_NS), *graph.prefixes()])
        in_data = ((s, o) for prop in LABEL_PROPERTIES for s, o in data.subject_objects(URIRef(prop)))
        in_ontology = best_labels(graph.ontology.subject_objects(RDFS.label), lang)
        self.labels = in_ontology | best_labels(in_data, lang)

    def __call__(self, iri: str) -> str:
        return self.labels.get(iri) or self.shorten(iri)


def explain(
    graph: KnowledgeGraph, individual: str | None = None, cls: str | None = None, most: int = 1, lang: str = "en"
) -> ExplainReport:
    """Why the data is inconsistent (no ``individual``), or why ``individual`` is a ``cls``."""
    if individual is None:
        reasoning = graph.reason()
        if reasoning.consistent:
            return ExplainReport("why the data is inconsistent", False)
        # where a contradiction was found (scale engine), else any individual: each is a Nothing
        starts = [node for node in reasoning.clash_nodes if not node.startswith("_:")]
        individual = starts[0] if starts else _any_individual(graph)
        cls = NOTHING
    return explain_types(graph, [(individual, cls or NOTHING)], most, lang)[0]


def data_of(graph: KnowledgeGraph) -> Graph:
    """The whole data as an rdflib graph (a store's data as loaded: its own types, not the entailed)."""
    content = graph.data.content if graph.data else Graph()
    if isinstance(content, Graph):
        return content
    whole = Graph()
    for subject in {quad.subject for quad in content.quads_for_pattern(None, None, None, ox.DefaultGraph())}:
        for triple in statements(
            content, subject.value if isinstance(subject, ox.NamedNode) else f"_:{subject.value}", True
        ):
            whole.add(triple)
    return whole


def _any_individual(graph: KnowledgeGraph) -> str:
    content = graph.data.content if graph.data else Graph()
    if isinstance(content, Graph):
        return sorted(data_individuals(graph.ontology, content))[0]
    query = "SELECT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) } LIMIT 1"
    return next(iter(content.query(query)))["s"].value


def explain_types(
    graph: KnowledgeGraph, questions: list[tuple[str, str]], most: int = 1, lang: str = "en"
) -> list[ExplainReport]:
    """Why each individual is of its class (owl:Nothing: why the data is inconsistent). Small data is
    read whole, in one run of the explanation generator for all questions; large data in the part
    around each individual (:mod:`bpo_kg.explain.neighbourhood`), grown until the question is entailed."""
    started = time.perf_counter()
    content = graph.data.content if graph.data else Graph()
    if isinstance(content, Graph) and len(content) <= SMALL:
        answers = justify(graph.ontology, content, questions, most)
        parts = [content] * len(questions)
    else:
        answers, parts = [], []
        for question in questions:
            answer, part = _grown(graph, content, question, most)
            answers.append(answer)
            parts.append(part)
    seconds = (time.perf_counter() - started) / max(1, len(questions))
    positions = Positions(graph)
    reports = []
    for (individual, cls), answer, part in zip(questions, answers, parts, strict=True):
        words = Words(Namer(graph, part, lang))
        question = (
            "why the data is inconsistent"
            if cls == NOTHING
            else f"why {words.name(individual)} is {article(words.name(cls))}"
        )
        explanations = []
        for justification in answer.justifications:
            steps = [_step(parse(axiom), axiom, words, graph.ontology, positions) for axiom in justification.axioms]
            steps.sort(key=lambda step: (step.kind == "axiom", step.text))
            explanations.append(Explanation(steps, justification.minimal))
        reports.append(
            ExplainReport(question, answer.entailed, explanations, answer.module_axioms, answer.input_axioms, seconds)
        )
    return reports


def _grown(graph: KnowledgeGraph, content, question: tuple[str, str], most: int) -> tuple[Answer, Graph]:
    """The answer in the smallest part around the individual (1, 2, 4, ... links) that entails it."""
    hops = 1
    while True:
        part = around(content, question[0], hops)
        answer = justify(graph.ontology, part.data + part.closure, [question], most, close_world=False)[0]
        if answer.entailed or part.whole:
            return answer, part.data
        hops *= 2


def _step(expr: Expr, axiom: str, words: Words, ontology: Graph, positions: Positions) -> Step:
    text = words.axiom(expr)
    subject = (expr.args[1].iris() or [""])[0] if expr.name in FACTS else ""
    if expr.name in FACTS and (URIRef(subject), RDF.type, OWL.NamedIndividual) not in ontology:
        closure = expr.name == "ClassAssertion" and expr.args[0].name == "ObjectAllValuesFrom"
        return Step("closure" if closure else "fact", text, positions.of(subject), axiom)
    bpo_terms = [iri for iri in expr.iris() if iri.startswith("https://w3id.org/bpo-kg/ontology#")]
    claims = sorted({c for iri in bpo_terms[:2] for c in claims_of(ontology, iri)}, key=lambda c: int(c[1:]))
    return Step("axiom", text, ", ".join(claims), axiom)


class Positions:
    """Where a resource's statements are written: the sheet and row of a spreadsheet, else the first
    line of a data file where it stands as a subject."""

    def __init__(self, graph: KnowledgeGraph) -> None:
        self.origins = graph.data.origins if graph.data else {}
        self.files = [path for path, _ in graph.data.files] if graph.data else []
        self.prefixes = list(graph.data.prefixes) if graph.data else []
        self._lines: dict[Path, list[str]] = {}

    def of(self, iri: str) -> str:
        if iri in self.origins:
            return self.origins[iri]
        names = [f"<{iri}>"] + [f"{p}:{iri[len(ns) :]}" for p, ns in self.prefixes if iri.startswith(ns)]
        for path in self.files:
            for number, line in enumerate(self._read(path), start=1):
                stripped = line.lstrip()
                if any(stripped.startswith(name) and stripped[len(name) : len(name) + 1] in " \t" for name in names):
                    return f"{path}:{number}"
        return ""

    def _read(self, path: Path) -> list[str]:
        if path not in self._lines:
            try:
                self._lines[path] = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
            except (OSError, UnicodeDecodeError):
                self._lines[path] = []
        return self._lines[path]
