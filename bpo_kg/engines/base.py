"""The one interface every engine implements: a knowledge graph that has been loaded and can be
reasoned over, validated, queried and exported.

The pipeline (:mod:`bpo_kg.check`) and the command line talk to :class:`KnowledgeGraph` only;
:func:`bpo_kg.engines.open_knowledge_graph` is the one place an engine is chosen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from rdflib import Graph, Node, URIRef

from bpo_kg.load import LoadedData, load_shapes
from bpo_kg.progress import stage
from bpo_kg.query import QueryFile, QueryResult, local_name
from bpo_kg.reason import ReasoningReport, classify
from bpo_kg.validate import ValidationReport


@runtime_checkable
class KnowledgeGraph(Protocol):
    """Ontology plus data, behind one engine.

    ``reason`` and ``validate`` run once and return the same report when asked again; ``select``
    answers a query over ontology + data + what reasoning entailed (an error if the data is
    inconsistent: nothing sound follows); ``export`` gives that knowledge graph as N-Triples.
    ``prefixes`` name things in reports (the data's own last); ``mentions`` and ``named`` find IRIs
    of the ontology or the data, without reasoning (query parameters are checked with them)."""

    engine: str
    ontology: Graph
    data: LoadedData[Any] | None

    def reason(self) -> ReasoningReport: ...

    def validate(self) -> ValidationReport: ...

    def select(self, query: QueryFile | str, bindings: Mapping[str, Node] | None = None) -> QueryResult: ...

    def prefixes(self) -> Iterable[tuple[str, str]]: ...

    def mentions(self, iri: str) -> bool: ...

    def named(self, local: str) -> list[str]: ...

    def export(self) -> bytes: ...


class LocalKnowledgeGraph:
    """What the two local engines share: the ontology and shapes, the loaded data, and reports
    computed once (with progress shown on a terminal). Subclasses compute the reports."""

    def __init__(
        self, ontology: Graph, data: LoadedData[Any] | None, shapes: Graph | None = None, close_world: bool = True
    ) -> None:
        self.ontology = ontology
        self.data = data
        self.close_world = close_world
        self._shapes = shapes
        self._reasoning: ReasoningReport | None = None
        self._validation: ValidationReport | None = None
        self._ontology_terms: set[str] | None = None

    @property
    def shapes(self) -> Graph:
        """The SHACL shapes (the shipped ones unless others were given), read on first use."""
        if self._shapes is None:
            self._shapes = load_shapes()
        return self._shapes

    def reason(self) -> ReasoningReport:
        if self._reasoning is None:
            with stage("reasoning"):
                self._reasoning = self._reason()
        return self._reasoning

    def validate(self) -> ValidationReport:
        reasoning = self.reason()
        if self._validation is None:
            with stage("validating"):
                self._validation = self._validate(reasoning)
        return self._validation

    def prefixes(self) -> Iterable[tuple[str, str]]:
        declared = self.data.prefixes if self.data else []
        return [(prefix, str(namespace)) for prefix, namespace in self.ontology.namespaces()] + declared

    def mentions(self, iri: str) -> bool:
        return iri in self._ontology_iris() or self._data_mentions(iri)

    def named(self, local: str) -> list[str]:
        return sorted({iri for iri in self._ontology_iris() if local_name(iri) == local} | self._data_named(local))

    def _ontology_iris(self) -> set[str]:
        if self._ontology_terms is None:
            self._ontology_terms = {str(t) for triple in self.ontology for t in triple if isinstance(t, URIRef)}
        return self._ontology_terms

    def _entailments(self, reasoning: ReasoningReport) -> Graph:
        """What SHACL sees beside the data: the reasoner's entailments; inconsistent data entails
        everything, so then only what the ontology alone entails (its classification, cached)."""
        return (reasoning if reasoning.consistent else classify(self.ontology)).entailments()

    def _data_mentions(self, iri: str) -> bool:
        raise NotImplementedError

    def _data_named(self, local: str) -> set[str]:
        raise NotImplementedError

    def _reason(self) -> ReasoningReport:
        raise NotImplementedError

    def _validate(self, reasoning: ReasoningReport) -> ValidationReport:
        raise NotImplementedError


def ntriples_count(ntriples: bytes) -> int:
    """The number of triples in an N-Triples document (one per non-empty, non-comment line)."""
    return sum(1 for line in ntriples.splitlines() if line.strip() and not line.lstrip().startswith(b"#"))
