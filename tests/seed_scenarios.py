"""Scenario building blocks shared by the seed-claim tests (Turtle with the bpo: and ex: prefixes)."""

from __future__ import annotations

from tests.conftest import EX

PROVIDER_ENGAGEMENT = """
ex:client a bpo:Organisation .
ex:e1 a bpo:OutsourcingEngagement ; bpo:hasClient ex:client ; bpo:hasProvider ex:p ; bpo:coversService ex:s1 .
ex:p a bpo:Organisation .
"""

COUNTRIES = """
ex:in a bpo:Country ; bpo:countryCode "IN" ; bpo:isInRegion bpo:asia .
ex:ke a bpo:Country ; bpo:countryCode "KE" ; bpo:isInRegion bpo:africa .
ex:us a bpo:Country ; bpo:countryCode "US" ; bpo:isInRegion bpo:northAmerica , bpo:theWest .
ex:westco a bpo:Organisation ; bpo:isHeadquarteredIn ex:us .
ex:indiaco a bpo:Organisation ; bpo:isHeadquarteredIn ex:in .
"""


def probe(name: str, *classes: str) -> str:
    """Turtle for a probe class equivalent to the intersection of ``classes`` (prefixed names)."""
    members = " ".join(classes)
    return f"ex:{name} a owl:Class ; owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( {members} ) ] .\n"


def types(report, local: str) -> set[str]:
    """Every named type the reasoner entails for ``ex:local``."""
    return set(report.individual(EX + local).types)
