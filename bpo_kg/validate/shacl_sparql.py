"""Validation in the scale engine: SHACL-SPARQL constraints (and, through :mod:`bpo_kg.validate.shacl_core`, the
core ones), each evaluated once over a whole Oxigraph store.

pySHACL runs a SPARQL constraint once per focus node through rdflib's engine, which dominated
validation time (13.5 of 14.7 s on 10k triples). Here each ``sh:select`` runs once, with ``$this``
as a variable joined with the shape's target class; the store holds the ontology, the data and the
materialised types, which is what pySHACL sees when it mixes the ontology into the data. Results are
the same records pySHACL produces (focus, path, value, component, message with ``{?var}`` filled).
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from bpo_kg.errors import UnsupportedError
from bpo_kg.stores import to_rdflib
from bpo_kg.validate.report import ValidationReport, Violation, sort_violations, term_text
from bpo_kg.validate.shacl_core import Mapper, core_results

COMPONENT = str(SH.SPARQLConstraintComponent)
_PLACEHOLDER = re.compile(r"\{\?(\w+)\}")


def _prefixes(shapes: Graph, constraint) -> str:
    lines = []
    for declaration_source in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(declaration_source, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def fill(template: str, values: dict) -> str:
    """An sh:message with its ``{?var}`` placeholders replaced by the bound values."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def sparql_constraint_results(store: ox.Store, shapes: Graph, mapper: Mapper = map) -> list[Violation]:
    """Every result of every SHACL-SPARQL constraint of ``shapes`` over ``store`` (see :data:`Mapper`)."""
    constraints = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        target = shapes.value(shape, SH.targetClass)
        if not isinstance(target, URIRef):
            raise UnsupportedError(
                f"{shape}: the scale engine evaluates SPARQL constraints of sh:targetClass shapes only"
            )
        select = str(shapes.value(constraint, SH.select))
        message = " ".join(str(shapes.value(constraint, SH.message) or "").split())
        body = select.replace("$this", "?this")
        query = f"{_prefixes(shapes, constraint)}\nSELECT DISTINCT * WHERE {{ {{ {body} }} ?this a <{target}> }}"
        constraints.append((str(shape), query, message))
    return [v for found in mapper(lambda c: _results_of(store, *c), constraints) for v in found]


def _results_of(store: ox.Store, shape: str, query: str, message: str) -> list[Violation]:
    found = []
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        values = {name: to_rdflib(solution[name]) for name in names if solution[name] is not None}
        found.append(
            Violation(
                focus=term_text(values["this"]),
                path=term_text(values.get("path")),
                value=term_text(values.get("value")),
                severity="Violation",
                component=COMPONENT,
                message=fill(message, values),
                shape=shape,
            )
        )
    return found


def validate_store(store: ox.Store, shapes: Graph) -> ValidationReport:
    """Validate the knowledge graph in ``store`` (as :func:`bpo_kg.reason.realise.reason_store` left it):
    the same report as :func:`bpo_kg.validate.pyshacl_run.validate` gives over the data and HermiT's entailments.
    The constraints run on as many threads as there are CPUs."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        found = core_results(store, shapes, pool.map) + sparql_constraint_results(store, shapes, pool.map)
    violations = sort_violations(found)
    shape_count = len(set(shapes.subjects(RDF.type, SH.NodeShape)))
    return ValidationReport(conforms=not violations, violations=violations, shapes=shape_count)
