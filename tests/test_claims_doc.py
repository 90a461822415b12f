"""docs/claims.md: every seed claim with the terms that encode it and the tests that prove it, and
current (written by tools/claims.py from the ontology and the claim tests)."""

from __future__ import annotations

import importlib.util

from tests.conftest import REPO


def _claims_tool():
    spec = importlib.util.spec_from_file_location("claims_tool", REPO / "tools" / "claims.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_claim_is_encoded_and_proved():
    tool = _claims_tool()
    tests, terms = tool.claim_tests(), tool.claim_terms()
    claims = [f"S{n}" for n in range(1, 23)]
    assert [c for c in claims if not tests.get(c)] == []
    assert [c for c in claims if not terms.get(c)] == []


def test_the_claims_document_is_current():
    assert (REPO / "docs" / "claims.md").read_text(encoding="utf-8") == _claims_tool().render(), (
        "run: python tools/claims.py"
    )
