"""HermiT's classification of an ontology, kept between runs: the scale engine (and the exact engine
on inconsistent data) need the ontology alone classified, which takes a JVM start and about a second
each time, although the ontology seldom changes.

The cache is a JSON file per ontology content (a hash of its sorted N-Triples, the bpo-kg version
and the reasoner), in ``$BPO_KG_CACHE`` or the user cache folder (``$XDG_CACHE_HOME/bpo-kg``,
``~/.cache/bpo-kg``). It is written to a temporary file and renamed into place, so concurrent runs
never read half a file; a file that cannot be read or parsed is ignored and replaced. Where the
folder cannot be written, HermiT simply runs every time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from rdflib import BNode, Graph, Node
from rdflib.compare import to_isomorphic

from bpo_kg import __version__
from bpo_kg.output_folder import write_file
from bpo_kg.reason.hermit import reason
from bpo_kg.reason.report import ReasoningReport

OFF = "off"  # BPO_KG_CACHE=off: no cache


def cache_folder() -> Path | None:
    """Where classifications are kept (None: caching is off)."""
    configured = os.environ.get("BPO_KG_CACHE")
    if configured == OFF:
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bpo-kg"


def ontology_key(ontology: Graph) -> str:
    """A hash of the ontology's content, the bpo-kg version and the reasoner: equal for two parses of
    the same files (blank-node labels differ from parse to parse, so each blank node is named by a
    hash of what it says, recursively; where blank nodes form a cycle, rdflib's canonical digest)."""
    try:
        lines = sorted(f"{_signature(ontology, s)} {p.n3()} {_signature(ontology, o)}" for s, p, o in ontology)
        content = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    except _Cyclic:
        content = str(to_isomorphic(ontology).graph_digest())
    return hashlib.sha256(f"{content} bpo-kg {__version__} HermiT".encode()).hexdigest()


class _Cyclic(Exception):
    """Blank nodes that reach themselves: no tree to hash."""


def _signature(graph: Graph, node: Node, seen: tuple[Node, ...] = ()) -> str:
    if not isinstance(node, BNode):
        return node.n3()
    if node in seen:
        raise _Cyclic
    parts = sorted(f"{p.n3()} {_signature(graph, o, (*seen, node))}" for p, o in graph.predicate_objects(node))
    return "_:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def classify(ontology: Graph) -> ReasoningReport:
    """HermiT's report on ``ontology`` alone, from the cache when this very ontology was classified before."""
    folder = cache_folder()
    if folder is None:
        return reason(ontology)
    path = folder / f"classification-{ontology_key(ontology)}.json"
    try:
        return ReasoningReport.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not cached yet, or unreadable: classify and (re)write it
    report = reason(ontology)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, report.to_json().encode("utf-8"))
    except OSError:
        pass  # a read-only or full cache folder: the next run classifies again
    return report
