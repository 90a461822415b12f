"""Loading straight into Oxigraph (the scale engine) gives what the rdflib loader gives: the same triples,
per-file counts and warnings, and the same one-line errors; the SHACL core compiler refuses what it
cannot evaluate."""

from __future__ import annotations

import json

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH, XSD

from bpo_kg import BPO_NS
from bpo_kg.engines import AUTO_THRESHOLD, ExactGraph, ScaleGraph, open_knowledge_graph
from bpo_kg.errors import InputError, UnsupportedError
from bpo_kg.load import Vocabulary, load_data, load_data_store, load_shapes
from bpo_kg.stores import to_rdflib
from bpo_kg.validate.shacl_core import compile_core
from tests.bad_inputs import BAD_INPUTS
from tests.cli import bpo_kg
from tests.conftest import PREFIXES, REPO

EXAMPLE = REPO / "examples" / "bpo-example.ttl"


def _as_graph(store) -> Graph:
    graph = Graph()
    for quad in store:
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def test_same_triples_counts_and_warnings_as_rdflib(tmp_path, ontology):
    typo = tmp_path / "typo.ttl"
    typo.write_text(PREFIXES + "ex:acme a bpo:Organisation ; bpo:legalNam 'Acme'@en .\n")
    paths = [EXAMPLE, typo]
    terms = frozenset(s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef))
    vocabulary = Vocabulary(terms, BPO_NS, "bpo")
    slow = load_data(paths, vocabulary=vocabulary)
    fast = load_data_store(paths, vocabulary=vocabulary)
    assert fast.files == slow.files and fast.triples == slow.triples == len(slow.content)
    assert fast.warnings == slow.warnings and "bpo:legalNam (did you mean bpo:legalName?)" in fast.warnings[0]
    assert _as_graph(fast.content).isomorphic(slow.content)


def test_auto_keeps_the_store_only_above_the_threshold(tmp_path, ontology):
    small = open_knowledge_graph([EXAMPLE], "auto", ontology=ontology)
    assert isinstance(small, ExactGraph) and small.data.triples < AUTO_THRESHOLD
    big = tmp_path / "big.nt"
    big.write_text("".join(f'<https://example.org/s{i}> <https://example.org/p> "{i}" .\n' for i in range(6000)))
    loaded = open_knowledge_graph([big], "auto", ontology=ontology)
    assert isinstance(loaded, ScaleGraph) and loaded.data.triples == 6000


@pytest.mark.parametrize("name", sorted(n for n, (content, _) in BAD_INPUTS.items() if content is not None))
def test_bad_input_fails_alike_on_both_loaders(tmp_path, name):
    content, expected = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as slow:
        load_data([path])
    with pytest.raises(InputError) as fast:
        load_data_store([path])
    assert str(fast.value) == str(slow.value) and expected in str(fast.value)


def test_check_on_the_scale_engine_refuses_bad_input_in_one_line(tmp_path):
    content, expected = BAD_INPUTS["broken.ttl"]
    path = tmp_path / "broken.ttl"
    path.write_bytes(content)
    done = bpo_kg("check", "--store", "oxigraph", path, cwd=tmp_path)
    assert done.code == 2 and done.out == "" and done.err.strip().count("\n") == 0 and expected in done.err


def _shapes_with(extra: str) -> Graph:
    shapes = load_shapes()
    shape = URIRef("https://example.org/shapes#Extra")
    prop = BNode()
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, URIRef(BPO_NS + "Organisation")))
    shapes.add((shape, SH.property, prop))
    shapes.add((prop, SH.path, URIRef(BPO_NS + "legalName")))
    if extra == "int":  # Oxigraph stores "5"^^xsd:int as "5"^^xsd:integer: the check cannot be made there
        shapes.add((prop, SH.datatype, XSD.int))
    if extra == "unknown":
        shapes.add((prop, URIRef(f"{SH}equalz"), URIRef(BPO_NS + "legalName")))
    return shapes


