"""Axioms in words: the OWL functional syntax of a justification read back into facts of the data
(``E1 has client Provider``), the catalogue's closure (``Acme provides service only S1, S2``), and
the ontology's axioms (``nothing is linked to one thing by both has client and has provider``),
each with the names people use (labels in English or Hindi, a prefixed name where there is none)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Term = str  # an IRI, a literal's text, or a nested expression
_TOKEN = re.compile(r'\s*(<[^>]*>|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@[A-Za-z0-9-]+)?|[A-Za-z]+|\(|\)|_:\w+)')

FACTS = {"ClassAssertion", "ObjectPropertyAssertion", "DataPropertyAssertion", "NegativeObjectPropertyAssertion"}


@dataclass(frozen=True)
class Expr:
    """A functional-syntax expression: ``name(args)``; a leaf (IRI, literal) has no arguments."""

    name: str
    args: tuple[Expr, ...] = ()

    @property
    def leaf(self) -> bool:
        return not self.args and (self.name.startswith(("<", '"', "_:")))

    def iris(self) -> list[str]:
        if self.leaf:
            return [self.name[1:-1]] if self.name.startswith("<") else []
        return [iri for arg in self.args for iri in arg.iris()]


def parse(text: str) -> Expr:
    """One axiom as the OWL API writes it (``ObjectPropertyAssertion(<p> <a> <b>)``)."""
    tokens = [m.group(1) for m in _TOKEN.finditer(text)]
    position = 0

    def expression() -> Expr:
        nonlocal position
        token = tokens[position]
        position += 1
        if position < len(tokens) and tokens[position] == "(":
            position += 1
            args = []
            while tokens[position] != ")":
                args.append(expression())
            position += 1
            return Expr(token, tuple(args))
        return Expr(token)

    return expression()


class Words:
    """Renders expressions with ``name`` (an IRI to the name people use)."""

    def __init__(self, name: Callable[[str], str]) -> None:
        self.name = name

    def term(self, expr: Expr) -> str:
        if expr.name.startswith("<"):
            return self.name(expr.name[1:-1])
        if expr.name.startswith('"'):
            match = re.match(r'"((?:[^"\\]|\\.)*)"', expr.name)
            return match.group(1) if match else expr.name
        return self.cls(expr)

    def cls(self, expr: Expr, nested: bool = False) -> str:
        """A class expression, Manchester-like, in names people use."""
        if expr.leaf:
            return self.term(expr)
        name, args = expr.name, expr.args
        if name in {"ObjectIntersectionOf", "ObjectUnionOf", "DataIntersectionOf", "DataUnionOf"}:
            joiner = " and " if "Intersection" in name else " or "
            text = joiner.join(self.cls(a, True) for a in args)
            return f"({text})" if nested else text
        if name in {"ObjectComplementOf", "DataComplementOf"}:
            return f"not {self.cls(args[0], True)}"
        if name in {"ObjectOneOf", "DataOneOf"}:
            return "{" + ", ".join(self.term(a) for a in args) + "}"
        if name in {"ObjectSomeValuesFrom", "DataSomeValuesFrom"}:
            return f"{self.term(args[0])} some {self.cls(args[-1], True)}"
        if name in {"ObjectAllValuesFrom", "DataAllValuesFrom"}:
            return f"{self.term(args[0])} only {self.cls(args[-1], True)}"
        if name in {"ObjectHasValue", "DataHasValue"}:
            return f"{self.term(args[0])} {self.term(args[1])}"
        cardinality = {"Min": "at least", "Max": "at most", "Exact": "exactly"}
        for key, words in cardinality.items():
            if name.startswith(("Object" + key, "Data" + key)):
                filler = f" {self.cls(args[2], True)}" if len(args) > 2 else ""
                return f"{self.term(args[1])} {words} {args[0].name}{filler}"
        if name == "ObjectInverseOf":
            return f"inverse of {self.term(args[0])}"
        if name == "ObjectPropertyChain":
            return " then ".join(self.term(a) for a in args)
        return f"{name}({' '.join(self.cls(a, True) for a in args)})"

    def axiom(self, expr: Expr) -> str:
        """An axiom as a sentence."""
        name, args = expr.name, expr.args
        if name == "ClassAssertion":
            cls = args[0]
            if cls.name == "ObjectAllValuesFrom" and cls.args[1].name == "ObjectOneOf":
                listed = ", ".join(self.term(a) for a in cls.args[1].args)
                return f"{self.term(args[1])} {self.term(cls.args[0])} only {listed} (the data lists all of them)"
            return f"{self.term(args[1])} is {article(self.cls(cls))}"
        if name in {"ObjectPropertyAssertion", "DataPropertyAssertion"}:
            return f"{self.term(args[1])} {self.term(args[0])} {self.term(args[2])}"
        if name == "SubClassOf":
            return f"every {self.cls(args[0])} is {article(self.cls(args[1]))}"
        if name == "EquivalentClasses":
            return f"{article(self.cls(args[0]))} is exactly {article(self.cls(args[1]))}"
        if name == "DisjointClasses":
            return "nothing is both " + " and ".join(article(self.cls(a)) for a in args)
        if name in {"DisjointObjectProperties", "DisjointDataProperties"}:
            return "nothing is linked to the same thing by both " + " and ".join(self.term(a) for a in args)
        if name in {"ObjectPropertyDomain", "DataPropertyDomain"}:
            return f"whatever {self.term(args[0])} something is {article(self.cls(args[1]))}"
        if name == "ObjectPropertyRange":
            return f"whatever something {self.term(args[0])} is {article(self.cls(args[1]))}"
        if name == "DataPropertyRange":
            return f"the values of {self.term(args[0])} are {self.cls(args[1])}"
        if name in {"SubObjectPropertyOf", "SubDataPropertyOf"}:
            return f"whatever {self.cls(args[0])} something also {self.term(args[1])} it"
        if name == "InverseObjectProperties":
            return f"{self.term(args[0])} is the inverse of {self.term(args[1])}"
        if name in {"FunctionalObjectProperty", "FunctionalDataProperty"}:
            return f"a thing {self.term(args[0])} at most one thing"
        if name == "TransitiveObjectProperty":
            return f"{self.term(args[0])} is transitive"
        return f"{name}({' '.join(self.cls(a, True) for a in args)})"


def article(phrase: str) -> str:
    if phrase.startswith(("(", "{", "not ", "every ")) or " some " in phrase or " only " in phrase:
        return phrase
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase
