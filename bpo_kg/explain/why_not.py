"""Why an individual is not of a class: which conditions of the class's definition (the parts of its
``owl:equivalentClass`` intersection) HermiT cannot show it meets. Each condition becomes a named class
for the question, so the same generator answers "whether" for all of them in one run."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF

from bpo_kg.engines import KnowledgeGraph
from bpo_kg.explain.explanation import Namer, data_of
from bpo_kg.explain.justify import justify
from bpo_kg.explain.words import Expr, Words, article

CONDITION = "urn:bpo-kg:condition-"
_PROPERTY_RESTRICTIONS = {
    OWL.someValuesFrom: "ObjectSomeValuesFrom",
    OWL.allValuesFrom: "ObjectAllValuesFrom",
    OWL.hasValue: "ObjectHasValue",
}
_CARDINALITIES = {
    OWL.minCardinality: "ObjectMinCardinality",
    OWL.maxCardinality: "ObjectMaxCardinality",
    OWL.cardinality: "ObjectExactCardinality",
    OWL.minQualifiedCardinality: "ObjectMinCardinality",
    OWL.maxQualifiedCardinality: "ObjectMaxCardinality",
    OWL.qualifiedCardinality: "ObjectExactCardinality",
}


@dataclass
class WhyNot:
    question: str
    is_member: bool
    definition: str  # the class's definition in words ('' if it has none)
    unmet: list[str]  # the conditions not shown to hold, in words

    def to_text(self) -> str:
        if self.is_member:
            return f"{self.question}: it is one (ask --why)"
        if not self.definition:
            return f"{self.question}: the class has no definition; only a stated type makes something one"
        lines = [f"{self.question}:", f"  definition: {self.definition}", "  conditions not shown to hold:"]
        lines += [f"    {condition}" for condition in self.unmet]
        return "\n".join(lines)


def expression(graph: Graph, node) -> Expr:
    """An OWL class expression of ``graph`` (RDF) as the OWL API would write it."""
    if isinstance(node, URIRef):
        return Expr(f"<{node}>")
    if isinstance(node, Literal):
        return Expr(f'"{node}"')
    for prop, name in ((OWL.intersectionOf, "ObjectIntersectionOf"), (OWL.unionOf, "ObjectUnionOf")):
        if (items := graph.value(node, prop)) is not None:
            return Expr(name, tuple(expression(graph, m) for m in Collection(graph, items)))
    if (items := graph.value(node, OWL.oneOf)) is not None:
        return Expr("ObjectOneOf", tuple(expression(graph, m) for m in Collection(graph, items)))
    if (negated := graph.value(node, OWL.complementOf)) is not None:
        return Expr("ObjectComplementOf", (expression(graph, negated),))
    prop = graph.value(node, OWL.onProperty)
    for key, name in _PROPERTY_RESTRICTIONS.items():
        if (filler := graph.value(node, key)) is not None:
            return Expr(name, (expression(graph, prop), expression(graph, filler)))
    for key, name in _CARDINALITIES.items():
        if (count := graph.value(node, key)) is not None:
            filler = graph.value(node, OWL.onClass)
            parts = (Expr(str(count)), expression(graph, prop))
            return Expr(name, parts + ((expression(graph, filler),) if filler is not None else ()))
    return Expr("Thing")


def why_not(graph: KnowledgeGraph, individual: str, cls: str, lang: str = "en") -> WhyNot:
    ontology = graph.ontology
    namer = Namer(graph, data_of(graph), lang)
    words = Words(namer)
    question = f"why {namer(individual)} is not {article(namer(cls))}"
    definitions = [d for d in ontology.objects(URIRef(cls), OWL.equivalentClass) if isinstance(d, BNode)]
    parts = []
    for definition in definitions:
        items = ontology.value(definition, OWL.intersectionOf)
        parts += list(Collection(ontology, items)) if items is not None else [definition]
    asked = Graph()
    asked += ontology
    questions = [(individual, cls)]
    for number, part in enumerate(parts):
        condition = URIRef(f"{CONDITION}{number}")
        asked.add((condition, RDF.type, OWL.Class))
        asked.add((condition, OWL.equivalentClass, part))
        questions.append((individual, str(condition)))
    answers = justify(asked, data_of(graph), questions, most=0)
    definition = " and ".join(words.cls(expression(ontology, p), nested=True) for p in parts)
    unmet = [
        words.cls(expression(ontology, part))
        for part, answer in zip(parts, answers[1:], strict=True)
        if not answer.entailed
    ]
    return WhyNot(question, answers[0].entailed, definition, unmet)
