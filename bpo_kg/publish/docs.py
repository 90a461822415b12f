"""HTML reference documentation: pyLODE for the page, plus what pyLODE lacks.

pyLODE (OntPub) renders every class and property with its definition, claim ids (dcterms:source),
scope notes, super- and subclasses, restrictions and domain/range. It is given ``bpo-full`` (so the
hierarchy shown is HermiT's) with English labels only, and anchors fixed to the terms' local names
(``#CallCentreOperator``), so IRIs can be linked. Added here: a row per term with both labels and the
SKOS alignments to outside vocabularies, and a Diagrams section with the Graphviz drawings inline.
"""

from __future__ import annotations

import logging
import re
from html import escape

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from bpo_kg import BPO_NS
from bpo_kg.errors import DocsError
from bpo_kg.publish.axiom_text import expression
from bpo_kg.publish.diagrams import diagrams
from bpo_kg.resources import claims_file

DOCUMENTED_BY_PYLODE = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)


def own_terms(graph: Graph, kinds=(*DOCUMENTED_BY_PYLODE, OWL.NamedIndividual)) -> list[str]:
    return sorted({str(s) for kind in kinds for s in graph.subjects(RDF.type, kind) if str(s).startswith(BPO_NS)})


def _english_view(graph: Graph) -> Graph:
    """English text only (labels, titles); blank nodes labelled canonically, triples in sorted order;
    definitions pyLODE cannot draw (see :func:`_nested_definitions`) given as text instead."""
    view = Graph()
    nested = _nested_definitions(graph)
    for triple in sorted(to_canonical_graph(graph - nested)):
        if getattr(triple[2], "language", None) not in (None, "en"):
            continue
        view.add(triple)
    for cls, _, definition in nested:
        view.add((cls, RDFS.comment, Literal(f"Equivalent to {expression(graph, definition)}.", lang="en")))
    for prefix, namespace in graph.namespaces():
        view.bind(prefix, namespace)
    return view


def _nested_definitions(graph: Graph) -> Graph:
    """The ``owl:equivalentClass`` axioms whose class expression holds a union or intersection inside
    another (pyLODE 3 fails on them: "unhashable type: 'list'"), with the blank nodes they use."""
    found = Graph()
    for cls, definition in graph.subject_objects(OWL.equivalentClass):
        if isinstance(definition, BNode) and _nests_set_classes(graph, definition, depth=0):
            found.add((cls, OWL.equivalentClass, definition))
    return found


def _nests_set_classes(graph: Graph, node, depth: int) -> bool:
    for prop in (OWL.unionOf, OWL.intersectionOf):
        if (items := graph.value(node, prop)) is not None:
            if depth:
                return True
            return any(
                _nests_set_classes(graph, m, depth + 1) for m in Collection(graph, items) if isinstance(m, BNode)
            )
    return False


def _pylode_html(view: Graph, terms: list[str]) -> str:
    from pylode import OntPub  # imported late: it configures logging on import

    previous = logging.root.manager.disable
    logging.disable(logging.INFO)
    try:
        page = OntPub(ontology=view, sort_subjects=True)
        page.fids.update({iri: iri[len(BPO_NS) :] for iri in terms})
        return page.make_html()
    finally:
        logging.disable(previous)


def _extra_rows(graph: Graph, iri: str) -> str:
    rows = []
    for lang, name in (("en", "Label (English)"), ("hi", "Label (Hindi)")):
        labels = sorted(str(o) for o in graph.objects(URIRef(iri), RDFS.label) if getattr(o, "language", None) == lang)
        cells = "".join(f'<p lang="{lang}" class="label-{lang}">{escape(text)}</p>' for text in labels)
        rows.append(f"<tr><th>{name}</th><td>{cells}</td></tr>")
    matches = [(prop.split("#")[-1], str(o)) for prop in MAPPINGS for o in graph.objects(URIRef(iri), prop)]
    if matches:
        cells = "".join(
            f'<p>skos:{kind} <a href="{escape(target)}">{escape(target)}</a></p>'
            if target.startswith("http")
            else f"<p>skos:{kind} {escape(target)}</p>"
            for kind, target in sorted(matches)
        )
        rows.append(f"<tr><th>Alignments</th><td>{cells}</td></tr>")
    return "".join(rows)


def _add_rows(html: str, graph: Graph, terms: list[str]) -> str:
    for iri in terms:
        anchor = f'id="{iri[len(BPO_NS) :]}"'
        start = html.find(anchor)
        if start < 0:
            raise DocsError(f"pyLODE wrote no section for {iri}")
        after_iri_row = html.find("</tr>", start) + len("</tr>")
        html = html[:after_iri_row] + _extra_rows(graph, iri) + html[after_iri_row:]
    return html


