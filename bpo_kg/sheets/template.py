"""The vendor workbook as people fill it in: one sheet per kind of record with its columns (from the
mapping), a ``notes`` sheet saying what each column holds and how to write it, a ``lists`` sheet of the
closed values, and Excel data validation offering them. A folder of CSV files is the same without the
validation. ``bpo-kg template`` writes it empty; ``bpo-kg export`` writes it filled."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from bpo_kg.errors import InputError
from bpo_kg.output_folder import replace_folder, write_file
from bpo_kg.sheets.mapping import CellRead, Mapping, functions_file
from bpo_kg.sheets.values import Names, Vocabulary
from bpo_kg.sheets.workbook import NOTES_SHEETS

Rows = dict[str, list[list[str]]]  # sheet -> rows of cells, in the sheet's column order
NOTES, LISTS = sorted(NOTES_SHEETS)[::-1]  # "notes", "lists"


@dataclass(frozen=True)
class Column:
    """One column as the template describes it."""

    sheet: str
    name: str
    required: bool
    holds: str  # what the column means (the ontology's words)
    write: str  # how to write a value (the function's words)
    choices: tuple[str, ...]  # the values offered, if any
    closed: bool  # only the values offered are allowed (Excel warns about others)


@cache
def _function_notes() -> dict[str, str]:
    graph = Graph().parse(functions_file(), format="turtle")
    return {str(s).rsplit("#", 1)[-1]: str(o) for s, o in graph.subject_objects(RDFS.comment)}


PLAIN_NOTES = {
    str(RDF.type): "The kind of record: its class in the ontology (rdf:type).",
    str(RDFS.label): "The name people use for it (rdfs:label).",
}


def _property_note(ontology: Graph, predicate: str) -> str:
    if predicate in PLAIN_NOTES:
        return PLAIN_NOTES[predicate]
    iri = URIRef(predicate)
    label = next((str(o) for o in ontology.objects(iri, RDFS.label) if getattr(o, "language", None) == "en"), None)
    definition = next((str(o) for o in ontology.objects(iri, SKOS.definition)), "")
    short = predicate.rsplit("#", 1)[-1]
    return f"{label or short} (bpo:{short}). {definition}".strip()


def _choices(read: CellRead, vocabulary: Vocabulary) -> Names | None:
    cls = read.argument("class")
    function = read.check
    if function == "instance" and cls:
        return vocabulary.instances.get(cls)
    if function == "subclass" and cls:
        return vocabulary.subclasses.get(cls)
    if function in {"country", "place"}:
        return vocabulary.countries
    if function == "language":
        return vocabulary.languages
    return None


def describe(mapping: Mapping, ontology: Graph, vocabulary: Vocabulary) -> list[Column]:
    """Every column of every sheet, described for people."""
    notes = _function_notes()
    columns: list[Column] = []
    for sheet in mapping.sheets():
        for name in mapping.columns(sheet):
            rules = [rule for m in mapping.maps_of(sheet) for rule in m.rules]
            uses = [rule for rule in rules if rule.read and rule.read.column == name]
            subjects = [m for m in mapping.maps_of(sheet) if m.subject.column == name]
            reads = [read for read in mapping.reads(sheet) if read.column == name]
            read = next((r for r in reads if r.check), reads[0])
            if any(m.of_rows for m in subjects):
                holds = "The row's key: unique in the sheet; other sheets refer to the row by it."
            elif subjects:  # the rows this column names are the subject, the row's own key the object
                holds = " ".join(_property_note(ontology, rule.predicate) for m in subjects for rule in m.rules)
            elif read.function == "classIfYes":  # a yes/no column that adds a class
                holds = "yes if it is a " + _property_note(ontology, read.argument("class") or "")
            elif uses:
                holds = " ".join(dict.fromkeys(_property_note(ontology, rule.predicate) for rule in uses))
            else:
                holds = "The language of the text in the column before (a language tag such as de)."
            function = read.function or read.reader
            write = notes.get(function or "", "Text, as written.")
            if read.argument("sheet"):
                write += f" (sheet {read.argument('sheet')})"
            names = _choices(read, vocabulary)
            choices = tuple(sorted(names.shown[iri] for iri in names.shown)) if names else ()
            if function in {"yesNo", "classIfYes"}:
                choices = ("yes", "no")
            closed = function in {"subclass", "yesNo", "classIfYes"}
            required = any(r.required for r in reads) or any(m.of_rows for m in subjects)
            columns.append(Column(sheet, name, required, holds, write, choices, closed))
    return columns


def write_template(
    out: Path, mapping: Mapping, ontology: Graph, vocabulary: Vocabulary, rows: Rows | None = None
) -> None:
    """The workbook (``.xlsx``) or folder of CSV files at ``out``, with ``rows`` if given; written all or
    nothing (a folder is replaced as a whole, and only one that holds nothing but sheets)."""
    columns = describe(mapping, ontology, vocabulary)
    rows = rows or {}
    try:
        if out.suffix.lower() == ".xlsx":
            write_file(out, _excel(mapping, columns, rows))
        else:
            replace_folder(_csv_files(mapping, columns, rows), out)
    except OSError as error:
        raise InputError(f"{out}: cannot write: {error.strerror or error}") from None


def _note_rows(columns: Sequence[Column]) -> list[list[str]]:
    header = ["sheet", "column", "required", "what it holds", "how to write it"]
    return [header] + [[c.sheet, c.name, "yes" if c.required else "", c.holds, c.write] for c in columns]


def _csv_bytes(rows: Sequence[Sequence[str]]) -> bytes:
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    return text.getvalue().encode("utf-8")


def _csv_files(mapping: Mapping, columns: Sequence[Column], rows: Rows) -> dict[str, bytes]:
    files = {f"{sheet}.csv": _csv_bytes([mapping.columns(sheet), *rows.get(sheet, [])]) for sheet in mapping.sheets()}
    files[f"{NOTES}.csv"] = _csv_bytes(_note_rows(columns))
    return files


def _excel(mapping: Mapping, columns: Sequence[Column], rows: Rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    lists = book.create_sheet(LISTS) if any(c.choices for c in columns) else None
    list_ranges: dict[tuple[str, ...], str] = {}
    for sheet in mapping.sheets():
        sheet_columns = [c for c in columns if c.sheet == sheet]
        page = book.create_sheet(sheet)
        page.append([c.name for c in sheet_columns])
        for row in rows.get(sheet, []):
            page.append([_cell(value) for value in row])
        page.freeze_panes = "B2"
        for at, column in enumerate(sheet_columns, start=1):
            cell = page.cell(row=1, column=at)
            cell.font = Font(bold=True)
            cell.comment = Comment(f"{column.holds}\n\n{column.write}", "bpo-kg", width=400, height=160)
            letter = get_column_letter(at)
            page.column_dimensions[letter].width = max(12, min(40, len(column.name) + 4))
            if column.choices and lists is not None:
                if column.choices not in list_ranges:
                    list_at = get_column_letter(len(list_ranges) + 1)
                    title = f"{sheet}: {column.name}"
                    lists.cell(row=1, column=len(list_ranges) + 1, value=title).font = Font(bold=True)
                    for offset, choice in enumerate(column.choices, start=2):
                        lists.cell(row=offset, column=len(list_ranges) + 1, value=choice)
                    list_ranges[column.choices] = f"{LISTS}!${list_at}$2:${list_at}${len(column.choices) + 1}"
                validation = DataValidation(type="list", formula1=list_ranges[column.choices], allow_blank=True)
                # lists ("telephone; chat") and keys of the places sheet are allowed beside the offered values
                validation.showErrorMessage = column.closed
                validation.errorStyle = "warning"
                validation.error = f"Not one of the values offered; see the sheet {NOTES}."
                page.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}100000")
    notes = book.create_sheet(NOTES)
    for row in _note_rows(columns):
        notes.append(row)
    for at, width in enumerate((16, 26, 9, 80, 80), start=1):
        notes.column_dimensions[get_column_letter(at)].width = width
    for cell in notes[1]:
        cell.font = Font(bold=True)
    if lists is not None:
        book.move_sheet(LISTS, offset=len(book.sheetnames))
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _cell(value: str) -> str | int:
    """Whole numbers as numbers (Excel would flag them as text otherwise); everything else as text."""
    return int(value) if value.isdigit() and len(value) < 15 and not value.startswith("0") else value
