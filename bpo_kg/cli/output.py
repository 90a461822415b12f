"""How the command line names things: IRIs as prefixed names, where a prefix is known."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import Graph

from bpo_kg import BPO_NS


def shortener(prefixes: Iterable[tuple[str, str]]) -> Callable[[str], str]:
    """Render IRIs as prefixed names with ``prefixes`` (the knowledge graph's; bpo: always)."""
    manager = Graph().namespace_manager
    for prefix, namespace in prefixes:
        manager.bind(prefix, namespace)
    manager.bind("bpo", BPO_NS, override=False)

    def shorten(iri: str) -> str:
        if iri.startswith("^"):
            return "^" + shorten(iri[1:])
        try:
            prefix, _ns, local = manager.compute_qname(iri, generate=False)
        except (KeyError, ValueError):
            return iri
        return f"{prefix}:{local}" if prefix and local else iri

    return shorten
