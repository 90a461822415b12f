"""Instance data as loaded once: what each file gave, and warnings about terms the ontology lacks."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef

from bpo_kg.load.files import expand_paths, read_checked, resolve_format
from bpo_kg.load.jsonld import jsonld_warnings
from bpo_kg.load.spreadsheet import SPREADSHEET, imported

Parsed = TypeVar("Parsed", Graph, ox.Store)


@dataclass
class LoadedData(Generic[Parsed]):
    """Instance data parsed once: the merged content (an rdflib graph for the exact engine, an Oxigraph
    store for the scale engine), its triple count, what each file contributed, and warnings."""

    content: Parsed
    triples: int
    files: list[tuple[Path, int]]
    warnings: list[str]
    rewritten: list[str] = field(default_factory=list)  # literals the store keeps in another form
    prefixes: list[tuple[str, str]] = field(default_factory=list)  # as each file declares them, in order
    input_format: str | None = None  # --input-format, if one was given (else each file's suffix)
    reference: int = 0  # statements added from the shipped reference data (countries, languages)
    origins: dict[str, str] = field(default_factory=dict)  # IRI -> sheet and row it came from (spreadsheets)


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


def load_each(
    paths: Sequence[str | Path],
    fmt: str | None,
    parse: Callable[[Path, str | None], Parsed],
    merge: Callable[[list[Parsed]], Parsed],
    terms_of: Callable[[Parsed, str], set[str]],
    vocabulary: Vocabulary | None = None,
) -> LoadedData[Parsed]:
    """Parse every file (folders expanded) with ``parse`` and ``merge`` what they gave; count each
    file's triples, and warn per file about terms (``terms_of``) the ``vocabulary`` lacks."""
    parsed: list[Parsed] = []
    files: list[tuple[Path, int]] = []
    warnings: list[str] = []
    origins: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for path in expand_paths(paths):
        content = parse(path, fmt)
        files.append((path, len(content)))
        if vocabulary is not None and (warning := vocabulary.warning(path, terms_of(content, vocabulary.namespace))):
            warnings.append(warning)
        file_format = resolve_format(path, fmt)
        if file_format == "json-ld":
            warnings += jsonld_warnings(path, read_checked(path, fmt)[1])
        elif file_format == SPREADSHEET:
            warnings += imported(path).warnings
            origins |= imported(path).origins
            prefixes += imported(path).prefixes
        parsed.append(content)
    merged = merge(parsed)
    triples = files[0][1] if len(files) == 1 else len(merged)  # a store's len() counts every quad
    return LoadedData(merged, triples, files, warnings, prefixes=prefixes, input_format=fmt, origins=origins)
