"""HermiT as the judge of many small graphs in one JVM (tools/hermit/HermitBatch.java).

The class is compiled once per session against the HermiT jar owlready2 ships. Each graph is given
to HermiT exactly as :func:`bpo_kg.reason.hermit.reason` gives it (ontology + data + closure
axioms); the verdict is the consistency and the named types of every named individual.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import owlready2
from rdflib import Graph

from bpo_kg.reason.hermit import hermit_input

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "tools" / "hermit" / "HermitBatch.java"
HERMIT_JAR = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"


class JavaMissing(Exception):
    """javac or java is not installed; the message says how to get them."""


@dataclass
class Verdict:
    consistent: bool
    types: dict[str, set[str]]
    error: str | None = None


def compile_judge(build: Path) -> Path:
    """The folder holding the compiled HermitBatch class."""
    if shutil.which("javac") is None or shutil.which("java") is None:
        raise JavaMissing("javac/java not found: apt-get install default-jdk-headless")
    subprocess.run(
        ["javac", "-nowarn", "-cp", str(HERMIT_JAR), "-d", str(build), str(SOURCE)],
        check=True,
        capture_output=True,
    )
    return build


def judge(build: Path, ontology: Graph, graphs: list[Graph], workdir: Path, close_world: bool = True) -> list[Verdict]:
    """HermiT's verdict on each graph (over the ontology), all in one JVM."""
    paths = []
    for number, data in enumerate(graphs):
        path = workdir / f"graph-{number}.nt"
        hermit_input(ontology, data, close_world).serialize(path, format="nt", encoding="utf-8")
        paths.append(path)
    done = subprocess.run(
        ["java", "-Xmx2000M", "-cp", f"{build}:{HERMIT_JAR}", "HermitBatch"],
        input="\n".join(map(str, paths)) + "\n",
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    verdicts = []
    for block in done.stdout.split("\nEND\n"):
        if not block.strip():
            continue
        head, *lines = block.strip("\n").split("\n")
        fields = head.split("\t")
        types = {line.split("\t")[0]: set(line.split("\t")[1:]) for line in lines}
        verdicts.append(Verdict(fields[1] == "consistent", types, fields[2] if fields[1] == "error" else None))
    assert len(verdicts) == len(graphs), done.stderr[-2000:]
    return verdicts
