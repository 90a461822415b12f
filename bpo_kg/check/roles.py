"""What each provider and site is inferred to be, in a sentence with the seed claims behind it."""

from __future__ import annotations

from collections import Counter

from rdflib import Graph
from rdflib.namespace import RDFS

from bpo_kg import BPO_NS
from bpo_kg.check.report import CheckReport, Classification
from bpo_kg.engines import KnowledgeGraph, claims_of, labels
from bpo_kg.reason import ReasoningReport
from bpo_kg.terms import natural_key

BPO_PROVIDER = BPO_NS + "BPOProvider"
# Provider roles, most specific first, with the claims that put each one under BPO provider.
PROVIDER_ROLES: list[tuple[str, str]] = [
    (BPO_NS + "InboundCallCentreOperator", "S17, S22"),
    (BPO_NS + "OutboundCallCentreOperator", "S17, S22"),
    (BPO_NS + "CallCentreOperator", "S17, S22"),
    (BPO_NS + "NonVoiceBPOProvider", "S18, S19"),
    (BPO_NS + "MultichannelContactCentreOperator", "S12, S20"),
    (BPO_NS + "BPOProviderWithCallCentre", "S2, S18"),
    (BPO_PROVIDER, "S3"),
]
SITE_KINDS = [BPO_NS + "BlendedCallCentreSite", BPO_NS + "CallCentreSite", BPO_NS + "MultichannelContactCentreSite"]
WITH_CALL_CENTRE = BPO_NS + "BPOProviderWithCallCentre"
# Engagement classes counted in the report, with how each count reads.
ENGAGEMENT_KINDS = [
    (BPO_NS + "OffshoreEngagement", "offshore"),
    (BPO_NS + "NearshoreEngagement", "nearshore"),
    (BPO_NS + "OnshoreEngagement", "onshore"),
    (BPO_NS + "MultiShoreEngagement", "multi-shore"),
    (BPO_NS + "WesternClientOffshoreEngagement", "offshore for Western clients (S8, S9)"),
    (BPO_NS + "AsiaOrAfricaDeliveredEngagement", "delivered from Asia or Africa (S8)"),
    (BPO_NS + "CriticalEngagement", "critical (S5)"),
    (BPO_NS + "CostDrivenEngagement", "cost-driven (S7)"),
]


def _article(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def _provider_sentence(name: str, roles: list[str], reasoning: ReasoningReport, labels: dict[str, str]) -> str:
    """E.g. "X is an inbound call-centre operator, hence a BPO provider (S17, S22); it operates a call-centre site"."""
    claims = dict(PROVIDER_ROLES)
    specific = [
        role
        for role in roles
        if role not in (BPO_PROVIDER, WITH_CALL_CENTRE)
        and not any(role in reasoning.superclasses(other) for other in roles)
    ]
    if not specific:
        sentence = f"{name} is a BPO provider ({claims[BPO_PROVIDER]})"
    else:
        phrase = " and ".join(labels[role] for role in specific)
        sentence = f"{name} is {_article(phrase)}, hence a BPO provider ({claims[specific[0]]})"
    if WITH_CALL_CENTRE in roles:
        sentence += f"; it operates a call-centre site ({claims[WITH_CALL_CENTRE]})"
    return sentence


def _sources(ontology: Graph, iri: str) -> str:
    return ", ".join(claims_of(ontology, iri))


def classify(report: CheckReport, graph: KnowledgeGraph) -> None:
    """Fill the report's providers, sites and counts from what reasoning found (consistent data only)."""
    ontology = graph.ontology
    names = labels(graph)
    class_labels = {str(s): str(o) for s, o in ontology.subject_objects(RDFS.label) if o.language == "en"}
    origins = graph.data.origins if graph.data else {}
    for entry in report.reasoning.individuals:
        types = set(entry.types)
        name = names.get(entry.iri, entry.iri)
        roles = [role for role, _claims in PROVIDER_ROLES if role in types]
        if roles:
            report.providers.append(
                Classification(
                    entry.iri,
                    name,
                    roles,
                    _provider_sentence(name, roles, report.reasoning, class_labels),
                    origins.get(entry.iri),
                )
            )
        kinds = [kind for kind in SITE_KINDS if kind in types]
        if kinds:
            sources = _sources(ontology, kinds[0])
            report.sites.append(
                Classification(
                    entry.iri,
                    name,
                    kinds,
                    f"{name} is {_article(class_labels[kinds[0]])} ({sources})",
                    origins.get(entry.iri),
                )
            )
    report.providers.sort(key=lambda c: natural_key(c.name))
    report.sites.sort(key=lambda c: natural_key(c.name))
    counted = Counter(kind for entry in report.reasoning.individuals for kind in entry.types)
    report.counts = {
        "BPO providers": counted[BPO_PROVIDER],
        "outsourcing clients": counted[BPO_NS + "OutsourcingClient"],
        "engagements": counted[BPO_NS + "OutsourcingEngagement"],
    }
    report.counts |= {phrase: counted[kind] for kind, phrase in ENGAGEMENT_KINDS if counted[kind]}
