"""Whether a value node conforms to a shape, as one SPARQL expression: so that ``sh:node``, ``sh:not``,
``sh:and``, ``sh:or``, ``sh:xone`` and the qualified counts over shapes of value-type constraints
(and property shapes of those with ``sh:minCount 1``) are decided inside the query, and only the
violations come back, however many value nodes there are. A shape with anything else gets None: it
is checked over the value nodes (:mod:`bpo_kg.validate.shacl_core`), or refused there.
"""

from __future__ import annotations

import itertools

from rdflib import Graph, Literal, Node
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from bpo_kg.errors import ShapesError
from bpo_kg.validate.shacl_components import VALUE_TYPE, violates
from bpo_kg.validate.shacl_shapes import NOT_CONSTRAINTS, SubclassesOf, is_deactivated, sparql_path

LOGICAL = {SH.node: "node", SH["not"]: "not", SH["and"]: "and", SH["or"]: "or", SH.xone: "xone"}


def custom_parameters(shapes: Graph) -> set[Node]:
    """The parameters of the SPARQL-based constraint components ``shapes`` declares."""
    return {
        path
        for component in shapes.subjects(RDF.type, SH.ConstraintComponent)
        for parameter in shapes.objects(component, SH.parameter)
        for path in shapes.objects(parameter, SH.path)
    }


# What the compilers pass over on a shape: no constraints, or read with the constraint they belong to.
NOT_CHECKED = NOT_CONSTRAINTS | {RDF.type, SH.closed, SH.flags}


def members_of(shapes: Graph, parameter: Node, argument: Node) -> list[Node]:
    """The shapes a logical constraint names; sh:node must name a node shape (as pySHACL requires)."""
    if parameter == SH.node and shapes.value(argument, SH.path) is not None:
        raise ShapesError(f"{argument}: sh:node names it, but it is a property shape (SHACL requires a node shape)")
    return [argument] if parameter in {SH.node, SH["not"]} else list(Collection(shapes, argument))


class Conformance:
    """Writes the conformance of a value node to a shape of ``shapes`` as a SPARQL expression."""

    def __init__(self, shapes: Graph, subclasses: SubclassesOf, literals_as_written: bool, custom: set[Node]) -> None:
        self.shapes, self.subclasses, self.literals_as_written = shapes, subclasses, literals_as_written
        self.custom_parameters = custom
        self._fresh = (f"?value_{n}" for n in itertools.count())

    def conforms(self, node: Node, value: str, stack: tuple[Node, ...]) -> str | None:
        """A SPARQL expression true when the node ``value`` (a variable) conforms to the shape ``node``,
        if its constraints can all be written so: value types, logical constraints on shapes that can,
        property shapes of those and ``sh:minCount 1``. None: checked over the value nodes instead."""
        shapes = self.shapes
        if node in stack or (node, SH.closed, Literal(True)) in shapes:
            return None
        if is_deactivated(shapes, node):
            return "true"
        path = shapes.value(node, SH.path)
        if path is None:
            return self._value_conforms(node, value, (*stack, node))
        if (node, SH.property, None) in shapes:
            return None
        each = next(self._fresh)
        constraints = self._value_conforms(node, each, (*stack, node), counts=True)
        if constraints is None:
            return None
        step = f"{value} {sparql_path(shapes, node, path)} {each}"
        parts = [f"NOT EXISTS {{ {step} FILTER(!({constraints})) }}"] if constraints != "true" else []
        minimum = shapes.value(node, SH.minCount)
        if minimum is not None and int(minimum) > 0:
            parts.append(f"EXISTS {{ {step} }}")
        return " && ".join(parts) or "true"

    def each_conforms(self, members: list[Node], value: str, stack: tuple[Node, ...]) -> list[str] | None:
        """The expressions of :meth:`conforms` for each of ``members``; None if one has none."""
        expressions = [self.conforms(member, value, stack) for member in members]
        return None if None in expressions else expressions

    def _value_conforms(self, node: Node, value: str, stack: tuple[Node, ...], counts: bool = False) -> str | None:
        """The conjunction of ``node``'s constraints on one value node; ``counts``: sh:minCount 1
        (read by the caller) may stand beside them."""
        shapes, parts = self.shapes, []
        for parameter, argument in sorted(shapes.predicate_objects(node)):
            if parameter in NOT_CHECKED - {SH.property, SH.sparql}:
                continue
            if parameter in self.custom_parameters:
                return None
            if not str(parameter).startswith(str(SH)):
                continue
            if parameter in VALUE_TYPE:
                parts.append(f"!({self._violates(node, parameter, argument, value)})")
            elif parameter == SH.minCount and counts and int(argument) <= 1:
                continue
            elif parameter == SH.property and not counts:
                inner = self.conforms(argument, value, stack)
                if inner is None:
                    return None
                parts.append(f"({inner})")
            elif parameter in LOGICAL:
                conform = self.each_conforms(members_of(shapes, parameter, argument), value, stack)
                if conform is None:
                    return None
                parts.append(f"!({fails(LOGICAL[parameter], conform)})")
            else:
                return None
        return " && ".join(parts) or "true"

    def _violates(self, node: Node, parameter: Node, argument: Node, value: str) -> str:
        return violates(self.shapes, node, parameter, argument, self.subclasses, self.literals_as_written, value)


def fails(rule: str, conform: list[str]) -> str:
    """When a value fails the logical constraint ``rule`` on shapes it conforms to where ``conform``
    is true (written without IF, which not every server has)."""
    if rule == "node":
        return f"!({conform[0]})"
    if rule == "not":
        return f"({conform[0]})"
    if rule == "and":
        return "!(" + " && ".join(f"({c})" for c in conform) + ")" if conform else "false"
    if rule == "or":
        return "!(" + " || ".join(f"({c})" for c in conform) + ")" if conform else "true"
    exactly_one = [
        " && ".join([f"({c})", *(f"!({other})" for j, other in enumerate(conform) if j != i)])
        for i, c in enumerate(conform)
    ]  # xone
    return "!(" + " || ".join(f"({one})" for one in exactly_one) + ")" if conform else "true"
