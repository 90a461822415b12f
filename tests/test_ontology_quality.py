"""Quality gates on the ontology source: QC queries, claim coverage, labels, reasoning, round-trip."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

import bpo_kg
from bpo_kg.publish import qc_queries, run_qc
from tests.conftest import BPO, DATA, REPO

QC = {query.name: query for query in qc_queries()}
OWN_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


def own_terms(graph: Graph) -> set[URIRef]:
    return {
        s
        for kind in OWN_KINDS
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(BPO)
    }


@pytest.mark.parametrize("name", sorted(QC))
def test_qc_query_finds_nothing_in_the_ontology(ontology, name):
    [result] = run_qc(ontology, [QC[name]])
    assert result.rows == [], f"{name}: {result.description}"


@pytest.mark.parametrize("name", sorted(QC))
def test_qc_query_catches_its_violation(name):
    fixture = DATA / "qc" / f"{name}.ttl"
    assert fixture.exists(), f"every QC query needs a violating fixture: {fixture}"
    [result] = run_qc(Graph().parse(fixture), [QC[name]])
    assert result.rows, f"{name} found nothing in {fixture.name}"


def test_qc_queries_carry_their_header():
    assert len(QC) >= 12
    for query in QC.values():
        assert query.description and query.metadata.get("severity") in {"ERROR", "WARN", "INFO"}, query.path


def test_all_22_claims_are_cited(ontology):
    cited = {str(o) for o in ontology.objects(None, DCTERMS.source) if re.fullmatch(r"S\d+", str(o))}
    assert cited == {f"S{n}" for n in range(1, 23)}


def test_every_own_term_has_both_labels_and_one_definition(ontology):
    terms = own_terms(ontology)
    assert len(terms) > 80
    for term in terms:
        languages = sorted(label.language for label in ontology.objects(term, RDFS.label))
        assert languages == ["en", "hi"], term
        definitions = list(ontology.objects(term, SKOS.definition))
        assert len(definitions) == 1 and definitions[0].language == "en", term


def test_ontology_is_consistent_with_no_unsatisfiable_class(ontology_report):
    assert ontology_report.consistent
    assert ontology_report.unsatisfiable == []


def test_no_inferred_equivalence_between_named_classes(ontology_report):
    assert ontology_report.inferred_equivalences == []


def test_reasoner_knows_links_that_are_not_asserted(ontology_report):
    assert (BPO + "CallCentreOperator", BPO + "BPOProvider") in ontology_report.inferred_subclass_links


def test_header_version_matches_the_package(ontology):
    header = URIRef(bpo_kg.ONTOLOGY_IRI)
    assert ontology.value(header, OWL.versionInfo) == Literal(bpo_kg.__version__)
    assert ontology.value(header, OWL.versionIRI) == URIRef(f"{bpo_kg.ONTOLOGY_IRI}/{bpo_kg.__version__}")


@pytest.mark.parametrize("path", sorted((REPO / "ontology").rglob("*.ttl")), ids=lambda p: p.name)
def test_reserialising_the_source_changes_no_triple(path):
    original = Graph().parse(path)
    again = Graph().parse(data=original.serialize(format="turtle"), format="turtle")
    assert isomorphic(original, again)


def test_installed_package_ships_the_source_files(tmp_path):
    """The installed package (run from a neutral folder, not the checkout) carries the same ontology and queries."""
    script = "from bpo_kg.resources import ontology_dir, queries_dir; print(ontology_dir()); print(queries_dir())"
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True)
    shipped_ontology, shipped_queries = (Path(line) for line in out.stdout.split())
    for shipped, source in ((shipped_ontology, REPO / "ontology"), (shipped_queries, REPO / "queries")):
        names = sorted(p.relative_to(source) for p in source.rglob("*") if p.is_file())
        assert names == sorted(p.relative_to(shipped) for p in shipped.rglob("*") if p.is_file())
        for name in names:
            assert (shipped / name).read_bytes() == (source / name).read_bytes(), name