@pytest.mark.parametrize(
    ("extra", "complaint"),
    [
        ("int", "Extra: .* sh:datatype .*#int"),
        ("unknown", "Extra: .* does not evaluate http://www.w3.org/ns/shacl#equalz"),
    ],
)
def test_core_compiler_refuses_what_it_cannot_evaluate(extra, complaint):
    with pytest.raises(UnsupportedError, match=complaint):
        compile_core(_shapes_with(extra), lambda cls: [cls])


def test_core_compiler_compiles_shapes_without_a_message():  # the scale engine then writes its own message
    assert compile_core(_shapes_with("none"), lambda cls: [cls], literals_as_written=True)


def test_core_compiler_covers_every_shipped_constraint():
    checks = compile_core(load_shapes(), lambda cls: [cls], literals_as_written=True)
    components = {c.component.removeprefix(str(SH)) for c in checks}
    assert components == {
        "ClassConstraintComponent",
        "DatatypeConstraintComponent",
        "InConstraintComponent",
        "LessThanOrEqualsConstraintComponent",
        "MaxCountConstraintComponent",
        "MinCountConstraintComponent",
        "MinInclusiveConstraintComponent",
        "NodeKindConstraintComponent",
        "OrConstraintComponent",
        "PatternConstraintComponent",
        "QualifiedMaxCountConstraintComponent",
        "QualifiedMinCountConstraintComponent",
        "SPARQLConstraintComponent",
        "UniqueLangConstraintComponent",
    }
    assert any(c.path.startswith("^") for c in checks)  # the inverse path of the site shape


REWRITTEN = (
    PREFIXES
    + """@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:IN a bpo:Country ; rdfs:label "India"@en ; bpo:countryCode "IN" ; bpo:isInRegion bpo:asia .
ex:Acme a bpo:Organisation ; bpo:legalName "Acme Ltd"@en ; bpo:isHeadquarteredIn ex:IN ;
    bpo:foundingYear "1990"^^xsd:{datatype} .
"""
)


def test_literals_the_store_rewrites_are_listed(tmp_path):
    path = tmp_path / "acme.ttl"
    path.write_text(REWRITTEN.replace("{datatype}", "int"))
    assert load_data_store([path]).rewritten == [
        f'{path}: "1990"^^<http://www.w3.org/2001/XMLSchema#int> is stored as '
        '"1990"^^<http://www.w3.org/2001/XMLSchema#integer>'
    ]
    path.write_text(REWRITTEN.replace("{datatype}", "integer"))
    assert load_data_store([path]).rewritten == []


ILL_TYPED = (
    PREFIXES
    + """@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Site a bpo:CallCentreSite ; rdfs:label "Site"@en ; bpo:isLocatedIn ex:IN ; bpo:handlesChannel bpo:telephone ;
    bpo:handlesCallDirection bpo:inbound ; bpo:workstationCount "{count}"^^xsd:{datatype} .
ex:Acme bpo:operatesSite ex:Site .
"""
)


YEAR_INT, YEAR_INTEGER = REWRITTEN.replace("{datatype}", "int"), REWRITTEN.replace("{datatype}", "integer")


@pytest.mark.parametrize(
    ("name", "text", "results", "rewritten"),
    [
        ("xsd:int where the shapes ask for xsd:integer", YEAR_INT, 1, True),
        ("the twin: the same year written xsd:integer", YEAR_INTEGER, 0, False),
        ("an ill-typed xsd:byte", YEAR_INTEGER + ILL_TYPED.format(count=300, datatype="byte"), 2, True),
        ("a leading zero", YEAR_INTEGER + ILL_TYPED.format(count="0400", datatype="integer"), 0, True),
    ],
)
def test_scale_validation_sees_literals_as_written(tmp_path, name, text, results, rewritten):
    """The store would keep "1990"^^xsd:int as xsd:integer and say "conforms"; the scale engine then
    validates the file as written and reports exactly what the exact engine (pySHACL) reports."""
    path = tmp_path / "acme.ttl"
    path.write_text(text)
    scale = bpo_kg("validate", "--store", "oxigraph", "--format", "json", path, cwd=tmp_path)
    exact = bpo_kg("validate", "--store", "memory", "--format", "json", path, cwd=tmp_path)
    assert scale.code == exact.code and scale.out == exact.out, name
    assert len(json.loads(scale.out)["violations"]) == results, name
    assert ("does not keep these literals as written" in scale.err) == rewritten, scale.err


