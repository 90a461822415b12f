"""Spreadsheets in: every error class with its exact message (beside a twin that imports), values as
people type them, deterministic IRIs, and what morph-kgc would otherwise mangle."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from bpo_kg.errors import InputError
from bpo_kg.sheets.importer import SpreadsheetError, import_workbook
from tests.conftest import BPO, DATA, EX

SHEETS = DATA / "sheets"
COUNTRY = "https://w3id.org/bpo-kg/reference/country/"
ORGS = "Key,Kind,Name,Legal name,Headquarters country,Founded,Employees\n"
LOTUS = "Lotus,organisation,Lotus Connect,Lotus Connect Pvt Ltd,IN,2004,6200\n"


def workbook(folder: Path, **sheets: str) -> Path:
    """A folder of CSV files, one per keyword (``delivery_locations`` -> ``delivery locations.csv``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in sheets.items():
        (folder / f"{name.replace('_', ' ')}.csv").write_text(text, encoding="utf-8")
    return folder


def graph_of(path: Path, **options) -> Graph:
    return Graph().parse(data=import_workbook(path, **options).ntriples, format="nt")


def problems(path: Path) -> list[str]:
    with pytest.raises(SpreadsheetError) as refused:
        import_workbook(path)
    return refused.value.problems


def test_the_twin_imports(tmp_path: Path):
    graph = graph_of(workbook(tmp_path / "ok", organisations=ORGS + LOTUS))
    lotus = URIRef(EX + "Lotus")
    assert (lotus, RDF.type, URIRef(BPO + "Organisation")) in graph
    assert (lotus, URIRef(BPO + "isHeadquarteredIn"), URIRef(COUNTRY + "IN")) in graph
    assert (lotus, URIRef(BPO + "foundingYear"), Literal(2004)) in graph
    assert (lotus, RDFS.label, Literal("Lotus Connect", lang="en")) in graph
    assert len(graph) == 6


# Each error class: a workbook that differs from the twin above in the one fact, and its exact message.
ERRORS = {
    "misspelt country": (
        {"organisations": ORGS + LOTUS.replace(",IN,", ",Inida,")},
        'sheet organisations, row 2, column "Headquarters country": "Inida" is not a country; '
        'did you mean "India" (IN)?',
    ),
    "required column missing": (
        {"organisations": ORGS.replace("Kind,", "") + LOTUS.replace("organisation,", "")},
        'sheet organisations: the required column "Kind" is missing',
    ),
    "required cell empty": (
        {"organisations": ORGS + LOTUS.replace("organisation,", ",")},
        'sheet organisations, row 2, column "Kind": empty, but this column must be filled',
    ),
    "duplicated key": (
        {"organisations": ORGS + LOTUS + LOTUS},
        'sheet organisations, row 3, column "Key": the key "Lotus" is already used by row 2',
    ),
    "empty key": (
        {"organisations": ORGS + LOTUS.replace("Lotus,", ",", 1)},
        'sheet organisations, row 2, column "Key": the key is empty; every row needs one',
    ),
    "reference to a missing row": (
        {
            "organisations": ORGS + LOTUS,
            "services": "Key,Service type,Provider\nS1,payroll service,Lotsu\n",
        },
        'sheet services, row 2, column "Provider": no row of sheet organisations has the key "Lotsu"; '
        'did you mean "Lotus"?',
    ),
    "not a year": (
        {"organisations": ORGS + LOTUS.replace(",2004,", ",04,")},
        'sheet organisations, row 2, column "Founded": "04" is not a year (four digits, such as 2019)',
    ),
    "not a whole number": (
        {"organisations": ORGS + LOTUS.replace(",6200", ',"6,2"')},
        'sheet organisations, row 2, column "Employees": "6,2" is not a whole number',
    ),
    "unknown kind": (
        {"organisations": ORGS + LOTUS.replace("organisation,", "company,")},
        'sheet organisations, row 2, column "Kind": "company" is not a kind of organisation',
    ),
    "misspelt closed value": (
        {
            "organisations": ORGS + LOTUS,
            "engagements": "Key,Client,Provider,Delivery model\nE1,Lotus,Lotus,off-shor\n",
        },
        'sheet engagements, row 2, column "Delivery model": "off-shor" is not a delivery model; '
        'did you mean "offshore"?',
    ),
    "date not ISO": (
        {
            "organisations": ORGS + LOTUS,
            "engagements": "Key,Client,Provider,Start date\nE1,Lotus,Lotus,01/04/2025\n",
        },
        'sheet engagements, row 2, column "Start date": "01/04/2025" is not a date; write it YYYY-MM-DD '
        "(2025-04-01) or use an Excel date",
    ),
    "ambiguous code": (
        {"organisations": "Key,Kind,Industry codes\nLotus,organisation,82.20\n"},
        'sheet organisations, row 2, column "Industry codes": "82.20" is ambiguous: it names "NACE 2.1 82.20", '
        '"NACE 82.20"; write one of them',
    ),
    "language without its column": (
        {"organisations": "Key,Kind,Legal name (other language)\nLotus,organisation,Lotus GmbH\n"},
        'sheet organisations: column "Legal name (other language)" needs the column "Language of that legal name"',
    ),
    "language missing in a row": (
        {
            "organisations": "Key,Kind,Legal name (other language),Language of that legal name\n"
            "Lotus,organisation,Lotus GmbH,\n"
        },
        'sheet organisations, row 2, column "Language of that legal name": empty, but '
        '"Legal name (other language)" needs its language (such as de)',
    ),
    "misspelt column": (
        {"organisations": ORGS.replace("Headquarters country", "Headquarter country") + LOTUS},
        'sheet organisations: column "Headquarter country" is not in the mapping; did you mean "Headquarters country"?',
    ),
    "misspelt sheet": (
        {"organisations": ORGS + LOTUS, "servces": "Key,Service type\nS1,payroll service\n"},
        'sheet servces: no such sheet in the mapping; did you mean "services"?',
    ),
    "not a time zone": (
        {"sites": "Key,Kind,Time zone\nPune,delivery centre,Asia/Kolkatta\n"},
        'sheet sites, row 2, column "Time zone": "Asia/Kolkatta" is not an IANA time zone (such as Asia/Kolkata); '
        'did you mean "Asia/Kolkata"?',
    ),
    "neither yes nor no": (
        {"sites": "Key,Kind,Captive\nPune,delivery centre,maybe\n"},
        'sheet sites, row 2, column "Captive": "maybe" is neither yes nor no',
    ),
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_each_error_has_its_exact_message(tmp_path: Path, case: str):
    sheets, message = ERRORS[case]
    folder = workbook(tmp_path / "wb", **sheets)
    assert problems(folder) == [f"{folder}: {message}"]


def test_every_problem_of_the_file_is_listed_in_sheet_and_row_order_and_nothing_is_imported(tmp_path: Path):
    folder = workbook(
        tmp_path / "wb",
        organisations=ORGS
        + LOTUS.replace(",IN,", ",Inida,")
        + LOTUS.replace("Lotus,", "Bay,").replace(",2004,", ",x,"),
        engagements="Key,Client,Provider\nE1,Lotus,\n",
    )
    with pytest.raises(SpreadsheetError) as refused:
        import_workbook(folder)
    assert [line.split(": ", 2)[1] for line in refused.value.problems] == [
        'sheet organisations, row 2, column "Headquarters country"',
        'sheet organisations, row 3, column "Founded"',
        'sheet engagements, row 2, column "Provider"',
    ]
    assert str(refused.value).splitlines()[-1] == f"{folder}: 3 problems; nothing was imported"


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        (
            "encrypted.xlsx",
            "the workbook is password-protected (encrypted), or an old .xls file; save it unprotected as .xlsx "
            "(Excel: File > Info > Protect Workbook > Encrypt with Password, clear it)",
        ),
        ("truncated.xlsx", "cannot read the workbook (damaged?)"),
    ],
)
def test_protected_and_corrupt_workbooks_are_refused_beside_the_plain_twin(fixture: str, message: str):
    assert len(graph_of(SHEETS / "plain.xlsx")) == 2
    with pytest.raises(InputError) as refused:
        import_workbook(SHEETS / fixture)
    assert str(refused.value).startswith(f"{SHEETS / fixture}: {message}")


