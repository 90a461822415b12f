"""A short Markdown release note: counts, and what changed against a previous release file."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from bpo_kg import BPO_NS
from bpo_kg.publish.axiom_text import term_axioms
from bpo_kg.reason import ReasoningReport

KINDS = {
    "class": OWL.Class,
    "object property": OWL.ObjectProperty,
    "datatype property": OWL.DatatypeProperty,
    "named individual": OWL.NamedIndividual,
}


def _terms(graph: Graph) -> dict[str, str]:
    """Own terms by IRI, with their kind."""
    found = {}
    for label, kind in KINDS.items():
        for subject in graph.subjects(RDF.type, kind):
            if str(subject).startswith(BPO_NS):
                found[str(subject)] = label
    return found


def _annotation(graph: Graph, iri: str, prop: URIRef, lang: str) -> str | None:
    values = sorted(str(v) for v in graph.objects(URIRef(iri), prop) if getattr(v, "language", None) == lang)
    return values[0] if values else None


def _links(graph: Graph) -> set[tuple[str, str]]:
    return {
        (str(s), str(o))
        for s, o in graph.subject_objects(RDFS.subClassOf)
        if isinstance(o, URIRef) and str(s).startswith(BPO_NS)
    }


def _local(iri: str) -> str:
    return "bpo:" + iri[len(BPO_NS) :] if iri.startswith(BPO_NS) else f"<{iri}>"


def _changes(new: Graph, old: Graph) -> list[str]:
    new_terms, old_terms = _terms(new), _terms(old)
    lines = []
    for iri in sorted(set(new_terms) - set(old_terms)):
        lines.append(f"- added {new_terms[iri]} {_local(iri)}")
    for iri in sorted(set(old_terms) - set(new_terms)):
        lines.append(f"- removed {old_terms[iri]} {_local(iri)}")
    for iri in sorted(set(new_terms) & set(old_terms)):
        for prop, lang, what in (
            (RDFS.label, "en", "English label"),
            (RDFS.label, "hi", "Hindi label"),
            (SKOS.definition, "en", "definition"),
        ):
            before, after = _annotation(old, iri, prop, lang), _annotation(new, iri, prop, lang)
            if before != after:
                lines.append(f"- {_local(iri)}: {what} changed from {before!r} to {after!r}")
    for sub, sup in sorted(_links(new) - _links(old)):
        lines.append(f"- new subclass link {_local(sub)} ⊑ {_local(sup)}")
    for sub, sup in sorted(_links(old) - _links(new)):
        lines.append(f"- dropped subclass link {_local(sub)} ⊑ {_local(sup)}")
    lines += _axiom_changes(new, old)
    return lines or ["- no change in terms, labels, definitions or the class hierarchy"]


def _axiom_changes(new: Graph, old: Graph) -> list[str]:
    """Each logical axiom about a term kept from ``old`` that was added or removed (named subclass
    links are listed above; the terms added or removed are listed with their kind)."""
    before, after = term_axioms(old), term_axioms(new)
    lines = []
    for iri in sorted(set(before) & set(after)):
        subject = _local(iri) if iri else "ontology"
        for change, axioms in (("added", after[iri] - before[iri]), ("removed", before[iri] - after[iri])):
            for axiom in sorted(a for a in axioms if not _named_link(a)):
                kind = "mapping" if axiom.startswith("skos:") else "axiom"
                lines.append(f"- {subject}: {change} {kind} {axiom}")
    return lines


def _named_link(axiom: str) -> bool:
    return axiom.startswith("rdfs:subClassOf ") and not axiom.endswith(")")


def _plural(kind: str, n: int) -> str:
    """``class`` → ``classes``, ``object property`` → ``object properties``, one → as is."""
    if n == 1:
        return kind
    for singular, plural in (("class", "classes"), ("property", "properties")):
        if kind.endswith(singular):
            return kind[: -len(singular)] + plural
    return kind + "s"


def release_notes(
    version: str, full: Graph, report: ReasoningReport, previous: Graph | None, previous_path: Path | None
) -> str:
    counts = {}
    for kind in _terms(full).values():
        counts[kind] = counts.get(kind, 0) + 1
    lines = [
        f"# bpo-kg {version}",
        "",
        "Artefacts: bpo-base (own axioms) and bpo-full (alignments merged, inferred hierarchy asserted), "
        "each as Turtle (.ttl) and RDF/XML (.owl); bpo-context.jsonld for data producers.",
        "",
        "Terms: " + ", ".join(f"{n} {_plural(kind, n)}" for kind, n in sorted(counts.items())),
        f"HermiT: consistent, {len(report.unsatisfiable)} unsatisfiable classes, "
        f"{len(report.inferred_subclass_links)} subclass links asserted from inference.",
        "",
    ]
    if previous is None:
        lines.append("No previous release given (--previous): no change list.")
    else:
        old_version = next((str(v) for v in previous.objects(None, OWL.versionInfo)), "unknown")
        lines += [f"## Changes since {old_version} ({previous_path.name if previous_path else 'previous'})", ""]
        lines += _changes(full, previous)
    return "\n".join(lines) + "\n"
