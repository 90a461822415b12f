"""One test per seed claim (shared/seed/claims.md, S1-S22), proved with HermiT.

Each test states the claim, builds a small scenario where needed, and checks the entailments that
must hold and the non-entailments that must not. Disjointness is shown with a *probe class*
(an intersection declared in the scenario) that HermiT must find unsatisfiable.
"""

from __future__ import annotations

import pytest

from tests.conftest import BPO, EX

PROVIDER_ENGAGEMENT = """
ex:client a bpo:Organisation .
ex:e1 a bpo:OutsourcingEngagement ; bpo:hasClient ex:client ; bpo:hasProvider ex:p ; bpo:coversService ex:s1 .
ex:p a bpo:Organisation .
"""


def probe(name: str, *classes: str) -> str:
    """Turtle for a probe class equivalent to the intersection of ``classes`` (prefixed names)."""
    members = " ".join(classes)
    return f"ex:{name} a owl:Class ; owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( {members} ) ] .\n"


def types(report, local: str) -> set[str]:
    return set(report.individual(EX + local).types)


def test_S1_bpo_and_call_centre_are_related_but_distinct(ontology_report, ontology):
    """S1: BPO and call centres are closely related; their difference confuses many people."""
    assert ontology_report.ok
    assert BPO + "BPOProvider" in ontology_report.superclasses(BPO + "CallCentreOperator")
    assert BPO + "CallCentreOperator" not in ontology_report.superclasses(BPO + "BPOProvider")
    assert (BPO + "BPOProvider", BPO + "CallCentreOperator") not in ontology_report.inferred_equivalences
    hindi = {str(o) for o in ontology.objects(None, None) if getattr(o, "language", None) == "hi"}
    assert {"बीपीओ प्रदाता", "कॉल सेंटर संचालक", "कॉल सेंटर स्थल"} <= hindi


def test_S2_bpo_through_call_centres_but_not_conversely(run):
    """S2: many BPO functions run through call centres, but the converse does not necessarily hold."""
    report = run(
        PROVIDER_ENGAGEMENT
        + """
ex:s1 a bpo:CustomerSupportCallService ; bpo:deliveredThrough bpo:telephone .
ex:p bpo:operatesSite ex:site1 .
ex:site1 a bpo:ContactCentreSite ; bpo:handlesChannel bpo:telephone ; bpo:handlesCallDirection bpo:inbound .
ex:inhouse a bpo:Organisation ; bpo:operatesSite ex:site2 .
ex:site2 a bpo:CallCentreSite , bpo:CaptiveCentre ; bpo:handlesChannel bpo:telephone ;
    bpo:handlesCallDirection bpo:inbound .
"""
    )
    assert report.ok
    assert BPO + "BPOProviderWithCallCentre" in types(report, "p")
    assert BPO + "CallCentreSite" in types(report, "site1")
    # A captive call centre exists without its operator being a BPO provider.
    assert BPO + "BPOProvider" not in types(report, "inhouse")


def test_S3_engaging_another_company_makes_it_a_bpo_provider(run):
    """S3: BPO means engaging another company that carries out business operations for you."""
    report = run(PROVIDER_ENGAGEMENT + "ex:s1 a bpo:AdministrationService .")
    assert report.ok
    assert BPO + "BPOProvider" in report.individual(EX + "p").inferred
    assert BPO + "OutsourcingClient" in report.individual(EX + "client").inferred


def test_S4_outsourced_operations_form_a_service_taxonomy(ontology_report, run):
    """S4: finance, administration, HR, call centre, customer service, payroll and more are outsourced."""
    for service in (
        "FinanceAndAccountingService",
        "AdministrationService",
        "HumanResourcesService",
        "CallHandlingService",
        "CustomerCareService",
        "PayrollService",
    ):
        assert BPO + "BusinessService" in ontology_report.superclasses(BPO + service), service
    assert {BPO + "FinanceAndAccountingService", BPO + "HumanResourcesService"} <= (
        ontology_report.superclasses(BPO + "PayrollService")
    )
    report = run(
        PROVIDER_ENGAGEMENT
        + "ex:s1 a bpo:PayrollService .\n"
        + "ex:PayrollProvider a owl:Class ; owl:equivalentClass [ a owl:Restriction ;"
        " owl:onProperty bpo:providesService ; owl:someValuesFrom bpo:PayrollService ] ."
    )
    assert EX + "PayrollProvider" in types(report, "p")  # via isProviderIn o coversService


