"""What reasoning found, whichever engine reasoned: consistency, unsatisfiable classes, the inferred
class hierarchy and the types of every individual, as a typed report (text or JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from bpo_kg.terms import natural_key

# Subjects typed with one of these are schema terms, not individuals.
SCHEMA_TYPES = {
    str(t)
    for t in (
        OWL.Class,
        RDFS.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        OWL.Ontology,
        OWL.Restriction,
        RDF.Property,
    )
}


@dataclass(slots=True)
class IndividualTypes:
    """What one individual is: its asserted types, the types only the reasoner knew, and all named
    types. (Individuals of the same kinds may share these lists: a million of them are in a report.)"""

    iri: str
    asserted: list[str]
    inferred: list[str]
    types: list[str]


@dataclass
class UndecidedCase:
    """A place in the data where the scale engine's rules cannot tell what HermiT would conclude."""

    individual: str
    construct: str
    term: str
    values: list[str]
    consequence: str

    def to_text(self, shorten=lambda iri: iri) -> str:
        values = f" ({', '.join(shorten(v) for v in self.values)})" if self.values else ""
        return (
            f"{shorten(self.individual)}: {self.construct} {shorten(self.term)}{values}: {self.consequence}; "
            "run --store memory on this part for the exact answer"
        )


@dataclass
class ReasoningReport:
    """The outcome of one HermiT run over the ontology plus (optionally) instance data."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    hierarchy: dict[str, list[str]] = field(default_factory=dict)
    inferred_subclass_links: list[tuple[str, str]] = field(default_factory=list)
    inferred_equivalences: list[tuple[str, str]] = field(default_factory=list)
    individuals: list[IndividualTypes] = field(default_factory=list)
    ontology_individuals: list[IndividualTypes] = field(default_factory=list)
    closed_properties: list[str] = field(default_factory=list)
    undecided: list[UndecidedCase] = field(default_factory=list)
    clash_nodes: list[str] = field(default_factory=list)  # scale engine: a node of each contradiction found
    reasoner: str = "HermiT"
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Consistent, no class unsatisfiable, and nothing left undecided (scale engine)."""
        return self.consistent and not self.unsatisfiable and not self.undecided

    def superclasses(self, iri: str) -> set[str]:
        """Every named strict superclass of a class, by the inferred hierarchy."""
        found: set[str] = set()
        pending = list(self.hierarchy.get(iri, ()))
        while pending:
            current = pending.pop()
            if current not in found:
                found.add(current)
                pending.extend(self.hierarchy.get(current, ()))
        return found

    def undecided_lines(self, shorten=lambda iri: iri) -> list[str]:
        """What the rules could not decide, one line each (none on the exact engine)."""
        if not self.undecided:
            return []
        lines = [f"UNDECIDED: {len(self.undecided)} case(s) where HermiT may conclude more (inconsistency included):"]
        return lines + [f"  {case.to_text(shorten)}" for case in self.undecided]

    def individual(self, iri: str) -> IndividualTypes:
        """The types of one individual, by IRI (KeyError if the reasoner saw no such individual)."""
        for entry in self.individuals:
            if entry.iri == iri:
                return entry
        raise KeyError(iri)

    def entailments(self) -> Graph:
        """What HermiT knew beyond the assertions, as RDF: the inferred subclass links and every
        entailed named type of every individual (for SHACL, which does no OWL reasoning)."""
        graph = Graph()
        for sub, sup in self.inferred_subclass_links:
            graph.add((URIRef(sub), RDFS.subClassOf, URIRef(sup)))
        for entry in self.individuals + self.ontology_individuals:
            for kind in entry.types:
                graph.add((URIRef(entry.iri), RDF.type, URIRef(kind)))
        return graph

    def to_json(self) -> str:
        payload = asdict(self)
        payload["ok"] = self.ok
        payload["inferred_subclass_links"] = [list(link) for link in self.inferred_subclass_links]
        payload["inferred_equivalences"] = [list(pair) for pair in self.inferred_equivalences]
        return json.dumps(payload, indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ReasoningReport:
        """The report :meth:`to_json` wrote (ValueError, KeyError or TypeError if it is not one)."""
        payload = json.loads(text)
        payload.pop("ok", None)
        payload["individuals"] = [IndividualTypes(**entry) for entry in payload["individuals"]]
        payload["ontology_individuals"] = [IndividualTypes(**entry) for entry in payload["ontology_individuals"]]
        payload["undecided"] = [UndecidedCase(**case) for case in payload["undecided"]]
        payload["inferred_subclass_links"] = [tuple(link) for link in payload["inferred_subclass_links"]]
        payload["inferred_equivalences"] = [tuple(pair) for pair in payload["inferred_equivalences"]]
        return cls(**payload)

    def to_text(self, shorten=lambda iri: iri) -> str:
        lines = [
            f"reasoner: {self.reasoner} ({self.seconds:.1f} s)",
            f"consistent: {'yes' if self.consistent else 'NO'}",
        ]
        lines += self.undecided_lines(shorten)
        if not self.consistent:
            lines.append(
                "the ontology and data contradict each other, so nothing can be classified ('bpo-kg explain' says why)"
            )
            return "\n".join(lines)
        lines.append(f"unsatisfiable classes: {len(self.unsatisfiable)}")
        lines += [f"  {shorten(iri)}" for iri in self.unsatisfiable]
        lines.append(
            f"classes: {len(self.hierarchy)}; subclass links only the reasoner knew: "
            f"{len(self.inferred_subclass_links)}"
        )
        lines += [f"  {shorten(sub)} ⊑ {shorten(sup)}" for sub, sup in self.inferred_subclass_links]
        if self.inferred_equivalences:
            lines.append(f"named classes the reasoner found equivalent: {len(self.inferred_equivalences)}")
            lines += [f"  {shorten(a)} ≡ {shorten(b)}" for a, b in self.inferred_equivalences]
        if self.individuals:
            lines.append(f"individuals: {len(self.individuals)}")
            for entry in sorted(self.individuals, key=lambda e: natural_key(e.iri)):
                if entry.inferred:
                    inferred = ", ".join(shorten(t) for t in entry.inferred)
                    lines.append(f"  {shorten(entry.iri)}: inferred {inferred}")
        return "\n".join(lines)


def named_subjects(graph: Graph, kind: URIRef) -> set[str]:
    return {str(s) for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)}


def asserted_types(graph: Graph) -> dict[str, set[str]]:
    types: dict[str, set[str]] = {}
    for subject, kind in graph.subject_objects(RDF.type):
        if isinstance(subject, URIRef) and isinstance(kind, URIRef):
            types.setdefault(str(subject), set()).add(str(kind))
    return types
