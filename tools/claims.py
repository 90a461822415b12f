"""Write docs/claims.md: each seed claim (S1 to S22) in the project's words (the docstring of the test
that proves it), the source's own key words, the ontology terms that cite it (``dcterms:source``) and
the tests that prove it. tests/test_claims_doc.py fails while the file is stale.

    python tools/claims.py
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS

from bpo_kg import BPO_NS
from bpo_kg.load import load_ontology

REPO = Path(__file__).resolve().parent.parent
CLAIMS = REPO / "docs" / "claims.md"
TESTS = sorted((REPO / "tests").glob("test_seed_claims_*.py"))
# The source document's own words for each claim (Hindi, short phrases; the document is not in the repository).
SOURCE_WORDS = {
    "S1": "बीपीओ, कॉल सेंटर",
    "S3": "बिजनेस प्रोसेस आउटसोर्सिंग",
    "S4": "वित्त, प्रशासन, मानव संसाधन, ग्राहक सेवा, पेरोल",
    "S5": "विक्रेता, विशेषज्ञता, महत्वपूर्ण / गैर-महत्वपूर्ण",
    "S8": "एशिया, अफ्रीका, पश्चिम",
    "S10": "केंद्रीकृत कार्यालय, टेलीफोन, समस्या निवारण",
    "S11": "उत्पादों के समर्थन, ग्राहकों के प्रश्न",
    "S13": "इनकमिंग और आउटगोइंग कॉल",
    "S14": "टेलीमार्केटिंग, सर्वेक्षण, ग्राहक सहायता, ऑर्डर लेना",
    "S15": "लागत बचाने, उत्पादकता बढ़ाने",
    "S18": "वेबसाइट",
    "S19": "आईटी सेवाएं, वित्तीय सेवाएं",
    "S20": "आवाज आधारित प्रणाली",
    "S22": "उपसमुच्चय",
}


def claim_tests() -> dict[str, list[tuple[str, str, str]]]:
    """Claim id -> (test file, test name, the claim in the test's words)."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for path in TESTS:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            doc = ast.get_docstring(node) if isinstance(node, ast.FunctionDef) else None
            if doc and (match := re.match(r"(S\d+): (.+)", doc.splitlines()[0])):
                found.setdefault(match.group(1), []).append((path.name, node.name, match.group(2)))
    return found


def claim_terms() -> dict[str, list[str]]:
    """Claim id -> the ontology terms that cite it, as bpo:Name (English label)."""
    ontology = load_ontology()
    found: dict[str, list[str]] = {}
    for term, source in ontology.subject_objects(DCTERMS.source):
        if isinstance(term, URIRef) and str(term).startswith(BPO_NS) and re.fullmatch(r"S\d+", str(source)):
            label = next((str(o) for o in ontology.objects(term, RDFS.label) if o.language == "en"), "")
            found.setdefault(str(source), []).append(f"`bpo:{str(term)[len(BPO_NS) :]}` ({label})")
    return {claim: sorted(terms) for claim, terms in found.items()}


def render() -> str:
    tests, terms = claim_tests(), claim_terms()
    lines = [
        "# The seed claims (S1 to S22)",
        "",
        "The ontology encodes the 22 claims of its seed, a Hindi article on the difference between BPO and",
        "call centres. Each claim below is given in the project's own words (those of the test that proves",
        "it), with the article's own key words where it has them, the ontology terms that cite it",
        "(`dcterms:source`) and the tests that prove it with HermiT. Written by `python tools/claims.py`;",
        "`tests/test_claims_doc.py` fails when it is stale.",
        "",
    ]
    for number in range(1, 23):
        claim = f"S{number}"
        proofs = tests.get(claim, [])
        words = proofs[0][2] if proofs else "(no test states it)"
        lines += [f"## {claim}", "", words[:1].upper() + words[1:], ""]
        if claim in SOURCE_WORDS:
            lines += [f"- In the source: {SOURCE_WORDS[claim]}"]
        lines += [f"- Encoded by: {', '.join(terms.get(claim, [])) or '(the ontology as a whole)'}"]
        lines += [f"- Proved by: {', '.join(f'`tests/{file}::{name}`' for file, name, _ in proofs)}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    CLAIMS.write_text(render(), encoding="utf-8")
    print(f"wrote {CLAIMS}")
