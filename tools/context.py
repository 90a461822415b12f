"""Write the packaged JSON-LD context, ontology/context.jsonld, from the ontology (run after changing
the ontology; tests/test_jsonld.py fails while it is stale).

    python tools/context.py
"""

from __future__ import annotations

from bpo_kg.load import load_ontology
from bpo_kg.publish import jsonld_context
from bpo_kg.resources import context_file

if __name__ == "__main__":
    context_file().write_bytes(jsonld_context(load_ontology()))
    print(f"wrote {context_file()}")
