"""Release artefacts, built deterministically in memory and written atomically.

- ``bpo-base``: our own axioms only (the core), stamped with the release version.
- ``bpo-full``: core + alignments merged, the class hierarchy as HermiT infers it asserted, and
  asserted subclass links that the inferred hierarchy makes redundant removed.
Each as Turtle and RDF/XML, plus a JSON-LD context for data producers and a release note.
Blank nodes are relabelled canonically and triples sorted, so the same input gives the same bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from bpo_kg import BPO_NS, ONTOLOGY_IRI
from bpo_kg.errors import InputError, ReleaseError
from bpo_kg.load import load_graph, load_shapes, parse_file
from bpo_kg.output_folder import replace_folder
from bpo_kg.publish.rdfxml import serialise_rdfxml
from bpo_kg.publish.release_notes import release_notes
from bpo_kg.reason import ReasoningReport, reason
from bpo_kg.resources import core_ontology, ontology_files

BASE_IRI = ONTOLOGY_IRI + "/base"
_VERSION = re.compile(r"^\d+\.\d+\.\d+$")


@dataclass
class Release:
    """The artefacts of one release, by file name, and the reasoning behind bpo-full."""

    version: str
    files: dict[str, bytes]
    reasoning: ReasoningReport
    full: Graph


def check_version(version: str) -> str:
    if not _VERSION.match(version):
        raise InputError(f"--version {version!r}: expected X.Y.Z, e.g. 0.2.0")
    return version


def _stamp(graph: Graph, iri: str, version_iri: str, version: str) -> None:
    """Give the graph exactly one ontology header, at ``iri``, with this version."""
    headers = [s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef)]
    header = URIRef(iri)
    for old in headers:
        for p, o in list(graph.predicate_objects(old)):
            graph.remove((old, p, o))
            if old == URIRef(ONTOLOGY_IRI) or p == RDF.type:
                graph.add((header, p, o))
    for prop in (OWL.versionIRI, OWL.versionInfo, OWL.imports):
        graph.remove((header, prop, None))
    graph.add((header, OWL.versionIRI, URIRef(version_iri)))
    graph.add((header, OWL.versionInfo, Literal(version)))


def _base(version: str) -> Graph:
    graph = load_graph([core_ontology()])
    _stamp(graph, BASE_IRI, f"{ONTOLOGY_IRI}/{version}/base", version)
    return graph


def _full(version: str) -> tuple[Graph, ReasoningReport]:
    graph = load_graph(ontology_files())
    graph.remove((None, OWL.imports, None))
    report = reason(graph)
    if not report.ok:
        raise ReleaseError(
            f"HermiT: consistent={report.consistent}, unsatisfiable classes: "
            f"{', '.join(report.unsatisfiable) or 'none'}; no release built"
        )
    for sub, sup in report.inferred_subclass_links:
        graph.add((URIRef(sub), RDFS.subClassOf, URIRef(sup)))
    for sub, sup in list(graph.subject_objects(RDFS.subClassOf)):
        if isinstance(sup, URIRef) and str(sub) in report.hierarchy and str(sup) not in report.hierarchy[str(sub)]:
            graph.remove((sub, RDFS.subClassOf, sup))  # implied through a more specific superclass
    _stamp(graph, ONTOLOGY_IRI, f"{ONTOLOGY_IRI}/{version}", version)
    return graph, report


def _canonical(graph: Graph) -> Graph:
    """Same triples, blank nodes relabelled canonically, inserted in sorted order, fixed prefixes."""
    ordered = Graph(bind_namespaces="none")
    for triple in sorted(to_canonical_graph(graph)):
        ordered.add(triple)
    for prefix, namespace in sorted(graph.namespaces()):
        if prefix:
            ordered.bind(prefix, namespace, override=True, replace=True)
    ordered.bind("bpo", BPO_NS, override=True, replace=True)
    return ordered


def _serialise(graph: Graph, fmt: str) -> bytes:
    canonical = _canonical(graph)
    if fmt == "xml":
        return serialise_rdfxml(canonical)
    data = canonical.serialize(format=fmt, encoding="utf-8")
    return data if data.endswith(b"\n") else data + b"\n"


def jsonld_context(ontology: Graph) -> bytes:
    """A JSON-LD 1.1 context: classes, properties and individuals by local name; the values of object
    properties are IRIs, or terms of the context (``"handlesChannel": "telephone"``)."""
    context: dict[str, object] = {"@version": 1.1, "bpo": BPO_NS, "xsd": str(XSD)}

    def own(kind):
        return sorted(str(s)[len(BPO_NS) :] for s in ontology.subjects(RDF.type, kind) if str(s).startswith(BPO_NS))

    for name in own(OWL.Class) + own(OWL.NamedIndividual):
        context[name] = f"bpo:{name}"
    for name in own(OWL.ObjectProperty):  # "@vocab": a value may be a term ("telephone") or an IRI
        context[name] = {"@id": f"bpo:{name}", "@type": "@vocab"}
    shapes = load_shapes()
    for name in own(OWL.DatatypeProperty):
        datatype = ontology.value(URIRef(BPO_NS + name), RDFS.range)
        if datatype == RDFS.Literal:  # outside the OWL 2 datatype map (a date): the one the shapes demand
            shaped = shapes.subjects(SH.path, URIRef(BPO_NS + name))
            demanded = {d for shape in shaped if (d := shapes.value(shape, SH.datatype)) is not None}
            datatype = demanded.pop() if len(demanded) == 1 else RDFS.Literal
        term: dict[str, str] = {"@id": f"bpo:{name}"}
        if datatype is None:
            term["@container"] = "@language"
        elif str(datatype).startswith(str(XSD)):
            term["@type"] = "xsd:" + str(datatype)[len(str(XSD)) :]
        context[name] = term
    return (json.dumps({"@context": context}, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def build_release(version: str, previous: Path | None = None) -> Release:
    """Every artefact in memory; nothing is written here."""
    check_version(version)
    old = parse_file(previous) if previous is not None else None
    base = _base(version)
    full, report = _full(version)
    files = {
        "bpo-base.ttl": _serialise(base, "turtle"),
        "bpo-base.owl": _serialise(base, "xml"),
        "bpo-full.ttl": _serialise(full, "turtle"),
        "bpo-full.owl": _serialise(full, "xml"),
        "bpo-context.jsonld": jsonld_context(full),
        "release-notes.md": release_notes(version, full, report, old, previous).encode("utf-8"),
    }
    return Release(version, files, report, full)


def write_atomically(files: dict[str, bytes], out: Path) -> list[Path]:
    """Make ``out`` hold exactly ``files``, all at once (:func:`bpo_kg.output_folder.replace_folder`)."""
    return replace_folder(files, out)
