"""A vendor workbook of any size for the spreadsheet benchmark (benchmarks/sheets.py): every sheet of the
shipped mapping, valid values only, every reference naming a row that exists; generated
deterministically (seeded), written as CSV files and as an ``.xlsx`` workbook."""

from __future__ import annotations

import datetime
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


SHARES = {  # of the rows, by sheet
    "organisations": 0.15,
    "places": 0.02,
    "sites": 0.10,
    "services": 0.25,
    "engagements": 0.40,
    "delivery locations": 0.05,
    "certifications": 0.03,
}
CLASS_SHEETS = frozenset({"engagements", "delivery locations", "certifications"})  # rows with a constant rml:class
INTEGER_COLUMNS = frozenset({"Founded", "Employees", "Workstations", "Headcount", "Start year"})
DATE_COLUMNS = frozenset({"Start date", "End date", "Valid from", "Valid until"})

# country -> (English name, Hindi name or "", regions, time zone, languages spoken at sites, cities)
COUNTRIES: dict[str, tuple[str, str, str, str, list[str], list[str]]] = {
    "IN": (
        "India",
        "भारत",
        "Asia",
        "Asia/Kolkata",
        ["en", "hi", "mr", "ta", "te", "kn", "bn"],
        ["Pune", "Hyderabad", "Bengaluru", "Chennai", "Gurugram", "Noida", "Mumbai", "Kolkata"],
    ),
    "PH": ("Philippines", "", "Asia", "Asia/Manila", ["en", "tl"], ["Cebu", "Manila", "Davao", "Iloilo"]),
    "KE": ("Kenya", "", "Africa", "Africa/Nairobi", ["en", "sw"], ["Nairobi", "Mombasa", "Kisumu"]),
    "ZA": (
        "South Africa",
        "",
        "Africa",
        "Africa/Johannesburg",
        ["en", "af", "zu", "xh"],
        ["Johannesburg", "Cape Town", "Durban"],
    ),
    "EG": ("Egypt", "", "Africa", "Africa/Cairo", ["ar", "en", "de", "fr"], ["Cairo", "Alexandria"]),
    "PL": ("Poland", "", "Europe", "Europe/Warsaw", ["pl", "en", "de"], ["Kraków", "Wrocław", "Łódź", "Gdańsk"]),
    "MX": (
        "Mexico",
        "",
        "Latin America; North America",
        "America/Mexico_City",
        ["es", "en"],
        ["Monterrey", "Guadalajara", "Mexico City"],
    ),
    "US": (
        "United States",
        "",
        "North America; the West",
        "America/New_York",
        ["en", "es"],
        ["Detroit", "Dallas", "Phoenix", "Tampa", "Omaha"],
    ),
    "CA": ("Canada", "", "North America; the West", "America/Toronto", ["en", "fr"], ["Toronto", "Montreal"]),
    "GB": ("United Kingdom", "", "Europe; the West", "Europe/London", ["en"], ["Belfast", "Glasgow", "Leeds"]),
    "DE": ("Germany", "", "Europe; the West", "Europe/Berlin", ["de", "en"], ["Berlin", "Leipzig", "Hamburg"]),
    "NL": ("Netherlands", "", "Europe; the West", "Europe/Amsterdam", ["nl", "en"], ["Amsterdam", "Rotterdam"]),
    "AU": ("Australia", "", "Oceania; the West", "Australia/Sydney", ["en"], ["Sydney", "Melbourne"]),
}
from benchmarks.workbook_values import (  # noqa: E402
    ARCHETYPES,
    CLIENT_COUNTRIES,
    CLIENT_WORDS,
    COMMERCIAL_MODELS,
    FIRST_WORDS,
    HINDI_PROVIDER,
    HINDI_WORDS,
    HOURS,
    INDUSTRY_CODES,
    LEGAL_SUFFIX,
    MOTIVATIONS,
    NEAR,
    PROVIDER_COUNTRIES,
    PROVIDER_WORDS,
    STANDARDS,
)

