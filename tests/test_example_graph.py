"""The shipped example graph: consistent under HermiT, and classified beyond what it asserts."""

from __future__ import annotations

import pytest
from rdflib.namespace import RDF

from bpo_kg.load import load_graph
from bpo_kg.reason import reason
from tests.conftest import BPO, EX, REPO

EXAMPLE = REPO / "examples" / "bpo-example.ttl"


@pytest.fixture(scope="module")
def example_report(ontology):
    return reason(ontology, load_graph([EXAMPLE]))


def test_example_graph_is_consistent_and_coherent(example_report):
    assert example_report.ok


@pytest.mark.parametrize(
    ("individual", "inferred"),
    [
        ("LotusConnect", "InboundCallCentreOperator"),
        ("HighveldTeleservices", "OutboundCallCentreOperator"),
        ("CapeLedger", "NonVoiceBPOProvider"),
        ("NileDataWorks", "MultichannelContactCentreOperator"),
        ("NileCairoCentre", "MultichannelContactCentreSite"),
        ("BayanihanCebuCentre", "BlendedCallCentreSite"),
        ("E01", "WesternClientOffshoreEngagement"),
        ("KestrelAirways", "OutsourcingClient"),
    ],
)
def test_example_classifications_that_are_not_asserted(example_report, individual, inferred):
    assert BPO + inferred in example_report.individual(EX + individual).inferred


def test_blended_provider_is_neither_call_centre_nor_non_voice(example_report):
    nile = set(example_report.individual(EX + "NileDataWorks").types)
    assert BPO + "CallCentreOperator" not in nile and BPO + "NonVoiceBPOProvider" not in nile


def test_captive_call_centre_operator_is_not_a_bpo_provider(example_report):
    assert BPO + "BPOProvider" not in example_report.individual(EX + "AtlasBank").types


def test_example_size():
    graph = load_graph([EXAMPLE])
    engagements = set(graph.subjects(RDF.type, graph.namespace_manager.expand_curie("bpo:OutsourcingEngagement")))
    assert len(engagements) >= 25
