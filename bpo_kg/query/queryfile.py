"""SPARQL query files with a metadata header: ``# key: value`` comment lines before the query.

A value may continue on following comment lines indented by at least two spaces. The query is
parsed once (rdflib ``prepareQuery``) when the file is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from bpo_kg.errors import QueryFileError

_KEY_LINE = re.compile(r"^#\s*([A-Za-z][\w-]*)\s*:\s*(.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*)$")


@dataclass(frozen=True)
class Parameter:
    """A query parameter from a ``# param: NAME TYPE DESCRIPTION`` header line."""

    name: str
    type: str
    description: str


PARAMETER_TYPES = ("iri", "string", "integer")


@dataclass(frozen=True)
class QueryFile:
    """One named query: its metadata header, its text and its parsed form."""

    name: str
    path: Path
    metadata: dict[str, str]
    text: str
    prepared: Query = field(repr=False, compare=False)
    parameters: tuple[Parameter, ...] = ()

    @property
    def description(self) -> str:
        return self.metadata.get("description", "")


def parse_header(text: str) -> dict[str, str]:
    """The ``# key: value`` lines at the top of a query text, keys lower-cased."""
    metadata: dict[str, str] = {}
    last: str | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if (match := _KEY_LINE.match(line)) is not None:
            last = match.group(1).lower()
            metadata[last] = match.group(2).strip()
        elif last is not None and (match := _CONTINUATION.match(line)) is not None:
            metadata[last] += " " + match.group(1).strip()
    return metadata


def _parameters(path: Path, text: str) -> tuple[Parameter, ...]:
    found = []
    for line in re.findall(r"^#\s*param:\s*(.+)$", text, re.M):
        name, kind, *rest = [*line.split(None, 2), ""]
        if kind not in PARAMETER_TYPES:
            raise QueryFileError(f"{path}: parameter {name!r} has type {kind!r}, not one of {PARAMETER_TYPES}")
        if f"?{name}" not in text:
            raise QueryFileError(f"{path}: parameter {name!r} is not a variable of the query")
        found.append(Parameter(name, kind, " ".join(rest).strip()))
    return tuple(found)


def read_query_file(path: Path) -> QueryFile:
    """Read, check and parse one ``.rq`` file."""
    text = path.read_text(encoding="utf-8")
    metadata = parse_header(text)
    name = metadata.get("name")
    if not name:
        raise QueryFileError(f"{path}: header lacks '# name: ...'")
    if name != path.stem:
        raise QueryFileError(f"{path}: header name {name!r} differs from the file name")
    try:
        prepared = prepareQuery(text)
    except Exception as error:  # pyparsing raises its own types
        raise QueryFileError(f"{path}: SPARQL does not parse: {' '.join(str(error).split())}") from None
    return QueryFile(
        name=name, path=path, metadata=metadata, text=text, prepared=prepared, parameters=_parameters(path, text)
    )


def read_query_folder(folder: Path) -> list[QueryFile]:
    """Every ``.rq`` file directly in ``folder``, sorted by name."""
    return [read_query_file(path) for path in sorted(folder.glob("*.rq"))]
