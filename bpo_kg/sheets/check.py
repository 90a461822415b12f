"""Every cell of a workbook checked against the mapping before the RML engine runs: all problems of the
file, one line each with the sheet, row and column (``vendors.xlsx: sheet engagements, row 17, column
"Delivery country": "Inida" is not a country; did you mean "India" (IN)?``), and warnings for what
the mapping does not read."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from bpo_kg.sheets.mapping import CellRead, Mapping
from bpo_kg.sheets.values import Context, Refused, Vocabulary
from bpo_kg.sheets.workbook import NOTES_SHEETS, Sheet, Workbook


@dataclass
class Findings:
    """Problems (nothing is imported), warnings, and the literal columns as read (their lexical forms)."""

    workbook: Workbook
    order: list[str]  # the sheets in the mapping's order: problems are listed sheet by sheet, row by row
    found: list[tuple[tuple, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    read: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (sheet, column) -> cells

    def problem(self, sheet: str, message: str, row: int | None = None, column: str | None = None) -> None:
        at = self.order.index(sheet) if sheet in self.order else -1
        columns = self.workbook.sheets[sheet].columns if sheet in self.workbook.sheets else ()
        place = columns.index(column) if column in columns else -1
        self.found.append(((at, row or 0, place), f"{self.workbook.where(sheet, row, column)}: {message}"))

    @property
    def problems(self) -> list[str]:
        return [text for _, text in sorted(self.found, key=lambda item: item[0])]


def sheet_keys(workbook: Workbook, mapping: Mapping, findings: Findings) -> dict[str, dict[str, int]]:
    """Each mapped sheet's keys with their row numbers; an empty or repeated key is a problem."""
    keys: dict[str, dict[str, int]] = {}
    for name in mapping.sheets():
        sheet = workbook.sheets.get(name)
        column = mapping.key_column(name)
        if sheet is None or column is None or column not in sheet.columns:
            continue
        seen: dict[str, int] = {}
        for index, key in enumerate(sheet.column(column)):
            row = sheet.row_number(index)
            if not key:
                findings.problem(name, "the key is empty; every row needs one", row, column)
            elif key in seen:
                findings.problem(name, f'the key "{key}" is already used by row {seen[key]}', row, column)
            else:
                seen[key] = row
        keys[name] = seen
    return keys


def check_workbook(workbook: Workbook, mapping: Mapping, base: str, vocabulary: Vocabulary) -> tuple[Context, Findings]:
    """The context the functions run in, and every problem and warning of ``workbook``."""
    mapped = mapping.sheets()
    findings = Findings(workbook, mapped)
    for name in workbook.sheets:
        if name not in mapped and name.casefold() not in NOTES_SHEETS:
            close = difflib.get_close_matches(name, mapped, n=1, cutoff=0.75)
            if close:
                findings.problem(name, f'no such sheet in the mapping; did you mean "{close[0]}"?')
            else:
                findings.warnings.append(
                    f"{workbook.where(name)}: not imported (the mapping reads {', '.join(mapped)})"
                )
    if not any(name in workbook.sheets for name in mapped):
        listed = ", ".join(sorted(workbook.sheets))
        findings.found.append(((-1, 0, 0), f"{workbook.path}: none of its sheets ({listed}) is one the mapping reads"))
    for name in mapped:
        if name in workbook.sheets:
            _check_columns(workbook, workbook.sheets[name], mapping, findings)
    context = Context(base, sheet_keys(workbook, mapping, findings), vocabulary)
    for name in mapped:
        sheet = workbook.sheets.get(name)
        if sheet is not None:
            _check_cells(workbook, sheet, mapping.reads(name), context, findings)
            _check_language_pairs(workbook, sheet, mapping, name, findings)
    return context, findings


def _check_columns(workbook: Workbook, sheet: Sheet, mapping: Mapping, findings: Findings) -> None:
    known = mapping.columns(sheet.name)
    for column in mapping.required(sheet.name):
        if column not in sheet.columns:
            findings.problem(sheet.name, f'the required column "{column}" is missing')
    for column in sheet.columns:
        if column in known:
            continue
        close = difflib.get_close_matches(column, known, n=1, cutoff=0.75)
        if close and close[0] not in sheet.columns:
            findings.problem(sheet.name, f'column "{column}" is not in the mapping; did you mean "{close[0]}"?')
        else:
            findings.warnings.append(f'{workbook.where(sheet.name)}: column "{column}" is not imported')


def _check_cells(workbook: Workbook, sheet: Sheet, reads: list[CellRead], context: Context, findings: Findings) -> None:
    done: set[tuple] = set()
    for read in reads:
        if read.column not in sheet.columns or (read.column, read.check, read.arguments, read.required) in done:
            continue
        done.add((read.column, read.check, read.arguments, read.required))
        arguments = dict(read.arguments)
        answers: dict[str, str | list[str] | Refused | None] = {}
        cells = sheet.column(read.column)
        for index, text in enumerate(cells):
            if not text:
                if read.required:
                    findings.problem(
                        sheet.name, "empty, but this column must be filled", sheet.row_number(index), read.column
                    )
                continue
            if read.check is None:
                continue
            if text not in answers:
                try:
                    answers[text] = context.call(read.check, text, arguments)
                except Refused as refused:
                    answers[text] = refused
            if isinstance(answers[text], Refused):
                findings.problem(sheet.name, str(answers[text]), sheet.row_number(index), read.column)
        if read.reader is not None:  # the engine writes the lexical form the reader gave
            findings.read[(sheet.name, read.column)] = [
                answer if isinstance(answer := answers.get(text, ""), str) else text for text in cells
            ]


def _check_language_pairs(workbook: Workbook, sheet: Sheet, mapping: Mapping, name: str, findings: Findings) -> None:
    """A text whose language comes from another column needs both cells (else RML drops it silently)."""
    for triples_map in mapping.maps_of(name):
        for rule in triples_map.rules:
            if rule.language_column is None or rule.read is None:
                continue
            text_column, language_column = rule.read.column, rule.language_column
            if text_column not in sheet.columns:
                continue
            if language_column not in sheet.columns:
                findings.problem(name, f'column "{text_column}" needs the column "{language_column}"')
                continue
            for index, (text, language) in enumerate(
                zip(sheet.column(text_column), sheet.column(language_column), strict=True)
            ):
                if text and not language:
                    message = f'empty, but "{text_column}" needs its language (such as de)'
                    findings.problem(name, message, sheet.row_number(index), language_column)
