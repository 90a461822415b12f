"""``bpo-kg docs``: every own term with both labels, the diagrams, and the page as a browser renders it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS

from tests.cli import bpo_kg
from tests.conftest import BPO, missing_tool

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    if not shutil.which("dot"):
        missing_tool("needs Graphviz: apt-get install graphviz")
    out = tmp_path_factory.mktemp("docs") / "site"
    done = bpo_kg("docs", "--out", out, cwd=out.parent)
    assert done.code == 0, done.err
    return out


def own_terms(ontology) -> list[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    return sorted({s for k in kinds for s in ontology.subjects(RDF.type, k) if str(s).startswith(BPO)})


def section(html: str, local: str) -> str:
    start = html.index(f'id="{local}"')
    end = html.find('<div class="property entity"', start + 1)
    return html[start : end if end > 0 else len(html)]


def label(ontology, term, lang: str) -> str:
    return next(str(o) for o in ontology.objects(term, RDFS.label) if o.language == lang)


def test_every_own_term_has_an_anchor_and_both_labels(site, ontology):
    html = (site / "index.html").read_text(encoding="utf-8")
    terms = own_terms(ontology)
    assert len(terms) > 100
    for term in terms:
        local = str(term)[len(BPO) :]
        part = section(html, local)
        for lang in ("en", "hi"):
            assert f'lang="{lang}" class="label-{lang}">{label(ontology, term, lang)}<' in part, (local, lang)


def test_term_sections_carry_definition_claims_hierarchy_and_alignments(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    operator = section(html, "CallCentreOperator")
    assert "provides only services delivered by voice" in operator
    assert "S22" in operator and 'href="#BPOProvider"' in operator  # superclass only HermiT knew
    assert '<a href="claims.html#S22">S22</a>' in operator  # each cited claim links to docs/claims.md
    claims = (site / "claims.html").read_text(encoding="utf-8")
    assert all(f'<h2 id="S{n}">S{n}</h2>' in claims for n in range(1, 23))
    assert "A call centre can be a subset of BPO, but the converse is not true." in claims
    assert "data.europa.eu/ux2/nace2/8220" in section(html, "CallHandlingService")
    assert 'href="#Organisation"' in section(html, "hasClient")  # range


def test_diagrams_are_written_and_embedded(site):
    for name in ("class-hierarchy", "engagement-pattern"):
        assert (site / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"<svg" in (site / f"{name}.svg").read_bytes()
    html = (site / "index.html").read_text(encoding="utf-8")
    assert html.count("<figure") == 2 and "call&#45;centre operator</text>" in html  # Graphviz escapes "-"


def test_page_renders_in_headless_chromium(site, ontology, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        missing_tool("needs a browser: apt-get install chromium")
    url = (site / "index.html").as_uri()
    common = [browser, *CHROMIUM_FLAGS]
    dom = subprocess.run(
        [*common, f"--user-data-dir={tmp_path / 'profile-dom'}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    ).stdout
    headings = {re.sub(r"<[^>]+>|\s+", " ", h).strip() for h in re.findall(r"<h3>(.*?)</h3>", dom, re.S)}
    classes = sorted(s for s in ontology.subjects(RDF.type, OWL.Class) if str(s).startswith(BPO))
    for cls in classes:
        assert any(h.startswith(label(ontology, cls, "en")) for h in headings), cls
    assert re.search(r'<figure id="diagram-class-hierarchy"><svg', dom)
    screenshot = tmp_path / "reference-docs.png"
    subprocess.run(
        [
            *common,
            f"--user-data-dir={tmp_path / 'profile-shot'}",
            "--window-size=1400,2400",
            f"--screenshot={screenshot}",
            url,
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 50_000
    print(f"screenshot: {screenshot}")
