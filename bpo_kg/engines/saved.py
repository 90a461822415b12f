"""A knowledge graph checked once and saved to a folder (``bpo-kg check DATA --save KG-DIR``), to be
queried again without loading or reasoning (``bpo-kg query NAME --kg KG-DIR``).

The folder holds ``kg.json`` (what was loaded, the reasoning and validation reports, the data's
prefixes, a hash of the ontology it was checked against) and ``store/``, an on-disk Oxigraph store
of the realised knowledge graph (ontology, data, entailments). It is built in a staging folder beside
the target and renamed into place, so a failed save leaves the target as it was; it is opened read
only, so several queries may read it at once. A folder saved with another ontology is refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Node

from bpo_kg import __version__
from bpo_kg.engines.base import KnowledgeGraph
from bpo_kg.engines.store_queries import select_in, store_mentions, store_named
from bpo_kg.errors import InputError
from bpo_kg.load import LoadedData
from bpo_kg.output_folder import replacing
from bpo_kg.query import QueryFile, QueryResult
from bpo_kg.reason import ReasoningReport
from bpo_kg.reason.cache import ontology_key
from bpo_kg.validate import ValidationReport

FORMAT = "bpo-kg saved knowledge graph 1"
METADATA = "kg.json"
STORE = "store"


def save_knowledge_graph(graph: KnowledgeGraph, folder: Path) -> int:
    """Save ``graph`` (reasoned and validated; consistent) to ``folder``; returns the triples saved.
    An existing saved graph there is replaced as a whole; a folder holding anything else, or a
    file, is refused (:func:`bpo_kg.output_folder.replacing`)."""
    reasoning, validation = graph.reason(), graph.validate()
    with replacing(folder, lambda entry: entry.name in (METADATA, STORE)) as staging:
        store = ox.Store(str(staging / STORE))
        store.bulk_load(graph.export(), ox.RdfFormat.N_TRIPLES)
        triples = len(store)
        store.flush()
        del store  # releases the store's lock before the folder moves
        data = graph.data
        metadata = {
            "format": FORMAT,
            "bpo_kg": __version__,
            "ontology": ontology_key(graph.ontology),
            "engine": graph.engine,
            "files": [[str(path), count] for path, count in data.files] if data else [],
            "data_triples": data.triples if data else 0,
            "prefixes": data.prefixes if data else [],
            "reasoning": json.loads(reasoning.to_json()),
            "validation": json.loads(validation.to_json()),
        }
        (staging / METADATA).write_text(json.dumps(metadata, indent=1, ensure_ascii=False), encoding="utf-8")
    return triples


class SavedGraph:
    """A knowledge graph saved by :func:`save_knowledge_graph`, read only."""

    engine = "saved"

    def __init__(self, folder: Path, ontology: Graph) -> None:
        self.folder = folder
        self.ontology = ontology
        metadata = _read_metadata(folder)
        if metadata.get("ontology") != ontology_key(ontology):
            raise InputError(
                f"{folder}: saved with another ontology (bpo-kg {metadata.get('bpo_kg', '?')}); "
                "check the data again with 'bpo-kg check DATA --save'"
            )
        try:
            self.store = ox.Store.read_only(str(folder / STORE))
        except OSError as error:
            raise InputError(f"{folder / STORE}: cannot open the saved store ({error})") from None
        try:
            files = [(Path(path), count) for path, count in metadata["files"]]
            prefixes = [(prefix, namespace) for prefix, namespace in metadata["prefixes"]]
            self.data = LoadedData(self.store, metadata["data_triples"], files, [], prefixes=prefixes)
            self._reasoning = ReasoningReport.from_json(json.dumps(metadata["reasoning"]))
            self._validation = ValidationReport.from_json(json.dumps(metadata["validation"]))
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(f"{folder / METADATA}: damaged ({type(error).__name__}: {error})") from None

    def reason(self) -> ReasoningReport:
        return self._reasoning

    def validate(self) -> ValidationReport:
        return self._validation

    def select(self, query: QueryFile | str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        return select_in(self.store, query, bindings)

    def prefixes(self) -> Iterable[tuple[str, str]]:
        return [(prefix, str(namespace)) for prefix, namespace in self.ontology.namespaces()] + self.data.prefixes

    def mentions(self, iri: str) -> bool:
        return store_mentions(self.store, iri)

    def named(self, local: str) -> list[str]:
        return sorted(store_named(self.store, local))

    def export(self) -> bytes:
        return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())


def _read_metadata(folder: Path) -> dict:
    path = folder / METADATA
    hint = "make one with 'bpo-kg check DATA --save KG-DIR'"
    if not path.is_file():
        raise InputError(f"{folder}: not a saved knowledge graph (no {METADATA}); {hint}")
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot be read ({error}); {hint}") from None
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise InputError(f"{path}: not a saved knowledge graph of this bpo-kg ({FORMAT}); {hint}")
    return metadata
