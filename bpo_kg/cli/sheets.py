"""The spreadsheet commands: ``template`` (the empty workbook), ``import`` (a workbook into RDF) and
``export`` (a knowledge graph back into the workbook), and the ``--mapping``/``--base`` options every
data command takes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import Graph

from bpo_kg import BPO_NS
from bpo_kg.errors import ParameterError
from bpo_kg.load import load_graph, load_ontology
from bpo_kg.load.spreadsheet import imported, use_options
from bpo_kg.output_folder import write_file
from bpo_kg.sheets.export import export_rows
from bpo_kg.sheets.importer import DEFAULT_BASE, check_base
from bpo_kg.sheets.mapping import load_mapping
from bpo_kg.sheets.tables import Table, table_workbook
from bpo_kg.sheets.template import write_template
from bpo_kg.sheets.values import vocabulary

EXIT_OK = 0
RDF_OUT = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}


def spreadsheet_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mapping", metavar="FILE", help="an RML mapping of your own for spreadsheets (default: the shipped one)"
    )
    parser.add_argument(
        "--base",
        metavar="IRI",
        help=f"IRIs of spreadsheet rows: this followed by the row's key (default: {DEFAULT_BASE})",
    )


def use_spreadsheet_options(args: argparse.Namespace) -> None:
    use_options(getattr(args, "mapping", None), getattr(args, "base", None))


def add_commands(commands) -> None:
    template = commands.add_parser(
        "template",
        help="write the vendor workbook to fill in (.xlsx, or a folder of CSV files)",
        description="Write the empty vendor workbook: one sheet per kind of record, a notes sheet explaining "
        "each column, a lists sheet with the values Excel offers in drop-downs.",
    )
    template.add_argument("--out", metavar="FILE|DIR", required=True, help="vendors.xlsx, or a folder for CSV files")
    template.add_argument("--mapping", metavar="FILE", help="the RML mapping whose sheets to write")
    template.set_defaults(handler=command_template)

    importer = commands.add_parser(
        "import",
        help="turn a workbook (.xlsx, .csv, or a folder of CSV files) into RDF",
        description="Read every sheet, check every cell (all problems listed, with sheet, row and column; "
        "nothing written if there is one), and write the RDF the mapping gives.",
    )
    importer.add_argument("workbook", help="vendors.xlsx, a .csv file, or a folder of CSV files")
    importer.add_argument("--out", metavar="FILE", required=True, help="the RDF file: .ttl, .nt, .jsonld, .rdf")
    spreadsheet_arguments(importer)
    importer.set_defaults(handler=command_import)

    exporter = commands.add_parser(
        "export",
        help="write a knowledge graph back into the vendor workbook",
        description="Fill the workbook's sheets from RDF data: every statement goes to the column that would make "
        "it, written as a person types it; a statement no column holds is an error, never dropped.",
    )
    exporter.add_argument("data", nargs="+", help="RDF files (Turtle, N-Triples, RDF/XML, JSON-LD)")
    exporter.add_argument("--out", metavar="FILE|DIR", required=True, help="vendors.xlsx, or a folder for CSV files")
    spreadsheet_arguments(exporter)
    exporter.set_defaults(handler=command_export)


def _out(path: str, suffixes: dict[str, str] | None = None) -> Path:
    out = Path(path)
    if suffixes is not None and out.suffix.lower() not in suffixes:
        raise ParameterError(f"--out {out}: use one of {', '.join(suffixes)} (the suffix gives the format)")
    return out


def xlsx_out(args: argparse.Namespace) -> Path | None:
    """The workbook --format xlsx writes (--out, checked before any work), or None for other formats."""
    if args.format != "xlsx":
        if getattr(args, "out", None):
            raise ParameterError("--out is for --format xlsx (other formats are printed)")
        return None
    if not args.out:
        raise ParameterError("--format xlsx needs --out FILE.xlsx")
    return _out(args.out, {".xlsx": "xlsx"})


def write_tables(out: Path, tables: dict[str, Table]) -> None:
    try:
        write_file(out, table_workbook(tables))
    except OSError as error:
        raise ParameterError(f"--out {out}: cannot write: {error.strerror or error}") from None


def command_template(args: argparse.Namespace) -> int:
    out = _out(args.out)
    mapping = load_mapping(Path(args.mapping) if args.mapping else None)
    write_template(out, mapping, load_ontology(), vocabulary())
    print(f"wrote the workbook template to {out} (sheets: {', '.join(mapping.sheets())})")
    return EXIT_OK


def command_import(args: argparse.Namespace) -> int:
    out = _out(args.out, RDF_OUT)
    use_spreadsheet_options(args)
    result = imported(Path(args.workbook))
    for warning in result.warnings:
        print(f"bpo-kg: warning: {warning}", file=sys.stderr)
    graph = Graph()
    graph.parse(data=result.ntriples, format="nt")
    graph.bind("bpo", BPO_NS)
    for prefix, namespace in result.prefixes:
        graph.bind(prefix, namespace)
    data = graph.serialize(format=RDF_OUT[out.suffix.lower()], encoding="utf-8")
    try:
        write_file(out, data)
    except OSError as error:
        raise ParameterError(f"--out {out}: cannot write: {error.strerror or error}") from None
    print(f"imported {result.triples} triples from {args.workbook} to {out}")
    return EXIT_OK


def command_export(args: argparse.Namespace) -> int:
    out = _out(args.out)
    base = check_base(args.base or DEFAULT_BASE)
    mapping = load_mapping(Path(args.mapping) if args.mapping else None)
    graph = load_graph(args.data)
    rows = export_rows(graph, mapping, base, vocabulary())
    write_template(out, mapping, load_ontology(), vocabulary(), rows)
    counts = ", ".join(f"{len(r)} {sheet}" for sheet, r in rows.items() if r)
    print(f"exported {len(graph)} triples to {out} ({counts})")
    return EXIT_OK
