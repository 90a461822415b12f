"""Benchmark spreadsheet import: a generated vendor workbook of about 100k rows (about 1M triples), imported
from a folder of CSV files and from an ``.xlsx`` file, side by side with the loaders of the same data as
N-Triples.

    python benchmarks/sheets.py --rows 100k --runs 3 --json benchmarks/results-sheets-100k.json

The workbook is generated deterministically (``--seed``): every sheet of the shipped mapping
(organisations, places, sites, services, engagements, delivery locations, certifications), valid values
only, every reference (Provider, Client, Services, Delivered from, Operator, Holder...) naming a row that
exists. It is written twice, as CSV files and as an ``.xlsx`` workbook; both are imported once first, to
check that they give the same triples and to write the equivalent N-Triples file.

Measured, each run in a separate process (its own peak RSS, ``ru_maxrss``), medians over ``--runs``:
- import CSV / import xlsx: ``import_workbook`` alone (workbook -> N-Triples bytes);
- N-Triples, scale loader: ``load_data_store([file.nt])`` (Oxigraph), the reference for the target;
- N-Triples, exact loader: ``load_data([file.nt])`` (rdflib; ``--rdflib-runs``, default 1);
- xlsx, scale loader: ``load_data_store([workbook.xlsx])`` (import, then the Oxigraph parse).
Then one more run per workbook times the importer's steps (read the workbook, check the cells, the
morph-kgc run) to show where the time goes. The target of the issue: import within 3x of parsing the
equivalent N-Triples (the scale loader) and under 2 GB peak memory.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate import parse_size  # noqa: E402

TARGET_RATIO = 3.0
TARGET_RSS_MB = 2048.0
SHARES = {  # of the rows, by sheet
    "organisations": 0.15,
    "places": 0.02,
    "sites": 0.10,
    "services": 0.25,
    "engagements": 0.40,
    "delivery locations": 0.05,
    "certifications": 0.03,
}
INTEGER_COLUMNS = frozenset({"Founded", "Employees", "Workstations", "Headcount", "Start year"})
DATE_COLUMNS = frozenset({"Start date", "End date", "Valid from", "Valid until"})

# country -> (English name, Hindi name or "", regions, time zone, languages spoken at sites, cities)
COUNTRIES: dict[str, tuple[str, str, str, str, list[str], list[str]]] = {
    "IN": ("India", "भारत", "Asia", "Asia/Kolkata", ["en", "hi", "mr", "ta", "te", "kn", "bn"],
           ["Pune", "Hyderabad", "Bengaluru", "Chennai", "Gurugram", "Noida", "Mumbai", "Kolkata"]),
    "PH": ("Philippines", "", "Asia", "Asia/Manila", ["en", "tl"], ["Cebu", "Manila", "Davao", "Iloilo"]),
    "KE": ("Kenya", "", "Africa", "Africa/Nairobi", ["en", "sw"], ["Nairobi", "Mombasa", "Kisumu"]),
    "ZA": ("South Africa", "", "Africa", "Africa/Johannesburg", ["en", "af", "zu", "xh"],
           ["Johannesburg", "Cape Town", "Durban"]),
    "EG": ("Egypt", "", "Africa", "Africa/Cairo", ["ar", "en", "de", "fr"], ["Cairo", "Alexandria"]),
    "PL": ("Poland", "", "Europe", "Europe/Warsaw", ["pl", "en", "de"], ["Kraków", "Wrocław", "Łódź", "Gdańsk"]),
    "MX": ("Mexico", "", "Latin America; North America", "America/Mexico_City", ["es", "en"],
           ["Monterrey", "Guadalajara", "Mexico City"]),
    "US": ("United States", "", "North America; the West", "America/New_York", ["en", "es"],
           ["Detroit", "Dallas", "Phoenix", "Tampa", "Omaha"]),
    "CA": ("Canada", "", "North America; the West", "America/Toronto", ["en", "fr"], ["Toronto", "Montreal"]),
    "GB": ("United Kingdom", "", "Europe; the West", "Europe/London", ["en"], ["Belfast", "Glasgow", "Leeds"]),
    "DE": ("Germany", "", "Europe; the West", "Europe/Berlin", ["de", "en"], ["Berlin", "Leipzig", "Hamburg"]),
    "NL": ("Netherlands", "", "Europe; the West", "Europe/Amsterdam", ["nl", "en"], ["Amsterdam", "Rotterdam"]),
    "AU": ("Australia", "", "Oceania; the West", "Australia/Sydney", ["en"], ["Sydney", "Melbourne"]),
}
PROVIDER_COUNTRIES = ["IN", "IN", "IN", "PH", "PH", "KE", "ZA", "EG", "PL", "MX", "US"]
CLIENT_COUNTRIES = ["US", "US", "US", "CA", "GB", "GB", "DE", "NL", "AU"]
NEAR = {("PL", "DE"), ("PL", "GB"), ("PL", "NL"), ("MX", "US"), ("MX", "CA"), ("EG", "DE")}
LEGAL_SUFFIX = {  # country -> (legal form, language of the legal name if not English)
    "IN": ("Private Limited", None),
    "PH": ("Inc.", None),
    "KE": ("Limited", None),
    "ZA": ("(Pty) Ltd", None),
    "EG": ("S.A.E.", None),
    "PL": ("Sp. z o.o.", "pl"),
    "MX": ("S.A. de C.V.", "es"),
    "US": ("Inc.", None),
    "CA": ("Corporation", None),
    "GB": ("plc", None),
    "DE": ("GmbH", "de"),
    "NL": ("B.V.", "nl"),
    "AU": ("Pty Ltd", None),
}
HINDI_WORDS = {"Lotus": "लोटस", "Deccan": "दक्कन", "Indus": "इंडस", "Ganga": "गंगा", "Himalaya": "हिमालय"}
FIRST_WORDS = [
    "Lotus", "Deccan", "Indus", "Ganga", "Himalaya", "Bayanihan", "Isla", "Savanna", "Amani", "Highveld", "Cape",
    "Nile", "Alexandria", "Vistula", "Baltic", "Sierra", "Pacifico", "Great Lakes", "Prairie", "Harbour", "Maple",
    "Northwind", "Contoso", "Fabrikam", "Kestrel", "Koala", "Edelweiss", "Hanse", "Tulip", "Brightwater", "Atlas",
]
PROVIDER_WORDS = ["Connect", "Contact", "Dialogue", "Data Services", "Shared Services", "Teleservices", "Helpdesk"]
CLIENT_WORDS = ["Retail", "Telecom", "Airways", "Health", "Energy", "Insurance", "Motors", "Media", "Bank", "Logistik"]
HINDI_PROVIDER = {"Connect": "कनेक्ट", "Contact": "कॉन्टैक्ट", "Data Services": "डेटा सर्विसेज"}
# archetype -> services (type, channels, call direction), site kind, site channels, site call directions, org kind
ARCHETYPES: dict[str, tuple[list[tuple[str, str, str]], str, str, str, str]] = {
    "inbound": (
        [
            ("customer support call service", "telephone", "inbound"),
            ("product support service", "telephone", "inbound"),
            ("troubleshooting service", "telephone", "inbound"),
            ("order-taking service", "telephone", "inbound"),
        ],
        "call-centre site",
        "telephone",
        "inbound",
        "call-centre operator",
    ),
    "outbound": (
        [("telemarketing service", "telephone", "outbound"), ("telephone survey service", "telephone", "outbound")],
        "call-centre site",
        "telephone",
        "outbound",
        "call-centre operator",
    ),
    "blended": (
        [
            ("customer support call service", "telephone", "inbound"),
            ("customer service", "chat; email", ""),
            ("telemarketing service", "telephone", "outbound"),
        ],
        "contact-centre site",
        "telephone; chat; email",
        "inbound; outbound",
        "BPO provider",
    ),
    "nonvoice": (
        [
            ("finance and accounting service", "email; website", ""),
            ("payroll service", "website", ""),
            ("human resources service", "email; website", ""),
            ("administration service", "website", ""),
            ("IT service", "email; website", ""),
            ("financial service", "website", ""),
        ],
        "delivery centre",
        "",
        "",
        "non-voice BPO provider",
    ),
}
INDUSTRY_CODES = {
    "inbound": "NACE 82.20",
    "outbound": "NACE 82.20",
    "blended": "NACE 82.20; ISIC 8220",
    "nonvoice": "NACE 82.11; NACE 69.20",
}
MOTIVATIONS = ["cost reduction", "productivity gain", "access to expertise"]
STANDARDS = ["ISO/IEC 27001", "ISO 9001", "COPC CX Standard", "PCI DSS", "SOC 2", "ISO 18295-1"]
COMMERCIAL_MODELS = ["FTE-based", "transaction-based", "outcome-based"]
HOURS = ["Mon-Fri 08:00-20:00", "Mon-Sat 07:00-22:00", "Mon-Sun 06:00-24:00"]


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
        book.add("places", **{"Key": code, "Kind": "country", "Name": name, "Name (Hindi)": hindi,
                              "Country code": code, "Regions": regions})
    codes = list(COUNTRIES)
    for n in range(max(0, count - len(COUNTRIES))):
        code = codes[n % len(codes)]
        cities = COUNTRIES[code][5]
        city = cities[(n // len(codes)) % len(cities)]
        round_ = n // (len(codes) * len(cities))
        name = city if round_ == 0 else f"{city} district {round_}"
        key = f"{code}-{name.replace(' ', '')}"
        if n % 10 == 9:  # a state now and then, cities below it come later
            book.add("places", **{"Key": key + "-State", "Kind": "country subdivision",
                                  "Name": f"{name} state", "Part of": code})
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
        _organisation(book, rng, org, f"{first} {second} {n}", ARCHETYPES[archetype][4], **{
            "Industry codes": INDUSTRY_CODES[archetype], "Registration number": f"REG-{org.country}-{n:07d}"})
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
        _organisation(book, rng, org, f"{parent.key} {country} {n}", "legal entity", **{
            "Subsidiary of": parent.key, "LEI": lei,
            "Registration number": f"U{rng.randint(10000, 99999)}{country}{rng.randint(1990, 2022)}PTC{n:06d}"})
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
            "Key": key, "Kind": kind, "Captive": "yes" if captive else "", "Name": f"{operator.key} {city} centre",
            "Located in": city, "Channels": channels, "Call directions": directions,
            "Workstations": rng.randint(40, 3000), "Operator": operator.key,
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
        book.add("services", **{
            "Key": key, "Service type": service_type, "Name": f"{provider.key} {service_type} {n}",
            "Name (Hindi)": f"सेवा {n}" if provider.country == "IN" else "",
            "Channels": channels, "Call directions": direction, "Provider": provider.key,
        })

    engagements: list[tuple[str, Organisation, Organisation]] = []
    for n in range(counts["engagements"]):
        provider = providers[rng.randrange(len(providers))]
        client = clients[rng.randrange(len(clients))]
        key = f"E{n:06d}"
        engagements.append((key, provider, client))
        model = (
            "onshore" if provider.country == client.country
            else "nearshore" if (provider.country, client.country) in NEAR else "offshore"
        )
        services = provider.services and rng.sample(provider.services, k=min(len(provider.services), rng.randint(1, 3)))
        cells = {
            "Key": key, "Client": client.key, "Provider": provider.key, "Services": "; ".join(services or []),
            "Delivery country": provider.country, "Delivery model": model,
            "Name": f"{client.key} with {provider.key}",
            "Motivations": "; ".join(rng.sample(MOTIVATIONS, k=rng.randint(1, 3))),
            "Criticality": rng.choice(["critical", "non-critical"]), "Start year": rng.randint(2005, 2025),
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
        cells = {"Key": f"{key}-L{n:05d}-{country}", "Delivery country": country,
                 "Delivery model": "onshore" if onshore else "offshore", "Engagement": key}
        if not onshore and provider.sites:
            cells["Delivered from"] = rng.choice(provider.sites)
        book.add("delivery locations", **cells)

    for n in range(counts["certifications"]):
        holder = providers[rng.randrange(len(providers))]
        valid_from = _date(rng, 2019, 2025)
        cells = {"Key": f"{holder.key}-C{n:05d}", "Standard": rng.choice(STANDARDS), "Valid from": valid_from,
                 "Valid until": valid_from + datetime.timedelta(days=3 * 365 - 1), "Holder": holder.key}
        if n % 4 != 3:
            cells["Issued by"] = rng.choice(issuers)
        book.add("certifications", **cells)
    return book


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_csv(book: Book, folder: Path, columns: dict[str, list[str]]) -> Path:
    """One ``<sheet>.csv`` per sheet (UTF-8, a header of the mapping's columns)."""
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, rows in book.sheets.items():
        with (folder / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(columns[sheet])
            writer.writerows([_text(row.get(column)) for column in columns[sheet]] for row in rows)
    return folder


def write_xlsx(book: Book, path: Path, columns: dict[str, list[str]]) -> Path:
    """The same sheets as an Excel workbook: whole numbers as numbers and dates as dates, as Excel keeps them."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet, rows in book.sheets.items():
        page = workbook.create_sheet(sheet)
        page.append(columns[sheet])
        for row in rows:
            page.append([row.get(column) for column in columns[sheet]])
    workbook.save(path)
    return path


# ------------------------------------------------------------------------------------------------ children


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def child(kind: str, path: str, out: str | None = None) -> int:
    """One measurement in this (fresh) process; prints one JSON line."""
    if kind == "prepare":
        return _prepare(Path(path), Path(out or ""))
    if kind == "breakdown":
        return _breakdown(Path(path))
    before = _rss_mb()
    started = time.perf_counter()
    if kind == "import":
        from bpo_kg.sheets.importer import import_workbook

        triples = import_workbook(Path(path)).triples
        extra: dict[str, Any] = {}
    elif kind in {"store", "rdflib"}:
        from bpo_kg.load import load_data, load_data_store

        loaded = (load_data_store if kind == "store" else load_data)([path])
        triples = loaded.triples
        extra = {"reference": loaded.reference, "warnings": len(loaded.warnings)}
    else:
        raise SystemExit(f"unknown measurement {kind}")
    _emit(seconds=time.perf_counter() - started, rss_mb=_rss_mb(), rss_at_start_mb=before, triples=triples, **extra)
    return 0


def _prepare(path: Path, out: Path) -> int:
    """Import ``path`` once, write its N-Triples (sorted) to ``out``; print the first problems if refused."""
    from bpo_kg.sheets.importer import SpreadsheetError, import_workbook

    try:
        imported = import_workbook(path)
    except SpreadsheetError as error:
        print(f"refused: {len(error.problems)} problems; the first:", file=sys.stderr)
        print("\n".join(error.problems[:20]), file=sys.stderr)
        return 1
    lines = sorted(imported.ntriples.splitlines())
    data = b"\n".join(lines) + b"\n"
    out.write_bytes(data)
    _emit(triples=imported.triples, bytes=len(data), sha256=hashlib.sha256(data).hexdigest(),
          warnings=imported.warnings[:10])
    return 0


def _breakdown(path: Path) -> int:
    """One import with the importer's steps timed (they are wrapped here, in this process only)."""
    import morph_kgc

    import bpo_kg.sheets.importer as importer

    spent: dict[str, float] = {}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    importer.load_mapping = timed("load mapping", importer.load_mapping)
    importer.vocabulary = timed("vocabulary (ontology and reference data)", importer.vocabulary)
    importer.read_workbook = timed("read workbook", importer.read_workbook)
    importer.check_workbook = timed("check cells", importer.check_workbook)
    importer.run_mapping = timed("run mapping (all)", importer.run_mapping)
    morph_kgc.materialize_set = timed("  of which morph-kgc materialize_set", morph_kgc.materialize_set)
    started = time.perf_counter()
    imported = importer.import_workbook(path)
    total = time.perf_counter() - started
    spent["rest (origins, N-Triples bytes)"] = total - sum(v for k, v in spent.items() if not k.startswith(" "))
    spent["  of which pandas frames, config, set to list"] = (
        spent["run mapping (all)"] - spent["  of which morph-kgc materialize_set"]
    )
    _emit(seconds=total, steps=spent, rss_mb=_rss_mb(), triples=imported.triples)
    return 0


def run_child(kind: str, path: Path, timeout: float, out: Path | None = None) -> dict[str, Any]:
    """One child's JSON line (or ``{"failed": ...}``)."""
    command = [sys.executable, __file__, "--child", kind, str(path)] + ([str(out)] if out else [])
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"failed": f"timed out after {timeout:.0f} s", "seconds": None}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"failed": (done.stderr.strip().splitlines() or ["no output"])[-25:], "seconds": None}
    return json.loads(lines[-1])


