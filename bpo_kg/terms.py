"""Turn user-supplied text into RDF terms, strictly: nothing typed by a user reaches query text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rdflib import Graph, Literal, URIRef

from bpo_kg import BPO_NS

KNOWN_PREFIXES = {
    "bpo": BPO_NS,
    "ex": "https://example.org/bpo/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
# RFC 3987 forbids these in an IRI; SPARQL's IRIREF production too.
_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`]')
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*)?:([\w.-]*)$")
# Written without <…>, ``x:y`` is a prefixed name unless x is one of these schemes (or ``//`` follows).
IRI_SCHEMES = frozenset({"http", "https", "urn", "mailto", "tag", "file", "did", "doi", "ftp"})


def parse_iri(raw: str, prefixes: dict[str, str] = KNOWN_PREFIXES) -> URIRef:
    """``bpo:Local``, ``<http://…>`` or ``http://…`` as a URIRef; ValueError if it is no valid IRI.
    Without ``<…>``, ``x:y`` is a prefixed name unless ``x`` is a common IRI scheme or ``//``
    follows: an undeclared prefix is an error, never an IRI of scheme ``x``."""
    text = raw.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif (match := _PREFIXED.match(text)) and (match.group(1) or "") in prefixes:
        text = prefixes[match.group(1) or ""] + match.group(2)
    elif ":" in text and (scheme := text.split(":", 1)[0]) not in prefixes and _names_no_scheme(text):
        raise ValueError(f"{raw!r}: unknown prefix {scheme}: (declare it in the data, use bpo: or ex:, or write <…>)")
    if _FORBIDDEN.search(text) or not _ABSOLUTE.match(text):
        raise ValueError(f"{raw!r} is not an IRI (write <http://…> or a prefixed name such as bpo:offshore)")
    return URIRef(text)


def natural_key(text: str) -> tuple:
    """Sort key that orders the digits in names by value: "Provider 2" before "Provider 10"."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold()) for part in re.split(r"(\d+)", text))


def _names_no_scheme(text: str) -> bool:
    scheme = text.split(":", 1)[0]
    return scheme.lower() not in IRI_SCHEMES and "://" not in text


def parse_value(raw: str, kind: str) -> URIRef | Literal:
    """A parameter value of type ``iri``, ``string`` or ``integer`` as an RDF term."""
    if kind == "iri":
        return parse_iri(raw)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw.strip()):
            raise ValueError(f"{raw!r} is not an integer")
        return Literal(int(raw))
    return Literal(raw)


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
