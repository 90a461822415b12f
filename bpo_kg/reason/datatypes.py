"""Literals HermiT can read: the OWL 2 datatype map, and a faithful stand-in for the rest.

HermiT refuses any datatype outside the OWL 2 datatype map ("xsd:date is not part of the OWL 2
datatype map"), yet instance data uses dates, years and times (``bpo:validUntil``, ``bpo:startDate``).
No axiom of the ontology reads these values; only their identity matters to OWL (two different
values of a functional property clash). So, for HermiT alone, a date becomes the ``xsd:dateTime`` of
its first instant (equal dates stay equal, different ones different) and any other such literal its
lexical form as a string tagged with the datatype. SHACL still sees the data as written.
"""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import OWL, RDF, RDFS, XSD

_STRINGS = ("string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN")
_NUMBERS = (
    "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
    "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    "double", "float",
)  # fmt: skip
_OTHERS = ("boolean", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp")
OWL2_DATATYPES = frozenset(
    {XSD[name] for name in (*_STRINGS, *_NUMBERS, *_OTHERS)}
    | {RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational}
)


def for_hermit(literal: Literal) -> Literal:
    """``literal`` if HermiT reads it, else its stand-in (see the module's docstring)."""
    if literal.datatype is None or literal.datatype in OWL2_DATATYPES:
        return literal
    if literal.datatype == XSD.date and literal.ill_typed is False:
        day, zone = str(literal)[:10], str(literal)[10:]
        return Literal(f"{day}T00:00:00{zone}", datatype=XSD.dateTime)
    return Literal(f"{literal}^^{literal.datatype}")