def test_S5_expertise_for_critical_or_non_critical_activities(run):
    """S5: outsourcing uses the vendor's expertise, for critical or non-critical activities."""
    report = run(
        PROVIDER_ENGAGEMENT
        + """
ex:s1 a bpo:ITService .
ex:e1 bpo:hasMotivation bpo:accessToExpertise ; bpo:hasCriticality bpo:critical .
ex:e2 a bpo:OutsourcingEngagement ; bpo:hasClient ex:client ; bpo:hasProvider ex:p ;
    bpo:coversService ex:s1 ; bpo:hasCriticality bpo:nonCritical .
"""
    )
    assert report.ok
    assert {BPO + "ExpertiseDrivenEngagement", BPO + "CriticalEngagement"} <= types(report, "e1")
    assert BPO + "NonCriticalEngagement" in types(report, "e2")
    assert BPO + "CriticalEngagement" not in types(report, "e2")
    both = run(PROVIDER_ENGAGEMENT + "ex:e1 bpo:hasCriticality bpo:critical , bpo:nonCritical .")
    assert not both.consistent


def test_S6_a_provider_manages_one_or_more_aspects_of_another_company(run):
    """S6: a BPO company partners with another company to manage one or more aspects of its business."""
    report = run(
        PROVIDER_ENGAGEMENT
        + """
ex:s1 a bpo:PayrollService .
ex:e1 bpo:coversService ex:s2 .
ex:s2 a bpo:AdministrationService .
ex:e3 a bpo:OutsourcingEngagement .
"""
        + probe(
            "ProvidesPayrollAndAdministration",
            "[ a owl:Restriction ; owl:onProperty bpo:providesService ; owl:someValuesFrom bpo:PayrollService ]",
            "[ a owl:Restriction ; owl:onProperty bpo:providesService ; owl:someValuesFrom bpo:AdministrationService ]",
        )
        + probe(
            "CoversSomeService",
            "[ a owl:Restriction ; owl:onProperty bpo:coversService ; owl:someValuesFrom bpo:BusinessService ]",
        ),
        close_world=False,
    )
    assert report.ok
    assert EX + "ProvidesPayrollAndAdministration" in types(report, "p")
    assert EX + "CoversSomeService" in types(report, "e3")  # every engagement covers at least one service
    two_clients = run(
        PROVIDER_ENGAGEMENT
        + """
ex:e1 bpo:hasClient ex:other .
ex:other a bpo:Organisation ; owl:differentFrom ex:client .
"""
    )
    assert not two_clients.consistent  # one engagement, one client company


def test_S7_companies_turn_to_bpo_to_save_money(run):
    """S7: companies usually turn to BPO to save money."""
    report = run(
        PROVIDER_ENGAGEMENT + "ex:s1 a bpo:FinanceAndAccountingService .\nex:e1 bpo:hasMotivation bpo:costReduction ."
    )
    assert report.ok
    assert BPO + "CostDrivenEngagement" in report.individual(EX + "e1").inferred


COUNTRIES = """
ex:in a bpo:Country ; bpo:countryCode "IN" ; bpo:isInRegion bpo:asia .
ex:ke a bpo:Country ; bpo:countryCode "KE" ; bpo:isInRegion bpo:africa .
ex:us a bpo:Country ; bpo:countryCode "US" ; bpo:isInRegion bpo:northAmerica , bpo:theWest .
"""


def test_S8_asian_and_african_providers_serve_western_companies(run):
    """S8: companies in Asia and Africa have become successful BPO providers for Western companies."""
    report = run(
        COUNTRIES
        + """
ex:westco a bpo:Organisation ; bpo:isHeadquarteredIn ex:us .
ex:indiaco a bpo:Organisation ; bpo:isHeadquarteredIn ex:in .
ex:kenyaco a bpo:Organisation ; bpo:isHeadquarteredIn ex:ke .
ex:s1 a bpo:CustomerSupportCallService .
ex:e1 a bpo:OutsourcingEngagement ; bpo:hasClient ex:westco ; bpo:hasProvider ex:indiaco ;
    bpo:coversService ex:s1 ; bpo:hasDeliveryModel bpo:offshore ; bpo:hasDeliveryCountry ex:in .
ex:e2 a bpo:OutsourcingEngagement ; bpo:hasClient ex:westco ; bpo:hasProvider ex:kenyaco ;
    bpo:coversService ex:s1 ; bpo:hasDeliveryModel bpo:offshore ; bpo:hasDeliveryCountry ex:ke .
"""
    )
    assert report.ok
    assert BPO + "AsianCountry" in types(report, "in")
    assert BPO + "AfricanCountry" in types(report, "ke")
    assert BPO + "WesternCountry" in types(report, "us")
    for engagement in ("e1", "e2"):
        assert {BPO + "WesternClientOffshoreEngagement", BPO + "AsiaOrAfricaDeliveredEngagement"} <= (
            types(report, engagement)
        )
    assert BPO + "BPOProvider" in types(report, "indiaco")
    assert BPO + "BPOProvider" in types(report, "kenyaco")


