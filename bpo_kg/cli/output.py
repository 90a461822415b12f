"""How the command line names things: IRIs as prefixed names, where a prefix is known."""

from __future__ import annotations

from collections.abc import Callable

from bpo_kg.terms import shortener

__all__ = ["labelled", "shortener", "with_origins"]


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
