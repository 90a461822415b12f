"""Explanations: every inconsistent invalid example gets exactly its justification (facts and axioms),
checked minimal by HermiT, beside a consistent twin without one of its facts; the example's inferred
roles are each explained; the words people read; the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from bpo_kg.check import run_check
from bpo_kg.engines import open_knowledge_graph
from bpo_kg.explain import explain, explain_types
from bpo_kg.explain.words import Words, parse
from tests.cli import bpo_kg
from tests.conftest import BPO, EX, REPO

INVALID = REPO / "examples" / "invalid"


def short(axiom: str) -> str:
    return axiom.replace(f"<{BPO}", "bpo:").replace(f"<{EX}", "ex:").replace(">", "").replace(" )", ")")


VOICE_SERVICE = (
    "EquivalentClasses(bpo:VoiceService ObjectIntersectionOf(bpo:BusinessService "
    "ObjectSomeValuesFrom(bpo:deliveredThrough bpo:VoiceChannel) "
    "ObjectAllValuesFrom(bpo:deliveredThrough bpo:VoiceChannel)))"
)
OPERATOR = (
    "EquivalentClasses(bpo:CallCentreOperator ObjectIntersectionOf(bpo:Organisation "
    "ObjectSomeValuesFrom(bpo:isProviderIn bpo:OutsourcingEngagement) "
    "ObjectSomeValuesFrom(bpo:providesService bpo:CallHandlingService) "
    "ObjectAllValuesFrom(bpo:providesService bpo:VoiceService)))"
)
BY_EMAIL = {
    "ClassAssertion(bpo:CustomerSupportCallService ex:Support)",
    VOICE_SERVICE,
    "ClassAssertion(bpo:EmailChannel bpo:email)",
    "SubClassOf(bpo:CallHandlingService bpo:VoiceService)",
    "SubClassOf(bpo:CustomerSupportCallService bpo:CallHandlingService)",
    "SubClassOf(bpo:EmailChannel bpo:NonVoiceChannel)",
    "DisjointClasses(bpo:NonVoiceChannel bpo:VoiceChannel)",
}
BY_WEB = {
    "ClassAssertion(bpo:CallCentreOperator ex:Provider)",
    "ObjectPropertyAssertion(bpo:providesService ex:Provider ex:Portal)",
    OPERATOR,
    VOICE_SERVICE,
    "SubClassOf(bpo:WebChannel bpo:NonVoiceChannel)",
    "DisjointClasses(bpo:NonVoiceChannel bpo:VoiceChannel)",
    "ClassAssertion(bpo:WebChannel bpo:website)",
}
# file -> (every justification, the fact whose removal makes the data consistent). Where the catalogue
# is closed there are two: one through the stated channel, one through "the data lists all of them".
INCONSISTENT = {
    "call-handling-service-by-email.ttl": (
        [
            BY_EMAIL | {"ClassAssertion(ObjectAllValuesFrom(bpo:deliveredThrough ObjectOneOf(bpo:email)) ex:Support)"},
            BY_EMAIL | {"ObjectPropertyAssertion(bpo:deliveredThrough ex:Support bpo:email)"},
        ],
        (EX + "Support", BPO + "deliveredThrough", BPO + "email"),
    ),
    "call-centre-operator-with-web-service.ttl": (
        [
            BY_WEB | {"ClassAssertion(ObjectAllValuesFrom(bpo:deliveredThrough ObjectOneOf(bpo:website)) ex:Portal)"},
            BY_WEB | {"ObjectPropertyAssertion(bpo:deliveredThrough ex:Portal bpo:website)"},
        ],
        (EX + "Provider", str(RDF.type), BPO + "CallCentreOperator"),
    ),
    "engagement-provider-is-its-own-client.ttl": (
        [
            {
                "DisjointObjectProperties(bpo:hasClient bpo:hasProvider)",
                "ObjectPropertyAssertion(bpo:hasClient ex:E1 ex:Provider)",
                "ObjectPropertyAssertion(bpo:hasProvider ex:E1 ex:Provider)",
            }
        ],
        (EX + "E1", BPO + "hasClient", EX + "Provider"),
    ),
    "call-centre-site-with-chat.ttl": (
        [
            {
                "ClassAssertion(bpo:CallCentreSite ex:Site)",
                "ClassAssertion(bpo:ChatChannel bpo:chat)",
                "DisjointClasses(bpo:NonVoiceChannel bpo:VoiceChannel)",
                "EquivalentClasses(bpo:CallCentreSite ObjectIntersectionOf(bpo:ContactCentreSite "
                "ObjectSomeValuesFrom(bpo:handlesChannel bpo:VoiceChannel) "
                "ObjectAllValuesFrom(bpo:handlesChannel bpo:VoiceChannel)))",
                "ObjectPropertyAssertion(bpo:handlesChannel ex:Site bpo:chat)",
                "SubClassOf(bpo:ChatChannel bpo:NonVoiceChannel)",
            }
        ],
        (EX + "Site", BPO + "handlesChannel", BPO + "chat"),
    ),
}


def _twin(source: Path, fact: tuple[str, str, str], folder: Path) -> Path:
    graph = Graph().parse(source)
    triple = tuple(URIRef(term) for term in fact)
    assert triple in graph
    graph.remove(triple)
    twin = folder / source.name
    graph.serialize(twin, format="turtle")
    return twin


@pytest.mark.parametrize("name", sorted(INCONSISTENT))
def test_an_inconsistent_example_gets_exactly_its_justification_beside_its_consistent_twin(name, tmp_path):
    expected, fact = INCONSISTENT[name]
    report = explain(open_knowledge_graph([INVALID / name], "exact"), most=3)
    assert report.entailed
    found = [{short(step.axiom) for step in e.steps} for e in report.explanations]
    assert sorted(map(sorted, found)) == sorted(map(sorted, expected))
    assert all(e.minimal for e in report.explanations)
    twin = explain(open_knowledge_graph([_twin(INVALID / name, fact, tmp_path)], "exact"))
    assert not twin.entailed and twin.explanations == []


def test_the_four_inconsistent_invalid_examples_are_all_covered():
    inconsistent = {p.name for p in INVALID.glob("*.ttl") if "inconsistent under HermiT" in p.read_text()}
    assert inconsistent == set(INCONSISTENT)


def test_facts_say_where_they_were_written_and_closures_are_facts():
    report = explain(open_knowledge_graph([INVALID / "call-handling-service-by-email.ttl"], "exact"), most=3)
    facts = [step for e in report.explanations for step in e.steps if step.kind != "axiom"]
    assert {step.kind for step in facts} == {"fact", "closure"}
    assert all(step.source.startswith(f"{INVALID / 'call-handling-service-by-email.ttl'}:") for step in facts)


def test_each_inferred_role_of_the_example_is_explained(example_kg):
    report = run_check(example_kg)
    questions = [(c.iri, c.roles[0]) for c in [*report.providers, *report.sites]]
    assert len(questions) >= 20
    answers = explain_types(example_kg, questions)
    assert [a.entailed for a in answers] == [True] * len(questions)
    assert all(a.explanations and a.explanations[0].minimal for a in answers)
    not_a_role = explain_types(example_kg, [(EX + "CapeLedger", BPO + "CallCentreOperator")])[0]
    assert not not_a_role.entailed


def test_the_words_people_read():
    words = Words(lambda iri: {BPO + "hasClient": "has client", EX + "E1": "E1"}.get(iri, iri.rsplit("#")[-1]))
    assert words.axiom(parse(f"ObjectPropertyAssertion(<{BPO}hasClient> <{EX}E1> <{EX}Acme>)")) == (
        f"E1 has client {EX}Acme"
    )
    axiom = f"SubClassOf(<{BPO}A> ObjectSomeValuesFrom(<{BPO}p> ObjectUnionOf(<{BPO}B> <{BPO}C>)))"
    assert words.axiom(parse(axiom)) == "every A is p some (B or C)"
    closure = f"ClassAssertion(ObjectAllValuesFrom(<{BPO}p> ObjectOneOf(<{EX}s1> <{EX}s2>)) <{EX}E1>)"
    assert words.axiom(parse(closure)) == f"E1 p only {EX}s1, {EX}s2 (the data lists all of them)"


def test_check_says_why_the_data_is_inconsistent():
    done = bpo_kg("check", INVALID / "engagement-provider-is-its-own-client.ttl")
    assert done.code == 1
    assert "INCONSISTENT: the data contradicts the ontology:" in done.out
    assert "  ontology: nothing is linked to the same thing by both has client and has provider [S3, S6]" in done.out


def test_the_explain_command(tmp_path):
    done = bpo_kg("explain", INVALID / "engagement-provider-is-its-own-client.ttl", "--format", "json")
    assert done.code == 0, done.err
    report = json.loads(done.out)
    assert report["entailed"] and len(report["explanations"]) == 1
    assert report["explanations"][0]["advice"].startswith("To change the outcome, correct or remove one of")
    assert bpo_kg("explain").code == 1  # the example is consistent: nothing to explain
    done = bpo_kg("explain", "--why", "LotusConnect", "bpo:BPOProvider", "--lang", "hi")
    assert done.code == 0 and "बीपीओ सेवा प्रदाता" in done.out
    done = bpo_kg("explain", "--why", "LotusConect", "bpo:BPOProvider")
    assert done.code == 2
    assert (
        done.err.strip() == "bpo-kg: error: parameter ENTITY: no IRI of the data or the ontology is named 'LotusConect'"
    )


def test_why_not_names_the_conditions_of_the_definition_not_met():
    from bpo_kg.explain.why_not import why_not

    graph = open_knowledge_graph([REPO / "examples" / "bpo-example.ttl"], "exact")
    blended = why_not(graph, EX + "NileDataWorks", BPO + "CallCentreOperator")
    assert not blended.is_member and blended.unmet == ["provides service only voice service"]
    non_voice = why_not(graph, EX + "CapeLedger", BPO + "CallCentreOperator")
    assert non_voice.unmet == ["provides service some call-handling service", "provides service only voice service"]
    assert why_not(graph, EX + "LotusConnect", BPO + "CallCentreOperator").is_member  # the twin that is one


def test_the_statements_behind_a_shacl_result_say_which_are_written_and_which_inferred():
    from bpo_kg.explain.violation import violation_facts

    graph = open_knowledge_graph([INVALID / "engagement-without-delivery-model.ttl"], "exact")
    [found] = violation_facts(graph, number=1)
    assert found.focus == "ex:E1" and found.severity == "Violation" and found.shape == "bposh:EngagementShape"
    written = {fact.text for fact in found.facts if fact.source.endswith("engagement-without-delivery-model.ttl:21")}
    assert "ex:E1 has delivery country India" in written
    assert any(fact.source == "inferred by the reasoner" for fact in found.facts)
    assert not any("delivery model" in fact.text for fact in found.facts)  # the missing value
    with pytest.raises(Exception, match="the data has 1 SHACL result"):
        violation_facts(graph, number=2)


def test_facts_from_a_workbook_name_their_sheet_and_row(tmp_path):
    source = INVALID / "engagement-provider-is-its-own-client.ttl"
    assert bpo_kg("export", source, "--out", tmp_path / "bad.xlsx").code == 0
    report = explain(open_knowledge_graph([tmp_path / "bad.xlsx"], "exact"))
    facts = [step for step in report.explanations[0].steps if step.kind == "fact"]
    assert {step.source for step in facts} == {f"{tmp_path / 'bad.xlsx'}: sheet engagements, row 2"}


def test_without_java_the_message_says_what_to_install(tmp_path):
    import os
    import subprocess

    from tests.cli import command_line

    env = dict(os.environ, PATH=str(tmp_path))  # no java on it
    done = subprocess.run(
        command_line("explain", INVALID / "engagement-provider-is-its-own-client.ttl"),
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2
    assert "default-jre-headless" in done.stderr and "Traceback" not in done.stderr
