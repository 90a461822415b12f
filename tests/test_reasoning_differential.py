"""The scale engine's reasoning against HermiT on a few hundred small random graphs (seeded): the same
verdict and the same types for every individual, or the scale engine's UNDECIDED warning — never a
silent "consistent" where HermiT says inconsistent, never "inconsistent" where HermiT says consistent.

HermiT judges every graph in one JVM (tests/hermit_batch.py); the graphs mix consistent and
inconsistent data on purpose (tests/random_graphs.py).
"""

from __future__ import annotations

from collections import Counter

import pytest

from bpo_kg.reason import reason, reason_store
from bpo_kg.stores import store_of
from tests import hermit_batch
from tests.conftest import BPO, EX, missing_tool, scenario
from tests.random_graphs import Vocabulary, random_graph

GRAPHS = 300


@pytest.fixture(scope="module")
def judge_build(tmp_path_factory):
    try:
        return hermit_batch.compile_judge(tmp_path_factory.mktemp("hermit-batch"))
    except hermit_batch.JavaMissing as missing:
        missing_tool(str(missing))


@pytest.fixture(scope="module")
def tbox(ontology):
    return reason(ontology)


def outcome(scale, verdict) -> str:
    """agree / warned (a disagreement the scale engine announced) / unsound / silent."""
    if not scale.consistent and verdict.consistent:
        return "unsound"
    same_types = all(set(e.types) == verdict.types.get(e.iri, set()) for e in scale.individuals)
    if scale.consistent == verdict.consistent and (not verdict.consistent or same_types):
        return "agree"
    return "warned" if scale.undecided else "silent"


def test_scale_reasoning_agrees_with_hermit_or_says_it_cannot_decide(ontology, tbox, judge_build, tmp_path):
    vocabulary = Vocabulary(ontology, tbox.superclasses)
    graphs = [random_graph(vocabulary, seed) for seed in range(GRAPHS)]
    verdicts = hermit_batch.judge(judge_build, ontology, graphs, tmp_path)
    assert not [v.error for v in verdicts if v.error]
    outcomes = {
        seed: outcome(reason_store(ontology, store_of(g), tbox=tbox), v)
        for seed, (g, v) in enumerate(zip(graphs, verdicts, strict=True))
    }
    counted = Counter(outcomes.values())
    mixed = Counter(v.consistent for v in verdicts)
    assert mixed[True] >= GRAPHS // 5 and mixed[False] >= GRAPHS // 5, mixed  # both verdicts well represented
    assert [seed for seed, o in outcomes.items() if o in ("unsound", "silent")] == [], counted


@pytest.mark.parametrize(
    ("name", "facts"),
    [
        (
            "hasValue condition vs. functional value",
            "ex:E a bpo:CriticalEngagement ; bpo:hasCriticality bpo:nonCritical .",
        ),
        (
            "closed ∃ with no candidate",
            "ex:S a bpo:MultichannelContactCentreSite ; bpo:handlesChannel bpo:chat , bpo:email .",
        ),
        ("functional data property", 'ex:C a bpo:Country ; bpo:countryCode "IN" , "US" .'),
        (
            "∃ against ∀ with disjoint fillers",
            "ex:P a bpo:NonVoiceBPOProvider ; bpo:providesService ex:S . ex:S a bpo:TelephoneSurveyService .",
        ),
    ],
)
def test_each_gap_found_by_the_outside_test_is_now_a_clash(ontology, tbox, name, facts):
    """The disagreements found before (issue: scale path's reasoning), each beside HermiT's verdict."""
    data = scenario(facts)
    assert not reason(ontology, data).consistent, name
    assert not reason_store(ontology, store_of(data), tbox=tbox).consistent, name


@pytest.mark.parametrize(
    ("name", "clash", "twin"),
    [
        (
            "disjoint properties (0.2: hasClient, hasProvider)",
            "ex:E a bpo:OutsourcingEngagement ; bpo:hasClient ex:O ; bpo:hasProvider ex:O .",
            "ex:E a bpo:OutsourcingEngagement ; bpo:hasClient ex:O ; bpo:hasProvider ex:P .",
        ),
        (
            "a union domain (0.2: hasDeliveryCountry on an engagement or a delivery location)",
            "ex:S a bpo:Site ; bpo:hasDeliveryCountry ex:C .",
            "ex:S a bpo:DeliveryLocation ; bpo:hasDeliveryCountry ex:C .",
        ),
        (
            "a transitive part-of chain into a disjoint class (0.2: isPartOf)",
            "ex:A a bpo:City ; bpo:isPartOf ex:B . ex:B bpo:isPartOf ex:C . ex:C a bpo:Site .",
            "ex:A a bpo:City ; bpo:isPartOf ex:B . ex:B bpo:isPartOf ex:C . ex:C a bpo:Country .",
        ),
    ],
)
def test_new_constructs_clash_on_both_engines_beside_their_twin(ontology, tbox, name, clash, twin):
    """Each construct 0.2 brought into the ontology: the clash on both engines, and the twin that
    differs in one fact consistent on both."""
    for facts, consistent in ((clash, False), (twin, True)):
        data = scenario(facts)
        assert reason(ontology, data).consistent is consistent, (name, facts)
        assert reason_store(ontology, store_of(data), tbox=tbox).consistent is consistent, (name, facts)


def test_multi_shore_engagement_is_each_of_its_models_on_both_engines(ontology, tbox):
    """0.2: one engagement, two delivery locations under two models, is consistent and is an onshore,
    an offshore, a cross-border and a multi-shore engagement, on HermiT and on the rules alike."""
    data = scenario(
        "ex:E a bpo:OutsourcingEngagement ; bpo:hasDeliveryLocation ex:L1 , ex:L2 . "
        "ex:L1 bpo:hasDeliveryCountry ex:US ; bpo:hasDeliveryModel bpo:onshore . "
        "ex:L2 bpo:hasDeliveryCountry ex:PH ; bpo:hasDeliveryModel bpo:offshore . "
    )
    expected = {
        BPO + k for k in ("MultiShoreEngagement", "OnshoreEngagement", "OffshoreEngagement", "CrossBorderEngagement")
    }
    for report in (reason(ontology, data), reason_store(ontology, store_of(data), tbox=tbox)):
        assert report.consistent, report.reasoner
        [engagement] = [e for e in report.individuals if e.iri == EX + "E"]
        assert expected <= set(engagement.types), report.reasoner


def test_the_consistent_twin_stays_consistent(ontology, tbox):
    """The positive twin of the first case: the same engagement with the value its class demands."""
    data = scenario("ex:E a bpo:CriticalEngagement ; bpo:hasCriticality bpo:critical .")
    assert reason(ontology, data).consistent
    report = reason_store(ontology, store_of(data), tbox=tbox)
    assert report.consistent and report.ok and report.undecided == []


def test_equality_hermit_would_infer_is_announced(ontology, tbox):
    data = scenario(
        "ex:O a bpo:Organisation ; bpo:isHeadquarteredIn ex:C1 , ex:C2 . "
        "ex:C1 a bpo:Country ; bpo:isInRegion bpo:asia . ex:C2 a bpo:Country ."
    )
    report = reason_store(ontology, store_of(data), tbox=tbox)
    assert report.consistent and not report.ok
    [case] = report.undecided
    assert case.individual.endswith("/O") and case.term.endswith("#isHeadquarteredIn")
    assert sorted(v.rsplit("/", 1)[1] for v in case.values) == ["C1", "C2"]
    assert "HermiT would merge them" in case.to_text() and "--store memory" in case.to_text()
