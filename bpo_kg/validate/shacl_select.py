"""SHACL-SPARQL constraints (``sh:sparql``) of a shape compiled to one query over the whole store.

Pre-binding ``$this`` is done by putting the shape's focus pattern first in the query's WHERE clause:
OPTIONAL, FILTER and (NOT) EXISTS then see ``?this`` bound, as the spec's pre-binding does; a nested
SELECT would not, so it is refused, as is ``$shapesGraph``. MINUS, VALUES, SERVICE and rebinding a
pre-bound variable are not allowed by the spec (a :class:`~bpo_kg.errors.ShapesError`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import OWL, SH

from bpo_kg.errors import ShapesError
from bpo_kg.validate.shacl_shapes import Shape, message_of, refuse, sparql_path

_FORBIDDEN = re.compile(r"\b(MINUS|VALUES|SERVICE)\b", re.IGNORECASE)
_REBINDS = re.compile(r"\bAS\s+[?$](this|currentShape|shapesGraph)\b", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")


@dataclass(frozen=True)
class SelectCheck:
    """One SPARQL constraint of a shape: its query (binding ?this), and its message template."""

    query: str
    shape: Shape
    message: str


def fill(template: str, values: dict) -> str:
    """An sh:message with its ``{?var}`` and ``{$var}`` placeholders replaced by the bound values."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def prefixes_of(shapes: Graph, constraint: Node) -> str:
    """The PREFIX lines a SPARQL constraint declares through ``sh:prefixes``."""
    lines, sources = [], list(shapes.objects(constraint, SH.prefixes))
    for source in sources:  # and, within the shapes graph, what it owl:imports
        sources += [imported for imported in shapes.objects(source, OWL.imports) if imported not in sources]
        for declaration in shapes.objects(source, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def select_checks(shapes: Graph, shape: Shape) -> list[SelectCheck]:
    """The SPARQL constraints of ``shape`` (deactivated ones left out)."""
    checks = []
    for constraint in sorted(shapes.objects(shape.node, SH.sparql)):
        if shapes.value(constraint, SH.deactivated) == Literal(True):
            continue
        select = shapes.value(constraint, SH.select)
        if select is None:
            raise refuse(shape.node, "an sh:sparql constraint without sh:select")
        text = str(select)
        if _FORBIDDEN.search(text) or _REBINDS.search(text):
            raise ShapesError(f"{shape.node}: a SPARQL constraint may not use MINUS, VALUES, SERVICE or rebind $this")
        if "$shapesGraph" in text or len(re.findall(r"\bSELECT\b", text, re.IGNORECASE)) > 1:
            raise refuse(shape.node, "a SPARQL constraint with $shapesGraph or a nested SELECT")
        if "$currentShape" in text:
            if not isinstance(shape.node, URIRef):
                raise refuse(shape.node, "$currentShape of a blank shape")
            text = text.replace("$currentShape", shape.node.n3())
        if "$PATH" in text:
            text = text.replace("$PATH", sparql_path(shapes, shape.node, shapes.value(shape.node, SH.path)))
        inner = [m.start() for m in re.finditer(r"\{", text)][1:]
        if any(not re.search(r"(OPTIONAL|EXISTS)\s*$", text[:at], re.IGNORECASE) for at in inner):
            raise refuse(shape.node, "a SPARQL constraint with a nested group (no pre-binding there)")
        where = re.search(r"\{", text)
        if where is None:
            raise ShapesError(f"{shape.node}: the SPARQL constraint has no WHERE clause")
        body = text[: where.end()] + f" {shape.focus} " + text[where.end() :]
        body = re.sub(r"\bSELECT\s+(?!DISTINCT\b)", "SELECT DISTINCT ", body, count=1, flags=re.IGNORECASE)
        # one result per solution, as pySHACL
        query = f"{prefixes_of(shapes, constraint)}\n{body.replace('$this', '?this')}"
        message = message_of(shapes, constraint) or shape.message
        checks.append(SelectCheck(query, shape, message))
    return checks
