"""Parse RDF files with rdflib, each into a graph, with errors that name the file and position.

The exact engine's data, the ontology and the shapes are read here; the scale engine's data is parsed
by Oxigraph (:mod:`bpo_kg.load.oxigraph_parse`), which comes back here for rdflib's messages.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from xml.sax import SAXParseException

from rdflib import Graph, URIRef
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import _is_valid_uri

from bpo_kg.errors import InputError
from bpo_kg.load.files import Position, base_iri, empty_file, expand_paths, input_error, read_checked
from bpo_kg.load.loaded import LoadedData, Vocabulary, graph_terms, load_each
from bpo_kg.load.reference import add_to_graph
from bpo_kg.resources import ontology_files, shapes_files


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


def merged(graphs: Sequence[Graph]) -> Graph:
    """One new graph holding every triple and prefix of ``graphs``."""
    target = Graph()
    for graph in graphs:
        merge_into(target, graph)
    return target


def load_data(
    paths: Sequence[str | Path], fmt: str | None = None, vocabulary: Vocabulary | None = None
) -> LoadedData[Graph]:
    """Parse instance data once into one graph; warn (per file) about terms ``vocabulary`` lacks;
    keep the prefixes each file declares."""
    prefixes: list[tuple[str, str]] = []

    def parse(path: Path, fmt: str | None) -> Graph:
        graph = parse_file(path, fmt)
        prefixes.extend(declared_prefixes(graph))
        return graph

    loaded = load_each(paths, fmt, parse, merged, graph_terms, vocabulary)
    loaded.prefixes = prefixes + loaded.prefixes
    loaded.reference, warnings = add_to_graph(loaded.content)
    loaded.triples, loaded.warnings = len(loaded.content), loaded.warnings + warnings
    return loaded


_DEFAULTS = set(Graph().namespaces())  # what rdflib binds in every graph, declared or not


def declared_prefixes(graph: Graph) -> list[tuple[str, str]]:
    """The prefixes a parsed file declared (rdflib's own default bindings left out)."""
    return [(prefix, str(ns)) for prefix, ns in graph.namespaces() if (prefix, ns) not in _DEFAULTS]


def load_ontology(extra: Sequence[str | Path] = ()) -> Graph:
    """The shipped ontology (core and alignments), plus any ``extra`` files, in one graph."""
    graph = load_graph(ontology_files())
    if extra:
        load_graph(extra, graph=graph)
    return graph


def load_shapes(extra: Sequence[str | Path] = ()) -> Graph:
    """The shipped SHACL shapes graph, plus the shapes in any ``extra`` files."""
    graph = load_graph(shapes_files())
    if extra:
        load_graph(extra, graph=graph)
    return graph
