"""Spreadsheets: vendor workbooks into RDF by the RML mapping (every cell checked first, with sheet,
row and column), the workbook template, and knowledge graphs exported back into it."""

from bpo_kg.sheets.export import ExportError, export_rows
from bpo_kg.sheets.importer import DEFAULT_BASE, Imported, SpreadsheetError, check_base, import_workbook
from bpo_kg.sheets.mapping import Mapping, load_mapping, shipped_mapping_file
from bpo_kg.sheets.tables import table_workbook
from bpo_kg.sheets.template import write_template
from bpo_kg.sheets.values import vocabulary
from bpo_kg.sheets.workbook import SPREADSHEET_SUFFIXES, read_workbook

__all__ = [
    "DEFAULT_BASE",
    "SPREADSHEET_SUFFIXES",
    "ExportError",
    "Imported",
    "Mapping",
    "SpreadsheetError",
    "check_base",
    "export_rows",
    "import_workbook",
    "load_mapping",
    "read_workbook",
    "shipped_mapping_file",
    "table_workbook",
    "vocabulary",
    "write_template",
]
