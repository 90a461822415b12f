"""The package's structure, read from its code: which module imports which, the stage (floor) of each,
and a Graphviz drawing of the stages and the imports between them.

    python tools/architecture.py dot > docs/img/architecture.dot
    dot -Tsvg docs/img/architecture.dot -o docs/img/architecture.svg

tests/test_architecture.py checks the rules (imports go down the floors, no cycles, small modules)
and that the checked-in drawing is the one this script draws today.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "bpo_kg"
# The floors, bottom first: a module may import from its own stage or from a lower floor only.
FLOORS: list[tuple[str, ...]] = [
    ("base",),
    ("sheets",),
    ("load",),
    ("reason",),
    ("validate",),
    ("query",),
    ("engines",),
    ("explain",),
    ("check", "publish"),
    ("cli",),
]
FLOOR = {stage: number for number, stages in enumerate(FLOORS) for stage in stages}
ROLE = {
    "base": "names, errors, shipped files, term conversions",
    "sheets": "workbooks ↔ RDF by the RML mapping",
    "load": "files → rdflib graph or Oxigraph store",
    "reason": "HermiT; rules compiled from its classification",
    "validate": "pySHACL; SHACL compiled to SPARQL",
    "query": "named queries, parameters, results",
    "engines": "KnowledgeGraph: exact, scale, endpoint",
    "explain": "justifications: OWL API + HermiT, in words",
    "check": "the main job's report",
    "publish": "release, docs, diagrams, QC",
    "cli": "bpo-kg commands",
}


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (``bpo_kg.load.files``)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def stage_of(module: str) -> str:
    """``load`` for ``bpo_kg.load.files``; ``base`` for the top-level modules; ``cli`` for the program's
    entry points (``__main__``, ``launch``)."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in ("__main__", "launch"):
        return "cli"
    if len(parts) > 1 and parts[1] in FLOOR:
        return parts[1]
    return "base"


def imports() -> dict[str, set[str]]:
    """Each module's imports of other package modules (``from bpo_kg.x import y`` resolves to the
    module ``bpo_kg.x.y`` where that is a module, else ``bpo_kg.x``)."""
    known = modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in known.items():
        graph[name]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bpo_kg"):
                targets = [f"{node.module}.{alias.name}" for alias in node.names]
                targets = [t if t in known else node.module for t in targets]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names if alias.name.startswith("bpo_kg")]
            graph[name] |= {t for t in targets if t != name}
    return dict(graph)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Every import that goes up the floors, or sideways into another stage of the same floor."""
    wrong = []
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            a, b = stage_of(source), stage_of(target)
            if a != b and FLOOR[b] >= FLOOR[a]:
                wrong.append(f"{source} ({a}) imports {target} ({b})")
    return wrong


def dot() -> str:
    """The stages bottom-up, each with its modules, and an arrow per stage-to-stage import."""
    graph = imports()
    members: dict[str, list[str]] = defaultdict(list)
    for module, path in modules().items():
        members[stage_of(module)].append(path.stem)
    lines = [
        "digraph architecture {",
        '  rankdir=TB; node [shape=box, style="rounded,filled", fillcolor="#f4f4f4", fontname="Helvetica", '
        'fontsize=10]; edge [color="#777777"];',
    ]
    for number, stages in enumerate(FLOORS):
        lines.append(f"  {{ rank=same; {' '.join(stages)} }}  // floor {number}")
    for stage in FLOOR:
        names = sorted(members[stage])
        label = f"{stage}/\\n{ROLE[stage]}\\n\\n" + "\\n".join(
            ", ".join(names[i : i + 4]) for i in range(0, len(names), 4)
        )
        lines.append(f'  {stage} [label="{label}"];')
    edges = {(stage_of(s), stage_of(t)) for s, targets in graph.items() for t in targets} - {(s, s) for s in FLOOR}
    lines += [f"  {a} -> {b};" for a, b in sorted(edges)]
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] == ["dot"]:
        sys.stdout.write(dot())
    elif sys.argv[1:] == ["check"]:
        problems = upward_imports(imports()) + [" -> ".join(c) for c in cycles(imports())]
        print("\n".join(problems) or "ok: imports go down the floors, no cycles")
        sys.exit(1 if problems else 0)
    else:
        sys.exit("usage: python tools/architecture.py dot|check")