def test_a_workbook_without_data_is_refused(tmp_path: Path):
    folder = workbook(tmp_path / "wb", organisations=ORGS)
    with pytest.raises(InputError, match=r"the workbook holds no data \(no sheet has a row below its header\)"):
        import_workbook(folder)


def test_a_csv_file_in_another_encoding_is_refused_beside_its_utf8_twin(tmp_path: Path):
    text = ORGS + LOTUS.replace("Lotus Connect,", "Lotus Société,")
    good = workbook(tmp_path / "utf8", organisations=text)
    assert (URIRef(EX + "Lotus"), RDFS.label, Literal("Lotus Société", lang="en")) in graph_of(good)
    bad = tmp_path / "cp1252"
    bad.mkdir()
    (bad / "organisations.csv").write_bytes(text.encode("cp1252"))
    with pytest.raises(InputError) as refused:
        import_workbook(bad)
    assert str(refused.value) == (
        f"{bad / 'organisations.csv'}:2: not UTF-8 text; save the CSV file as 'CSV UTF-8' "
        "(Excel: File > Save As > CSV UTF-8), not in a Windows or Mac code page"
    )


def test_values_as_people_type_them(tmp_path: Path):
    folder = workbook(
        tmp_path / "wb",
        organisations="Key,Kind,Headquarters country,Employees,Industry codes\n"
        'A,Organisation,भारत,"1,400",NACE 82.20\n'
        "B,legal entity,philippines,1 400,NAICS 561422\n"
        "C,bpo:CorporateGroup,IN,1400,nace2:8220\n",
        sites="Key,Kind,Captive,Open 24x7,Channels,Languages\nS,call-centre site,हाँ,y,टेलीफ़ोन; chat,Hindi; en\n",
    )
    graph = graph_of(folder)
    hq, code = URIRef(BPO + "isHeadquarteredIn"), URIRef(BPO + "hasIndustryCode")
    assert {str(o) for o in graph.objects(None, hq)} == {COUNTRY + "IN", COUNTRY + "PH"}
    assert set(graph.objects(None, URIRef(BPO + "employeeCount"))) == {Literal(1400)}
    assert {str(o) for o in graph.objects(None, code)} == {
        "http://data.europa.eu/ux2/nace2/8220",
        "https://w3id.org/bpo-kg/reference/naics2022/561422",
    }
    assert {str(o).rsplit("#")[-1] for o in graph.objects(None, RDF.type)} >= {
        "Organisation",
        "LegalEntity",
        "CorporateGroup",
        "CallCentreSite",
        "CaptiveCentre",
    }
    site = URIRef(EX + "S")
    assert set(graph.objects(site, URIRef(BPO + "handlesChannel"))) == {URIRef(BPO + "telephone"), URIRef(BPO + "chat")}
    assert (site, URIRef(BPO + "coversAllHours"), Literal(True)) in graph
    assert {str(o)[-2:] for o in graph.objects(site, URIRef(BPO + "supportsLanguage"))} == {"hi", "en"}


