"""What validation found, whichever engine validated: SHACL results as typed records (text or JSON)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from rdflib import Literal, Node, URIRef
from rdflib.namespace import SH

SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


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
    """All results of one validation run."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    shapes: int = 0

    def to_json(self) -> str:
        return json.dumps(
            {"conforms": self.conforms, "shapes": self.shapes, "violations": [asdict(v) for v in self.violations]},
            indent=2,
            ensure_ascii=False,
        )

    def to_text(self, shorten: Callable[[str], str] = str) -> str:
        if self.conforms:
            return f"conforms: yes ({self.shapes} shapes)"
        lines = [f"conforms: NO ({len(self.violations)} result(s), {self.shapes} shapes)"]
        by_focus: dict[str, list[Violation]] = defaultdict(list)
        for violation in self.violations:
            by_focus[violation.focus].append(violation)
        for focus in sorted(by_focus):
            lines.append(f"  {shorten(focus)}")
            for v in by_focus[focus]:
                where = f"{shorten(v.path)}: " if v.path else ""
                value = f" [value: {shorten(v.value)}]" if v.value is not None else ""
                lines.append(f"    {v.severity.lower()}: {where}{v.message}{value}")
        return "\n".join(lines)


def term_text(term: Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.n3()
    return str(term) if isinstance(term, URIRef) else f"_:{term}"


def sort_violations(found: list[Violation]) -> list[Violation]:
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.component, v.value or "", v.message))
