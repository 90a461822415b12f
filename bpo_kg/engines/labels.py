"""How a knowledge graph names things for people: labels of its resources, and the seed claims
(S1-S22) an ontology term cites."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS

from bpo_kg import BPO_NS
from bpo_kg.engines.base import KnowledgeGraph

LABEL_PROPERTIES = (str(RDFS.label), BPO_NS + "legalName")  # the name, else the legal name


def best_labels(pairs: Iterable[tuple[object, object]], lang: str = "en") -> dict[str, str]:
    """Each subject's label among ``pairs`` (subject, label), in ``lang`` where there is one, else
    untagged, else English, else any; the first of equal rank wins."""
    order = list(dict.fromkeys([lang, None, "en"]))
    found: dict[str, tuple[int, str]] = {}
    for subject, label in pairs:
        if isinstance(label, Literal):
            rank = order.index(label.language) if label.language in order else len(order)
            if str(subject) not in found or rank < found[str(subject)][0]:
                found[str(subject)] = (rank, str(label))
    return {subject: label for subject, (_rank, label) in found.items()}


def labels(graph: KnowledgeGraph, lang: str = "en") -> dict[str, str]:
    """The rdfs:label (else the legal name) of every subject of the realised knowledge graph (see
    :func:`best_labels`)."""
    return best_labels(
        (row for prop in LABEL_PROPERTIES for row in graph.select(f"SELECT ?s ?o WHERE {{ ?s <{prop}> ?o }}").rows),
        lang,
    )


def claims_of(ontology: Graph, iri: str) -> list[str]:
    """The seed claims (S1-S22) the term ``iri`` cites (dcterms:source), in order."""
    claims = (str(s) for s in ontology.objects(URIRef(iri), DCTERMS.source))
    return sorted((c for c in claims if c[:1] == "S" and c[1:].isdigit()), key=lambda c: int(c[1:]))
