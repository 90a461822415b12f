"""Results longer than a SPARQL server's row cap, fetched in parts. Two ways:

- pages, for a query whose order matters: the query becomes a sub-query ordered by its own ORDER BY
  (if it ends in one) and then by every projected variable (a total order, so pages neither overlap
  nor skip), with LIMIT size OFFSET n, until a page comes back short. Servers cap what they sort
  (Virtuoso: offset + limit at most 10,000 by default), so this serves results of modest length;
- partitions, for a large result in any order: the rows split by a hash of one variable
  (:func:`partitions`), each part a query of its own, no sorting on the server.

Only a SELECT without LIMIT or OFFSET of its own is split (a LIMIT would be applied before the
split and change the answer); any other query cut by the cap stays an error.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from rdflib import Node

from bpo_kg.errors import TruncatedResultError

_ORDER = re.compile(r"\bORDER\s+BY((?:\s+(?:\?\w+|(?:ASC|DESC)\s*\(\s*\?\w+\s*\)))+)\s*$", re.IGNORECASE)
_SELECT = re.compile(r"^\s*SELECT\b", re.IGNORECASE | re.MULTILINE)
_LIMITED = re.compile(r"\b(LIMIT|OFFSET)\b", re.IGNORECASE)
MAX_PAGES = 1000

Rows = list[tuple[Node | None, ...]]
Select = Callable[[str], tuple[list[str], Rows]]


def pageable(text: str) -> bool:
    return bool(_SELECT.search(text)) and not _LIMITED.search(text)


def _split(text: str) -> tuple[str, str, re.Match | None]:
    """The prologue, the SELECT without its final ORDER BY, and that ORDER BY."""
    order = _ORDER.search(text)
    start = _SELECT.search(text).start()
    return text[:start], text[start : order.start() if order else len(text)], order


BUCKETS = 16**4  # hash prefixes (4 hex digits) a result is partitioned over


def count_query(text: str) -> str:
    """How many rows the SELECT ``text`` has."""
    prologue, body, _order = _split(text)
    return f"{prologue}SELECT (COUNT(*) AS ?rows) WHERE {{ {{ {body} }} }}"


# A query may mark where the part's filter goes (inside a GROUP BY, so that each part groups only
# its own rows); unmarked, the whole query is filtered. Unreplaced, the mark is a comment.
PART_MARK = "# bpo-kg: the part's filter\n"


def partition(text: str, column: str, low: int, high: int) -> str:
    """The rows of the SELECT ``text`` whose ``column`` hashes into the buckets [low, high). A value
    that cannot be hashed (unbound, a blank node on some servers) hashes to "" and so falls in the
    first part: every row is in exactly one part."""
    bucket = f'COALESCE(SUBSTR(MD5(STR(?{column})), 1, 4), "")'
    low_test = f'{bucket} >= "{low:04x}"' if low else "true"
    high_test = f'{bucket} < "{high:04x}"' if high < BUCKETS else "true"
    test = f"FILTER({low_test} && {high_test})"
    if PART_MARK in text:
        return text.replace(PART_MARK, f"{test}\n")
    prologue, body, _order = _split(text)
    return f"{prologue}SELECT * WHERE {{ {{ {body} }} {test} }}"


def bucket_ranges(parts: int) -> list[tuple[int, int]]:
    """``parts`` ranges of equal width that cover every bucket."""
    parts = max(1, min(parts, BUCKETS))
    bounds = [BUCKETS * i // parts for i in range(parts + 1)]
    return list(itertools.pairwise(bounds))


def first_row(text: str) -> str:
    """The SELECT ``text`` cut to one row (the server then names the variables it projects)."""
    prologue, body, _order = _split(text)
    return f"{prologue}SELECT * WHERE {{ {{ {body} }} }} LIMIT 1"


def select_in_pages(text: str, columns: list[str], cap: int, select: Select) -> Rows:
    """Every row of the SELECT ``text`` (projecting ``columns``), ``cap`` rows at a time."""
    prologue, body, order = _split(text)
    keys = order.group(1).split() if order else []
    named = set(re.findall(r"\?(\w+)", order.group(1))) if order else set()
    keys += [f"?{column}" for column in columns if column not in named]
    rows: Rows = []
    for page in range(MAX_PAGES):
        query = f"{prologue}SELECT * WHERE {{ {{ {body} }} }} ORDER BY {' '.join(keys)} LIMIT {cap} OFFSET {page * cap}"
        found = select(query)[1]
        rows += found
        if len(found) < cap:
            return rows
    raise TruncatedResultError(f"more than {MAX_PAGES} pages of {cap} rows: narrow the query", cap)
