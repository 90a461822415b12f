"""Spreadsheets as a data format beside Turtle and JSON-LD: a workbook (``.xlsx``), a CSV file or a
folder of CSV files is imported once (:mod:`bpo_kg.sheets`) into N-Triples, which the parsers of both
engines then read; where each row's resource came from is kept for the reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bpo_kg.sheets.importer import DEFAULT_BASE, Imported, check_base, import_workbook

SPREADSHEET = "spreadsheet"  # the format name of a workbook, a CSV file or a folder of CSV files


@dataclass(frozen=True)
class SpreadsheetOptions:
    mapping: Path | None = None  # --mapping: an RML mapping of the user's own (default: the shipped one)
    base: str = DEFAULT_BASE  # --base: the IRIs of rows are this followed by the row's key


_options = SpreadsheetOptions()
_imported: dict[tuple[str, SpreadsheetOptions], Imported] = {}


def use_options(mapping: str | Path | None = None, base: str | None = None) -> None:
    """Set how spreadsheets are read for the rest of this run (the CLI's --mapping and --base)."""
    global _options
    _options = SpreadsheetOptions(Path(mapping) if mapping else None, check_base(base) if base else DEFAULT_BASE)


def imported(path: Path) -> Imported:
    """``path`` imported with the current options (once per run)."""
    key = (str(path.resolve()), _options)
    if key not in _imported:
        _imported[key] = import_workbook(path, _options.mapping, _options.base)
    return _imported[key]
