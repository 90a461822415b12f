"""Seed claims on call centres (S10-S14, S16-S22) (shared/seed/claims.md), each proved with HermiT.

Each test states the claim, builds a small scenario where needed, and checks the entailments that
must hold and the non-entailments that must not. Disjointness is shown with a *probe class*
(an intersection declared in the scenario) that HermiT must find unsatisfiable.
"""

from __future__ import annotations

import pytest

from tests.conftest import BPO, EX
from tests.seed_scenarios import PROVIDER_ENGAGEMENT, probe, types


def test_S10_call_centre_is_a_centralised_office_working_by_telephone(ontology_report, run):
    """S10: a call centre is a centralised office to receive and transmit information and troubleshoot by phone."""
    assert {BPO + "ContactCentreSite", BPO + "DeliveryCentre", BPO + "Site"} <= (
        ontology_report.superclasses(BPO + "CallCentreSite")
    )
    assert {BPO + "CallHandlingService", BPO + "VoiceService"} <= (
        ontology_report.superclasses(BPO + "TroubleshootingService")
    )
    report = run(
        "ex:fix a bpo:TroubleshootingService .\n"
        + probe(
            "ByPhone",
            "[ a owl:Restriction ; owl:onProperty bpo:deliveredThrough ; owl:someValuesFrom bpo:VoiceChannel ]",
        ),
        close_world=False,
    )
    assert EX + "ByPhone" in types(report, "fix")  # no channel stated: the telephone is entailed


def test_S11_call_centre_serves_product_support_and_customer_queries(run):
    """S11: a call centre serves product support and resolves customer queries."""
    report = run(
        PROVIDER_ENGAGEMENT
        + """
ex:s1 a bpo:ProductSupportService ; bpo:deliveredThrough bpo:telephone .
ex:e1 bpo:coversService ex:s2 .
ex:s2 a bpo:CustomerSupportCallService ; bpo:deliveredThrough bpo:telephone ; bpo:hasCallDirection bpo:inbound .
"""
    )
    assert report.ok
    assert {BPO + "CustomerCareService", BPO + "CallHandlingService"} <= types(report, "s1")
    assert BPO + "InboundCallService" in types(report, "s2")
    assert BPO + "InboundCallCentreOperator" in types(report, "p")


def test_S12_call_centre_business_is_over_the_phone_only(run):
    """S12: in a call centre, business is done over the phone only (a closure), unlike a multichannel centre."""
    web_site = run("ex:site a bpo:CallCentreSite ; bpo:handlesChannel bpo:website .", close_world=False)
    assert not web_site.consistent
    web_service = run(
        PROVIDER_ENGAGEMENT
        + """
ex:p a bpo:CallCentreOperator .
ex:s1 a bpo:AdministrationService ; bpo:deliveredThrough bpo:website .
""",
        close_world=False,
    )
    assert not web_service.consistent
    multichannel = run(
        "ex:site a bpo:ContactCentreSite ; bpo:handlesChannel bpo:telephone , bpo:chat .\n"
        + probe("CallAndMultichannel", "bpo:CallCentreSite", "bpo:MultichannelContactCentreSite")
    )
    assert multichannel.consistent
    assert BPO + "MultichannelContactCentreSite" in types(multichannel, "site")
    assert BPO + "CallCentreSite" not in types(multichannel, "site")
    assert EX + "CallAndMultichannel" in multichannel.unsatisfiable


