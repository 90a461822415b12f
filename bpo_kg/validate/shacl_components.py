"""SHACL Core constraint components as SPARQL: for the value-type components, an expression true when
the value node ``?v`` violates the constraint; the others are compiled in :mod:`bpo_kg.validate.shacl_core`.

Datatypes: Oxigraph stores integer-derived literals as ``xsd:integer`` ("5"^^xsd:int becomes
"5"^^xsd:integer, "300"^^xsd:byte a valid xsd:integer), so a check of ``xsd:int`` or any other
derived type cannot be made in the store and is refused, and so is any XSD datatype whose lexical
space Oxigraph cannot test (a cast that fails on an ill-typed literal, checked for each type below).
Where the caller guarantees that no literal of the data was rewritten (``literals_as_written``: the
scale engine's load scans for them and hands such data to pySHACL), no value in the store was
written with an integer-derived type, so the test of one is exact: no value has it. A SPARQL server
that keeps each literal's datatype (Virtuoso: "05"^^xsd:int kept as "5"^^xsd:int, an out-of-range
"-3"^^xsd:nonNegativeInteger kept as written) is validated the same way: the test reads the datatype
and checks the value's range.
"""

from __future__ import annotations

from rdflib import Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from bpo_kg.validate.shacl_shapes import SubclassesOf, as_written, refuse

# Integer-derived XSD datatypes: Oxigraph stores every literal of them as xsd:integer.
INTEGER_DERIVED = {
    XSD.nonNegativeInteger, XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger,
    XSD.long, XSD.int, XSD.short, XSD.byte,
    XSD.unsignedLong, XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte,
}  # fmt: skip
# Their value ranges (None: unbounded), tested where a literal of one is kept with its datatype.
_INTEGER_RANGES = {
    XSD.nonNegativeInteger: (0, None), XSD.positiveInteger: (1, None),
    XSD.nonPositiveInteger: (None, 0), XSD.negativeInteger: (None, -1),
    XSD.long: (-(2**63), 2**63 - 1), XSD.int: (-(2**31), 2**31 - 1),
    XSD.short: (-(2**15), 2**15 - 1), XSD.byte: (-128, 127),
    XSD.unsignedLong: (0, 2**64 - 1), XSD.unsignedInt: (0, 2**32 - 1),
    XSD.unsignedShort: (0, 2**16 - 1), XSD.unsignedByte: (0, 255),
}  # fmt: skip
# XSD datatypes Oxigraph keeps as written and whose lexical space its casts test ("x"^^xsd:date fails).
_CASTABLE = {
    XSD.integer,
    XSD.decimal,
    XSD.double,
    XSD.float,
    XSD.boolean,
    XSD.date,
    XSD.dateTime,
    XSD.time,
    XSD.duration,
    XSD.gYear,
}
_NODE_KINDS = {
    SH.IRI: "isIRI(?v)",
    SH.BlankNode: "isBlank(?v)",
    SH.Literal: "isLiteral(?v)",
    SH.BlankNodeOrIRI: "!isLiteral(?v)",
    SH.BlankNodeOrLiteral: "!isIRI(?v)",
    SH.IRIOrLiteral: "!isBlank(?v)",
}
_COMPARISONS = {SH.minExclusive: ">", SH.minInclusive: ">=", SH.maxExclusive: "<", SH.maxInclusive: "<="}
VALUE_TYPE = {SH["class"], SH.datatype, SH.nodeKind, *_COMPARISONS, SH.minLength, SH.maxLength, SH.pattern}
VALUE_TYPE |= {SH.languageIn, SH["in"]}


def _datatype_ok(shape: Node, datatype: Node, literals_as_written: bool, value: str) -> str:
    if datatype == RDF.langString:
        return f'LANG({value}) != ""'
    if datatype == XSD.string:
        return f'DATATYPE({value}) = {XSD.string.n3()} && LANG({value}) = ""'
    if datatype in _CASTABLE:
        return f"DATATYPE({value}) = {datatype.n3()} && isLiteral({datatype.n3()}(STR({value})))"
    if datatype in INTEGER_DERIVED and literals_as_written:
        low, high = _INTEGER_RANGES[datatype]
        number = f"{XSD.integer.n3()}(STR({value}))"
        bounds = "".join(
            f" && {number} {operator} {bound}" for operator, bound in ((">=", low), ("<=", high)) if bound is not None
        )
        return f"DATATYPE({value}) = {datatype.n3()} && isLiteral({number}){bounds}"
    if not isinstance(datatype, URIRef) or str(datatype).startswith(str(XSD)):
        raise refuse(shape, f"sh:datatype {datatype} (the store cannot keep or test its literals as written)")
    return f"DATATYPE({value}) = {datatype.n3()}"


def violates(
    shapes: Graph,
    shape: Node,
    component: URIRef,
    parameter: Node,
    subclasses: SubclassesOf,
    literals_as_written: bool = False,
    value: str = "?v",
) -> str:
    """A SPARQL expression true when the value node ``value`` (a variable) *violates* the value-type
    constraint; never an error, so that it may be negated and combined."""
    v = value
    if component == SH["class"]:  # rdf:type/rdfs:subClassOf*, with the subclasses looked up once
        classes = subclasses(parameter) if isinstance(parameter, URIRef) else [parameter]
        if len(classes) == 1:
            return f"NOT EXISTS {{ {v} a {classes[0].n3()} }}"
        return f"NOT EXISTS {{ {v} a {v}_t FILTER({v}_t IN ({', '.join(c.n3() for c in classes)})) }}"
    if component == SH.datatype:
        return f"!COALESCE(isLiteral({v}) && {_datatype_ok(shape, parameter, literals_as_written, v)}, false)"
    if component == SH.nodeKind and parameter in _NODE_KINDS:
        return f"!({_NODE_KINDS[parameter].replace('?v', v)})"
    if component in _COMPARISONS and isinstance(parameter, Literal):
        return f"!COALESCE({v} {_COMPARISONS[component]} {parameter.n3()}, false)"
    if component in {SH.minLength, SH.maxLength} and isinstance(parameter, Literal):
        operator = "<" if component == SH.minLength else ">"
        return f"isBlank({v}) || STRLEN(STR({v})) {operator} {int(parameter)}"
    if component == SH.pattern:
        flags = shapes.value(shape, SH.flags)
        pattern = Literal(str(parameter)).n3()
        return f"isBlank({v}) || !REGEX(STR({v}), {pattern}{', ' + Literal(str(flags)).n3() if flags else ''})"
    if component == SH.languageIn:
        tags = [Literal(str(tag)).n3() for tag in Collection(shapes, parameter)]
        matches = " || ".join(f"langMatches(LANG({v}), {tag})" for tag in tags)
        return f"!COALESCE(isLiteral({v}) && ({matches or 'false'}), false)"
    if component == SH["in"]:
        members = as_written(shape, Collection(shapes, parameter), "sh:in")
        # "none of them", not "not any of them": Virtuoso 7 gets an OR of sameTerm wrong in a FILTER
        return " && ".join(f"!sameTerm({v}, {member.n3()})" for member in members) or "true"
    raise refuse(shape, f"{component} {parameter}")


def component_iri(parameter: URIRef) -> str:
    """The constraint component of a parameter: sh:minCount -> sh:MinCountConstraintComponent."""
    local = str(parameter).removeprefix(str(SH))
    return f"{SH}{local[0].upper()}{local[1:]}ConstraintComponent"
