"""``bpo-kg release``: deterministic, atomic, Protégé-clean artefacts; bpo-full asserts HermiT's hierarchy."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDFS

from bpo_kg import ONTOLOGY_IRI, cli
from bpo_kg.publish import release as release_module
from bpo_kg.reason import ReasoningReport, reason
from tests.cli import bpo_kg
from tests.conftest import BPO, REPO
from tests.owlapi import run_check

ARTEFACTS = ["bpo-base.owl", "bpo-base.ttl", "bpo-context.jsonld", "bpo-full.owl", "bpo-full.ttl", "release-notes.md"]


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "out"
    done = bpo_kg("release", "--version", "0.2.0", "--out", out, cwd=out.parent)
    assert done.code == 0, done.err
    return out


def test_release_writes_every_artefact(released):
    assert sorted(p.name for p in released.iterdir()) == ARTEFACTS


def test_release_twice_gives_identical_bytes(released, tmp_path):
    again = tmp_path / "again"
    done = bpo_kg("release", "--version", "0.2.0", "--out", again, cwd=tmp_path)
    assert done.code == 0
    for name in ARTEFACTS:
        assert (again / name).read_bytes() == (released / name).read_bytes(), name


def test_release_is_identical_under_another_hash_seed(released, tmp_path):
    import subprocess
    import sys

    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run(
        [sys.executable, "-m", "bpo_kg", "release", "--version", "0.2.0", "--out", str(tmp_path / "s")],
        env=env,
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    for name in ARTEFACTS:
        assert (tmp_path / "s" / name).read_bytes() == (released / name).read_bytes(), name


def test_every_artefact_passes_the_protege_check(owlapi_classpath, released):
    files = sorted(released.glob("*.ttl")) + sorted(released.glob("*.owl"))
    result = run_check(owlapi_classpath, files)
    assert result.failures() == [] and len(result.ok_lines()) == 4


def test_full_is_coherent_under_hermit(released):
    report = reason(Graph().parse(released / "bpo-full.owl", format="xml"))
    assert report.ok and report.inferred_subclass_links == []  # nothing left for HermiT to add


def test_full_asserts_a_link_only_hermit_knew_and_drops_redundant_ones(released):
    source = Graph().parse(REPO / "ontology" / "bpo.ttl")
    full = Graph().parse(released / "bpo-full.ttl")
    link = (URIRef(BPO + "CallCentreOperator"), RDFS.subClassOf, URIRef(BPO + "BPOProvider"))
    assert link not in source and link in full
    named = {
        (s, o) for s, o in full.subject_objects(RDFS.subClassOf) if isinstance(s, URIRef) and isinstance(o, URIRef)
    }
    parents: dict[URIRef, set[URIRef]] = {}
    for sub, sup in named:
        parents.setdefault(sub, set()).add(sup)
    redundant = [(a, c) for a, c in named for b in parents.get(a, set()) if (b, c) in named and b not in (a, c)]
    assert redundant == []  # only direct links: one implied by two others is dropped
    assert (URIRef(BPO + "MultiShoreEngagement"), RDFS.subClassOf, URIRef(BPO + "CrossBorderEngagement")) in full


def test_versions_are_stamped(released):
    full = Graph().parse(released / "bpo-full.ttl")
    assert full.value(URIRef(ONTOLOGY_IRI), OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/0.2.0")
    assert full.value(URIRef(ONTOLOGY_IRI), OWL.versionInfo) == Literal("0.2.0")
    base = Graph().parse(released / "bpo-base.owl", format="xml")
    assert base.value(URIRef(ONTOLOGY_IRI + "/base"), OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/0.2.0/base")
    assert len(list(full.subjects(None, OWL.Ontology))) == 1 and len(list(base.subjects(None, OWL.Ontology))) == 1


def test_jsonld_context_reads_producer_data(released):
    context = json.loads((released / "bpo-context.jsonld").read_text())["@context"]
    document = {
        "@context": context,
        "@id": "https://example.org/bpo/acme",
        "@type": "Organisation",
        "legalName": {"en": "Acme Ltd"},
        "isHeadquarteredIn": "https://example.org/bpo/IN",
        "foundingYear": 2004,
    }
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    acme = URIRef("https://example.org/bpo/acme")
    assert (acme, URIRef(BPO + "isHeadquarteredIn"), URIRef("https://example.org/bpo/IN")) in graph
    assert (acme, URIRef(BPO + "legalName"), Literal("Acme Ltd", lang="en")) in graph
    assert graph.value(acme, URIRef(BPO + "foundingYear")).toPython() == 2004


def test_release_note_lists_changes_against_a_previous_release(released, tmp_path):
    previous = Graph().parse(released / "bpo-full.ttl")
    previous.remove((URIRef(BPO + "CaptiveCentre"), None, None))
    previous.set((URIRef(BPO + "Site"), RDFS.label, Literal("place", lang="en")))
    previous.set((URIRef(ONTOLOGY_IRI), OWL.versionInfo, Literal("0.1.9")))
    old = tmp_path / "bpo-full-0.1.9.ttl"
    previous.serialize(old, format="turtle")
    done = bpo_kg("release", "--version", "0.2.0", "--out", tmp_path / "new", "--previous", old, cwd=tmp_path)
    notes = (tmp_path / "new" / "release-notes.md").read_text()
    assert done.code == 0 and "## Changes since 0.1.9" in notes
    assert "- added class bpo:CaptiveCentre" in notes
    assert "- bpo:Site: English label changed from 'place' to 'site'" in notes


@pytest.mark.parametrize("args", [["--version", "1.2"], ["--previous", "missing.ttl"]])
def test_bad_release_input_writes_nothing(tmp_path, args):
    done = bpo_kg("release", "--out", tmp_path / "out", *args, cwd=tmp_path)
    assert done.code == 2 and "Traceback" not in done.err and len(done.err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_incoherent_ontology_fails_and_leaves_an_old_release_untouched(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "bpo-full.ttl").write_text("previous release\n")
    monkeypatch.setattr(release_module, "reason", lambda graph: ReasoningReport(consistent=False))
    assert cli.main(["release", "--out", str(out)]) == 1
    assert "release failed" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["bpo-full.ttl"]
    assert (out / "bpo-full.ttl").read_text() == "previous release\n"


def test_shipped_release_notes_list_every_change_since_0_1():
    """docs/releases/0.2.0.md is what `bpo-kg release --previous docs/releases/bpo-full-0.1.0.ttl`
    writes today (regenerate it so when the ontology changes); it names the 0.2 corrections."""
    previous = REPO / "docs" / "releases" / "bpo-full-0.1.0.ttl"
    notes = release_module.build_release("0.2.0", previous).files["release-notes.md"].decode()
    assert (REPO / "docs" / "releases" / "0.2.0.md").read_text(encoding="utf-8") == notes
    for change in (
        "- bpo:hasProvider: added axiom owl:propertyDisjointWith bpo:hasClient",
        "- bpo:hasDeliveryModel: removed axiom functional",
        "- bpo:handlesCallDirection: added axiom rdfs:domain bpo:ContactCentreSite",
        "- bpo:workstationCount: added axiom rdfs:domain bpo:DeliveryCentre",
        "- dropped subclass link bpo:BPOProvider ⊑ <https://www.omg.org/spec/Commons/Organizations/ServiceProvider>",
        "- added class bpo:DeliveryLocation",
    ):
        assert change in notes
