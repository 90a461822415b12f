"""Validation in the scale engine: every SHACL Core and SHACL-SPARQL constraint (compiled in
:mod:`bpo_kg.validate.shacl_core`), each evaluated once over a whole Oxigraph store.

pySHACL runs a SPARQL constraint once per focus node through rdflib's engine, which dominated
validation time (13.5 of 14.7 s on 10k triples). Here each ``sh:select`` runs once, with the shape's
focus pattern binding ``$this``; the store holds the ontology, the data and the materialised types,
which is what pySHACL sees when it mixes the ontology into the data.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, SH

from bpo_kg.validate.report import ValidationReport, sort_violations
from bpo_kg.validate.shacl_core import core_results


def validate_store(store: ox.Store, shapes: Graph, literals_as_written: bool = False) -> ValidationReport:
    """Validate the knowledge graph in ``store`` (as :func:`bpo_kg.reason.realise.reason_store` left it):
    the same report as :func:`bpo_kg.validate.pyshacl_run.validate` gives over the data and HermiT's
    entailments. Any result, whatever its severity, makes the report not conform (as in the spec).
    The constraints run on as many threads as there are CPUs. ``literals_as_written``: the caller
    checked that the store rewrote no literal of the data (see :mod:`bpo_kg.validate.shacl_components`)."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        violations = sort_violations(core_results(store, shapes, pool.map, literals_as_written))
    shape_count = len(set(shapes.subjects(RDF.type, SH.NodeShape)))
    return ValidationReport(conforms=not violations, violations=violations, shapes=shape_count)
