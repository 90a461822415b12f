"""A deterministic, lossless RDF/XML writer: one flat rdf:Description per subject, in sorted order.

rdflib's RDF/XML serialisers order namespaces and subjects by hash-seeded sets (so bytes change from
run to run), and its pretty-xml form drops statements made about list nodes. This writer does
neither; blank nodes become ``rdf:nodeID`` (label them canonically first for stable output).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

_NAME_END = re.compile(r"[A-Za-z_][\w.-]*$")


def _split(predicate: str) -> tuple[str, str]:
    match = _NAME_END.search(predicate)
    if match is None or match.start() == 0:
        raise ValueError(f"cannot write predicate {predicate} as an XML element name")
    return predicate[: match.start()], match.group(0)


def _node_attribute(kind: str, term: URIRef | BNode) -> str:
    return f"rdf:nodeID={quoteattr(str(term))}" if isinstance(term, BNode) else f"rdf:{kind}={quoteattr(str(term))}"


def serialise_rdfxml(graph: Graph) -> bytes:
    """The graph as RDF/XML, byte-identical for the same triples and prefixes."""
    namespaces: dict[str, str] = {str(RDF): "rdf"}
    for prefix, namespace in sorted(graph.namespaces()):
        if prefix and str(namespace) not in namespaces:
            namespaces[str(namespace)] = prefix
    body: list[str] = []
    for subject in sorted(set(graph.subjects())):
        body.append(f"  <rdf:Description {_node_attribute('about', subject)}>")
        for predicate, obj in sorted(graph.predicate_objects(subject)):
            namespace, local = _split(str(predicate))
            if namespace not in namespaces:
                namespaces[namespace] = f"ns{len(namespaces)}"
            name = f"{namespaces[namespace]}:{local}"
            if isinstance(obj, Literal):
                attributes = (
                    f" xml:lang={quoteattr(obj.language)}"
                    if obj.language
                    else f" rdf:datatype={quoteattr(str(obj.datatype))}"
                    if obj.datatype
                    else ""
                )
                body.append(f"    <{name}{attributes}>{escape(str(obj))}</{name}>")
            else:
                body.append(f"    <{name} {_node_attribute('resource', obj)}/>")
        body.append("  </rdf:Description>")
    declarations = "".join(
        f"\n    xmlns:{prefix}={quoteattr(ns)}" for ns, prefix in sorted(namespaces.items(), key=lambda item: item[1])
    )
    text = f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{declarations}>\n' + "\n".join(body) + "\n</rdf:RDF>\n"
    return text.encode("utf-8")
