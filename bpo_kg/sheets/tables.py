"""Results as an Excel workbook: one sheet per table, a bold frozen header with filters."""

from __future__ import annotations

import io
from collections.abc import Sequence

Table = tuple[Sequence[str], Sequence[Sequence[object]]]  # header, rows


def table_workbook(tables: dict[str, Table]) -> bytes:
    """The ``.xlsx`` bytes of ``tables`` (sheet name -> header and rows)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name, (header, rows) in tables.items():
        page = book.create_sheet(name[:31])  # Excel's limit for a sheet name
        page.append(list(header))
        for row in rows:
            page.append(["" if value is None else value for value in row])
        for cell in page[1]:
            cell.font = Font(bold=True)
        page.freeze_panes = "A2"
        if header:
            page.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
        for at, column in enumerate(header, start=1):
            longest = max([len(str(column))] + [len(str(row[at - 1])) for row in rows[:200] if at - 1 < len(row)])
            page.column_dimensions[get_column_letter(at)].width = max(10, min(80, longest + 2))
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()