def test_S9_offshoring_to_asia_is_cheaper_for_western_companies(run):
    """S9: for Western companies it is cheaper to hand work to BPO companies in Asia than to hire locally."""
    report = run(
        COUNTRIES
        + """
ex:westco a bpo:Organisation ; bpo:isHeadquarteredIn ex:us .
ex:indiaco a bpo:Organisation ; bpo:isHeadquarteredIn ex:in .
ex:usco a bpo:Organisation ; bpo:isHeadquarteredIn ex:us .
ex:s1 a bpo:PayrollService .
ex:e1 a bpo:OutsourcingEngagement ; bpo:hasClient ex:westco ; bpo:hasProvider ex:indiaco ; bpo:coversService ex:s1 ;
    bpo:hasDeliveryModel bpo:offshore ; bpo:hasDeliveryCountry ex:in ; bpo:hasMotivation bpo:costReduction .
ex:e2 a bpo:OutsourcingEngagement ; bpo:hasClient ex:westco ; bpo:hasProvider ex:usco ; bpo:coversService ex:s1 ;
    bpo:hasDeliveryModel bpo:onshore ; bpo:hasDeliveryCountry ex:us .
"""
    )
    assert report.ok
    assert {
        BPO + "CostDrivenEngagement",
        BPO + "WesternClientOffshoreEngagement",
        BPO + "AsiaOrAfricaDeliveredEngagement",
    } <= types(report, "e1")
    assert BPO + "WesternClientOffshoreEngagement" not in types(report, "e2")
    assert BPO + "AsiaOrAfricaDeliveredEngagement" not in types(report, "e2")


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
ex:s2 a bpo:CustomerSupportCallService ; bpo:deliveredThrough bpo:telephone .
"""
    )
    assert report.ok
    assert {BPO + "CustomerCareService", BPO + "InboundCallService"} <= types(report, "s1")
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
    both_ways = run("ex:call a bpo:CallHandlingService ; bpo:hasCallDirection bpo:inbound , bpo:outbound .")
    assert not both_ways.consistent  # one service, one direction


def test_S14_call_purposes_telemarketing_surveys_support_orders(ontology_report, run):
    """S14: calls concern telemarketing, surveys, customer support, order taking and other tasks."""
    expected = {
        "TelemarketingService": "OutboundCallService",
        "TelephoneSurveyService": "OutboundCallService",
        "CustomerSupportCallService": "InboundCallService",
        "OrderTakingService": "InboundCallService",
    }
    for purpose, direction in expected.items():
        assert BPO + direction in ontology_report.superclasses(BPO + purpose), purpose
        # the direction is entailed, not asserted: HermiT alone knows it
        assert (BPO + purpose, BPO + direction) in ontology_report.inferred_subclass_links
    report = run(PROVIDER_ENGAGEMENT + "ex:s1 a bpo:TelemarketingService ; bpo:deliveredThrough bpo:telephone .")
    assert BPO + "OutboundCallCentreOperator" in types(report, "p")
    assert BPO + "InboundCallCentreOperator" not in types(report, "p")


def test_S15_foreign_client_outsources_to_cut_costs_or_raise_productivity(run):
    """S15: a BPO performs operations of another (foreign) company, to cut costs or raise productivity."""
    report = run(
        PROVIDER_ENGAGEMENT
        + """
ex:s1 a bpo:HumanResourcesService .
ex:e1 bpo:hasDeliveryModel bpo:nearshore ; bpo:hasMotivation bpo:productivityGain , bpo:costReduction .
ex:e2 a bpo:OutsourcingEngagement ; bpo:hasClient ex:client ; bpo:hasProvider ex:p ;
    bpo:coversService ex:s1 ; bpo:hasDeliveryModel bpo:onshore .
"""
    )
    assert report.ok
    assert {BPO + "CrossBorderEngagement", BPO + "ProductivityDrivenEngagement", BPO + "CostDrivenEngagement"} <= types(
        report, "e1"
    )
    assert BPO + "CrossBorderEngagement" not in types(report, "e2")


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
