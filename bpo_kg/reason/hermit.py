"""OWL 2 DL reasoning with HermiT (through owlready2): the exact engine's reasoner, and the scale
engine's classifier of the TBox.

owlready2 reads N-Triples, not Turtle, so the merged rdflib graph is written once to a private
temporary N-Triples file and loaded from there; the user's files are never touched.
"""

from __future__ import annotations

import ctypes
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import owlready2
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from bpo_kg import BPO_NS
from bpo_kg.errors import ReasonerError
from bpo_kg.reason.closure import CATALOGUE_CLOSURE, closure_axioms
from bpo_kg.reason.datatypes import for_hermit
from bpo_kg.reason.report import SCHEMA_TYPES, IndividualTypes, ReasoningReport, asserted_types, named_subjects

_BUILTIN = {str(OWL.Thing), str(OWL.Nothing)}
_TEMPDIR = threading.Lock()
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the Java child, before it starts: ask Linux to kill it when bpo-kg dies, even by SIGKILL."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


if sys.platform.startswith("linux"):  # owlready2 passes these to the subprocess that runs HermiT
    owlready2.reasoning._subprocess_kargs.setdefault("preexec_fn", _die_with_parent)


@contextmanager
def _temporary_files_in(folder: Path) -> Iterator[None]:
    """Temporary files made meanwhile (by owlready2) go into ``folder``, removed with it."""
    with _TEMPDIR:
        previous = tempfile.tempdir
        tempfile.tempdir = str(folder)
        try:
            yield
        finally:
            tempfile.tempdir = previous


def _most_specific(classes: set, ancestry: dict) -> list[str]:
    """Drop every class that is a strict ancestor of another class in the set."""
    keep = {c for c in classes if not any(c in ancestry[o] and o not in ancestry[c] for o in classes if o != c)}
    return sorted(c.iri for c in keep)


def _run_hermit(world: owlready2.World) -> bool:
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    except FileNotFoundError as error:
        raise ReasonerError(
            f"Java not found ({error.filename}): install Java 17, e.g. 'apt-get install default-jre-headless'"
        ) from None
    except owlready2.OwlReadyJavaError as error:
        first = next((ln for ln in str(error).splitlines() if ln.strip()), "unknown error")
        raise ReasonerError(f"HermiT failed: {first[:300]}") from None
    return True


def hermit_input(
    ontology: Graph, data: Graph | None, close_world: bool = True, individuals: set[str] | None = None
) -> Graph:
    """What HermiT reads: ontology + data (+ the catalogue closure axioms), imports removed."""
    merged = Graph()
    merged += ontology
    if data is not None:
        merged += data
        if close_world:
            merged += closure_axioms(data)
    merged.remove((None, OWL.imports, None))
    if data is not None:  # untyped individuals too, as the OWL API reads them: owlready2 needs the declaration
        for individual in data_individuals(ontology, data) if individuals is None else individuals:
            merged.add((URIRef(individual), RDF.type, OWL.NamedIndividual))
        unreadable = [(s, p, o) for s, p, o in merged if isinstance(o, Literal) and for_hermit(o) is not o]
        for s, p, o in unreadable:  # dates and the like: a stand-in HermiT can read
            merged.remove((s, p, o))
            merged.add((s, p, for_hermit(o)))
    return merged


def data_individuals(ontology: Graph, data: Graph) -> set[str]:
    """The individuals of ``data``: subjects typed with a class, subjects and objects of object
    property assertions, subjects of data property assertions (untyped ones included, as HermiT
    types them by domains and ranges); the ontology's own individuals left out."""
    object_properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    data_properties = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    found = {s for s, kinds in asserted_types(data).items() if not kinds & SCHEMA_TYPES}
    for s, p, o in data:
        if p in object_properties:
            found |= {str(t) for t in (s, o) if isinstance(t, URIRef)}
        elif p in data_properties and isinstance(s, URIRef):
            found.add(str(s))
    return found - named_subjects(ontology, OWL.NamedIndividual)


