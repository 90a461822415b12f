"""Results longer than a SPARQL server's row cap, fetched page by page: the query becomes a
sub-query ordered by its own ORDER BY and then by every projected variable (a total order, so pages
neither overlap nor skip), with LIMIT cap OFFSET n, until a page comes back short.

Only a query whose text ends in ``ORDER BY`` over plain variables and has no LIMIT or OFFSET of its
own is paged (every named query); any other query cut by the cap stays an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rdflib import Node

from bpo_kg.errors import TruncatedResultError

_ORDER = re.compile(r"\bORDER\s+BY((?:\s+(?:\?\w+|(?:ASC|DESC)\s*\(\s*\?\w+\s*\)))+)\s*$", re.IGNORECASE)
_SELECT = re.compile(r"^\s*SELECT\b", re.IGNORECASE | re.MULTILINE)
_LIMITED = re.compile(r"\b(LIMIT|OFFSET)\b", re.IGNORECASE)
MAX_PAGES = 1000

Select = Callable[[str], tuple[list[str], list[tuple[Node | None, ...]]]]


def pageable(text: str) -> bool:
    return bool(_ORDER.search(text) and _SELECT.search(text)) and not _LIMITED.search(text)


def select_in_pages(text: str, columns: list[str], cap: int, select: Select) -> list[tuple[Node | None, ...]]:
    """Every row of the SELECT ``text`` (projecting ``columns``), ``cap`` rows at a time."""
    order = _ORDER.search(text)
    start = _SELECT.search(text).start()
    prologue, body = text[:start], text[start : order.start()]
    keys = order.group(1).split()
    named = set(re.findall(r"\?(\w+)", order.group(1)))
    keys += [f"?{column}" for column in columns if column not in named]
    rows: list[tuple[Node | None, ...]] = []
    for page in range(MAX_PAGES):
        query = f"{prologue}SELECT * WHERE {{ {{ {body} }} }} ORDER BY {' '.join(keys)} LIMIT {cap} OFFSET {page * cap}"
        _columns, found = select(query)
        rows += found
        if len(found) < cap:
            return rows
    raise TruncatedResultError(f"more than {MAX_PAGES} pages of {cap} rows: narrow the query", cap)
