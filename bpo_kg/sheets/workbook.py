"""Spreadsheets as tables of text: an Excel workbook (``.xlsx``) or a folder of CSV files, one table per
sheet (a CSV file's sheet is its name without ``.csv``), each cell as the text a person typed.

Every problem is an :class:`~bpo_kg.errors.InputError` naming the file (and the sheet and row where
there is one): a corrupt or password-protected workbook, a CSV file in another encoding, a sheet
without a header, a repeated column name, a workbook without any data.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bpo_kg.errors import InputError

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".csv"})
NOTES_SHEETS = frozenset({"notes", "lists"})  # written by `bpo-kg template` for people, never read as data
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls are OLE compound files
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Sheet:
    """One sheet: its column names and rows of text ('' for an empty cell); ``rows[i]`` is the
    spreadsheet's row ``first_row + i`` (1-based, as the spreadsheet numbers it)."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    first_row: int = 2

    def row_number(self, index: int) -> int:
        return self.first_row + index

    def column(self, name: str) -> list[str]:
        at = self.columns.index(name)
        return [row[at] for row in self.rows]


@dataclass(frozen=True)
class Workbook:
    """The sheets of one workbook (a file, or a folder of CSV files), by name."""

    path: Path
    sheets: dict[str, Sheet]

    def where(self, sheet: str, row: int | None = None, column: str | None = None) -> str:
        """``vendors.xlsx: sheet engagements, row 17, column "Delivery country"`` (as much as is known)."""
        text = f"{self.path}: sheet {sheet}"
        if row is not None:
            text += f", row {row}"
        if column is not None:
            text += f', column "{column}"'
        return text


def is_spreadsheet(path: Path) -> bool:
    """A workbook file, a CSV file, or a folder holding CSV files (and no RDF)."""
    if path.is_dir():
        return any(p.suffix.lower() == ".csv" for p in path.iterdir())
    return path.suffix.lower() in SPREADSHEET_SUFFIXES


def read_workbook(path: Path) -> Workbook:
    """The sheets of ``path`` (``.xlsx``, ``.csv``, or a folder of ``.csv`` files) as text tables."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if not files:
            raise InputError(f"{path}: folder holds no CSV file")
        sheets = [_csv_sheet(p, p.stem) for p in files if p.stem.casefold() not in NOTES_SHEETS]
    elif path.suffix.lower() == ".csv":
        sheets = [_csv_sheet(path, path.stem)]
    else:
        sheets = list(_excel_sheets(path))
    found = {sheet.name: sheet for sheet in sheets if sheet.rows}
    if not found:
        raise InputError(f"{path}: the workbook holds no data (no sheet has a row below its header)")
    return Workbook(path, found)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def _excel_sheets(path: Path) -> Iterator[Sheet]:
    from python_calamine import CalamineError, CalamineWorkbook

    head = _read_bytes(path)[:8]
    if head.startswith(_OLE_MAGIC):
        raise InputError(
            f"{path}: the workbook is password-protected (encrypted), or an old .xls file; "
            "save it unprotected as .xlsx (Excel: File > Info > Protect Workbook > Encrypt with Password, clear it)"
        )
    if not head.startswith(_ZIP_MAGIC):
        raise InputError(f"{path}: not an Excel .xlsx workbook (the file is damaged or of another kind)")
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
        tables = [(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in names]
    except (CalamineError, ValueError, OSError) as error:
        raise InputError(f"{path}: cannot read the workbook (damaged?): {' '.join(str(error).split())}") from None
    for name, cells in tables:
        if name.casefold() not in NOTES_SHEETS:
            yield _sheet(path, name, [[_text(value) for value in row] for row in cells])


def _csv_sheet(path: Path, name: str) -> Sheet:
    data = _read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: not UTF-8 text; save the CSV file as 'CSV UTF-8' "
            "(Excel: File > Save As > CSV UTF-8), not in a Windows or Mac code page"
        ) from None
    if "\x00" in text:
        raise InputError(f"{path}: contains NUL bytes (a binary file, or UTF-16 text: save it as CSV UTF-8)")
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)  # Excel writes ";" where the decimal mark is a comma
    try:
        cells = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise InputError(f"{path}: not a readable CSV file: {error}") from None
    return _sheet(path, name, cells)


def _sheet(path: Path, name: str, cells: Sequence[Sequence[str]]) -> Sheet:
    """A sheet from its cells: the first non-empty row is the header; trailing empty rows and
    columns are dropped; every row is padded to the header's width."""
    rows = [[cell.strip() for cell in row] for row in cells]
    start = next((i for i, row in enumerate(rows) if any(row)), None)
    if start is None:
        return Sheet(name, (), [])
    header = rows[start]
    while header and not header[-1]:
        header.pop()
    where = f"{path}: sheet {name}, row {start + 1}"
    blank = [i + 1 for i, column in enumerate(header) if not column]
    if blank:
        raise InputError(f"{where}: the header has an empty cell in column {blank[0]}; every column needs a name")
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise InputError(f'{where}: the header names column "{column}" twice')
        seen.add(column)
    width = len(header)
    body = rows[start + 1 :]
    while body and not any(body[-1]):
        body.pop()
    for offset, row in enumerate(body):
        extra = [cell for cell in row[width:] if cell]
        if extra:
            raise InputError(
                f'{path}: sheet {name}, row {start + 2 + offset}: a value ("{extra[0]}") stands right of the '
                "last named column; give that column a name in the header"
            )
    table = [tuple((row + [""] * width)[:width]) for row in body]
    return Sheet(name, tuple(header), table, first_row=start + 2)


def _text(value: object) -> str:
    """A cell as the text its typist meant: whole numbers without '.0', dates as ISO 8601, booleans
    as yes/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    return str(value)
