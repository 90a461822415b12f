"""Stage 2, reason: HermiT over ontology and data (the exact engine), or HermiT over the ontology and
SPARQL rules compiled from its classification, run inside an Oxigraph store (the scale engine)."""

from bpo_kg.errors import ReasonerError
from bpo_kg.reason.cache import classify
from bpo_kg.reason.closure import CATALOGUE_CLOSURE, closure_axioms
from bpo_kg.reason.hermit import materialise, reason
from bpo_kg.reason.realise import reason_store
from bpo_kg.reason.report import IndividualTypes, ReasoningReport

__all__ = [
    "CATALOGUE_CLOSURE",
    "IndividualTypes",
    "ReasonerError",
    "ReasoningReport",
    "classify",
    "closure_axioms",
    "materialise",
    "reason",
    "reason_store",
]
