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
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
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


def _config(mapping_path: Path) -> str:
    functions = Path(__file__).with_name("rml_functions.py")
    return (
        "[CONFIGURATION]\n"
        f"udfs={functions}\n"
        "number_of_processes=1\n"
        "na_values=\n"
        "logging_level=ERROR\n"
        "[DataSource1]\n"
        f"mappings={mapping_path}\n"
    )


@cache
def _parsed(mapping_path: Path, modified_ns: int) -> tuple:
    """morph-kgc's reading of the mapping (rules and functions as tables): 1.3 s for the shipped one,
    done once per mapping file and process."""
    from morph_kgc.args_parser import load_config_from_argument
    from morph_kgc.mapping.mapping_parser import retrieve_mappings

    return retrieve_mappings(load_config_from_argument(_config(mapping_path)))


def run_mapping(
    workbook: Workbook, mapping: Mapping, context: Context, read: dict[tuple[str, str], list[str]]
) -> list[str]:
    """The N-Triples lines (without the final dot) the mapping gives for ``workbook``, whose literal
    columns are given as ``read`` (their lexical forms).

    This is morph-kgc's ``materialize_set`` (2.10.0, pinned) with the mapping read once per process."""
    try:
        import pandas as pd
        from morph_kgc.args_parser import load_config_from_argument
        from morph_kgc.constants import RML_TRIPLES_MAP_CLASS
        from morph_kgc.materializer import _materialize_mapping_group_to_set
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
    logging.getLogger("morph_kgc").setLevel(logging.ERROR)
    config = load_config_from_argument(_config(mapping.path))
    rules, functions, http_sources = (table.copy() for table in _parsed(mapping.path, mapping.path.stat().st_mtime_ns))
    config.set("CONFIGURATION", "http_api_df", http_sources.to_csv())
    asserted = rules.loc[rules["triples_map_type"] == RML_TRIPLES_MAP_CLASS]
    triples: set[str] = set()
    with _current(context):
        for _, group in asserted.groupby(by="mapping_partition"):
            triples.update(_materialize_mapping_group_to_set(group, rules, functions, config, frames))
    return list(triples)
