"""Stage 3, validate: SHACL over the data and what reasoning entailed, with pySHACL (the exact engine)
or with every constraint compiled to SPARQL and run once over an Oxigraph store (the scale engine)."""

from bpo_kg.errors import ShapesError
from bpo_kg.validate.pyshacl_run import validate
from bpo_kg.validate.report import ValidationReport, Violation
from bpo_kg.validate.report_graph import report_graph
from bpo_kg.validate.shacl_sparql import validate_store

__all__ = ["ShapesError", "ValidationReport", "Violation", "report_graph", "validate", "validate_store"]
