"""Turn user-supplied text into RDF terms, strictly: nothing typed by a user reaches query text."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

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
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):([\w.-]*)$")


def parse_iri(raw: str, prefixes: dict[str, str] = KNOWN_PREFIXES) -> URIRef:
    """``bpo:Local``, ``<http://…>`` or ``http://…`` as a URIRef; ValueError if it is no valid IRI."""
    text = raw.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif (match := _PREFIXED.match(text)) and match.group(1) in prefixes:
        text = prefixes[match.group(1)] + match.group(2)
    if _FORBIDDEN.search(text) or not _ABSOLUTE.match(text):
        raise ValueError(f"{raw!r} is not an IRI (use <http://…> or a known prefix: {', '.join(sorted(prefixes))})")
    return URIRef(text)


def parse_value(raw: str, kind: str) -> URIRef | Literal:
    """A parameter value of type ``iri``, ``string`` or ``integer`` as an RDF term."""
    if kind == "iri":
        return parse_iri(raw)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw.strip()):
            raise ValueError(f"{raw!r} is not an integer")
        return Literal(int(raw))
    return Literal(raw)
