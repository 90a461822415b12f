"""Compile an ontology whose class hierarchy HermiT computed into SPARQL rules for the scale engine.

Each :class:`Rule` is one ``INSERT … WHERE`` that adds only what is new, and says which facts it
reads and writes (``type <class>`` or ``prop <property>`` keys), so :mod:`bpo_kg.reason.realise` re-runs a
rule only when something it reads has grown. Every rule that adds a type adds all its named
superclasses with it, so the class hierarchy is applied once, to the asserted types.

Rules come in two strata: ``positive`` ones (the hierarchy, domains and ranges, inverses, the
property chain, every ``owl:equivalentClass`` definition built from named classes, ``someValuesFrom``,
``hasValue``, ``unionOf`` and ``oneOf``, ``hasValue``/``allValuesFrom`` propagation) and ``closed``
ones: definitions with ``allValuesFrom``, under the catalogue closure of :mod:`bpo_kg.reason.closure`, which
read their properties with negation and so run only once the positive rules are done. Derived
property values go to a separate named graph, so the knowledge graph gains types, as on the
HermiT path, not properties.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from bpo_kg.errors import UnsupportedError
from bpo_kg.reason.exclusion import Exclusions, members
from bpo_kg.reason.report import ReasoningReport
from bpo_kg.reason.supported import check_supported

DERIVED = "urn:bpo-kg:derived-properties"
ASSERTED_TYPES = "urn:bpo-kg:asserted-types"  # the data's own rdf:type statements, before realisation


@dataclass(frozen=True)
class Rule:
    """One SPARQL update, ``INSERT { head } WHERE { where }`` (``head`` into the default graph, or
    into :data:`DERIVED` if ``derived``); the keys (``type <iri>``, ``prop <iri>``) it reads, the one
    it adds to, and all it can make grow (a type rule adds superclasses too, bar those its body
    already requires)."""

    head: str
    where: str
    reads: frozenset[str]
    writes: str
    grows: frozenset[str]
    closed: bool = False
    last: bool = False  # run once the others are done (see bpo_kg.reason.realise.saturate)
    derived: bool = False

    @property
    def update(self) -> str:
        """The update over one store: data, ontology and entailed types in its default graph."""
        head = f"GRAPH <{DERIVED}> {{ {self.head} }}" if self.derived else self.head
        return f"INSERT {{ {head} }} WHERE {{ {self.where} }}"


def type_key(iri: str) -> str:
    return f"type {iri}"


def prop_key(iri: str) -> str:
    return f"prop {iri}"


def derivable_properties(ontology: Graph) -> set[str]:
    """Properties some rule adds values of: inverses, chain heads, ``hasValue`` restrictions, the
    super-properties and transitive properties that matter (:func:`subproperty_pairs`)."""
    found = {str(t) for pair in ontology.subject_objects(OWL.inverseOf) for t in pair}
    found |= {str(p) for p in ontology.subjects(OWL.propertyChainAxiom, None)}
    found |= {str(ontology.value(r, OWL.onProperty)) for r in ontology.subjects(OWL.hasValue, None)}
    found |= {str(sup) for _, sup in subproperty_pairs(ontology)}
    found |= {str(p) for p in transitive_properties(ontology)}
    return found


def logical_properties(ontology: Graph) -> set[URIRef]:
    """Properties whose values can change a type or a verdict: restricted, chained, with a domain or
    range, inverse, functional or disjoint; and, recursively, the sub-properties feeding them."""
    found = {p for p in ontology.objects(None, OWL.onProperty)}
    for _, chain in ontology.subject_objects(OWL.propertyChainAxiom):
        found |= set(members(ontology, chain))
    found |= set(ontology.subjects(RDFS.domain, None)) | set(ontology.subjects(RDFS.range, None))
    found |= {t for pair in ontology.subject_objects(OWL.inverseOf) for t in pair}
    found |= {t for pair in ontology.subject_objects(OWL.propertyDisjointWith) for t in pair}
    found |= set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
    return {p for p in found if isinstance(p, URIRef)}


def subproperty_pairs(ontology: Graph) -> list[tuple[URIRef, URIRef]]:
    """(sub, super) for every ``rdfs:subPropertyOf`` whose super-property matters (directly or by
    its own super-properties); one to an outside term nothing reads is left out."""
    pairs = sorted((s, o) for s, o in ontology.subject_objects(RDFS.subPropertyOf) if isinstance(o, URIRef))
    relevant = logical_properties(ontology)
    kept: set[tuple[URIRef, URIRef]] = set()
    while grown := {(s, o) for s, o in pairs if o in relevant} - kept:
        kept |= grown
        relevant |= {s for s, _ in grown}
    return sorted(kept)


def transitive_properties(ontology: Graph) -> list[URIRef]:
    """The transitive properties that matter (as for :func:`subproperty_pairs`)."""
    relevant = logical_properties(ontology) | {s for s, _ in subproperty_pairs(ontology)}
    return sorted(p for p in ontology.subjects(RDF.type, OWL.TransitiveProperty) if p in relevant)


def property_pattern(prop: URIRef, subject: str, obj: str, derivable: set[str]) -> str:
    """A triple pattern matched in the data or, if rules can add to ``prop``, among the derived values."""
    p = prop.n3()
    if str(prop) not in derivable:
        return f"{subject} {p} {obj} ."
    return f"{{ {{ {subject} {p} {obj} }} UNION {{ GRAPH <{DERIVED}> {{ {subject} {p} {obj} }} }} }}"


def implied_by_range(ontology: Graph, tbox: ReasoningReport, prop: URIRef, filler) -> bool:
    """Every value of ``prop`` is a ``filler`` already, by the property's range: a rule or clash
    query about ``∃prop.filler`` adds nothing (range typing and disjointness cover it)."""
    range_ = ontology.value(prop, RDFS.range)
    return isinstance(range_, URIRef) and str(filler) in {str(range_)} | tbox.superclasses(str(range_))


def necessary_restrictions(
    ontology: Graph, quantifier: URIRef = OWL.someValuesFrom
) -> list[tuple[URIRef, URIRef, object]]:
    """(class, property, filler) for every ``∃property.filler`` (or ``∀`` with ``owl:allValuesFrom``)
    that every member of a named class must meet."""
    found = []
    for cls, expression in [*ontology.subject_objects(OWL.equivalentClass), *ontology.subject_objects(RDFS.subClassOf)]:
        if not (isinstance(cls, URIRef) and isinstance(expression, BNode)):
            continue
        parts = [expression]
        if (expression, OWL.intersectionOf, None) in ontology:
            parts = members(ontology, ontology.value(expression, OWL.intersectionOf))
        for part in parts:
            prop = ontology.value(part, OWL.onProperty)
            filler = ontology.value(part, quantifier)
            if isinstance(prop, URIRef) and filler is not None:
                found.append((cls, prop, filler))
    return sorted(found, key=str)


def functional_properties(ontology: Graph) -> set[str]:
    return {str(p) for p in ontology.subjects(RDF.type, OWL.FunctionalProperty)}


class TBoxView:
    """What rule and clash compilers read of the ontology: HermiT's classification, the properties
    closed by the catalogue closure, those rules derive values of, the functional ones."""

    def __init__(self, ontology: Graph, tbox: ReasoningReport, closed: set[str]) -> None:
        self.g = ontology
        self.tbox = tbox
        self.closed = closed
        self.derivable = derivable_properties(ontology)
        self.functional = functional_properties(ontology)
        self.necessary = necessary_restrictions(ontology)

    def pattern(self, prop: URIRef, subject: str, obj: str) -> str:
        return property_pattern(prop, subject, obj, self.derivable)


class _Compiler(TBoxView):
    def __init__(self, ontology: Graph, tbox: ReasoningReport, closed: set[str]) -> None:
        super().__init__(ontology, tbox, closed)
        self.counter = itertools.count()
        self.reads: set[str] = set()
        self.exclusions = Exclusions(ontology, tbox, lambda cls: self.reads.add(type_key(cls)))

    def var(self) -> str:
        return f"?v{next(self.counter)}"

    def edge(self, prop: URIRef, subject: str, obj: str) -> str:
        self.reads.add(prop_key(str(prop)))
        return self.pattern(prop, subject, obj)

    def typed(self, var: str, cls: URIRef) -> str:
        self.reads.add(type_key(str(cls)))
        return f"{var} a {cls.n3()} ."

    def expr(self, node, var: str) -> tuple[str, bool]:
        """A WHERE fragment that holds when ``var`` is in the class expression; and whether it uses ∀."""
        g = self.g
        if isinstance(node, URIRef):
            return self.typed(var, node), False
        if (node, OWL.intersectionOf, None) in g:
            parts = [self.expr(m, var) for m in members(g, g.value(node, OWL.intersectionOf))]
            return " ".join(p for p, _ in parts), any(u for _, u in parts)
        if (node, OWL.unionOf, None) in g:
            parts = [self.expr(m, var) for m in members(g, g.value(node, OWL.unionOf))]
            return " UNION ".join(f"{{ {p} }}" for p, _ in parts), any(u for _, u in parts)
        if (node, OWL.oneOf, None) in g:
            values = ", ".join(m.n3() for m in members(g, g.value(node, OWL.oneOf)))
            return f"FILTER({var} IN ({values}))", False
        prop = g.value(node, OWL.onProperty)
        if prop is None:
            raise UnsupportedError(f"class expression {node} is not handled by the scale engine (use --store memory)")
        if (value := g.value(node, OWL.hasValue)) is not None:
            return self.edge(prop, var, value.n3()), False
        if (filler := g.value(node, OWL.someValuesFrom)) is not None:
            inner = self.var()
            if listed := self.named_values(filler):  # the values first: index lookups, not a scan
                return f"VALUES {inner} {{ {listed} }} {self.edge(prop, var, inner)}", False
            body, uses_all = self.expr(filler, inner)
            return f"{self.edge(prop, var, inner)} {body}", uses_all
        if (filler := g.value(node, OWL.allValuesFrom)) is not None:
            if str(prop) not in self.closed:
                return "FILTER(false)", True  # open world: HermiT cannot entail ∀ from a list
            value, witness = self.var(), self.var()
            body, _ = self.expr(filler, value)
            return (
                f"FILTER EXISTS {{ {self.edge(prop, var, witness)} }} "
                f"FILTER NOT EXISTS {{ {self.edge(prop, var, value)} FILTER NOT EXISTS {{ {body} }} }}"
            ), True
        raise UnsupportedError(f"restriction {node} on {prop} is not handled by the scale engine (use --store memory)")

    def named_values(self, node) -> str | None:
        """The members of an ``owl:oneOf`` of IRIs, for a ``VALUES`` block; None for any other class
        expression (literals stay in ``FILTER IN``: it compares values, as OWL does, not terms)."""
        if (node, OWL.oneOf, None) not in self.g:
            return None
        listed = members(self.g, self.g.value(node, OWL.oneOf))
        return " ".join(m.n3() for m in listed) if all(isinstance(m, URIRef) for m in listed) else None

    def implying_classes(self, prop: URIRef, filler, defined: URIRef) -> list[URIRef]:
        """Named classes whose every member has a ``prop`` value in the named class ``filler``
        (``C ⊑ ∃prop.F`` with F ⊑ filler): membership alone meets ``∃prop.filler``, with no value
        named. ``defined`` and its subclasses are left out: their members have its type already."""
        if not isinstance(filler, URIRef):
            return []
        below = {c for c in self.tbox.hierarchy if str(defined) in self.tbox.superclasses(c)} | {str(defined)}
        return sorted(
            {
                cls
                for cls, p, f in self.necessary
                if p == prop
                and isinstance(f, URIRef)
                and (f == filler or str(filler) in self.tbox.superclasses(str(f)))
                and str(cls) not in below
            }
        )

    def by_membership(self, cls: URIRef, parts: list) -> list[Rule]:
        """For a definition ``cls ≡ A ⊓ ∃p.F ⊓ …``, one rule per class K whose members meet ``∃p.F``
        without a value named (:meth:`implying_classes`): the same body with ``?x a K`` in place of
        that part. (Separate rules, not a UNION in the main one: Oxigraph joins those badly.)"""
        rules = []
        for index, part in enumerate(parts):
            prop, filler = self.g.value(part, OWL.onProperty), self.g.value(part, OWL.someValuesFrom)
            if prop is None or filler is None:
                continue
            for member in self.implying_classes(prop, filler, cls):
                bodies = [self.typed("?x", member)]
                uses_all = False
                for other in parts[:index] + parts[index + 1 :]:
                    body, uses = self.expr(other, "?x")
                    bodies.append(body)
                    uses_all |= uses
                required = [p for p in parts if isinstance(p, URIRef)] + [member]
                rules.append(self.type_rule("?x", cls, " ".join(bodies), closed=uses_all, required=required))
        return rules

    def type_rule(
        self, var: str, cls: URIRef, body: str, closed: bool = False, required: Iterable[URIRef] = ()
    ) -> Rule:
        """``var`` gets ``cls`` and all its superclasses, where it is not yet a ``cls``; ``required``:
        named classes ``body`` already demands of ``var``."""
        supers = self.tbox.superclasses(str(cls))
        heads = " ".join(f"{var} a {URIRef(c).n3()} ." for c in [str(cls), *sorted(supers)])
        where = f"{body} FILTER NOT EXISTS {{ {var} a {cls.n3()} }}"
        known = {str(c) for c in required}
        known |= {a for c in known for a in self.tbox.superclasses(c)}
        grows = {type_key(c) for c in {str(cls)} | (supers - known)}
        return self._rule(heads, where, type_key(str(cls)), grows, closed)

    def prop_rule(self, prop: URIRef, subject: str, obj: str, body: str) -> Rule:
        """``subject prop obj`` in the derived graph, where it is not yet known."""
        known = self.pattern(prop, subject, obj)  # not a read: a rule need not re-run for what it added
        head, where = f"{subject} {prop.n3()} {obj} .", f"{body} FILTER NOT EXISTS {{ {known} }}"
        return self._rule(head, where, prop_key(str(prop)), {prop_key(str(prop))}, derived=True)

    def _rule(
        self, head: str, where: str, writes: str, grows: set[str], closed: bool = False, derived: bool = False
    ) -> Rule:
        rule = Rule(head, where, frozenset(self.reads), writes, frozenset(grows), closed, derived=derived)
        self.reads = set()
        return rule

    def definitions(self) -> list[Rule]:
        """Membership rules for defined classes, and hasValue/∀ propagation from named classes."""
        rules = []
        for cls, definition in sorted(self.g.subject_objects(OWL.equivalentClass)):
            if not (isinstance(cls, URIRef) and isinstance(definition, BNode)):
                continue
            if (definition, OWL.oneOf, None) in self.g:
                continue  # closed value enumerations: their members are asserted
            body, uses_all = self.expr(definition, "?x")
            parts = (
                members(self.g, self.g.value(definition, OWL.intersectionOf))
                if (definition, OWL.intersectionOf, None) in self.g
                else [definition]
            )
            required = [p for p in parts if isinstance(p, URIRef)]
            rules.append(self.type_rule("?x", cls, body, closed=uses_all, required=required))
            rules += self.by_membership(cls, parts)
            rules += self._propagation(cls, parts)
        for cls, superclass in sorted(self.g.subject_objects(RDFS.subClassOf)):
            if isinstance(cls, URIRef) and isinstance(superclass, BNode):
                rules += self._propagation(cls, [superclass])
        return rules

    def _propagation(self, cls: URIRef, parts: Iterable) -> list[Rule]:
        rules = []
        for part in parts:
            prop = self.g.value(part, OWL.onProperty)
            if prop is None:
                continue
            if (value := self.g.value(part, OWL.hasValue)) is not None:
                rules.append(self.prop_rule(prop, "?x", value.n3(), self.typed("?x", cls)))
            filler = self.g.value(part, OWL.allValuesFrom)
            if isinstance(filler, URIRef):
                body = f"{self.typed('?x', cls)} {self.edge(prop, '?x', '?y')} FILTER(isIRI(?y))"
                rules.append(self.type_rule("?y", filler, body))
            filler = self.g.value(part, OWL.someValuesFrom)
            if implied_by_range(self.g, self.tbox, prop, filler):
                continue
            if isinstance(filler, URIRef) and str(prop) in self.functional:  # the one value is the witness
                body = f"{self.typed('?x', cls)} {self.edge(prop, '?x', '?y')} FILTER(isIRI(?y))"
                rules.append(self.type_rule("?y", filler, body))
            elif isinstance(filler, URIRef) and str(prop) in self.closed:
                rules.append(self._only_candidate(cls, prop, filler))
        return rules

    def _only_candidate(self, cls: URIRef, prop: URIRef, filler: URIRef) -> Rule:
        """Under the catalogue closure, ``cls ⊑ ∃prop.filler`` with one listed value that can be a
        ``filler`` (every other one is known not to be): that value is one (reasoning by cases)."""
        excluded = self.exclusions.known_not(filler, "?w")
        other = f"FILTER(!sameTerm(?w, ?y)) FILTER(!{excluded})" if excluded else "FILTER(!sameTerm(?w, ?y))"
        body = (
            f"{self.typed('?x', cls)} {self.edge(prop, '?x', '?y')} FILTER(isIRI(?y) && isIRI(?x)) "
            f"FILTER NOT EXISTS {{ ?y a {filler.n3()} }} "  # first the cheap test: most values are known
            f"FILTER NOT EXISTS {{ {self.edge(prop, '?x', '?w')} {other} }} "
            f"FILTER NOT EXISTS {{ {self.edge(prop, '?x', '?b')} FILTER(isBlank(?b)) }}"
        )
        rule = self.type_rule("?y", filler, body, closed=True)
        return dataclasses.replace(rule, last=True)

    def properties(self) -> list[Rule]:
        """Inverses, property chains, sub-properties and transitivity."""
        rules = []
        for sub, sup in subproperty_pairs(self.g):
            rules.append(self.prop_rule(sup, "?x", "?y", self.edge(sub, "?x", "?y")))
        for prop in transitive_properties(self.g):
            body = f"{self.edge(prop, '?x', '?m')} {self.edge(prop, '?m', '?y')}"
            rules.append(self.prop_rule(prop, "?x", "?y", body))
        for p, q in sorted(self.g.subject_objects(OWL.inverseOf)):
            for a, b in ((p, q), (q, p)):
                rules.append(self.prop_rule(b, "?y", "?x", self.edge(a, "?x", "?y")))
        for prop, chain in sorted(self.g.subject_objects(OWL.propertyChainAxiom)):
            steps = members(self.g, chain)
            names = [f"?c{i}" for i in range(len(steps) + 1)]
            body = " ".join(self.edge(step, names[i], names[i + 1]) for i, step in enumerate(steps))
            rules.append(self.prop_rule(prop, "?c0", names[-1], body))
        return rules

    def domains_and_ranges(self) -> list[Rule]:
        rules = []
        for prop, domain in sorted(self.g.subject_objects(RDFS.domain)):
            if isinstance(domain, URIRef):
                rules.append(self.type_rule("?x", domain, self.edge(prop, "?x", "?y")))
        for prop, range_ in sorted(self.g.subject_objects(RDFS.range)):
            if isinstance(range_, URIRef) and (prop, RDF.type, OWL.ObjectProperty) in self.g:
                rules.append(self.type_rule("?y", range_, f"{self.edge(prop, '?x', '?y')} FILTER(isIRI(?y))"))
        return rules


def hierarchy_rule(tbox: ReasoningReport) -> Rule:
    """Give every asserted type of a named class all its inferred superclasses (run once, first)."""
    pairs = " ".join(f"(<{c}> <{a}>)" for c in sorted(tbox.hierarchy) for a in sorted(tbox.superclasses(c)))
    where = f"VALUES (?c ?a) {{ {pairs} }} ?x a ?c FILTER NOT EXISTS {{ ?x a ?a }}"
    return Rule("?x a ?a .", where, frozenset(), "hierarchy", frozenset())


def compile_rules(ontology: Graph, tbox: ReasoningReport, closed_properties: set[str]) -> list[Rule]:
    """The rules for ``ontology``, ``closed_properties`` being those whose listed values are complete."""
    check_supported(ontology)
    compiler = _Compiler(ontology, tbox, closed_properties)
    return compiler.properties() + compiler.domains_and_ranges() + compiler.definitions()
