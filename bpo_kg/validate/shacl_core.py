"""SHACL Core constraints compiled to SPARQL and evaluated once per constraint over an Oxigraph store.

Every shape with a target (class, node, subjects-of, objects-of, or an implicit class target) is
compiled: its own constraints and those of its property shapes, whatever the path (IRI, inverse,
sequence, alternative, zero-or-more, one-or-more, zero-or-one: SPARQL property paths), each into one
SELECT of the violating ``?this`` (and value ``?v``). The shapes ``sh:node``, ``sh:not``, ``sh:and``,
``sh:or``, ``sh:xone`` and ``sh:qualifiedValueShape`` refer to are compiled the same way over the value
nodes that reach them; which of those conform is then combined in Python. The store already holds
every entailed type and the inferred hierarchy (what pySHACL sees with the ontology and HermiT's
entailments); ``rdf:type/rdfs:subClassOf*`` is looked up once per class. Anything else — a parameter,
path, datatype or construct not compiled, SPARQL-based components, recursive shapes — raises
:class:`~bpo_kg.errors.UnsupportedError` naming the shape (use ``--store memory``): never skipped.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from bpo_kg.errors import ShapesError, UnsupportedError
from bpo_kg.stores import to_rdflib
from bpo_kg.validate.report import Violation, named_shape, term_text
from bpo_kg.validate.shacl_components import VALUE_TYPE, component_iri, violates
from bpo_kg.validate.shacl_conforms import (
    LOGICAL,
    NOT_CHECKED,
    Conformance,
    custom_parameters,
    fails,
    members_of,
)
from bpo_kg.validate.shacl_select import fill, select_checks
from bpo_kg.validate.shacl_shapes import (
    TARGETS,
    Shape,
    SubclassesOf,
    as_written,
    focus_pattern,
    is_deactivated,
    refuse,
    shape_at,
    values_of,
)

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = tuple[Term, Term | None, Term | None]  # focus, value, path (sh:closed names it per result)
_PROPERTY_SHAPE_ONLY = {SH.minCount, SH.maxCount, SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals}
SPARQL_COMPONENT = str(SH.SPARQLConstraintComponent)
MAX_NAMED_VALUES = 1000  # value nodes named in a query (VALUES) instead of fetching every value


@dataclass(frozen=True)
class CoreCheck:
    """One compiled constraint: a SELECT of ``?this`` (and ``?v``, ``?p``); for a constraint on other
    shapes, the checks of each of them (``nested``) and how their failures combine (``rule``)."""

    query: str
    shape: Shape
    component: str
    rule: str = "rows"
    nested: tuple[tuple[CoreCheck, ...], ...] = ()
    bound: int = 0
    message: str = ""  # a SPARQL constraint's own message template

    @property
    def path(self) -> str:
        return self.shape.path or ""


def _pairs(shape: Shape) -> str:
    return f"SELECT DISTINCT ?this ?v WHERE {{ {shape.focus} {shape.step} }}"


class _Compiler:
    def __init__(self, shapes: Graph, subclasses: SubclassesOf, literals_as_written: bool) -> None:
        self.shapes, self.subclasses = shapes, subclasses
        self.literals_as_written = literals_as_written
        self.custom_parameters = custom_parameters(shapes)
        self.expressions = Conformance(shapes, subclasses, literals_as_written, self.custom_parameters)

    def shape(self, node: Node, focus: str, stack: tuple[Node, ...] = (), nested: bool = False) -> list[CoreCheck]:
        """The checks of ``node`` and of its property shapes over the focus nodes ``focus`` binds."""
        try:
            return self._shape(node, focus, stack, nested)
        except UnsupportedError as error:  # a blank shape is named by the shape holding it
            holder = named_shape(self.shapes, node) if isinstance(node, BNode) else None
            if holder is None or str(error).startswith(holder):
                raise
            raise UnsupportedError(f"{holder}: {error}") from None

    def _shape(self, node: Node, focus: str, stack: tuple[Node, ...], nested: bool) -> list[CoreCheck]:
        if node in stack:
            raise refuse(node, "recursive shapes")
        if is_deactivated(self.shapes, node):
            return []
        shape = shape_at(self.shapes, node, focus)
        checks = [
            CoreCheck(c.query, shape, SPARQL_COMPONENT, "sparql", message=c.message)
            for c in select_checks(self.shapes, shape)
        ]
        if checks and nested:
            raise refuse(
                node,
                "sh:sparql in a shape that sh:node, sh:not, sh:and, sh:or, sh:xone or sh:qualifiedValueShape refers to",
            )
        for parameter, value in sorted(self.shapes.predicate_objects(node)):
            checks.extend(self._constraint(shape, parameter, value, (*stack, node)))
        for prop in sorted(self.shapes.objects(node, SH.property)):
            if shape.is_property_shape:  # pySHACL reports a value's results once per focus node reaching it
                raise refuse(node, "sh:property on a property shape")
            checks.extend(self.shape(prop, focus, (*stack, node), nested))
        if (node, SH.closed, Literal(True)) in self.shapes:
            checks.append(self._closed(shape))
        return checks

    def _constraint(self, shape: Shape, parameter: Node, value: Node, stack: tuple[Node, ...]) -> Iterator[CoreCheck]:
        shapes, focus, step, node = self.shapes, shape.focus, shape.step, shape.node
        component = component_iri(parameter) if isinstance(parameter, URIRef) else ""
        if parameter in NOT_CHECKED:
            return
        if parameter in self.custom_parameters:
            raise refuse(node, f"the SPARQL-based constraint component with parameter {parameter}")
        if not str(parameter).startswith(str(SH)):
            return  # a label, a comment, a source: not SHACL
        if parameter in _PROPERTY_SHAPE_ONLY and not shape.is_property_shape:
            raise refuse(node, f"{parameter} on a node shape")
        if parameter in VALUE_TYPE:
            test = violates(shapes, node, parameter, value, self.subclasses, self.literals_as_written)
            yield CoreCheck(f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {step} FILTER({test}) }}", shape, component)
        elif parameter == SH.minCount:
            query = f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ {step} }} }} GROUP BY ?this"
            yield CoreCheck(f"{query} HAVING (COUNT(DISTINCT ?v) < {int(value)})", shape, component)
        elif parameter == SH.maxCount and int(value) == 1:  # a self-join: a third faster than GROUP BY at 1M
            other = step.replace("?v", "?w")
            query = f"SELECT DISTINCT ?this WHERE {{ {focus} {step} {other} FILTER(!sameTerm(?v, ?w)) }}"
            yield CoreCheck(query, shape, component)
        elif parameter == SH.maxCount:
            query = f"SELECT ?this WHERE {{ {focus} {step} }} GROUP BY ?this"
            yield CoreCheck(f"{query} HAVING (COUNT(DISTINCT ?v) > {int(value)})", shape, component)
        elif parameter == SH.uniqueLang:
            if value == Literal(True) and str(value) == "true":  # "1"^^xsd:boolean does not activate it
                query = f'SELECT ?this WHERE {{ {focus} {step} FILTER(LANG(?v) != "") }} GROUP BY ?this'
                yield CoreCheck(f"{query} (LCASE(LANG(?v))) HAVING (COUNT(DISTINCT ?v) > 1)", shape, component)
        elif parameter == SH.hasValue:
            as_written(node, [value], "sh:hasValue")
            query = (
                f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {step} FILTER(sameTerm(?v, {value.n3()})) }} }}"
            )
            yield CoreCheck(query, shape, component)
        elif parameter in {SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals}:
            yield CoreCheck(self._pair_query(shape, parameter, value), shape, component)
        elif parameter in LOGICAL:
            members = members_of(shapes, parameter, value)
            conform = self.expressions.each_conforms(members, "?v", stack)
            if conform is not None:  # decided in the query
                test = fails(LOGICAL[parameter], conform)
                yield CoreCheck(f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {step} FILTER({test}) }}", shape, component)
                return
            nested = tuple(tuple(self.shape(m, values_of(focus, step), stack, True)) for m in members)
            yield CoreCheck(_pairs(shape), shape, component, LOGICAL[parameter], nested)
        elif parameter == SH.qualifiedValueShape:
            yield from self._qualified(shape, value, stack)
        else:
            raise refuse(node, f"{parameter}")

    def _pair_query(self, shape: Shape, parameter: Node, other: Node) -> str:
        if not isinstance(other, URIRef):
            raise refuse(shape.node, f"{parameter} {other}")
        focus, step, reaches, other_n3 = shape.focus, shape.step, shape.reaches, other.n3()
        if parameter == SH.equals:
            return (
                f"SELECT DISTINCT ?this ?v WHERE {{ {{ {focus} {step} FILTER NOT EXISTS {{ ?this {other_n3} ?v }} }}"
                f" UNION {{ {focus} ?this {other_n3} ?v FILTER NOT EXISTS {{ {reaches} }} }} }}"
            )
        if parameter == SH.disjoint:
            return f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {step} ?this {other_n3} ?v }}"
        operator = "<" if parameter == SH.lessThan else "<="
        return (
            f"SELECT DISTINCT ?this ?v ?w WHERE {{ {focus} {step} ?this {other_n3} ?w "
            f"FILTER(!COALESCE(?v {operator} ?w, false)) }}"
        )

    def _qualified(self, shape: Shape, qualified: Node, stack: tuple[Node, ...]) -> Iterator[CoreCheck]:
        shapes, node = self.shapes, shape.node
        members = [qualified]
        if shapes.value(node, SH.qualifiedValueShapesDisjoint) == Literal(True):
            siblings = {
                sibling_shape
                for parent in shapes.subjects(SH.property, node)
                for sibling in shapes.objects(parent, SH.property)
                if sibling != node
                for sibling_shape in shapes.objects(sibling, SH.qualifiedValueShape)
            }
            members += sorted(siblings)
        conform = self.expressions.each_conforms(members, "?v", stack)
        if shape.is_property_shape and conform is not None:
            yield from self._qualified_counts(shape, conform)
            return
        values = values_of(shape.focus, shape.step)
        nested = tuple(tuple(self.shape(member, values, stack, True)) for member in members)
        query = f"SELECT DISTINCT ?this ?v WHERE {{ {shape.focus} OPTIONAL {{ {shape.step} }} }}"
        for parameter, rule in ((SH.qualifiedMinCount, "atLeast"), (SH.qualifiedMaxCount, "atMost")):
            bound = shapes.value(node, parameter)
            if bound is not None:
                yield CoreCheck(query, shape, component_iri(parameter), rule, nested, int(bound))

    def _qualified_counts(self, shape: Shape, conform: list[str]) -> Iterator[CoreCheck]:
        """The qualified counts counted in the query: the values conforming to the qualified shape
        and, where they are to be disjoint, to none of its siblings."""
        node, focus, step = shape.node, shape.focus, shape.step
        qualifies = " && ".join([f"({conform[0]})", *(f"!({sibling})" for sibling in conform[1:])])
        for parameter, operator in ((SH.qualifiedMinCount, "<"), (SH.qualifiedMaxCount, ">")):
            bound = self.shapes.value(node, parameter)
            if bound is None:
                continue
            counted = f"{step} FILTER({qualifies})"
            where = f"{focus} OPTIONAL {{ {counted} }}" if operator == "<" else f"{focus} {counted}"
            having = f"HAVING (COUNT(DISTINCT ?v) {operator} {int(bound)})"
            query = f"SELECT ?this WHERE {{ {where} }} GROUP BY ?this {having}"
            yield CoreCheck(query, shape, component_iri(parameter))

    def _closed(self, shape: Shape) -> CoreCheck:
        shapes, node = self.shapes, shape.node
        allowed = {p for prop in shapes.objects(node, SH.property) for p in shapes.objects(prop, SH.path)}
        for ignored in shapes.objects(node, SH.ignoredProperties):
            allowed |= set(Collection(shapes, ignored))
        allowed = {p for p in allowed if isinstance(p, URIRef)}
        exclude = f"FILTER(?p NOT IN ({', '.join(p.n3() for p in sorted(allowed))}))" if allowed else ""
        query = f"SELECT DISTINCT ?this ?p ?value WHERE {{ {shape.focus} {shape.step} ?v ?p ?value {exclude} }}"
        return CoreCheck(query, shape, str(SH.ClosedConstraintComponent), "closed")


def compile_core(shapes: Graph, subclasses: SubclassesOf, literals_as_written: bool = False) -> list[CoreCheck]:
    """A check per constraint of every shape with a target (and of the shapes it refers to);
    ``subclasses(C)``: C and every class below it in the graph validated; ``literals_as_written``:
    see :mod:`bpo_kg.validate.shacl_components`."""
    validators = (SH.validator, SH.nodeValidator, SH.propertyValidator, SH.parameter)
    components = sorted({s for p in validators for s in shapes.subjects(p, None)})
    if components:
        raise refuse(components[0], "SPARQL-based constraint components")
    compiler = _Compiler(shapes, subclasses, literals_as_written)
    targeted = {s for target in TARGETS for s in shapes.subjects(target, None)}
    targeted |= {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in shapes.subjects(RDF.type, kind)
        if (s, RDF.type, RDFS.Class) in shapes
    }
    checks = []
    for node in sorted(targeted):
        focus = focus_pattern(shapes, node, subclasses)
        if focus is not None:
            checks.extend(compiler.shape(node, focus))
    return checks


Mapper = Callable[[Callable, Iterable], Iterable]  # map, or a thread pool's map


def core_results(
    store: ox.Store, shapes: Graph, mapper: Mapper = map, literals_as_written: bool = False
) -> list[Violation]:
    """Every result of every core constraint of ``shapes`` over ``store``; the queries are
    independent, so ``mapper`` may run them in parallel (Oxigraph releases the GIL while it evaluates)."""

    @cache
    def subclasses(cls: URIRef) -> list[Node]:
        """The classes whose instances are SHACL instances of ``cls``: ``cls`` alone when every
        instance of its subclasses is typed ``cls`` already (as after reasoning), else all of them."""
        query = f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* {cls.n3()} }}"
        found = sorted(to_rdflib(solution["c"]) for solution in store.query(query))
        others = " ".join(c.n3() for c in found if c != cls)
        if others and not store.query(
            f"ASK {{ VALUES ?c {{ {others} }} ?x a ?c FILTER NOT EXISTS {{ ?x a {cls.n3()} }} }}"
        ):
            return [cls]
        return found

    checks = compile_core(shapes, subclasses, literals_as_written)
    return [v for found in mapper(lambda check: _violations(store, check), checks) for v in found]


def _rows(store: ox.Store, check: CoreCheck) -> list[Row]:
    solutions = store.query(check.query)
    names = {variable.value for variable in solutions.variables}
    value = "value" if "value" in names else "v" if "v" in names else None
    return [(s["this"], s[value] if value else None, s["p"] if "p" in names else None) for s in solutions]


def _failing(store: ox.Store, checks: tuple[CoreCheck, ...]) -> set[Term]:
    """The focus nodes that fail one of the checks of a shape (do not conform to it)."""
    return {row[0] for check in checks for row in _results(store, check)}


def _results(store: ox.Store, check: CoreCheck) -> list[Row]:
    if check.rule in {"rows", "closed"}:
        return _rows(store, check)
    failing = [_failing(store, checks) for checks in check.nested]
    asked = _only_values(check, failing)
    if asked is None:  # no value fails what it must meet: nothing to ask
        return []
    rows = _rows(store, asked)
    if check.rule in {"atLeast", "atMost"}:
        counts = Counter(this for this, v, _ in rows if v is not None and _qualifies(v, failing))
        focus_nodes = dict.fromkeys(this for this, _, _ in rows)
        bad = [
            n for n in focus_nodes if (counts[n] < check.bound if check.rule == "atLeast" else counts[n] > check.bound)
        ]
        return [(n, None, None) for n in bad]
    keep = {
        "node": lambda v: v in failing[0],
        "not": lambda v: v not in failing[0],
        "and": lambda v: any(v in f for f in failing),
        "or": lambda v: all(v in f for f in failing),
        "xone": lambda v: sum(v not in f for f in failing) != 1,
    }[check.rule]
    return [row for row in rows if keep(row[1])]


def _only_values(check: CoreCheck, failing: list[set[Term]]) -> CoreCheck | None:
    """``check`` asked only for the value nodes that can violate it, where that is known from the
    shapes they fail (sh:node, sh:and, sh:or: a value that fails none of them conforms) and they
    can be named in a query (no blank node): most values conform, so few rows come back. None:
    no value can violate it."""
    if check.rule == "node":
        candidates = failing[0]
    elif check.rule == "and":
        candidates = set().union(*failing)
    elif check.rule == "or":
        candidates = set.intersection(*failing) if failing else set()
    else:
        return check
    if not candidates:
        return None
    query = check.query.rstrip()
    named = not any(isinstance(value, ox.BlankNode) for value in candidates)
    if len(candidates) > MAX_NAMED_VALUES or not named or not query.endswith("}"):
        return check
    # A FILTER, not a VALUES clause, which Virtuoso 7 ignores beside a BIND; IN compares values, so
    # it may let through an equal literal written otherwise, and the caller keeps the exact terms.
    values = ", ".join(str(value) for value in sorted(candidates, key=str))
    return dataclasses.replace(check, query=f"{query[:-1]} FILTER(?v IN ({values})) }}")


def _qualifies(value: Term, failing: list[set[Term]]) -> bool:
    """Conforms to the qualified value shape and, if they are to be disjoint, to none of its siblings."""
    return value not in failing[0] and all(value in f for f in failing[1:])


def _violations(store: ox.Store, check: CoreCheck) -> list[Violation]:
    shape = check.shape
    if check.rule == "sparql":
        return _select_violations(store, check)
    message = shape.message or f"{check.component.removeprefix(str(SH))} not satisfied"
    return [
        Violation(
            focus=term_text(to_rdflib(this)),
            path=term_text(to_rdflib(path)) if path is not None else shape.path,
            value=term_text(to_rdflib(value)) if value is not None else None,
            severity=shape.severity,
            component=check.component,
            message=message,
            shape=shape.reported_as,
        )
        for this, value, path in _results(store, check)
    ]


def _select_violations(store: ox.Store, check: CoreCheck) -> list[Violation]:
    """A SPARQL constraint's results: ``?path`` and ``?value`` if bound (a node shape's value: its focus)."""
    shape, found = check.shape, []
    try:
        solutions = store.query(check.query)
    except SyntaxError as error:
        raise ShapesError(f"{shape.node}: its SPARQL constraint is not valid SPARQL: {error}") from None
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        values = {name: to_rdflib(solution[name]) for name in names if solution[name] is not None}
        path = values.get("path")
        value = values.get("value", None if shape.is_property_shape else values["this"])
        found.append(
            Violation(
                focus=term_text(values["this"]),
                path=term_text(path) if isinstance(path, URIRef) else shape.path,
                value=term_text(value),
                severity=shape.severity,
                component=check.component,
                message=fill(check.message, values),
                shape=shape.reported_as,
            )
        )
    return found
