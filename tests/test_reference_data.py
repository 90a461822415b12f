"""The shipped reference data (ontology/reference/): complete and well-formed, and data that names a
country or language from it needs no declarations of its own, on both engines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from bpo_kg.engines import open_knowledge_graph
from bpo_kg.load import load_shapes
from bpo_kg.load.reference import REFERENCE_NS, add_to_graph
from bpo_kg.reason import reason
from bpo_kg.resources import reference_files
from tests.conftest import BPO, EX, PREFIXES

COUNTRY = REFERENCE_NS + "country/"
REGIONS = {BPO + r for r in ("asia", "africa", "europe", "northAmerica", "latinAmerica", "oceania", "theWest")}


@pytest.fixture(scope="module")
def reference() -> Graph:
    graph = Graph()
    for path in reference_files():
        graph.parse(path)
    return graph


def test_every_iso_country_with_code_names_and_regions(reference, ontology):
    countries = set(reference.subjects(RDF.type, URIRef(BPO + "Country")))
    assert len(countries) == 249
    codes = [str(reference.value(c, URIRef(BPO + "countryCode"))) for c in countries]
    assert len(set(codes)) == 249 and all(re.fullmatch("[A-Z]{2}", code) for code in codes)
    assert all(str(c) == COUNTRY + str(reference.value(c, URIRef(BPO + "countryCode"))) for c in countries)
    for country in countries:
        labels = [o for o in reference.objects(country, RDFS.label) if isinstance(o, Literal)]
        assert sorted(label.language for label in labels) == ["en", "hi"], country
        regions = {str(r) for r in reference.objects(country, URIRef(BPO + "isInRegion"))}
        assert regions <= REGIONS and (regions or str(country).endswith("/AQ")), country
    assert {str(r) for r in ontology.subjects(RDF.type, URIRef(BPO + "WorldRegion"))} >= REGIONS


def test_code_schemes_are_well_formed(reference):
    concepts = set(reference.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 250
    for concept in concepts:
        assert reference.value(concept, SKOS.notation) is not None, concept
        assert reference.value(concept, SKOS.inScheme) is not None, concept
        assert any(label.language == "en" for label in reference.objects(concept, SKOS.prefLabel)), concept
    mappings = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
    assert not [t for p in mappings for t in reference.triples((None, p, None)) if isinstance(t[2], Literal)]
    assert set(reference.subjects(RDF.type, OWL.Ontology)) == {
        URIRef(REFERENCE_NS + name) for name in ("countries", "languages", "industry-codes")
    }


ENGAGEMENT = """
ex:Client a bpo:Organisation ; bpo:legalName "Client Stores Inc." ; bpo:isHeadquarteredIn {client} .
ex:Provider a bpo:Organisation ; bpo:legalName "Provider Contact Pvt Ltd" ; bpo:isHeadquarteredIn <{country}IN> .
ex:Support a bpo:CustomerCareService ; rdfs:label "Support"@en ; bpo:deliveredThrough bpo:telephone , bpo:chat ;
    bpo:hasCallDirection bpo:inbound .
ex:E1 a bpo:OutsourcingEngagement ; bpo:hasClient ex:Client ; bpo:hasProvider ex:Provider ;
    bpo:coversService ex:Support ; bpo:hasDeliveryCountry <{country}IN> ; bpo:hasDeliveryModel bpo:offshore .
"""


def write(tmp_path: Path, client: str) -> Path:
    path = tmp_path / "data.ttl"
    path.write_text(PREFIXES + ENGAGEMENT.format(client=client, country=COUNTRY), encoding="utf-8")
    return path


@pytest.mark.parametrize("engine", ["exact", "scale"])
def test_data_naming_shipped_countries_needs_no_declarations(ontology, tmp_path, engine):
    """India and the United States come from the reference data: the engagement is offshore for a
    Western client (S8, S9). The twin names its own, undeclared client country and violates."""
    shapes, extra = load_shapes(), ({"tbox": reason(ontology)} if engine == "scale" else {})
    graph = open_knowledge_graph([write(tmp_path, f"<{COUNTRY}US>")], engine, ontology=ontology, shapes=shapes, **extra)
    reasoning, report = graph.reason(), graph.validate()
    assert reasoning.consistent and report.conforms, report.to_text()
    [engagement] = [e for e in reasoning.individuals if e.iri == EX + "E1"]
    assert BPO + "WesternClientOffshoreEngagement" in engagement.types
    assert graph.data.reference > 0 and graph.data.warnings == []
    twin = open_knowledge_graph([write(tmp_path, "ex:US")], engine, ontology=ontology, shapes=shapes, **extra)
    found = {(v.focus, v.path) for v in twin.validate().violations if v.severity == "Violation"}
    assert (EX + "US", BPO + "countryCode") in found  # typed a country by the range, it lacks its code


def test_an_unknown_reference_iri_is_warned_about():
    graph = Graph().parse(data=PREFIXES + f"ex:O bpo:isHeadquarteredIn <{COUNTRY}XX> .", format="turtle")
    added, warnings = add_to_graph(graph)
    assert added == 0
    assert warnings == [f"<{COUNTRY}XX>: not in the shipped reference data (countries, languages): check the code"]
