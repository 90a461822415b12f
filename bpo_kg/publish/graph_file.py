"""A knowledge graph written to one file, in the syntax its suffix asks for, all or nothing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from bpo_kg.errors import InputError


def write_graph_file(ntriples: bytes, prefixes: Iterable[tuple[str, str]], path: Path, fmt: str) -> None:
    """Write the N-Triples ``ntriples`` to ``path`` as ``fmt`` (``nt`` as is; ``turtle`` or ``xml``
    through rdflib, with ``prefixes``): into a temporary file beside it, renamed into place, so a
    failure leaves ``path`` as it was."""
    if fmt == "nt":
        data = ntriples
    else:
        graph = Graph(bind_namespaces="none")
        for prefix, namespace in prefixes:
            graph.bind(prefix, namespace, override=True, replace=True)
        graph.parse(data=ntriples, format="nt")
        data = graph.serialize(format=fmt, encoding="utf-8")
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise InputError(f"{path}: cannot write there ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({error.strerror or error})") from None