def test_reimporting_an_edited_sheet_updates_the_same_resources(tmp_path: Path):
    first = graph_of(workbook(tmp_path / "v1", organisations=ORGS + LOTUS))
    second = graph_of(workbook(tmp_path / "v2", organisations=ORGS + LOTUS.replace("6200", "6500")))
    assert set(first.subjects()) == set(second.subjects()) == {URIRef(EX + "Lotus")}
    other = graph_of(workbook(tmp_path / "v3", organisations=ORGS + LOTUS), base="https://vendors.example/id/")
    assert set(other.subjects()) == {URIRef("https://vendors.example/id/Lotus")}


def test_text_survives_as_typed(tmp_path: Path):
    """morph-kgc strips double quotes from in-memory text and reads "nan" as empty; bpo-kg avoids both."""
    legal = 'Lotus "Connect" \\ Services\nPvt Ltd'
    folder = workbook(tmp_path / "wb", organisations=ORGS)
    with (folder / "organisations.csv").open("a", encoding="utf-8", newline="") as file:
        import csv

        csv.writer(file).writerow(["Lotus", "organisation", "nan", legal, "IN", "2004", "6200"])
    graph = graph_of(folder)
    assert (URIRef(EX + "Lotus"), URIRef(BPO + "legalName"), Literal(legal)) in graph
    assert (URIRef(EX + "Lotus"), RDFS.label, Literal("nan", lang="en")) in graph


def test_typed_literals_keep_their_datatypes(tmp_path: Path):
    folder = workbook(
        tmp_path / "wb",
        organisations=ORGS + LOTUS,
        engagements="Key,Client,Provider,Start date,Start year\nE1,Lotus,Lotus,2025-04-01,2025\n",
    )
    graph = graph_of(folder)
    assert (URIRef(EX + "E1"), URIRef(BPO + "startDate"), Literal("2025-04-01", datatype=XSD.date)) in graph
    assert (URIRef(EX + "E1"), URIRef(BPO + "startYear"), Literal(2025)) in graph


def test_without_the_rml_engine_the_message_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = workbook(tmp_path / "wb", organisations=ORGS + LOTUS)
    modules = __import__("sys").modules
    for name in [name for name in modules if name.split(".")[0] == "morph_kgc"] + ["morph_kgc"]:
        monkeypatch.setitem(modules, name, None)  # as if it were not installed
    with pytest.raises(InputError) as refused:
        import_workbook(folder)
    assert str(refused.value) == (
        f"{folder}: reading spreadsheets needs the RML engine morph-kgc: pip install --no-deps morph-kgc==2.10.0 "
        "(see README: its metadata pins an old pyoxigraph it does not need)"
    )
