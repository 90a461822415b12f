"""The check report: what the pipeline found, as a person reads it in a terminal, or as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from bpo_kg.explain import ExplainReport
from bpo_kg.reason import ReasoningReport
from bpo_kg.validate import ValidationReport


@dataclass
class Classification:
    """One sentence of the report: an individual and what the reasoner found it to be."""

    iri: str
    name: str
    roles: list[str]
    sentence: str
    origin: str | None = None  # the sheet and row it came from, where the data was a spreadsheet

    @property
    def line(self) -> str:
        return f"{self.sentence} [{self.origin}]" if self.origin else self.sentence


@dataclass
class CheckReport:
    """The outcome of the whole pipeline over one set of data files."""

    files: list[tuple[str, int]]
    triples: int
    reasoning: ReasoningReport
    validation: ValidationReport
    warnings: list[str] = field(default_factory=list)
    providers: list[Classification] = field(default_factory=list)
    sites: list[Classification] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)  # IRI -> sheet and row, for spreadsheet data
    explanation: ExplainReport | None = None  # why the data is inconsistent, where it is
    server: str = ""  # the data's graph and SPARQL server, where it was checked there

    @property
    def ok(self) -> bool:
        """Consistent, decided, and no SHACL result of severity Violation (warnings are advice)."""
        return self.reasoning.ok and self.validation.acceptable

    def to_json(self) -> str:
        return json.dumps(
            {
                "ok": self.ok,
                "files": [{"path": p, "triples": n} for p, n in self.files],
                "triples": self.triples,
                **({"server": self.server} if self.server else {}),
                "warnings": self.warnings,
                "counts": self.counts,
                "providers": [asdict(c) for c in self.providers],
                "sites": [asdict(c) for c in self.sites],
                "reasoning": json.loads(self.reasoning.to_json()),
                "validation": json.loads(self.validation.to_json()),
                "origins": self.origins,
                "explanation": json.loads(self.explanation.to_json()) if self.explanation else None,
            },
            indent=2,
            ensure_ascii=False,
        )

    def to_text(self, shorten: Callable[[str], str] = str) -> str:
        names = ", ".join(path for path, _ in self.files)
        lines = [f"data: {len(self.files)} file(s), {self.triples} triples ({names})"]
        if self.server:
            lines = [f"data: {self.triples} triples in {self.server}"]
        r = self.reasoning
        if r.consistent:
            lines.append(
                f"reasoning ({r.reasoner}, {r.seconds:.1f} s): consistent, "
                f"{len(r.unsatisfiable)} unsatisfiable class(es)"
            )
            lines += [f"  {line}" for line in r.undecided_lines(shorten)]
            lines += [f"  unsatisfiable: {shorten(c)}" for c in r.unsatisfiable]
            totals = ("BPO providers", "outsourcing clients", "engagements")
            lines.append("  " + ", ".join(f"{self.counts[label]} {label}" for label in totals))
            kinds = [f"{n} {label}" for label, n in self.counts.items() if label not in totals]
            if kinds:
                lines.append("  engagements: " + "; ".join(kinds))
            lines.append(f"providers ({len(self.providers)}), as inferred:")
            lines += [f"  {c.line}" for c in self.providers]
            if self.sites:
                lines.append(f"sites ({len(self.sites)}), as inferred:")
                lines += [f"  {c.line}" for c in self.sites]
        else:
            lines.append(
                f"reasoning ({r.reasoner}, {r.seconds:.1f} s): INCONSISTENT: the data contradicts the ontology:"
            )
            if self.explanation is not None and self.explanation.explanations:
                lines += [f"  {line}" for line in self.explanation.to_text().splitlines()]
            else:
                lines.append("  run 'bpo-kg explain' on the data to see why")
        lines.append(f"validation (SHACL): {self.validation.to_text(shorten)}")
        advice = sum(n for kind, n in self.validation.counts().items() if kind != "Violation")
        noted = f" ({advice} warning(s) or note(s) to consider)" if advice else ""
        lines.append(("result: OK" if self.ok else "result: PROBLEMS FOUND") + noted)
        return "\n".join(lines)
