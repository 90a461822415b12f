"""Query results: rows of RDF terms under named columns, as a table, CSV or SPARQL-JSON-like JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Literal, Node, URIRef

Row = tuple[Node | None, ...]


@dataclass
class QueryResult:
    """Rows of RDF terms under named columns."""

    columns: list[str]
    rows: list[Row]

    def to_json(self) -> str:
        def cell(term: Node | None) -> dict | None:
            if term is None:
                return None
            if isinstance(term, Literal):
                out = {"type": "literal", "value": str(term)}
                if term.language:
                    out["lang"] = term.language
                elif term.datatype:
                    out["datatype"] = str(term.datatype)
                return out
            return {"type": "uri" if isinstance(term, URIRef) else "bnode", "value": str(term)}

        rows = [{col: cell(term) for col, term in zip(self.columns, row, strict=True)} for row in self.rows]
        return json.dumps({"columns": self.columns, "rows": rows}, indent=2, ensure_ascii=False)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(["" if term is None else str(term) for term in row] for row in self.rows)
        return out.getvalue()

    def to_table(self, shorten: Callable[[str], str] = str) -> str:
        def text(term: Node | None) -> str:
            if term is None:
                return ""
            return shorten(str(term)) if isinstance(term, URIRef) else str(term)

        cells = [self.columns] + [[text(term) for term in row] for row in self.rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.columns))]
        lines = [
            "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip() for row in cells
        ]
        lines.insert(1, "  ".join("-" * width for width in widths))
        lines.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(lines)