# ------------------------------------------------------------------------------------------------ generator


@dataclass
class Organisation:
    key: str
    country: str
    archetype: str | None = None  # providers only
    services: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)


@dataclass
class Book:
    """The generated sheets: rows as {column: value} (ints for whole numbers, dates for dates)."""

    sheets: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {name: [] for name in SHARES})

    def add(self, sheet: str, **cells: Any) -> None:
        self.sheets[sheet].append(cells)

    @property
    def rows(self) -> int:
        return sum(len(rows) for rows in self.sheets.values())


def _counts(rows: int) -> dict[str, int]:
    counts = {sheet: max(1, round(rows * share)) for sheet, share in SHARES.items()}
    counts["engagements"] += rows - sum(counts.values())  # the rounding's rest
    return counts


def _date(rng: random.Random, first_year: int, last_year: int) -> datetime.date:
    start = datetime.date(first_year, 1, 1).toordinal()
    return datetime.date.fromordinal(rng.randint(start, datetime.date(last_year, 12, 31).toordinal()))


def _places(book: Book, count: int) -> dict[str, list[str]]:
    """Countries (keyed by ISO code), then states and cities; the place keys per country."""
    where: dict[str, list[str]] = {code: [code] for code in COUNTRIES}
    for code, (name, hindi, regions, *_rest) in COUNTRIES.items():
        book.add(
            "places",
            **{
                "Key": code,
                "Kind": "country",
                "Name": name,
                "Name (Hindi)": hindi,
                "Country code": code,
                "Regions": regions,
            },
        )
    codes = list(COUNTRIES)
    for n in range(max(0, count - len(COUNTRIES))):
        code = codes[n % len(codes)]
        cities = COUNTRIES[code][5]
        city = cities[(n // len(codes)) % len(cities)]
        round_ = n // (len(codes) * len(cities))
        name = city if round_ == 0 else f"{city} district {round_}"
        key = f"{code}-{name.replace(' ', '')}"
        if n % 10 == 9:  # a state now and then, cities below it come later
            book.add(
                "places",
                **{"Key": key + "-State", "Kind": "country subdivision", "Name": f"{name} state", "Part of": code},
            )
            where[code].append(key + "-State")
            continue
        book.add("places", **{"Key": key, "Kind": "city", "Name": name, "Part of": code})
        where[code].append(key)
    return where


def _organisation(book: Book, rng: random.Random, org: Organisation, name: str, kind: str, **extra: Any) -> None:
    form, language = LEGAL_SUFFIX[org.country]
    first = name.split()[0]
    cells: dict[str, Any] = {"Key": org.key, "Kind": kind, "Name": name, "Headquarters country": org.country}
    if language:
        cells |= {"Legal name (other language)": f"{name} {form}", "Language of that legal name": language}
    else:
        cells["Legal name (English)"] = f"{name} {form}"
    if org.country == "IN" and first in HINDI_WORDS:
        cells["Name (Hindi)"] = " ".join(HINDI_WORDS.get(w, HINDI_PROVIDER.get(w, w)) for w in name.split()[:2])
    cells["Founded"] = rng.randint(1900, 2022)
    cells["Employees"] = rng.choice([rng.randint(50, 900), rng.randint(1000, 20000), rng.randint(20000, 90000)])
    cells |= extra
    book.add("organisations", **cells)


def generate(rows: int, seed: int = 1) -> Book:
    """A workbook of about ``rows`` rows over every sheet, valid throughout (same arguments, same rows)."""
    rng = random.Random(seed)
    counts = _counts(rows)
    book = Book()
    places = _places(book, counts["places"])
    n_orgs = counts["organisations"]
    n_issuers = max(1, n_orgs // 50)
    n_providers = max(1, round(n_orgs * 0.35))
    n_legal = max(1, round(n_orgs * 0.13))
    n_clients = max(1, n_orgs - n_issuers - n_providers - n_legal)
    providers: list[Organisation] = []
    clients: list[Organisation] = []
    issuers: list[str] = []
    for n in range(n_providers):
        archetype = list(ARCHETYPES)[n % len(ARCHETYPES)]
        first, second = FIRST_WORDS[n % len(FIRST_WORDS)], rng.choice(PROVIDER_WORDS)
        org = Organisation(f"{first}{second}{n:05d}".replace(" ", ""), rng.choice(PROVIDER_COUNTRIES), archetype)
        providers.append(org)
        _organisation(
            book,
            rng,
            org,
            f"{first} {second} {n}",
            ARCHETYPES[archetype][4],
            **{"Industry codes": INDUSTRY_CODES[archetype], "Registration number": f"REG-{org.country}-{n:07d}"},
        )
    for n in range(n_clients):
        first, second = FIRST_WORDS[(n * 7) % len(FIRST_WORDS)], rng.choice(CLIENT_WORDS)
        org = Organisation(f"{first}{second}{n:05d}".replace(" ", ""), rng.choice(CLIENT_COUNTRIES))
        clients.append(org)
        _organisation(book, rng, org, f"{first} {second} {n}", rng.choice(["organisation", "outsourcing client"]))
    parents = providers + clients
    legal: list[Organisation] = []
    for n in range(n_legal):  # local subsidiaries: captive centres of clients, offshore arms of providers
        parent = parents[rng.randrange(len(parents))]
        country = rng.choice(PROVIDER_COUNTRIES)
        org = Organisation(f"{parent.key}-{country}{n:05d}", country)
        legal.append(org)
        lei = "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(18)) + f"{rng.randint(0, 99):02d}"
        _organisation(
            book,
            rng,
            org,
            f"{parent.key} {country} {n}",
            "legal entity",
            **{
                "Subsidiary of": parent.key,
                "LEI": lei,
                "Registration number": f"U{rng.randint(10000, 99999)}{country}{rng.randint(1990, 2022)}PTC{n:06d}",
            },
        )
    for n in range(n_issuers):
        org = Organisation(f"AssureCert{n:04d}", rng.choice(PROVIDER_COUNTRIES + CLIENT_COUNTRIES))
        issuers.append(org.key)
        _organisation(book, rng, org, f"AssureCert {n}", "organisation")

    for n in range(counts["sites"]):
        captive = n % 10 == 9
        operator = legal[n % len(legal)] if captive else providers[n % len(providers)]
        archetype = operator.archetype or rng.choice(["inbound", "nonvoice"])
        _, kind, channels, directions, _ = ARCHETYPES[archetype]
        country = operator.country
        key = f"{operator.key}-Centre{n:05d}"
        operator.sites.append(key)
        city = rng.choice(places[country])
        tz, languages = COUNTRIES[country][3], COUNTRIES[country][4]
        cells: dict[str, Any] = {
            "Key": key,
            "Kind": kind,
            "Captive": "yes" if captive else "",
            "Name": f"{operator.key} {city} centre",
            "Located in": city,
            "Channels": channels,
            "Call directions": directions,
            "Workstations": rng.randint(40, 3000),
            "Operator": operator.key,
        }
        if country == "IN" and n % 3 == 0:
            cells["Name (Hindi)"] = f"केंद्र {n}"
        cells["Headcount"] = cells["Workstations"] * rng.randint(12, 20) // 10
        cells["Open 24x7"] = rng.choice(["yes", "no"])
        if cells.get("Open 24x7") == "no":
            cells["Operating hours"] = rng.choice(HOURS)
        cells["Time zone"] = tz
        cells["Languages"] = "; ".join(rng.sample(languages, k=min(len(languages), rng.randint(1, 3))))
        book.add("sites", **cells)

    for n in range(counts["services"]):
        provider = providers[n % len(providers)]
        assert provider.archetype is not None
        service_type, channels, direction = rng.choice(ARCHETYPES[provider.archetype][0])
        key = f"{provider.key}-S{n:05d}"
        provider.services.append(key)
        book.add(
            "services",
            **{
                "Key": key,
                "Service type": service_type,
                "Name": f"{provider.key} {service_type} {n}",
                "Name (Hindi)": f"सेवा {n}" if provider.country == "IN" else "",
                "Channels": channels,
                "Call directions": direction,
                "Provider": provider.key,
            },
        )

    engagements: list[tuple[str, Organisation, Organisation]] = []
    for n in range(counts["engagements"]):
        provider = providers[rng.randrange(len(providers))]
        client = clients[rng.randrange(len(clients))]
        key = f"E{n:06d}"
        engagements.append((key, provider, client))
        model = (
            "onshore"
            if provider.country == client.country
            else "nearshore"
            if (provider.country, client.country) in NEAR
            else "offshore"
        )
        services = provider.services and rng.sample(provider.services, k=min(len(provider.services), rng.randint(1, 3)))
        cells = {
            "Key": key,
            "Client": client.key,
            "Provider": provider.key,
            "Services": "; ".join(services or []),
            "Delivery country": provider.country,
            "Delivery model": model,
            "Name": f"{client.key} with {provider.key}",
            "Motivations": "; ".join(rng.sample(MOTIVATIONS, k=rng.randint(1, 3))),
            "Criticality": rng.choice(["critical", "non-critical"]),
            "Start year": rng.randint(2005, 2025),
        }
        if provider.sites and n % 5 != 4:
            cells["Delivered from"] = rng.choice(provider.sites)
        if n % 3 != 2:
            cells["Commercial model"] = rng.choice(COMMERCIAL_MODELS)
        if n % 2 == 0:
            start = _date(rng, cells["Start year"], cells["Start year"])
            cells["Start date"] = start
            cells["End date"] = start + datetime.timedelta(days=365 * rng.randint(1, 5) - 1)
        book.add("engagements", **cells)

    for n in range(counts["delivery locations"]):  # multi-shore engagements: a second delivery country
        key, provider, client = engagements[(n * 7) % len(engagements)]
        onshore = n % 2 == 0
        country = client.country if onshore else provider.country
        cells = {
            "Key": f"{key}-L{n:05d}-{country}",
            "Delivery country": country,
            "Delivery model": "onshore" if onshore else "offshore",
            "Engagement": key,
        }
        if not onshore and provider.sites:
            cells["Delivered from"] = rng.choice(provider.sites)
        book.add("delivery locations", **cells)

    for n in range(counts["certifications"]):
        holder = providers[rng.randrange(len(providers))]
        valid_from = _date(rng, 2019, 2025)
        cells = {
            "Key": f"{holder.key}-C{n:05d}",
            "Standard": rng.choice(STANDARDS),
            "Valid from": valid_from,
            "Valid until": valid_from + datetime.timedelta(days=3 * 365 - 1),
            "Holder": holder.key,
        }
        if n % 4 != 3:
            cells["Issued by"] = rng.choice(issuers)
        book.add("certifications", **cells)
    return book


def expected_triples(book: Book) -> int:
    """The triples the shipped mapping gives for ``book``, counted from its cells: one per item of each filled
    cell (a list "a; b" gives two), except the key (a type triple on the sheets whose rows have a constant
    class, else none), "Captive" (a type triple where "yes") and the language of a legal name (a tag)."""
    count = 0
    for sheet, rows in book.sheets.items():
        for row in rows:
            for column, value in row.items():
                text = cell_text(value)
                if not text or column == "Language of that legal name":
                    continue
                if column == "Key":
                    count += sheet in CLASS_SHEETS
                elif column == "Captive":
                    count += text == "yes"
                else:
                    count += sum(1 for item in text.split(";") if item.strip())
    return count


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
