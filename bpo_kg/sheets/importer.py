"""A workbook into RDF: read the sheets, check every cell against the mapping (all problems at once),
run the mapping with the RML engine, and keep where each resource came from (sheet and row)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bpo_kg.errors import InputError
from bpo_kg.sheets.check import check_workbook
from bpo_kg.sheets.mapping import load_mapping
from bpo_kg.sheets.rml_engine import run_mapping
from bpo_kg.sheets.values import vocabulary
from bpo_kg.sheets.workbook import read_workbook

DEFAULT_BASE = "https://example.org/bpo/"


class SpreadsheetError(InputError):
    """Every problem of one workbook, one line each."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.problems = problems
        count = len(problems)
        summary = f"{path}: {count} problem{'s' if count != 1 else ''}; nothing was imported"
        super().__init__("\n".join([*problems, summary]))


@dataclass(frozen=True)
class Imported:
    """What a workbook gave: N-Triples, where each row's resource came from, and warnings."""

    ntriples: bytes
    triples: int
    origins: dict[str, str]  # IRI -> "vendors.xlsx: sheet engagements, row 17"
    warnings: list[str]
    prefixes: list[tuple[str, str]]  # a prefix for the rows' IRIs, to name them in reports


def check_base(base: str) -> str:
    if not (base.startswith(("http://", "https://", "urn:")) and base[-1] in "/#:"):
        raise InputError(f"--base {base!r}: give an absolute IRI ending in / or # (such as https://example.org/bpo/)")
    return base


def import_workbook(path: Path, mapping_path: Path | None = None, base: str = DEFAULT_BASE) -> Imported:
    """``path`` (``.xlsx``, ``.csv`` or a folder of CSV files) as RDF, by ``mapping_path`` (default: the
    shipped mapping); a :class:`SpreadsheetError` listing every problem if any cell cannot be read."""
    mapping = load_mapping(mapping_path)
    workbook = read_workbook(Path(path))
    context, findings = check_workbook(workbook, mapping, check_base(base), vocabulary())
    if findings.problems:
        raise SpreadsheetError(workbook.path, findings.problems)
    lines = run_mapping(workbook, mapping, context, findings.read)
    origins = {
        context.row_iri(key): workbook.where(sheet, row)
        for sheet, keys in context.keys.items()
        for key, row in keys.items()
    }
    data = "".join(f"{line} .\n" for line in lines).encode("utf-8")
    prefix = "ex" if base == DEFAULT_BASE else "data"
    return Imported(data, len(lines), origins, findings.warnings, [(prefix, base)])
