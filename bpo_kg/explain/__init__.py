"""Stage: explanations. Why the data is inconsistent, or why an individual has a type: justifications
from the OWL API's explanation generator with HermiT over a locality module, rendered for people."""

from bpo_kg.explain.explanation import ExplainReport, Explanation, Step, explain, explain_types
from bpo_kg.explain.justify import Answer, Justification, justify

__all__ = ["Answer", "ExplainReport", "Explanation", "Justification", "Step", "explain", "explain_types", "justify"]
