"""Justifications from the exact engine: the OWL API's explanation generator (black-box with hitting
sets, ``com.clarkparsia.owlapi.explanation``) and HermiT, in one JVM, over a syntactic locality module
around the individual and class in question (``Explain.java``, run from source by the Java launcher).

Both come in the HermiT jar that owlready2 ships (HermiT 1.3.8 with its OWL API 3.4), so nothing
beyond Java 17 (the JRE) is needed. HermiT reads exactly what the exact engine reasons over
(:func:`bpo_kg.reason.hermit.hermit_input`: ontology, data, the catalogue's closure axioms).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import owlready2
from rdflib import Graph
from rdflib.namespace import OWL

from bpo_kg.errors import ReasonerError
from bpo_kg.reason.cache import cache_folder
from bpo_kg.reason.hermit import data_individuals, hermit_input

SOURCE = Path(__file__).with_name("Explain.java")
HERMIT_JAR = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
NOTHING = str(OWL.Nothing)


@dataclass(frozen=True)
class Justification:
    """A minimal set of axioms (OWL functional syntax, as the OWL API writes them) that entails the
    question; ``minimal`` is HermiT's check that no proper subset does."""

    axioms: tuple[str, ...]
    minimal: bool


@dataclass(frozen=True)
class Answer:
    """What the explanation generator found: the module's size, and the justifications (none if the
    question is not entailed)."""

    module_axioms: int
    input_axioms: int
    justifications: tuple[Justification, ...]
    entailed: bool


def justify(
    ontology: Graph, data: Graph, questions: list[tuple[str, str]], most: int = 1, close_world: bool = True
) -> list[Answer]:
    """For each (individual, class) of ``questions``, why the individual is of the class in ontology +
    data (with owl:Nothing: why the data is inconsistent), up to ``most`` justifications each; the
    ontology is read once for all of them."""
    merged = hermit_input(ontology, data, close_world, data_individuals(ontology, data))
    folder = Path(tempfile.mkdtemp(prefix="bpo-kg-explain-"))
    try:
        source = folder / "input.owl"
        merged.serialize(source, format="xml")
        signature, asked = folder / "signature.txt", folder / "questions.txt"
        signature.write_text("", encoding="utf-8")
        asked.write_text("".join(f"{individual} {cls}\n" for individual, cls in questions), encoding="utf-8")
        command = ["java", "-Xmx2000M", *_program(), str(source), str(most), str(signature), str(asked)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
        except FileNotFoundError:
            raise ReasonerError(
                "explanations need Java 17 (the OWL API and HermiT come with owlready2): "
                "apt-get install default-jre-headless"
            ) from None
        except subprocess.TimeoutExpired:
            raise ReasonerError("the explanation generator took over 1800 s") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if done.returncode != 0:
        first = next((line for line in done.stderr.splitlines() if line.strip()), "no message")
        raise ReasonerError(f"the explanation generator failed: {first[:300]}")
    return parse_answers(done.stdout)


def _program() -> list[str]:
    """How to start the generator: its class compiled once into the cache folder (the source launcher
    compiles it anew on every run, about 1.5 s), or from source when caching is off or fails."""
    folder = cache_folder()
    from_source = ["-cp", str(HERMIT_JAR), str(SOURCE)]
    if folder is None:
        return from_source
    key = hashlib.sha256(SOURCE.read_bytes() + str(HERMIT_JAR.stat().st_size).encode()).hexdigest()[:16]
    classes = folder / f"explain-{key}"
    if not (classes / "Explain.class").exists():
        staging = Path(tempfile.mkdtemp(prefix=".explain-", dir=_made(folder)))
        done = subprocess.run(
            [
                "java",
                "-cp",
                str(HERMIT_JAR),
                str(SOURCE.with_name("Compile.java")),
                str(staging),
                str(HERMIT_JAR),
                str(SOURCE),
            ],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not (staging / "Explain.class").exists():
            shutil.rmtree(staging, ignore_errors=True)
            return from_source
        try:
            staging.rename(classes)
        except OSError:  # another run got there first
            shutil.rmtree(staging, ignore_errors=True)
    return ["-cp", os.pathsep.join([str(HERMIT_JAR), str(classes)]), "Explain"]


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def parse_answers(output: str) -> list[Answer]:
    """The generator's output (see ``Explain.java``): one :class:`Answer` per question, in order."""
    blocks = [block for block in output.split("QUESTION ") if block.strip()]
    return [parse_answer(block.split("\n", 1)[1]) for block in blocks]


def parse_answer(output: str) -> Answer:
    """One question's part of the generator's output."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    module = next(line for line in lines if line.startswith("MODULE "))
    parts = module.split()
    sizes = (int(parts[1]), int(parts[3]))
    if "NOT-ENTAILED" in lines:
        return Answer(*sizes, (), False)
    found: list[Justification] = []
    axioms: list[str] = []
    for line in lines[lines.index(module) + 1 :]:
        if line == "JUSTIFICATION":
            axioms = []
        elif line.startswith("MINIMAL "):
            found.append(Justification(tuple(axioms), line.split()[1] == "true"))
        elif line != "END":
            axioms.append(line)
    return Answer(*sizes, tuple(found), True)
