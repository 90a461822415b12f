"""bpo-kg: an OWL 2 ontology of business process outsourcing and its toolkit."""

__version__ = "0.2.0"

BPO_NS = "https://w3id.org/bpo-kg/ontology#"
SHAPES_NS = "https://w3id.org/bpo-kg/shapes#"
ONTOLOGY_IRI = "https://w3id.org/bpo-kg/ontology"
CONTEXT_IRI = "https://w3id.org/bpo-kg/context.jsonld"  # the JSON-LD context, published and packaged
