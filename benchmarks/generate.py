"""Deterministic synthetic BPO graphs for benchmarks and scale tests.

    python benchmarks/generate.py --triples 100k --seed 7 --violations 20 --out /tmp/bpo-100k.nt
    python benchmarks/generate.py --kind registry --triples 1M --out /tmp/registry-1m.nt

The graph uses the real ontology and conforms to the real shapes, except for ``--violations``
deliberate ones that keep it consistent under HermiT. Beside the N-Triples file goes a JSON file
of what must come out: the role each provider is inferred to have and the expected SHACL results.
Same arguments, same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

BPO = "https://w3id.org/bpo-kg/ontology#"
SYN = "https://example.org/synthetic/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
# the path of the delivery-model constraint as reports write it (0.2: directly or on a delivery location)
DELIVERY_MODEL_PATH = f"(<{BPO}hasDeliveryModel>|(<{BPO}hasDeliveryLocation>/<{BPO}hasDeliveryModel>))"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"

PROVIDER_COUNTRIES = {
    "IN": "asia",
    "PH": "asia",
    "KE": "africa",
    "ZA": "africa",
    "EG": "africa",
    "PL": "europe",
    "MX": "latinAmerica",
}
CLIENT_COUNTRIES = {
    "US": "northAmerica",
    "CA": "northAmerica",
    "GB": "europe",
    "DE": "europe",
    "NL": "europe",
    "AU": None,
}
NEAR = {("PL", "DE"), ("PL", "GB"), ("PL", "NL"), ("MX", "US"), ("MX", "CA"), ("EG", "DE")}
# the call direction of each call-handling service (0.2: stated, no longer entailed by the purpose)
CALL_DIRECTION = {
    "CustomerSupportCallService": "inbound",
    "ProductSupportService": "inbound",
    "TroubleshootingService": "inbound",
    "OrderTakingService": "inbound",
    "TelemarketingService": "outbound",
    "TelephoneSurveyService": "outbound",
}
# archetype -> (service classes with their channels, site channels, call directions at the site, role)
ARCHETYPES = {
    "inbound": (
        [
            ("CustomerSupportCallService", ["telephone"]),
            ("ProductSupportService", ["telephone"]),
            ("TroubleshootingService", ["telephone"]),
            ("OrderTakingService", ["telephone"]),
        ],
        ["telephone"],
        ["inbound"],
        "InboundCallCentreOperator",
    ),
    "outbound": (
        [("TelemarketingService", ["telephone"]), ("TelephoneSurveyService", ["telephone"])],
        ["telephone"],
        ["outbound"],
        "OutboundCallCentreOperator",
    ),
    "nonvoice": (
        [
            ("FinanceAndAccountingService", ["website", "email"]),
            ("PayrollService", ["website"]),
            ("HumanResourcesService", ["website", "email"]),
            ("AdministrationService", ["website"]),
            ("ITService", ["website", "email"]),
            ("FinancialService", ["website"]),
        ],
        None,
        None,
        "NonVoiceBPOProvider",
    ),
    "blended": (
        [("CustomerSupportCallService", ["telephone"]), ("CustomerCareService", ["chat", "email"])],
        ["telephone", "chat"],
        None,
        "BPOProvider",
    ),
}
VIOLATION_KINDS = ("missing-legal-name", "missing-delivery-model", "offshore-from-client-country")
TRIPLES_PER_PROVIDER = 42  # measured: about 42 triples per provider block with its share of clients


def iri(local: str) -> str:
    return f"<{SYN}{local}>"


def bpo(local: str) -> str:
    return f"<{BPO}{local}>"


def text(value: str, lang: str = "en") -> str:
    return json.dumps(value, ensure_ascii=False) + f"@{lang}"


def integer(value: int) -> str:
    return f'"{value}"^^{INTEGER}'


@dataclass
class World:
    """The triples written so far and what the generator knows must follow from them."""

    lines: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    violations: list[list[str]] = field(default_factory=list)

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.append(f"{subject} {predicate} {obj} .")


def _countries(world: World) -> None:
    for code, region in {**PROVIDER_COUNTRIES, **CLIENT_COUNTRIES}.items():
        node = iri(f"country/{code}")
        world.add(node, RDF_TYPE, bpo("Country"))
        world.add(node, LABEL, text(f"Country {code}"))
        world.add(node, bpo("countryCode"), json.dumps(code))
        if region:
            world.add(node, bpo("isInRegion"), bpo(region))
        if code in CLIENT_COUNTRIES:
            world.add(node, bpo("isInRegion"), bpo("theWest"))


def _organisation(world: World, node: str, name: str, country: str, rng: random.Random, legal: bool = True) -> None:
    world.add(node, RDF_TYPE, bpo("Organisation"))
    world.add(node, LABEL, text(name))
    if legal:
        world.add(node, bpo("legalName"), text(name + " Ltd"))
    world.add(node, bpo("isHeadquarteredIn"), iri(f"country/{country}"))
    world.add(node, bpo("foundingYear"), integer(rng.randint(1950, 2020)))
    world.add(node, bpo("employeeCount"), integer(rng.randint(50, 50000)))


def generate(triples: int, seed: int = 1, violations: int = 10) -> World:
    """A world of about ``triples`` triples, with exactly ``violations`` deliberate SHACL violations."""
    rng = random.Random(seed)
    world = World()
    _countries(world)
    providers = max(4, triples // TRIPLES_PER_PROVIDER)
    clients = max(2, providers // 2)
    client_country = {}
    for c in range(clients):
        code = list(CLIENT_COUNTRIES)[c % len(CLIENT_COUNTRIES)]
        client_country[c] = code
        _organisation(world, iri(f"client/{c}"), f"Client {c}", code, rng)
    broken = {rng.randrange(providers) for _ in range(violations * 3)}
    broken = sorted(broken)[:violations] if len(broken) >= violations else sorted(broken)
    kinds = {p: VIOLATION_KINDS[i % len(VIOLATION_KINDS)] for i, p in enumerate(broken)}
    for p in range(providers):
        archetype = list(ARCHETYPES)[p % len(ARCHETYPES)]
        offers, site_channels, directions, role = ARCHETYPES[archetype]
        country = list(PROVIDER_COUNTRIES)[(p // len(ARCHETYPES)) % len(PROVIDER_COUNTRIES)]
        node = iri(f"provider/{p}")
        kind = kinds.get(p)
        _organisation(world, node, f"Provider {p}", country, rng, legal=kind != "missing-legal-name")
        if kind == "missing-legal-name":
            world.violations.append([node, "-", "OrConstraintComponent"])  # no path: the node-level sh:or
        world.roles[node] = role
        services = []
        for s, (service_class, channels) in enumerate(
            rng.sample(offers, k=min(2, len(offers))) if archetype != "blended" else offers
        ):
            service = iri(f"provider/{p}/service/{s}")
            services.append(service)
            world.add(service, RDF_TYPE, bpo(service_class))
            world.add(service, LABEL, text(f"Provider {p} {service_class} {s}"))
            for channel in channels:
                world.add(service, bpo("deliveredThrough"), bpo(channel))
            if service_class in CALL_DIRECTION:
                world.add(service, bpo("hasCallDirection"), bpo(CALL_DIRECTION[service_class]))
            world.add(node, bpo("providesService"), service)
        site = None
        if site_channels:
            site = iri(f"provider/{p}/site")
            world.add(node, bpo("operatesSite"), site)
            world.add(site, RDF_TYPE, bpo("ContactCentreSite"))
            world.add(site, LABEL, text(f"Provider {p} centre"))
            world.add(site, bpo("isLocatedIn"), iri(f"country/{country}"))
            world.add(site, bpo("workstationCount"), integer(rng.randint(20, 3000)))
            for channel in site_channels:
                world.add(site, bpo("handlesChannel"), bpo(channel))
            for direction in directions or []:
                world.add(site, bpo("handlesCallDirection"), bpo(direction))
        for e in range(2):
            c = rng.randrange(clients)
            engagement = iri(f"provider/{p}/engagement/{e}")
            near = (country, client_country[c]) in NEAR
            delivery = country
            if kind == "offshore-from-client-country" and e == 0:
                delivery = client_country[c]
                world.violations.append([engagement, bpo("hasDeliveryCountry"), "SPARQLConstraintComponent"])
            world.add(engagement, RDF_TYPE, bpo("OutsourcingEngagement"))
            world.add(engagement, bpo("hasClient"), iri(f"client/{c}"))
            world.add(engagement, bpo("hasProvider"), node)
            world.add(engagement, bpo("coversService"), rng.choice(services))
            world.add(engagement, bpo("hasDeliveryCountry"), iri(f"country/{delivery}"))
            if site is not None:
                world.add(engagement, bpo("isDeliveredFrom"), site)
            if kind == "missing-delivery-model" and e == 0:
                world.violations.append([engagement, DELIVERY_MODEL_PATH, "MinCountConstraintComponent"])
            else:
                world.add(engagement, bpo("hasDeliveryModel"), bpo("nearshore" if near else "offshore"))
            world.add(
                engagement,
                bpo("hasMotivation"),
                bpo(rng.choice(["costReduction", "productivityGain", "accessToExpertise"])),
            )
            world.add(engagement, bpo("hasCriticality"), bpo(rng.choice(["critical", "nonCritical"])))
            world.add(engagement, bpo("startYear"), integer(rng.randint(2005, 2025)))
    return world


# The registry workload: legal entities as a company register lists them, a few percent of them
# outsourcing providers. Each code is a NACE Rev. 2 concept of the shipped reference data; those of
# call-centre activities classify their holder (bpo:CallCentreActivityOrganisation).
NACE = "http://data.europa.eu/ux2/nace2/"
REGISTRY_CODES = ["6201", "6202", "6311", "6920", "7022", "7810", "8211", "8219", "8220", "8291"]
CODE_ROLES = {"8220": "CallCentreActivityOrganisation"}
TRIPLES_PER_ENTITY = 8
PROVIDER_SHARE = 0.03


def lei(rng: random.Random) -> str:
    """A Legal Entity Identifier with valid ISO 17442 check digits (ISO 7064 MOD 97-10)."""
    body = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(18))
    number = int("".join(str(int(ch, 36)) for ch in body + "00"))
    return f"{body}{98 - number % 97:02d}"


def generate_registry(triples: int, seed: int = 1, violations: int = 10) -> World:
    """About ``triples`` triples of a company register: legal entities with names, countries, LEIs,
    registration numbers and industry codes; about 3 % of them providers as :func:`generate` makes them."""
    entities = max(10, int(triples / (TRIPLES_PER_ENTITY + PROVIDER_SHARE * TRIPLES_PER_PROVIDER)))
    world = generate(int(entities * PROVIDER_SHARE * TRIPLES_PER_PROVIDER), seed, violations)
    rng = random.Random(seed + 1)
    countries = [*PROVIDER_COUNTRIES, *CLIENT_COUNTRIES]
    for n in range(entities):
        node = iri(f"entity/{n}")
        country, code = rng.choice(countries), rng.choice(REGISTRY_CODES)
        world.add(node, RDF_TYPE, bpo("LegalEntity"))
        world.add(node, LABEL, text(f"Entity {n}"))
        world.add(node, bpo("legalName"), json.dumps(f"Entity {n} Limited"))
        world.add(node, bpo("isHeadquarteredIn"), iri(f"country/{country}"))
        world.add(node, bpo("leiCode"), json.dumps(lei(rng)))
        world.add(node, bpo("registrationNumber"), json.dumps(f"{country}{rng.randrange(10**9):09d}"))
        world.add(node, bpo("hasIndustryCode"), f"<{NACE}{code}>")
        if code in CODE_ROLES:
            world.roles[node] = CODE_ROLES[code]
    return world


KINDS = {"providers": generate, "registry": generate_registry}


def parse_size(value: str) -> int:
    value = value.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(value[-1:], 1)
    return int(float(value.rstrip("km")) * scale)


def write(world: World, out: Path) -> Path:
    """The N-Triples file and, beside it, ``<name>.expected.json``."""
    out.write_text("\n".join(world.lines) + "\n", encoding="utf-8")
    expected = out.with_suffix(".expected.json")
    expected.write_text(
        json.dumps(
            {"triples": len(world.lines), "roles": world.roles, "violations": sorted(world.violations)}, indent=1
        )
        + "\n"
    )
    return expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", default="10k", help="about how many triples (10k, 100k, 1M …)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--violations", type=int, default=10, help="deliberate SHACL violations")
    parser.add_argument("--out", type=Path, required=True, help="the .nt file to write")
    parser.add_argument(
        "--kind", choices=sorted(KINDS), default="providers", help="providers (the default) or a company registry"
    )
    args = parser.parse_args(argv)
    world = KINDS[args.kind](parse_size(args.triples), args.seed, args.violations)
    expected = write(world, args.out)
    print(
        f"{args.out}: {len(world.lines)} triples, {len(world.roles)} planted roles, "
        f"{len(world.violations)} violations; expectations in {expected}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
