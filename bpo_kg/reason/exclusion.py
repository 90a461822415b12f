"""What the scale engine's rules can know an individual is *not*, as SPARQL expressions.

HermiT finds a contradiction when an individual must be in a class it cannot be in. The rules can
tell "cannot be" only from what the ontology states: an individual of a class disjoint with the
class (or with one of its superclasses), or a value named in ``owl:AllDifferent`` that is none of
an enumeration's members. Where they cannot tell, :meth:`Exclusions.known_not` says so (``None``),
and nothing is concluded from it.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF

from bpo_kg.reason.report import ReasoningReport


def members(graph: Graph, head) -> list:
    """The items of an RDF list."""
    return list(Collection(graph, head))


def disjoint_pairs(ontology: Graph) -> set[tuple[URIRef, URIRef]]:
    """Every pair of named classes the ontology states disjoint, each pair sorted."""
    pairs = {tuple(sorted((a, b))) for a, b in ontology.subject_objects(OWL.disjointWith)}
    for group in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        listed = members(ontology, ontology.value(group, OWL.members))
        pairs |= {tuple(sorted(pair)) for pair in itertools.combinations(listed, 2)}
    return {(a, b) for a, b in pairs if isinstance(a, URIRef) and isinstance(b, URIRef)}


def different_individuals(ontology: Graph) -> list[URIRef]:
    """The individuals the ontology declares pairwise different (``owl:AllDifferent``)."""
    return [
        m
        for group in ontology.subjects(RDF.type, OWL.AllDifferent)
        for m in members(ontology, ontology.value(group, OWL.distinctMembers))
    ]


class Exclusions:
    """Disjointness and distinctness as the ontology states them; ``read`` is told each class whose
    instances an expression reads (rules re-run when those grow)."""

    def __init__(self, ontology: Graph, tbox: ReasoningReport, read: Callable[[str], None] = lambda _: None) -> None:
        self.g = ontology
        self.tbox = tbox
        self.read = read
        self.pairs = disjoint_pairs(ontology)
        self.disjoint: dict[str, set[str]] = defaultdict(set)
        for a, b in self.pairs:
            self.disjoint[str(a)].add(str(b))
            self.disjoint[str(b)].add(str(a))
        self.different = different_individuals(ontology)
        self.different_iris = {str(m) for m in self.different}

    def disjoint_with(self, cls: str) -> set[str]:
        """Every named class disjoint with ``cls`` or with one of its superclasses."""
        found: set[str] = set()
        for c in {cls} | self.tbox.superclasses(cls):
            found |= self.disjoint.get(c, set())
        return found

    def known_not(self, expression, var: str) -> str | None:
        """A SPARQL expression true when ``var`` is known not to be in the class ``expression``;
        None when the rules cannot tell."""
        g = self.g
        if isinstance(expression, URIRef):
            excluded = sorted(self.disjoint_with(str(expression)))
            if not excluded:
                return None
            for cls in excluded:
                self.read(cls)
            return f"EXISTS {{ {var} a ?_d . VALUES ?_d {{ {' '.join(f'<{c}>' for c in excluded)} }} }}"
        if not isinstance(expression, BNode):
            return None
        if (expression, OWL.oneOf, None) in g:
            listed = members(g, g.value(expression, OWL.oneOf))
            if not self.different or not set(listed) <= set(self.different):
                return None
            others = ", ".join(m.n3() for m in self.different if m not in listed)
            return f"({var} IN ({others}))" if others else None
        if (expression, OWL.unionOf, None) in g:
            parts = [self.known_not(m, var) for m in members(g, g.value(expression, OWL.unionOf))]
            return None if None in parts else "(" + " && ".join(parts) + ")"
        if (expression, OWL.intersectionOf, None) in g:
            parts = [p for m in members(g, g.value(expression, OWL.intersectionOf)) if (p := self.known_not(m, var))]
            return "(" + " || ".join(parts) + ")" if parts else None
        return None

    def differ(self, a: str, b: str, types_a: set[str], types_b: set[str], exclusive: dict[str, set[str]]) -> bool:
        """Whether the individuals ``a`` and ``b``, with these named types, are known to differ: both
        named in ``owl:AllDifferent``, or in two classes no individual can be in both (``exclusive``)."""
        if a != b and {a, b} <= self.different_iris:
            return True
        return any(other in types_b for kind in types_a for other in exclusive.get(kind, ()))
