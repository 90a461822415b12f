"""A knowledge graph written to one file, in the syntax its suffix asks for, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from bpo_kg.errors import InputError
from bpo_kg.output_folder import write_file


def write_graph_file(ntriples: bytes, prefixes: Iterable[tuple[str, str]], path: Path, fmt: str) -> None:
    """Write the N-Triples ``ntriples`` to ``path`` as ``fmt`` (``nt`` as is; ``turtle`` or ``xml``
    through rdflib, with ``prefixes``), all or nothing (:func:`bpo_kg.output_folder.write_file`)."""
    if fmt == "nt":
        data = ntriples
    else:
        graph = Graph(bind_namespaces="none")
        for prefix, namespace in prefixes:
            graph.bind(prefix, namespace, override=True, replace=True)
        graph.parse(data=ntriples, format="nt")
        data = graph.serialize(format=fmt, encoding="utf-8")
    try:
        write_file(path, data)
    except OSError as error:
        raise InputError(f"{path}: cannot write there ({error.strerror or error})") from None
