"""Bad input files and the one-line error each must produce, for every command that reads data."""

from __future__ import annotations

from tests.conftest import PREFIXES

# file name -> (content, or None for a missing file; text the error line must contain)
BAD_INPUTS = {
    "missing": (None, "no such file or folder"),
    "empty.ttl": (b"", "file is empty"),
    "junk.ttl": (bytes(range(256)) * 4, "not UTF-8"),
    "nul.nt": (b"<http://a> <http://b> \x00 .\n", "NUL bytes"),
    "broken.ttl": ((PREFIXES + 'ex:a ex:b "unterminated .\n').encode(), "broken.ttl:6:26: Turtle syntax error"),
    "broken.nt": (b"<http://a> <http://b> <http://c> .\n<http://a> <http://b> .\n", "broken.nt:2: N-Triples"),
    "broken.jsonld": (b'{"@id": "http://a", "http://b": ', "broken.jsonld:1:33: JSON-LD"),
    "doctype.rdf": (
        b'<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>\n'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
        "doctype.rdf:2:1: RDF/XML",
    ),
    "data.txt": (
        b"a,b\n",
        "cannot tell the RDF format from the suffix '.txt'; use one of .json .jsonld .nt .ntriples .owl "
        ".rdf .ttl .turtle .xml, a workbook (.xlsx, .csv) or pass --input-format",
    ),
    "data.csv": (b"a,b\n", "data.csv: the workbook holds no data (no sheet has a row below its header)"),
    "vendors.xlsx": (b"PK\x03\x04 not really a workbook", "vendors.xlsx: cannot read the workbook (damaged?)"),
    "invalid-iri.ttl": (b"<http://a> <http://b> <http://c{d}> .\n", "invalid-iri.ttl:1:24: invalid IRI <http://c{d}>"),
    "remote-context.jsonld": (
        b'{"@context": "https://schema.org/", "@id": "http://a", "name": "x"}',
        "remote JSON-LD context 'https://schema.org/' is refused",
    ),
}
