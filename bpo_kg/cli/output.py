"""How the command line names things: IRIs as prefixed names, where a prefix is known."""

from __future__ import annotations

import re
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
        if iri.startswith(("^", "(")):  # a property path: each <IRI> in it
            return re.sub(r"<([^<>]*)>", lambda m: shorten(m.group(1)), iri)
        try:
            prefix, _ns, local = manager.compute_qname(iri, generate=False)
        except (KeyError, ValueError):
            return iri
        return f"{prefix}:{local}" if prefix and local else iri

    return shorten


def labelled(shorten: Callable[[str], str], labels: dict[str, str]) -> Callable[[str], str]:
    """``shorten``, with each IRI's label beside it: ``ex:CapeLedger (Cape Ledger)``."""

    def name(iri: str) -> str:
        label = labels.get(iri)
        return f"{shorten(iri)} ({label})" if label else shorten(iri)

    return name


def with_origins(shorten: Callable[[str], str], origins: dict[str, str]) -> Callable[[str], str]:
    """``shorten``, with the sheet and row a resource came from:
    ``ex:E17 [vendors.xlsx: sheet engagements, row 18]``."""

    def name(iri: str) -> str:
        origin = origins.get(iri)
        return f"{shorten(iri)} [{origin}]" if origin else shorten(iri)

    return name
