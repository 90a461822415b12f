"""The RML engine: morph-kgc runs the mapping over the checked sheets, given to it in memory.

Things morph-kgc 2.10 would otherwise do silently are avoided here: it strips double quotes from
in-memory text columns of object type (the frames are given as pandas string columns, which it
leaves alone); it treats a cell reading "nan" as empty (``na_values`` is set to the empty cell only);
it fails on literals given by functions (literal columns are read before it runs, see
:attr:`~bpo_kg.sheets.mapping.CellRead.reader`); and it rounds integers through a float (the
integer reader refuses numbers of more than 15 digits).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bpo_kg.errors import InputError
from bpo_kg.sheets.mapping import Mapping
from bpo_kg.sheets.values import Context
from bpo_kg.sheets.workbook import Sheet, Workbook

INSTALL_HINT = (
    "reading spreadsheets needs the RML engine morph-kgc: pip install --no-deps morph-kgc==2.10.0 "
    "(see README: its metadata pins an old pyoxigraph it does not need)"
)
_context: Context | None = None
_answers: dict[tuple, object] = {}


def answer(function: str, value: str, **arguments: str) -> object:
    """``function`` applied to ``value`` in the current import's context (memoised)."""
    key = (function, value, *arguments.values())  # each function passes its arguments in one order
    if key not in _answers:
        if _context is None:
            raise RuntimeError("bpo-kg spreadsheet functions called outside an import")
        _answers[key] = _context.call(function, value, arguments)
    return _answers[key]


@contextmanager
def _current(context: Context) -> Iterator[None]:
    global _context
    _context, previous = context, _context
    _answers.clear()
    try:
        yield
    finally:
        _context = previous
        _answers.clear()


def _cells(sheet: Sheet, column: str, read: dict[tuple[str, str], list[str]]) -> list[str]:
    if (sheet.name, column) in read:
        return read[(sheet.name, column)]
    return sheet.column(column) if column in sheet.columns else [""] * len(sheet.rows)


def run_mapping(
    workbook: Workbook, mapping: Mapping, context: Context, read: dict[tuple[str, str], list[str]]
) -> list[str]:
    """The N-Triples lines (without the final dot) the mapping gives for ``workbook``, whose literal
    columns are given as ``read`` (their lexical forms)."""
    try:
        import morph_kgc
        import pandas as pd
    except ImportError:
        raise InputError(f"{workbook.path}: {INSTALL_HINT}") from None
    frames = {}
    for name in mapping.sheets():
        columns = mapping.columns(name)
        sheet = workbook.sheets.get(name)
        if sheet is None:
            frames[name] = pd.DataFrame({column: pd.Series([], dtype="string") for column in columns})
            continue
        data = {column: _cells(sheet, column, read) for column in columns}
        frames[name] = pd.DataFrame(data, dtype="string")
    functions = Path(__file__).with_name("rml_functions.py")
    with tempfile.TemporaryDirectory(prefix="bpo-kg-rml-") as folder:
        config = Path(folder) / "config.ini"
        config.write_text(
            "[CONFIGURATION]\n"
            f"udfs={functions}\n"
            "number_of_processes=1\n"
            "na_values=\n"
            "logging_level=ERROR\n"
            "[DataSource1]\n"
            f"mappings={mapping.path}\n",
            encoding="utf-8",
        )
        logging.getLogger("morph_kgc").setLevel(logging.ERROR)
        with _current(context):
            return list(morph_kgc.materialize_set(str(config), python_source=frames))
