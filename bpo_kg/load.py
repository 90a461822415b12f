"""Load RDF files into one rdflib graph, once, with errors that name the file and position.

Every later stage (reason, validate, query) takes the graph this module returns; nothing
re-parses. Bad input raises :class:`InputError`, whose message is one line:
``path:line:column: what is wrong``.
"""

from __future__ import annotations

import difflib
import json
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from xml.sax import SAXParseException

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import _is_valid_uri

FORMAT_BY_SUFFIX = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}
FORMAT_ALIASES = {
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "xml": "xml",
    "rdfxml": "xml",
    "rdf/xml": "xml",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
}
# Suffixes picked up when a folder is given: .xml and .json are left out, since folders of
# ontology projects hold catalogs and other non-RDF files with those suffixes.
FOLDER_SUFFIXES = frozenset(FORMAT_BY_SUFFIX) - {".xml", ".json"}
Parsed = TypeVar("Parsed", Graph, ox.Store)
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class InputError(Exception):
    """Bad user input: the message is a single line naming the file and, where known, the position."""


@dataclass(frozen=True)
class Position:
    line: int | None = None
    column: int | None = None

    def render(self, path: Path) -> str:
        where = str(path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where


def input_error(path: Path, message: str, position: Position = Position()) -> InputError:
    one_line = " ".join(message.split())
    return InputError(f"{position.render(path)}: {one_line}")


def resolve_format(path: Path, explicit: str | None = None) -> str:
    """The rdflib parser name for ``path``: from ``explicit`` if given, else from its suffix."""
    if explicit is not None:
        try:
            return FORMAT_ALIASES[explicit.lower()]
        except KeyError:
            known = ", ".join(sorted(set(FORMAT_ALIASES)))
            raise InputError(f"{path}: unknown format {explicit!r} (known: {known})") from None
    try:
        return FORMAT_BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        known = " ".join(sorted(FORMAT_BY_SUFFIX))
        raise InputError(
            f"{path}: cannot tell the RDF format from the suffix {path.suffix or '(none)'!r}; "
            f"use one of {known} or pass --format"
        ) from None


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus every RDF file (by suffix) under named folders, sorted."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
            if not found:
                raise InputError(f"{path}: folder holds no RDF file ({' '.join(sorted(FOLDER_SUFFIXES))})")
            files.extend(found)
        elif not path.exists():
            raise InputError(f"{path}: no such file or folder")
        else:
            files.append(path)
    return files


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise input_error(path, f"cannot read: {error.strerror or error}") from None


def _check_text(path: Path, data: bytes, fmt: str) -> None:
    if not data.strip():
        raise input_error(path, "file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise input_error(path, "not UTF-8 text (binary file?)", Position(line)) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise input_error(path, "contains NUL bytes (binary file?)", Position(line))
    if fmt == "json-ld":
        _check_jsonld(path, text)
    if fmt == "xml":
        match = _DTD.search(data)
        if match:
            line = data[: match.start()].count(b"\n") + 1
            column = match.start() - data.rfind(b"\n", 0, match.start())
            raise input_error(
                path,
                "RDF/XML with a DOCTYPE or ENTITY declaration is refused (entities are neither fetched nor expanded)",
                Position(line, column),
            )


def _remote_contexts(node: object) -> list[str]:
    """Every ``@context`` (or ``@import``) in a JSON-LD document that points at a URL."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                items = value if isinstance(value, list) else [value]
                found += [item for item in items if isinstance(item, str)]
            found += _remote_contexts(value)
    elif isinstance(node, list):
        for item in node:
            found += _remote_contexts(item)
    return found


def _check_jsonld(path: Path, text: str) -> None:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise input_error(path, f"JSON-LD syntax error: {error.msg}", Position(error.lineno, error.colno)) from None
    remote = _remote_contexts(document)
    if remote:
        raise input_error(
            path, f"remote JSON-LD context {remote[0]!r} is refused (nothing is fetched); put the context inline"
        )


def _ntriples_position(text: str) -> Position:
    """Find the first N-Triples line that fails on its own (rdflib's error omits the line)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                Graph().parse(data=line, format="nt")
            except Exception:
                return Position(number)
    return Position()


def _parse_error(path: Path, data: bytes, fmt: str, error: Exception) -> InputError:
    if isinstance(error, BadSyntax):
        _uri, lines, text, index, why = error.args
        column = index - text.rfind("\n", 0, index)
        return input_error(path, f"Turtle syntax error: {why}", Position(lines + 1, column))
    if isinstance(error, SAXParseException):
        return input_error(
            path,
            f"RDF/XML syntax error: {error.getMessage()}",
            Position(error.getLineNumber(), error.getColumnNumber()),
        )
    if isinstance(error, json.JSONDecodeError):
        return input_error(path, f"JSON-LD syntax error: {error.msg}", Position(error.lineno, error.colno))
    if isinstance(error, ParserError) and fmt == "nt":
        return input_error(path, f"N-Triples syntax error: {error}", _ntriples_position(data.decode("utf-8")))
    return input_error(path, f"cannot parse as {fmt}: {error}")


def read_checked(path: Path, fmt: str | None = None) -> tuple[str, bytes]:
    """The parser name for ``path`` and its bytes, checked as text (see :class:`InputError`)."""
    parser = resolve_format(path, fmt)
    data = _read(path)
    _check_text(path, data, parser)
    return parser, data


def base_iri(path: Path) -> str:
    return path.resolve().as_uri()


def empty_file(path: Path, parser: str) -> InputError:
    return input_error(path, f"parsed as {parser} but holds no triples")


def parse_file(path: Path, fmt: str | None = None) -> Graph:
    """Parse one file into a new graph; on any problem raise :class:`InputError`."""
    parser, data = read_checked(path, fmt)
    graph = Graph()
    term_log = logging.getLogger("rdflib.term")  # it logs each invalid IRI; they are refused below instead
    level = term_log.level
    term_log.setLevel(logging.ERROR)
    try:
        graph.parse(data=data, format=parser, publicID=base_iri(path))
    except Exception as error:  # parsers raise many types; each becomes one clear line
        raise _parse_error(path, data, parser, error) from None
    finally:
        term_log.setLevel(level)
    if len(graph) == 0:
        raise empty_file(path, parser)
    _refuse_invalid_iris(path, data, graph)
    return graph


def _refuse_invalid_iris(path: Path, data: bytes, graph: Graph) -> None:
    """rdflib lets IRIs with spaces, braces or quotes through (with a warning) and fails later, when
    anything serialises them; such a file is refused here, at the IRI's first position in the text."""
    for iri in {t for triple in graph for t in triple if isinstance(t, URIRef) and not _is_valid_uri(t)}:
        text = data.decode("utf-8")
        index = text.find(str(iri))
        index = index if index >= 0 else text.find(str(iri).rsplit("/", 1)[-1])  # written as a prefixed name
        line = text.count("\n", 0, index) + 1 if index >= 0 else None
        column = index - text.rfind("\n", 0, index) if index >= 0 else None
        raise input_error(path, f"invalid IRI <{iri}> (spaces, braces, quotes are not allowed)", Position(line, column))


def merge_into(target: Graph, source: Graph) -> None:
    """Add ``source``'s triples and prefixes to ``target`` (existing prefixes win)."""
    target += source
    for prefix, namespace in source.namespaces():
        target.bind(prefix, namespace, override=False)


def load_graph(paths: Sequence[str | Path], fmt: str | None = None, graph: Graph | None = None) -> Graph:
    """Parse every file (folders expanded) into one graph; raises :class:`InputError` on the first bad file."""
    target = graph if graph is not None else Graph()
    for path in expand_paths(paths):
        merge_into(target, parse_file(path, fmt))
    return target


@dataclass
class LoadedData:
    """Instance data parsed once: the merged graph (or, on the fast path, an Oxigraph store, see
    :mod:`bpo_kg.load_store`), what each file contributed, and warnings."""

    graph: Graph | None
    files: list[tuple[Path, int]]
    warnings: list[str]
    store: ox.Store | None = None
    size: int | None = None

    @property
    def triples(self) -> int:
        return self.size if self.size is not None else len(self.graph)

    @property
    def content(self) -> Graph | ox.Store:
        return self.store if self.store is not None else self.graph


def graph_terms(graph: Graph, namespace: str) -> set[str]:
    """Every IRI of ``namespace`` that ``graph`` uses, in any position."""
    return {str(t) for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(namespace)}


def close_matches(used: set[str], vocabulary: Iterable[URIRef], namespace: str) -> dict[str, str | None]:
    """Each term of ``used`` that ``vocabulary`` lacks, by local name, with the closest known local name."""
    known_iris = {str(term) for term in vocabulary}
    known = sorted(iri[len(namespace) :] for iri in known_iris if iri.startswith(namespace))
    found: dict[str, str | None] = {}
    for term in sorted(used - known_iris):
        local = term[len(namespace) :]
        close = difflib.get_close_matches(local, known, n=1, cutoff=0.6)
        found[local] = close[0] if close else None
    return found


@dataclass(frozen=True)
class Vocabulary:
    """The terms an ontology defines in its namespace, to warn about data using others (typos)."""

    terms: frozenset[URIRef]
    namespace: str
    prefix: str

    def warning(self, path: Path, used: set[str]) -> str | None:
        """One line naming each term of ``used`` that is not defined, with the closest defined one."""
        unknown = close_matches(used, self.terms, self.namespace)
        if not unknown:
            return None
        listed = ", ".join(
            f"{self.prefix}:{term}" + (f" (did you mean {self.prefix}:{close}?)" if close else "")
            for term, close in unknown.items()
        )
        return f"{path}: {len(unknown)} term(s) not in the ontology: {listed}"


def parse_each(
    paths: Sequence[str | Path],
    fmt: str | None,
    parse: Callable[[Path, str | None], Parsed],
    terms_of: Callable[[Parsed, str], set[str]],
    vocabulary: Vocabulary | None = None,
) -> tuple[list[Parsed], list[tuple[Path, int]], list[str]]:
    """Parse every file (folders expanded) with ``parse``; return what each gave, its triple count,
    and a warning per file that uses terms (``terms_of``) the ``vocabulary`` lacks."""
    parsed: list[Parsed] = []
    files: list[tuple[Path, int]] = []
    warnings: list[str] = []
    for path in expand_paths(paths):
        content = parse(path, fmt)
        files.append((path, len(content)))
        if vocabulary is not None and (warning := vocabulary.warning(path, terms_of(content, vocabulary.namespace))):
            warnings.append(warning)
        parsed.append(content)
    return parsed, files, warnings


def load_data(paths: Sequence[str | Path], fmt: str | None = None, vocabulary: Vocabulary | None = None) -> LoadedData:
    """Parse instance data once into one graph; warn (per file) about terms ``vocabulary`` lacks."""
    graphs, files, warnings = parse_each(paths, fmt, parse_file, graph_terms, vocabulary)
    merged = Graph()
    for graph in graphs:
        merge_into(merged, graph)
    return LoadedData(merged, files, warnings)


def load_ontology(extra: Sequence[str | Path] = ()) -> Graph:
    """The shipped ontology (core and alignments), plus any ``extra`` files, in one graph."""
    from bpo_kg.resources import ontology_files

    graph = load_graph(ontology_files())
    if extra:
        load_graph(extra, graph=graph)
    return graph
