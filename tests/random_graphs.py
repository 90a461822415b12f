"""Small random knowledge graphs over the shipped vocabulary, seeded, for differential tests.

Each graph has a few individuals of the ontology's classes, linked by its object properties (values
of enumerated ranges, channels and regions taken from the ontology's own individuals) and now and
then a functional data property with one or two values: a mix of consistent and inconsistent data.
"""

from __future__ import annotations

import random
from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

BPO = "https://w3id.org/bpo-kg/ontology#"
EX = "https://example.org/random/"


class Vocabulary:
    """The ontology's own classes, object properties (with ranges) and named individuals."""

    def __init__(self, ontology: Graph, tbox_superclasses) -> None:
        own = lambda kind: sorted(s for s in ontology.subjects(RDF.type, kind) if str(s).startswith(BPO))  # noqa: E731
        self.classes = own(OWL.Class)
        self.properties = own(OWL.ObjectProperty)
        self.ranges = {p: ontology.value(p, RDFS.range) for p in self.properties}
        self.domains = {p: ontology.value(p, RDFS.domain) for p in self.properties}
        self.superclasses = tbox_superclasses
        self.members: dict[URIRef, list[URIRef]] = defaultdict(list)
        for individual in own(OWL.NamedIndividual):
            for kind in ontology.objects(individual, RDF.type):
                if isinstance(kind, URIRef) and kind != OWL.NamedIndividual:
                    for cls in {str(kind)} | tbox_superclasses(str(kind)):
                        self.members[URIRef(cls)].append(individual)

    def properties_of(self, kinds: set[URIRef]) -> list[URIRef]:
        """The properties whose domain is one of ``kinds`` or one of their superclasses."""
        closure = {str(k) for k in kinds} | {s for k in kinds for s in self.superclasses(str(k))}
        return [p for p in self.properties if self.domains.get(p) is not None and str(self.domains[p]) in closure]

    def fits(self, kinds: set[URIRef], cls: URIRef | None) -> bool:
        return cls is None or any(str(cls) == str(k) or str(cls) in self.superclasses(str(k)) for k in kinds)


def random_graph(vocabulary: Vocabulary, seed: int) -> Graph:
    """One small graph; the same seed gives the same graph. Plausible on the whole (each property
    used on its domain with a value of its range), with one random perturbation half of the time
    (a second type, or a value from outside the range), so that verdicts are mixed."""
    rng = random.Random(seed)
    graph = Graph()
    individuals = [URIRef(f"{EX}g{seed}-i{n}") for n in range(rng.randint(2, 5))]
    kinds = {i: {rng.choice(vocabulary.classes)} for i in individuals}
    perturbed = rng.random() < 0.5
    if perturbed and rng.random() < 0.5:
        kinds[rng.choice(individuals)].add(rng.choice(vocabulary.classes))
    for individual, types in kinds.items():
        for kind in types:
            graph.add((individual, RDF.type, kind))
    for _ in range(rng.randint(1, 6)):
        subject = rng.choice(individuals)
        fitting = vocabulary.properties_of(kinds[subject])
        if not fitting:
            continue
        prop = rng.choice(fitting)
        rng_class = vocabulary.ranges.get(prop)
        known = sorted(set(vocabulary.members.get(rng_class, []))) if rng_class is not None else []
        candidates = [i for i in individuals if i != subject and vocabulary.fits(kinds[i], rng_class)] + known
        if perturbed and rng.random() < 0.3:
            candidates = individuals + sorted({m for ms in vocabulary.members.values() for m in ms})
        if candidates:
            graph.add((subject, prop, rng.choice(candidates)))
    if rng.random() < 0.15:
        country = rng.choice(individuals)
        for code in rng.sample(["IN", "US", "KE"], rng.choice((1, 1, 2))):
            graph.add((country, URIRef(BPO + "countryCode"), Literal(code)))
    return graph
