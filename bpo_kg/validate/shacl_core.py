"""SHACL Core constraints compiled to SPARQL and evaluated once per constraint over an Oxigraph store.

The scale engine's store already holds every entailed type (and the inferred hierarchy), which is
what pySHACL sees when it is given the ontology and HermiT's entailments; so a target class is a
plain ``?this a C`` and ``sh:class`` a ``rdf:type/rdfs:subClassOf*`` test, as in pySHACL (with the
subclasses looked up once per class: a property path per value is 12 times slower). Results are
the records pySHACL gives for the same shapes (focus, path, value, component, message, shape),
tests/test_engine_contract.py compares the two. The components, paths and targets the shipped shapes
use are compiled; any other raises :class:`~bpo_kg.errors.UnsupportedError` (use ``--store memory``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from bpo_kg.errors import UnsupportedError
from bpo_kg.stores import to_rdflib
from bpo_kg.validate.report import SEVERITY, Violation, term_text

SubclassesOf = Callable[[URIRef], list[Node]]
# Constraint parameters of property shapes that are not themselves constraints.
_NOT_CONSTRAINTS = {SH.path, SH.message, SH.name, SH.description, SH.severity, SH.order, SH.group, RDF.type}
_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float}


@dataclass(frozen=True)
class CoreCheck:
    """One compiled constraint: a SELECT of ``?this`` (and ``?v``, the offending value, if any)."""

    query: str
    node_shape: str
    path: str
    component: str
    message: str
    severity: str
    reports_value: bool


def _value_test(component: URIRef, parameter: Node, shapes: Graph, subclasses: SubclassesOf) -> str:
    """A SPARQL expression true when ``?v`` *violates* the value-based constraint."""
    if component == SH["class"]:  # rdf:type/rdfs:subClassOf*, with the subclasses looked up once
        return f"NOT EXISTS {{ ?v a ?t FILTER(?t IN ({', '.join(c.n3() for c in subclasses(parameter))})) }}"
    if component == SH.datatype:
        if parameter == RDF.langString:
            ok = 'LANG(?v) != ""'
        else:
            ok = f"DATATYPE(?v) = {parameter.n3()}" + (" && isNumeric(?v)" if parameter in _NUMERIC else "")
        return f"!COALESCE(isLiteral(?v) && {ok}, false)"
    if component == SH["in"]:
        allowed = " || ".join(f"sameTerm(?v, {m.n3()})" for m in Collection(shapes, parameter))
        return f"!({allowed or 'false'})"
    if component == SH.minInclusive:
        return f"!COALESCE(?v >= {parameter.n3()}, false)"
    if component == SH.pattern:
        return f"isBlank(?v) || !REGEX(STR(?v), {Literal(str(parameter)).n3()})"
    raise UnsupportedError(f"the scale engine does not evaluate {component} (use --store memory)")


def _component_iri(parameter: URIRef) -> str:
    local = str(parameter).removeprefix(str(SH))
    return f"{SH}{local[0].upper()}{local[1:]}ConstraintComponent"


def _path(shapes: Graph, path: Node) -> tuple[str, str]:
    """The triple pattern from ``?this`` to ``?v``, and the path as validation reports show it."""
    if isinstance(path, URIRef):
        return f"?this {path.n3()} ?v .", str(path)
    inverse = shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
    if isinstance(inverse, URIRef):
        return f"?v {inverse.n3()} ?this .", "^" + str(inverse)
    raise UnsupportedError(f"the scale engine evaluates IRI and inverse paths only, not {path}")


def _checks_of(
    shapes: Graph, node_shape: URIRef, focus: str, prop: Node, subclasses: SubclassesOf
) -> Iterator[CoreCheck]:
    step, path_text = _path(shapes, shapes.value(prop, SH.path))
    message = " ".join(str(shapes.value(prop, SH.message) or "").split())
    if not message:
        raise UnsupportedError(f"{node_shape}: the scale engine needs an sh:message on every property shape")
    severity = SEVERITY.get(shapes.value(prop, SH.severity), "Violation")

    def check(query: str, component: URIRef, reports_value: bool = False) -> CoreCheck:
        return CoreCheck(query, str(node_shape), path_text, _component_iri(component), message, severity, reports_value)

    for parameter, value in sorted(shapes.predicate_objects(prop)):
        if parameter in _NOT_CONSTRAINTS:
            continue
        if parameter == SH.minCount:
            n = int(value)
            if n == 1:
                yield check(f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {step} }} }}", parameter)
            else:
                yield check(
                    f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ {step} }} }} GROUP BY ?this "
                    f"HAVING (COUNT(DISTINCT ?v) < {n})",
                    parameter,
                )
        elif parameter == SH.maxCount and int(value) == 1:  # a self-join: a third faster than GROUP BY at 1M
            yield check(
                f"SELECT DISTINCT ?this WHERE {{ {focus} {step} {step.replace('?v', '?w')} "
                "FILTER(!sameTerm(?v, ?w)) }",
                parameter,
            )
        elif parameter == SH.maxCount:
            yield check(
                f"SELECT ?this WHERE {{ {focus} {step} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(value)})",
                parameter,
            )
        elif parameter == SH.uniqueLang:
            if value.toPython() is True:
                yield check(
                    f'SELECT ?this WHERE {{ {focus} {step} FILTER(LANG(?v) != "") }} '
                    "GROUP BY ?this (LCASE(LANG(?v))) HAVING (COUNT(DISTINCT ?v) > 1)",
                    parameter,
                )
        else:
            test = _value_test(parameter, value, shapes, subclasses)
            yield check(f"SELECT ?this ?v WHERE {{ {focus} {step} FILTER({test}) }}", parameter, reports_value=True)


def compile_core(shapes: Graph, subclasses: SubclassesOf) -> list[CoreCheck]:
    """A check per constraint of every property shape of every node shape with ``sh:targetClass``;
    ``subclasses(C)``: C and every class below it in the graph validated."""
    checks = []
    for node_shape in sorted(shapes.subjects(RDF.type, SH.NodeShape)):
        props = sorted(shapes.objects(node_shape, SH.property))
        if not props:
            continue
        targets = sorted(shapes.objects(node_shape, SH.targetClass))
        if not targets or set(shapes.predicates(node_shape)) & {SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}:
            raise UnsupportedError(f"{node_shape}: the scale engine evaluates sh:targetClass shapes only")
        if len(targets) == 1:
            focus = f"?this a {targets[0].n3()} ."
        else:
            focus = (
                "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(f"{{ ?this a {t.n3()} }}" for t in targets) + " } }"
            )
        for prop in props:
            checks.extend(_checks_of(shapes, node_shape, focus, prop, subclasses))
    return checks


Mapper = Callable[[Callable, Iterable], Iterable]  # map, or a thread pool's map


def core_results(store: ox.Store, shapes: Graph, mapper: Mapper = map) -> list[Violation]:
    """Every result of every core constraint of ``shapes`` over ``store``; the queries are
    independent, so ``mapper`` may run them in parallel (Oxigraph releases the GIL while it evaluates)."""

    @cache
    def subclasses(cls: URIRef) -> list[Node]:
        query = f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* {cls.n3()} }}"
        return sorted(to_rdflib(solution["c"]) for solution in store.query(query))

    checks = compile_core(shapes, subclasses)
    return [v for found in mapper(lambda check: _results_of(store, check), checks) for v in found]


def _results_of(store: ox.Store, check: CoreCheck) -> list[Violation]:
    return [
        Violation(
            focus=term_text(to_rdflib(solution["this"])),
            path=check.path,
            value=term_text(to_rdflib(solution["v"])) if check.reports_value else None,
            severity=check.severity,
            component=check.component,
            message=check.message,
            shape=check.node_shape,
        )
        for solution in store.query(check.query)
    ]