def test_S13_agents_handle_incoming_and_outgoing_calls(run):
    """S13: call-centre staff sit at individual computers and handle incoming and outgoing calls."""
    report = run("""
ex:site a bpo:ContactCentreSite ; bpo:handlesChannel bpo:telephone ;
    bpo:handlesCallDirection bpo:inbound , bpo:outbound ; bpo:workstationCount 250 .
""")
    assert report.ok
    assert {BPO + "CallCentreSite", BPO + "BlendedCallCentreSite"} <= types(report, "site")
    # 0.2: a service may run both ways (a blended service), and is then of both directions
    both_ways = run("ex:call a bpo:CallHandlingService ; bpo:hasCallDirection bpo:inbound , bpo:outbound .")
    assert both_ways.consistent
    assert {BPO + "InboundCallService", BPO + "OutboundCallService"} <= types(both_ways, "call")
    # 0.2: a multichannel centre that states its call directions is no call-centre site
    multichannel = run("""
ex:site a bpo:ContactCentreSite ; bpo:handlesChannel bpo:telephone , bpo:chat , bpo:email ;
    bpo:handlesCallDirection bpo:inbound , bpo:outbound .
""")
    assert multichannel.consistent
    assert BPO + "MultichannelContactCentreSite" in types(multichannel, "site")
    assert BPO + "CallCentreSite" not in types(multichannel, "site")


def test_S14_call_purposes_telemarketing_surveys_support_orders(ontology_report, run):
    """S14: calls concern telemarketing, surveys, customer support, order taking and other tasks."""
    purposes = ("TelemarketingService", "TelephoneSurveyService", "CustomerSupportCallService", "OrderTakingService")
    for purpose in purposes:
        assert BPO + "CallHandlingService" in ontology_report.superclasses(BPO + purpose), purpose
        # 0.2: no purpose fixes the direction (an IVR survey is inbound, a support callback outbound)
        assert BPO + "InboundCallService" not in ontology_report.superclasses(BPO + purpose), purpose
        assert BPO + "OutboundCallService" not in ontology_report.superclasses(BPO + purpose), purpose
    report = run(
        PROVIDER_ENGAGEMENT
        + "ex:s1 a bpo:TelemarketingService ; bpo:deliveredThrough bpo:telephone ; bpo:hasCallDirection bpo:outbound ."
    )
    assert BPO + "OutboundCallCentreOperator" in types(report, "p")
    assert BPO + "InboundCallCentreOperator" not in types(report, "p")
    survey = run(
        PROVIDER_ENGAGEMENT
        + "ex:s1 a bpo:TelephoneSurveyService ; bpo:deliveredThrough bpo:telephone ; bpo:hasCallDirection bpo:inbound ."
    )
    assert survey.ok  # an inbound (IVR / post-call) survey: an error in 0.1
    assert BPO + "InboundCallService" in types(survey, "s1")
    assert BPO + "OutboundCallCentreOperator" not in types(survey, "p")


def test_S16_call_centre_performs_the_call_handling_part_of_a_business(run):
    """S16: a call centre performs the part of any business that requires handling calls."""
    report = run(
        PROVIDER_ENGAGEMENT + "ex:p a bpo:CallCentreOperator .\nex:s1 a bpo:BusinessService .", close_world=False
    )
    assert report.ok
    assert BPO + "VoiceService" in types(report, "s1")  # whatever it provides is voice work


def test_S17_a_call_centre_is_in_a_way_a_bpo_entity(ontology_report, run):
    """S17: in a way, a call centre is a BPO entity."""
    assert (BPO + "CallCentreOperator", BPO + "BPOProvider") in ontology_report.inferred_subclass_links
    report = run("ex:cc a bpo:CallCentreOperator .", close_world=False)
    assert BPO + "BPOProvider" in types(report, "cc")


def test_S18_bpo_may_work_through_websites_without_phone_lines(run):
    """S18: a BPO company may or may not have a call centre; some work through websites without phones."""
    report = run(PROVIDER_ENGAGEMENT + "ex:s1 a bpo:AdministrationService ; bpo:deliveredThrough bpo:website .")
    assert report.ok
    assert BPO + "NonVoiceBPOProvider" in types(report, "p")
    assert BPO + "CallCentreOperator" not in types(report, "p")
    assert BPO + "BPOProviderWithCallCentre" not in types(report, "p")
    forced = run(
        PROVIDER_ENGAGEMENT + "ex:s1 a bpo:AdministrationService ; bpo:deliveredThrough bpo:website .\n"
        "ex:p a bpo:CallCentreOperator ."
    )
    assert not forced.consistent