# ------------------------------------------------------------------------------------------------ parent


def measure(kind: str, path: Path, runs: int, timeout: float) -> dict[str, Any]:
    records = []
    for _ in range(runs):
        record = run_child(kind, path, timeout)
        records.append(record)
        if record.get("failed"):
            break  # do not wait for a failure again
    seconds = [r["seconds"] for r in records if r.get("seconds") is not None]
    rss = [r["rss_mb"] for r in records if "rss_mb" in r]
    return {
        "median_s": statistics.median(seconds) if seconds else None,
        "runs_s": seconds,
        "peak_rss_mb": max(rss) if rss else None,
        "rss_runs_mb": rss,
        "rss_at_start_mb": max((r["rss_at_start_mb"] for r in records if "rss_at_start_mb" in r), default=None),
        "triples": next((r["triples"] for r in records if "triples" in r), None),
        **({"reference": records[0]["reference"]} if "reference" in records[0] else {}),
        **({"failed": records[-1]["failed"]} if records[-1].get("failed") else {}),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", default="100k", help="rows over all sheets, e.g. 10k, 100k")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (medians)")
    parser.add_argument("--rdflib-runs", type=int, default=1, help="runs of the rdflib loader (slow)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a run is killed")
    parser.add_argument("--keep", type=Path, help="write the workbooks and N-Triples here (else a temporary folder)")
    parser.add_argument("--json", type=Path, help="write all measurements here")
    args = parser.parse_args(argv)

    from bpo_kg.sheets.mapping import load_mapping

    mapping = load_mapping()
    columns = {sheet: mapping.columns(sheet) for sheet in mapping.sheets()}
    if set(columns) != set(SHARES):
        raise SystemExit(f"the mapping's sheets changed: {sorted(columns)}")
    rows = parse_size(args.rows)
    started = time.perf_counter()
    book = generate(rows, args.seed)
    generated_s = time.perf_counter() - started
    report: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "rows": book.rows,
        "rows_per_sheet": {sheet: len(r) for sheet, r in book.sheets.items()},
        "seed": args.seed,
        "runs": args.runs,
        "generate_s": round(generated_s, 2),
    }
    with tempfile.TemporaryDirectory(prefix="bpo-sheets-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        csv_folder = write_csv(book, folder / f"workbook-{args.rows}", columns)
        xlsx = write_xlsx(book, folder / f"workbook-{args.rows}.xlsx", columns)
        nt = folder / f"workbook-{args.rows}.nt"
        report["sizes_mb"] = {
            "csv": round(sum(p.stat().st_size for p in csv_folder.iterdir()) / 2**20, 1),
            "xlsx": round(xlsx.stat().st_size / 2**20, 1),
        }
        print(f"generated {book.rows} rows in {generated_s:.1f} s: "
              + ", ".join(f"{sheet} {n}" for sheet, n in report["rows_per_sheet"].items()), flush=True)

        prepared = {}
        for name, path, out in (("csv", csv_folder, nt), ("xlsx", xlsx, folder / "from-xlsx.nt")):
            prepared[name] = run_child("prepare", path, args.timeout, out)
            if prepared[name].get("failed"):
                print(f"import of the {name} workbook failed:", *prepared[name]["failed"], sep="\n")
                return 1
        (folder / "from-xlsx.nt").unlink()
        same = prepared["csv"]["sha256"] == prepared["xlsx"]["sha256"]
        report["triples"] = prepared["csv"]["triples"]
        report["ntriples_mb"] = round(prepared["csv"]["bytes"] / 2**20, 1)
        report["csv_and_xlsx_same_triples"] = same
        report["import_warnings"] = prepared["csv"]["warnings"]
        print(f"import gives {report['triples']} triples ({report['ntriples_mb']} MB of N-Triples); "
              f"CSV and xlsx give {'the same triples' if same else 'DIFFERENT triples'}", flush=True)

        plan = [
            ("import CSV folder", "import", csv_folder, args.runs),
            ("import xlsx", "import", xlsx, args.runs),
            ("N-Triples, load_data_store", "store", nt, args.runs),
            ("N-Triples, load_data (rdflib)", "rdflib", nt, args.rdflib_runs),
            ("xlsx, load_data_store", "store", xlsx, args.runs),
        ]
        results: dict[str, Any] = {}
        for label, kind, path, runs in plan:
            results[label] = measure(kind, path, runs, args.timeout)
            shown = results[label]
            print(f"  {label}: {shown['median_s']} s, {shown['peak_rss_mb']} MB", flush=True)
        report["measurements"] = results
        report["breakdown"] = {
            "csv": run_child("breakdown", csv_folder, args.timeout),
            "xlsx": run_child("breakdown", xlsx, args.timeout),
        }
    parse_s = results["N-Triples, load_data_store"]["median_s"]
    targets = {}
    for name, label in (("csv", "import CSV folder"), ("xlsx", "import xlsx")):
        seconds, rss = results[label]["median_s"], results[label]["peak_rss_mb"]
        ratio = seconds / parse_s if seconds and parse_s else None
        targets[name] = {
            "ratio_to_ntriples_parse": round(ratio, 2) if ratio else None,
            "within_3x": ratio is not None and ratio <= TARGET_RATIO,
            "under_2gb": rss is not None and rss < TARGET_RSS_MB,
        }
    report["targets"] = targets
    print_table(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0


def print_table(report: dict[str, Any]) -> None:
    print(f"\n== {report['rows']} rows, {report['triples']} triples "
          f"(CSV {report['sizes_mb']['csv']} MB, xlsx {report['sizes_mb']['xlsx']} MB, "
          f"N-Triples {report['ntriples_mb']} MB)")
    print(f"{'measurement':32s} {'median s':>9s} {'peak RSS MB':>12s} {'triples':>9s}  runs s")
    for label, stats in report["measurements"].items():
        seconds = f"{stats['median_s']:.2f}" if stats["median_s"] is not None else "failed"
        rss = f"{stats['peak_rss_mb']:.0f}" if stats["peak_rss_mb"] else "—"
        runs = ", ".join(f"{s:.2f}" for s in stats["runs_s"])
        print(f"{label:32s} {seconds:>9s} {rss:>12s} {stats['triples'] or '—'!s:>9s}  {runs}")
    for name, target in report["targets"].items():
        print(f"import {name} / N-Triples parse (load_data_store): {target['ratio_to_ntriples_parse']}x "
              f"-> within 3x: {'yes' if target['within_3x'] else 'NO'}; "
              f"under 2 GB: {'yes' if target['under_2gb'] else 'NO'}")
    for name, record in report["breakdown"].items():
        if record.get("failed"):
            print(f"breakdown {name}: failed")
            continue
        print(f"breakdown of one import ({name}, {record['seconds']:.2f} s):")
        for step, seconds in record["steps"].items():
            print(f"  {step:48s} {seconds:8.2f} s")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.exit(child(*sys.argv[2:5]))
    sys.exit(main())
