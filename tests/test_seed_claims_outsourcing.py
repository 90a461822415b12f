"""Seed claims on outsourcing (S1-S9, S15) (shared/seed/claims.md), each proved with HermiT.

Each test states the claim, builds a small scenario where needed, and checks the entailments that
must hold and the non-entailments that must not. Disjointness is shown with a *probe class*
(an intersection declared in the scenario) that HermiT must find unsatisfiable.
"""

from __future__ import annotations

from tests.conftest import BPO, EX
from tests.seed_scenarios import COUNTRIES, PROVIDER_ENGAGEMENT, probe, types


def test_S1_bpo_and_call_centre_are_related_but_distinct(ontology_report, ontology):
    """S1: BPO and call centres are closely related; their difference confuses many people."""
    assert ontology_report.ok
    assert BPO + "BPOProvider" in ontology_report.superclasses(BPO + "CallCentreOperator")
    assert BPO + "CallCentreOperator" not in ontology_report.superclasses(BPO + "BPOProvider")
    assert (BPO + "BPOProvider", BPO + "CallCentreOperator") not in ontology_report.inferred_equivalences
    hindi = {str(o) for o in ontology.objects(None, None) if getattr(o, "language", None) == "hi"}
    assert {"बीपीओ सेवा प्रदाता", "कॉल सेंटर कंपनी", "कॉल सेंटर स्थल"} <= hindi


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


def test_S8_asian_and_african_providers_serve_western_companies(run):
    """S8: companies in Asia and Africa have become successful BPO providers for Western companies."""
    report = run(
        COUNTRIES
        + """
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
