"""Spreadsheets through the command line: template, import, export, check and query on workbooks, the
findings and results as workbooks, the provenance of findings, and mappings of one's own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Graph
from rdflib.compare import isomorphic

from bpo_kg.check import run_check
from bpo_kg.engines import open_knowledge_graph
from bpo_kg.sheets.mapping import load_mapping
from tests.cli import bpo_kg
from tests.conftest import DATA, REPO

EXAMPLE_TTL = REPO / "examples" / "bpo-example.ttl"
EXAMPLE_XLSX = REPO / "examples" / "bpo-example.xlsx"
INVALID = REPO / "examples" / "invalid"
SHEETS = DATA / "sheets"


def test_template_writes_every_sheet_with_notes_and_drop_downs(tmp_path: Path):
    done = bpo_kg("template", "--out", tmp_path / "vendors.xlsx")
    assert done.code == 0, done.err
    book = load_workbook(tmp_path / "vendors.xlsx")
    mapping = load_mapping()
    assert book.sheetnames == [*mapping.sheets(), "notes", "lists"]
    for sheet in mapping.sheets():
        assert [c.value for c in book[sheet][1]] == mapping.columns(sheet)
    notes = {(row[0], row[1]): row for row in book["notes"].iter_rows(min_row=2, values_only=True)}
    assert notes[("engagements", "Delivery country")][2] in ("", None)  # optional
    assert notes[("engagements", "Client")][2] == "yes"
    assert "delivery model" in notes[("engagements", "Delivery model")][3].lower()
    ranges = {str(v.sqref): v.formula1 for v in book["engagements"].data_validations.dataValidation}
    delivery_model = mapping.columns("engagements").index("Delivery model")
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[delivery_model]
    formula = ranges[f"{letter}2:{letter}100000"]
    column = formula.split("$")[1]
    offered = [c.value for c in book["lists"][column][1:] if c.value]
    assert offered == ["nearshore", "offshore", "onshore"]


def test_template_as_a_folder_of_csv_files(tmp_path: Path):
    assert bpo_kg("template", "--out", tmp_path / "vendors").code == 0
    names = sorted(p.name for p in (tmp_path / "vendors").iterdir())
    assert names == sorted([f"{s}.csv" for s in load_mapping().sheets()] + ["notes.csv"])
    done = bpo_kg("check", tmp_path / "vendors")
    assert done.code == 2 and "the workbook holds no data" in done.err


@pytest.mark.parametrize("out", ["vendors.xlsx", "vendors"])
def test_the_example_exported_and_imported_again_is_isomorphic(tmp_path: Path, out: str):
    assert bpo_kg("export", EXAMPLE_TTL, "--out", tmp_path / out).code == 0
    done = bpo_kg("import", tmp_path / out, "--out", tmp_path / "again.ttl")
    assert done.code == 0, done.err
    assert isomorphic(Graph().parse(EXAMPLE_TTL), Graph().parse(tmp_path / "again.ttl"))


def test_the_shipped_example_workbook_is_the_example_graph(tmp_path: Path):
    assert bpo_kg("import", EXAMPLE_XLSX, "--out", tmp_path / "example.ttl").code == 0
    assert isomorphic(Graph().parse(EXAMPLE_TTL), Graph().parse(tmp_path / "example.ttl"))


def _findings(path: Path, engine: str) -> tuple:
    report = run_check(open_knowledge_graph([path], engine))
    violations = sorted((v.focus, v.path, v.component, v.severity) for v in report.validation.violations)
    roles = sorted((c.iri, tuple(c.roles)) for c in [*report.providers, *report.sites])
    return report.ok, report.reasoning.consistent, violations, roles


@pytest.mark.parametrize("engine", ["exact", "scale"])
def test_check_on_the_workbook_gives_the_findings_of_the_turtle_file(engine: str):
    assert _findings(EXAMPLE_XLSX, engine) == _findings(EXAMPLE_TTL, engine)


def test_check_on_a_violating_workbook_matches_its_turtle_twin_and_names_sheet_and_row(tmp_path: Path):
    source = INVALID / "engagement-without-delivery-model.ttl"
    assert bpo_kg("export", source, "--out", tmp_path / "bad.xlsx").code == 0
    expected = _findings(source, "exact")
    assert not expected[0] and expected[2]
    assert _findings(tmp_path / "bad.xlsx", "exact") == expected
    done = bpo_kg("check", tmp_path / "bad.xlsx")
    assert done.code == 1
    assert f"[{tmp_path / 'bad.xlsx'}: sheet engagements, row " in done.out


def test_check_json_names_the_sheet_and_row_of_each_resource_it_reports():
    report = json.loads(bpo_kg("check", EXAMPLE_XLSX, "--format", "json").out)
    lotus = "https://example.org/bpo/LotusConnect"
    assert report["origins"][lotus] == f"{EXAMPLE_XLSX}: sheet organisations, row 23"
    assert {p["iri"]: p["origin"] for p in report["providers"]}[lotus] == report["origins"][lotus]
    assert json.loads(bpo_kg("check", EXAMPLE_TTL, "--format", "json").out)["origins"] == {}


def test_check_writes_its_findings_and_inferred_roles_as_a_workbook(tmp_path: Path):
    source = INVALID / "engagement-without-delivery-model.ttl"
    done = bpo_kg("check", source, "--format", "xlsx", "--out", tmp_path / "findings.xlsx")
    assert done.code == 1 and "result: PROBLEMS FOUND" in done.out
    book = load_workbook(tmp_path / "findings.xlsx")
    assert book.sheetnames == ["findings", "inferred roles"]
    findings = list(book["findings"].iter_rows(values_only=True))
    assert findings[0] == ("severity", "entity", "label", "message", "property", "value", "came from")
    report = run_check(open_knowledge_graph([source], "exact"))
    assert len(findings) - 1 == len(report.validation.violations)
    assert {row[0] for row in findings[1:]} == {v.severity for v in report.validation.violations}


def test_check_xlsx_needs_out_and_out_needs_xlsx(tmp_path: Path):
    done = bpo_kg("check", "--format", "xlsx")
    assert (done.code, done.err.strip()) == (2, "bpo-kg: error: --format xlsx needs --out FILE.xlsx")
    done = bpo_kg("check", "--format", "xlsx", "--out", tmp_path / "findings.csv")
    assert done.code == 2 and "use one of .xlsx" in done.err
    assert not (tmp_path / "findings.csv").exists()


def test_query_results_as_a_workbook_match_the_csv_output(tmp_path: Path):
    done = bpo_kg("query", "bpo-providers", "--format", "xlsx", "--out", tmp_path / "offshore.xlsx")
    assert done.code == 0, done.err
    rows = list(load_workbook(tmp_path / "offshore.xlsx").active.iter_rows(values_only=True))
    csv_rows = bpo_kg("query", "bpo-providers", "--format", "csv").out.strip().splitlines()
    assert len(rows) == len(csv_rows) > 1
    assert list(rows[0]) == csv_rows[0].split(",")


def test_import_refuses_bad_cells_with_every_problem_and_writes_nothing(tmp_path: Path):
    folder = tmp_path / "vendors"
    folder.mkdir()
    (folder / "organisations.csv").write_text("Key,Kind,Headquarters country\nA,organisation,Inida\nB,firm,IN\n")
    out = tmp_path / "data.ttl"
    done = bpo_kg("import", folder, "--out", out)
    assert done.code == 2
    assert done.err.splitlines() == [
        f'bpo-kg: error: {folder}: sheet organisations, row 2, column "Headquarters country": "Inida" is not a '
        'country; did you mean "India" (IN)?',
        f'bpo-kg: error: {folder}: sheet organisations, row 3, column "Kind": "firm" is not a kind of organisation',
        f"bpo-kg: error: {folder}: 2 problems; nothing was imported",
    ]
    assert not out.exists() and "Traceback" not in done.err


def test_export_refuses_a_statement_no_column_holds(tmp_path: Path):
    data = tmp_path / "extra.ttl"
    data.write_text(
        EXAMPLE_TTL.read_text(encoding="utf-8") + '\nex:LotusConnect <https://schema.org/slogan> "Always on" .\n',
        encoding="utf-8",
    )
    done = bpo_kg("export", data, "--out", tmp_path / "vendors.xlsx")
    assert done.code == 2
    assert "1 statement(s) have no column in the mapping vendors.rml.ttl" in done.err
    assert '(first: ex:LotusConnect schema:slogan "Always on")' in done.err
    assert not (tmp_path / "vendors.xlsx").exists()


def test_a_mapping_of_ones_own_reads_other_column_names(tmp_path: Path):
    """The worked example of docs/spreadsheets.md: a vendor list whose columns are named otherwise."""
    done = bpo_kg(
        "import", SHEETS / "vendor-list", "--mapping", SHEETS / "vendor-list.rml.ttl", "--out", tmp_path / "v.ttl"
    )
    assert done.code == 0, done.err
    expected = Graph().parse(
        data="""
        @prefix bpo: <https://w3id.org/bpo-kg/ontology#> . @prefix ex: <https://example.org/bpo/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:Lotus a bpo:Organisation ; rdfs:label "Lotus Connect"@en ; bpo:employeeCount 6200 ;
            bpo:legalName "Lotus Connect Services Pvt Ltd" ;
            bpo:hasIndustryCode <http://data.europa.eu/ux2/nace2/8220> ;
            bpo:isHeadquarteredIn <https://w3id.org/bpo-kg/reference/country/IN> .
        ex:Cape a bpo:Organisation ; rdfs:label "Cape Ledger"@en ; bpo:employeeCount 1100 ;
            bpo:legalName "Cape Ledger Outsourcing (Pty) Ltd" ;
            bpo:hasIndustryCode <http://data.europa.eu/ux2/nace2/6920> ;
            bpo:isHeadquarteredIn <https://w3id.org/bpo-kg/reference/country/ZA> .
        """,
        format="turtle",
    )
    assert isomorphic(Graph().parse(tmp_path / "v.ttl"), expected)
    # the shipped mapping does not know the sheet: the twin is refused, not imported empty
    done = bpo_kg("import", SHEETS / "vendor-list", "--out", tmp_path / "w.ttl")
    assert done.code == 2 and not (tmp_path / "w.ttl").exists()
    assert (
        f"bpo-kg: error: {SHEETS / 'vendor-list'}: none of its sheets (Vendors) is one the mapping reads"
        in done.err.splitlines()
    )


def test_a_mapping_with_rml_the_importer_cannot_follow_is_refused(tmp_path: Path):
    mapping = tmp_path / "joins.rml.ttl"
    mapping.write_text(
        "@prefix rml: <http://w3id.org/rml/> .\n"
        '<#M> a rml:TriplesMap ; rml:logicalSource [ rml:source "{vendors}" ] ;\n'
        '  rml:subjectMap [ rml:template "https://example.org/{Key}" ] .\n',
        encoding="utf-8",
    )
    folder = tmp_path / "vendors"
    folder.mkdir()
    (folder / "vendors.csv").write_text("Key\nA\n")
    done = bpo_kg("import", folder, "--mapping", mapping, "--out", tmp_path / "data.ttl")
    assert done.code == 2
    assert done.err.strip() == (
        f"bpo-kg: error: {mapping}: triples map M: rml:template and joins are not followed here; "
        "use a bpo-kg function (bpofn:rows)"
    )


def test_copy_of_a_workbook_is_untouched_by_check(tmp_path: Path):
    copy = tmp_path / "vendors.xlsx"
    shutil.copy(EXAMPLE_XLSX, copy)
    before = copy.read_bytes()
    assert bpo_kg("check", copy).code == 0
    assert copy.read_bytes() == before