def test_S19_it_and_financial_services_providers_without_call_centres(run):
    """S19: BPO is far broader; some BPO organisations provide IT or financial services with no call centre."""
    report = run(
        PROVIDER_ENGAGEMENT
        + """
ex:s1 a bpo:ITService ; bpo:deliveredThrough bpo:email , bpo:website .
ex:e1 bpo:coversService ex:s2 .
ex:s2 a bpo:FinancialService ; bpo:deliveredThrough bpo:website .
"""
        + probe("VoiceAndNonVoiceProvider", "bpo:CallCentreOperator", "bpo:NonVoiceBPOProvider")
    )
    assert report.consistent
    assert BPO + "NonVoiceBPOProvider" in types(report, "p")
    assert EX + "VoiceAndNonVoiceProvider" in report.unsatisfiable


def test_S20_call_centre_is_voice_based_bpo_does_much_more(run):
    """S20: a call centre is a voice-based system; a BPO does many kinds of work besides phone calls."""
    report = run(
        PROVIDER_ENGAGEMENT
        + """
ex:s1 a bpo:CustomerSupportCallService ; bpo:deliveredThrough bpo:telephone .
ex:e1 bpo:coversService ex:s2 .
ex:s2 a bpo:FinanceAndAccountingService ; bpo:deliveredThrough bpo:email .
"""
        + probe("VoiceAndNonVoiceService", "bpo:VoiceService", "bpo:NonVoiceService")
    )
    assert report.consistent
    assert EX + "VoiceAndNonVoiceService" in report.unsatisfiable
    provider = types(report, "p")
    assert BPO + "BPOProvider" in provider  # a blended provider is a BPO provider ...
    assert BPO + "CallCentreOperator" not in provider  # ... but not a call centre
    assert BPO + "NonVoiceBPOProvider" not in provider


def test_S21_bpo_serves_foreign_companies_call_centre_works_over_telephone_lines(run):
    """S21: a BPO carries out operations of a foreign company; in a call centre all work is over telephone lines."""
    report = run(
        PROVIDER_ENGAGEMENT
        + """
ex:p a bpo:CallCentreOperator .
ex:s1 a bpo:OrderTakingService .
ex:e1 bpo:hasDeliveryModel bpo:offshore .
"""
        + probe(
            "CallCentreWithWeb",
            "bpo:CallCentreSite",
            "[ a owl:Restriction ; owl:onProperty bpo:handlesChannel ; owl:someValuesFrom bpo:WebChannel ]",
        ),
        close_world=False,
    )
    assert report.consistent
    assert BPO + "CrossBorderEngagement" in types(report, "e1")
    assert BPO + "VoiceService" in types(report, "s1")
    assert EX + "CallCentreWithWeb" in report.unsatisfiable


@pytest.mark.parametrize("close_world", [True, False], ids=["closed-catalogue", "open-world"])
def test_S22_call_centre_is_a_subset_of_bpo_but_not_conversely(ontology_report, run, close_world):
    """S22: a call centre can be a subset of BPO, but the converse is not true."""
    assert BPO + "BPOProvider" in ontology_report.superclasses(BPO + "CallCentreOperator")
    assert BPO + "CallCentreOperator" not in ontology_report.superclasses(BPO + "BPOProvider")
    report = run(
        PROVIDER_ENGAGEMENT + "ex:s1 a bpo:PayrollService ; bpo:deliveredThrough bpo:website .", close_world=close_world
    )
    assert report.ok  # a BPO provider that is no call centre is consistent ...
    assert BPO + "BPOProvider" in types(report, "p")
    assert BPO + "CallCentreOperator" not in types(report, "p")  # ... and is not classified as one