def _individuals_section(graph: Graph) -> str:
    """Named individuals (channels, regions, value individuals), which pyLODE's OntPub leaves out."""
    entries = []
    for iri in own_terms(graph, (OWL.NamedIndividual,)):
        local = iri[len(BPO_NS) :]
        english = next((str(o) for o in graph.objects(URIRef(iri), RDFS.label) if o.language == "en"), local)
        types = sorted(str(t) for t in graph.objects(URIRef(iri), RDF.type) if str(t).startswith(BPO_NS))
        type_links = ", ".join(f'<a href="#{t[len(BPO_NS) :]}">{escape(t[len(BPO_NS) :])}</a>' for t in types)
        definition = next((str(o) for o in graph.objects(URIRef(iri), SKOS.definition)), "")
        claims = ", ".join(sorted(str(o) for o in graph.objects(URIRef(iri), DCTERMS.source)))
        entries.append(
            f'<div class="property entity" id="{local}"><h3>{escape(english)}'
            f'<sup class="sup-ni" title="OWL Named Individual">ni</sup></h3><table>'
            f"<tr><th>IRI</th><td><code>{escape(iri)}</code></td></tr>{_extra_rows(graph, iri)}"
            f"<tr><th>Type</th><td>{type_links}</td></tr><tr><th>Definition</th><td><p>{escape(definition)}</p></td></tr>"
            + (f"<tr><th>Source</th><td><p>{escape(claims)}</p></td></tr>" if claims else "")
            + "</table></div>"
        )
    return f'<div class="section" id="namedindividuals"><h2>Named Individuals</h2>{"".join(entries)}</div>\n'


def _inline_svg(svg: bytes) -> str:
    text = svg.decode("utf-8")
    return text[text.index("<svg") :]


def _add_diagrams(html: str, files: dict[str, bytes]) -> str:
    figures = []
    for name, caption in (
        ("class-hierarchy", "Class hierarchy as HermiT infers it (blue: defined classes)"),
        ("engagement-pattern", "The engagement pattern: object properties between classes"),
    ):
        figures.append(
            f'<figure id="diagram-{name}">{_inline_svg(files[name + ".svg"])}'
            f'<figcaption>{caption} (<a href="{name}.svg">SVG</a>, <a href="{name}.png">PNG</a>)'
            f"</figcaption></figure>"
        )
    section = f'<div class="section" id="diagrams"><h2>Diagrams</h2>{"".join(figures)}</div>\n'
    marker = '<div class="section" id="classes">'
    if marker not in html:
        raise DocsError("pyLODE wrote no classes section")
    style = "<style>figure svg{max-width:100%;height:auto} .label-hi{font-size:1.1em}</style>"
    return html.replace(marker, section + marker, 1).replace("</head>", style + "</head>", 1)


def build_docs(full: Graph) -> dict[str, bytes]:
    """index.html and the diagrams (SVG, PNG), by file name; give it the bpo-full graph."""
    terms = own_terms(full, DOCUMENTED_BY_PYLODE)
    files = diagrams(full)
    html = _pylode_html(_english_view(full), terms)
    html = _add_diagrams(_add_rows(html, full, terms), files)
    marker = '<div class="section" id="objectproperties">'
    html = html.replace(marker, _individuals_section(full) + marker, 1)
    html = re.sub(r"[ \t]+\n", "\n", html)
    files["index.html"] = _link_claims(html).encode("utf-8")
    files["claims.html"] = claims_page().encode("utf-8")
    return files


def _link_claims(html: str) -> str:
    """Each seed-claim id cited as a term's source (a list item, or the individuals' comma list) links
    to its entry in claims.html."""
    html = re.sub(r"<p>(S\d{1,2})</p>", r'<p><a href="claims.html#\1">\1</a></p>', html)
    return re.sub(
        r"(<tr><th>Source</th><td><p>)([S\d, ]+)(</p>)",
        lambda m: m[1] + re.sub(r"S\d{1,2}", lambda c: f'<a href="claims.html#{c[0]}">{c[0]}</a>', m[2]) + m[3],
        html,
    )


def claims_page() -> str:
    """docs/claims.md (the seed claims, written by tools/claims.py) as a page, one anchor per claim."""
    import markdown  # a dependency of pyLODE, imported where used

    text = claims_file().read_text(encoding="utf-8")
    body = markdown.markdown(text)
    body = re.sub(r"<h2>(S\d{1,2})</h2>", r'<h2 id="\1">\1</h2>', body)
    if body.count('<h2 id="S') != 22:
        raise DocsError(f"{claims_file()}: expected the 22 seed claims as '## S1' … '## S22' headings")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>bpo-kg: the seed claims</title>'
        f'</head><body><p><a href="index.html">bpo-kg ontology</a></p>\n{body}\n</body></html>\n'
    )