def test_utf8_is_checked_a_slice_at_a_time(tmp_path, monkeypatch):
    """A character split between two slices is read whole; a bad byte is still refused with its line."""
    import bpo_kg.load.files as files

    monkeypatch.setattr(files, "_CHUNK", 3)
    good = tmp_path / "hindi.nt"
    good.write_text('<https://example.org/a> <https://example.org/label> "कॉल सेंटर"@hi .\n', encoding="utf-8")
    assert load_data_store([good]).triples == 1
    bad = tmp_path / "bad.nt"
    bad.write_bytes(good.read_bytes() + b'<https://example.org/b> <https://example.org/label> "\xff" .\n')
    with pytest.raises(InputError, match=r"bad\.nt:2: not UTF-8 text"):
        load_data_store([bad])


NT_ACME = "<https://example.org/acme> <https://w3id.org/bpo-kg/ontology#{predicate}> {object} .\n"
COUNTRY = "<https://w3id.org/bpo-kg/reference/country/IN>"


@pytest.mark.parametrize(
    ("name", "text", "unknown", "reference"),
    [
        ("a typo used as a predicate", NT_ACME.format(predicate="legalNam", object='"Acme"@en'), True, False),
        (
            "the twin: the typo only inside a literal",
            NT_ACME.format(predicate="legalName", object='"see <https://w3id.org/bpo-kg/ontology#legalNam>"@en'),
            False,
            False,
        ),
        (
            "the twin: the typo only in a comment",
            NT_ACME.format(predicate="legalName", object='"Acme"@en')
            + "# <https://w3id.org/bpo-kg/ontology#legalNam>\n",
            False,
            False,
        ),
        (
            "the typo spelled with an escape",
            NT_ACME.format(predicate="legalNam", object='"Acme"@en').replace("ontology#", "ontolog\\u0079#"),
            True,
            False,
        ),
        ("a country named", NT_ACME.format(predicate="isHeadquarteredIn", object=COUNTRY), False, True),
        (
            "the twin: the country only in a literal",
            NT_ACME.format(predicate="legalName", object=f'"{COUNTRY}"'),
            False,
            False,
        ),
    ],
)
def test_ntriples_terms_are_found_in_the_bytes_and_confirmed_in_the_store(
    tmp_path, ontology, name, text, unknown, reference
):
    """The N-Triples byte scan warns and adds reference entries exactly as the rdflib loader does: an
    IRI written inside a literal or a comment is no term; one spelled with an escape still is."""
    path = tmp_path / "acme.nt"
    path.write_text(text)
    terms = frozenset(s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef))
    vocabulary = Vocabulary(terms, BPO_NS, "bpo")
    fast, slow = load_data_store([path], vocabulary=vocabulary), load_data([path], vocabulary=vocabulary)
    assert fast.warnings == slow.warnings, name
    assert any("bpo:legalNam (did you mean bpo:legalName?)" in w for w in fast.warnings) == unknown, name
    assert fast.triples == slow.triples == len(slow.content), name
    assert (fast.reference > 0) == reference and fast.reference == slow.reference, name


@pytest.mark.parametrize(
    "name", ["bpo-example.ttl", *sorted(f"invalid/{p.name}" for p in (REPO / "examples" / "invalid").glob("*.ttl"))]
)
def test_the_byte_scan_finds_what_the_queries_find(name):
    """Differential: on every shipped example as N-Triples, the scan and the queries list the same IRIs."""
    import pyoxigraph as ox

    from bpo_kg.load.mentions import namespace_iris, written_iris
    from bpo_kg.load.reference import NAMESPACES

    data = Graph().parse(REPO / "examples" / name).serialize(format="nt", encoding="utf-8")
    store = ox.Store()
    store.load(data, ox.RdfFormat.N_TRIPLES)
    watched = (*NAMESPACES, BPO_NS)
    scanned, queried = namespace_iris(store, watched, written_iris(data, watched)), namespace_iris(store, watched)
    assert scanned == queried and any(iri.startswith(BPO_NS) for iri in scanned), name
