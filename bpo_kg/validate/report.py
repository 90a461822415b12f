"""What validation found, whichever engine validated: SHACL results as typed records (text or JSON)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from bpo_kg.terms import natural_key

SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_IRI_IN_TEXT = re.compile(r"<?(https?://[^\s<>\"]+?)>?(?=[\s,;.)]*(?:\s|$)|[,;)])")
_REPEATS = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result."""

    focus: str
    path: str | None
    value: str | None
    severity: str
    component: str
    message: str
    shape: str | None


@dataclass
class ValidationReport:
    """All results of one validation run. ``conforms`` is SHACL's: false on any result, whatever
    its severity; ``acceptable`` is this toolkit's: no result of severity Violation (warnings and
    infos are advice, shown and counted, see :meth:`counts`)."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    shapes: int = 0

    @property
    def acceptable(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    def counts(self) -> dict[str, int]:
        """The number of results of each severity (Violation, Warning, Info), zeros included."""
        return {kind: sum(v.severity == kind for v in self.violations) for kind in SEVERITY.values()}

    def to_json(self) -> str:
        return json.dumps(
            {
                "conforms": self.conforms,
                "acceptable": self.acceptable,
                "shapes": self.shapes,
                "counts": self.counts(),
                "violations": [asdict(v) for v in self.violations],
            },
            indent=2,
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> ValidationReport:
        """The report :meth:`to_json` wrote (ValueError, KeyError or TypeError if it is not one)."""
        payload = json.loads(text)
        violations = [Violation(**v) for v in payload["violations"]]  # acceptable, counts: derived
        return cls(conforms=payload["conforms"], violations=violations, shapes=payload["shapes"])

    def to_text(self, shorten: Callable[[str], str] = str) -> str:
        if self.conforms:
            return f"conforms: yes ({self.shapes} shapes)"
        counted = ", ".join(f"{n} {kind.lower()}{'s' if n != 1 else ''}" for kind, n in self.counts().items() if n)
        lines = [f"conforms: NO ({counted}; {self.shapes} shapes)"]
        by_focus: dict[str, list[Violation]] = defaultdict(list)
        for violation in self.violations:
            by_focus[violation.focus].append(violation)
        for focus in sorted(by_focus, key=natural_key):
            lines.append(f"  {shorten(focus)}")
            for v in by_focus[focus]:
                where = f"{shorten(v.path)}: " if v.path else ""
                value = f" [value: {shorten(v.value)}]" if v.value is not None else ""
                message = _IRI_IN_TEXT.sub(lambda m: shorten(m.group(1)), v.message)  # names, never raw IRIs
                lines.append(f"    {v.severity.lower()}: {where}{message}{value}")
        return "\n".join(lines)


def term_text(term: Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.n3()
    return str(term) if isinstance(term, URIRef) else f"_:{term}"


def sort_violations(found: list[Violation]) -> list[Violation]:
    """The results in a stable order, each once (two shapes, or one reached twice, may report the same)."""
    unique = {(v.focus, v.path, v.value, v.severity, v.component, v.message, v.shape): v for v in found}
    return sorted(
        unique.values(), key=lambda v: (natural_key(v.focus), v.path or "", v.component, v.value or "", v.message)
    )


def path_text(graph: Graph, path: Node | None) -> str | None:
    """A SHACL path as reports show it: an IRI, or a SPARQL property path with its IRIs in ``<…>``
    (``^<p>``, ``(<p>/<q>)``, ``(<p>|<q>)``, ``(<p>)*``); "(unknown path)" for a node that is no
    well-formed path."""
    if path is None or isinstance(path, URIRef):
        return None if path is None else str(path)
    return _path_syntax(graph, path)


def _path_syntax(graph: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return f"<{path}>"
    if not isinstance(path, BNode):
        return "(unknown path)"
    if graph.value(path, RDF.first) is not None:
        return "(" + "/".join(_path_syntax(graph, step) for step in Collection(graph, path)) + ")"
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_syntax(graph, inverse)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path_syntax(graph, step) for step in Collection(graph, alternatives)) + ")"
    for kind, suffix in _REPEATS.items():
        repeated = graph.value(path, kind)
        if repeated is not None:
            return "(" + _path_syntax(graph, repeated) + ")" + suffix
    return "(unknown path)"


def named_shape(shapes: Graph, source: Node | None) -> str | None:
    """The named shape a result is reported under: the source shape if it has an IRI, else the
    named node shape holding it under sh:property (or sh:sparql), else none."""
    if isinstance(source, BNode):
        source = shapes.value(None, SH.property, source) or shapes.value(None, SH.sparql, source)
    return str(source) if isinstance(source, URIRef) else None