def reason(ontology: Graph, data: Graph | None = None, close_world: bool = True) -> ReasoningReport:
    """Run HermiT over ``ontology`` plus ``data``.

    With ``close_world`` (the default) the catalogue properties in
    :data:`bpo_kg.reason.closure.CATALOGUE_CLOSURE` are closed per individual, so that
    classification by "only" restrictions works on instance data (see :mod:`bpo_kg.reason.closure`).
    """
    started = time.perf_counter()
    individuals = data_individuals(ontology, data) if data is not None else set()
    merged = hermit_input(ontology, data, close_world, individuals)
    closed = sorted(CATALOGUE_CLOSURE) if data is not None and close_world else []
    asserted = asserted_types(merged)
    ontology_individuals = named_subjects(ontology, OWL.NamedIndividual)
    classes_iris = named_subjects(merged, OWL.Class) - _BUILTIN

    try:
        workdir = Path(tempfile.mkdtemp(prefix="bpo-kg-reason-"))
    except OSError as error:
        raise ReasonerError(f"cannot make a temporary folder for HermiT ({error.strerror or error})") from None
    try:
        source = workdir / "merged.nt"
        try:
            merged.serialize(source, format="nt", encoding="utf-8")
        except OSError as error:
            raise ReasonerError(f"{source}: cannot write HermiT's input ({error.strerror or error})") from None
        world = owlready2.World()
        world.get_ontology(source.as_uri()).load()
        with _temporary_files_in(workdir):  # owlready2 leaves its copy of the data behind when HermiT fails
            consistent = _run_hermit(world)
        report = ReasoningReport(consistent=consistent, closed_properties=closed)
        if consistent:
            _fill_classification(report, world, merged, classes_iris, individuals, ontology_individuals, asserted)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _fill_classification(
    report: ReasoningReport,
    world: owlready2.World,
    merged: Graph,
    class_iris: set[str],
    individual_iris: set[str],
    ontology_individual_iris: set[str],
    asserted: dict[str, set[str]],
) -> None:
    nothing = owlready2.Nothing
    report.unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if c is not nothing)
    classes = [c for c in (world[iri] for iri in sorted(class_iris)) if isinstance(c, owlready2.ThingClass)]
    ancestry = {c: {a for a in c.ancestors() if a is not owlready2.Thing} for c in classes}
    asserted_links = {(str(s), str(o)) for s, o in merged.subject_objects(RDFS.subClassOf) if isinstance(o, URIRef)}
    asserted_equivalences = {
        frozenset((str(s), str(o))) for s, o in merged.subject_objects(OWL.equivalentClass) if isinstance(o, URIRef)
    }
    for cls in classes:
        if cls.iri in report.unsatisfiable:
            continue
        equivalents = {a for a in ancestry[cls] if a is not cls and cls in a.ancestors()}
        report.inferred_equivalences += sorted(
            (cls.iri, other.iri)
            for other in equivalents
            if cls.iri < other.iri and frozenset((cls.iri, other.iri)) not in asserted_equivalences
        )
        supers = ancestry[cls] - equivalents - {cls}
        for sup in supers:
            ancestry.setdefault(sup, {a for a in sup.ancestors() if a is not owlready2.Thing})
        direct = _most_specific(supers, ancestry)
        report.hierarchy[cls.iri] = direct
        report.inferred_subclass_links += [(cls.iri, sup) for sup in direct if (cls.iri, sup) not in asserted_links]
    for iri in sorted(individual_iris):
        if (entry := _types_of(world, iri, ancestry, asserted, class_iris)) is not None:
            report.individuals.append(entry)
    for iri in sorted(ontology_individual_iris):
        if (entry := _types_of(world, iri, ancestry, asserted, class_iris)) is not None:
            report.ontology_individuals.append(entry)


def _types_of(
    world: owlready2.World, iri: str, ancestry: dict, asserted: dict[str, set[str]], class_iris: set[str]
) -> IndividualTypes | None:
    """Asserted, newly inferred (most specific) and all named types of one individual."""
    entity = world[iri]
    if entity is None or not hasattr(entity, "INDIRECT_is_a"):
        return None
    named = {c for c in entity.INDIRECT_is_a if isinstance(c, owlready2.ThingClass) and c.iri not in _BUILTIN}
    for cls in named:
        ancestry.setdefault(cls, {a for a in cls.ancestors() if a is not owlready2.Thing})
    own = asserted.get(iri, set())
    implied_by_assertion = {a.iri for c in named if c.iri in own for a in ancestry[c]}
    inferred = {c for c in named if c.iri not in implied_by_assertion}
    return IndividualTypes(
        iri=iri,
        asserted=sorted(t for t in own if t in class_iris or t.startswith(BPO_NS)),
        inferred=_most_specific(inferred, ancestry),
        types=sorted(c.iri for c in named),
    )


def materialise(ontology: Graph, data: Graph, report: ReasoningReport) -> Graph:
    """The knowledge graph to query: ontology + data + what HermiT entailed (hierarchy and types)."""
    if not report.consistent:
        raise ReasonerError(
            "the data is inconsistent under HermiT: nothing sound can be materialised (see 'bpo-kg reason')"
        )
    graph = Graph()
    for part in (ontology, data, report.entailments()):
        graph += part
    for prefix, namespace in data.namespaces():
        graph.bind(prefix, namespace, override=False)
    return graph
