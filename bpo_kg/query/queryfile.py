"""SPARQL query files with a metadata header: ``# key: value`` comment lines before the query.

A value may continue on following comment lines indented by at least two spaces. The query is
parsed once (rdflib ``prepareQuery``) when the file is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from bpo_kg.errors import QueryFileError
from bpo_kg.terms import KNOWN_PREFIXES

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


def adhoc_query(text: str, source: str) -> QueryFile:
    """A query the user wrote (a ``.rq`` file or ``--sparql`` text, named by ``source``): any
    ``# param:`` header lines declare its parameters; the shipped prefixes (``bpo:``, ``ex:``, ``rdfs:``…)
    are declared unless it declares them; only a SELECT gives a table, so only SELECT runs."""
    declared = {m.lower() for m in re.findall(r"\bPREFIX\s+([\w.-]*):", text, re.IGNORECASE)}
    shipped = {prefix: ns for prefix, ns in KNOWN_PREFIXES.items() if prefix not in declared}
    try:
        prepared = prepareQuery(text, initNs=shipped)  # positions in messages are the user's
    except Exception as error:  # pyparsing raises its own types
        raise QueryFileError(f"{source}: SPARQL does not parse: {' '.join(str(error).split())}") from None
    form = prepared.algebra.name
    if form != "SelectQuery":
        raise QueryFileError(f"{source}: only SELECT queries can be run, not a {form.removesuffix('Query').upper()}")
    path = Path(source)
    prologue = "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in shipped.items())
    _check_standard(prologue + text, len(shipped), source)
    return QueryFile(
        name=source,
        path=path,
        metadata=parse_header(text),
        text=prologue + text,
        prepared=prepared,
        parameters=_parameters(path, text),
    )


def _check_standard(text: str, added_lines: int, source: str) -> None:
    """Refuse what SPARQL 1.1 forbids but rdflib lets through (``SELECT ?x … GROUP BY ?y``): Oxigraph's
    parser, on an empty store, is the judge (``added_lines`` of prologue are not the user's)."""
    try:
        ox.Store().query(text)
    except SyntaxError as error:
        message = " ".join(str(error).split())
        if match := re.match(r"error at (\d+):(\d+): (.*)", message):
            line, column, message = int(match.group(1)) - added_lines, match.group(2), match.group(3)
            message = f"line {line}, column {column}: {message}"
        raise QueryFileError(f"{source}: not standard SPARQL 1.1: {message[:160]}") from None
