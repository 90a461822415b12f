"""Run tools/owlapi/OwlApiCheck.java: load files the way Protégé does and check OWL 2 DL.

Needs Java 17 (javac) and Debian's libowlapi-java. The class is compiled once per session into a
temporary folder. Missing tools make the caller skip, unless BPO_KG_CI=1 (set by CI),
in which case they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "tools" / "owlapi" / "OwlApiCheck.java"
JARS = Path("/usr/share/java")
# components.md: the OWL API jar and what it needs on the classpath (plus the unversioned rdf4j-*.jar).
NEEDED = [
    "owlapi-distribution", "guava", "caffeine", "commons-rdf-api", "commons-rdf-simple", "commons-io",
    "commons-codec", "hppcrt", "atinject-jsr330-api", "jsr305", "slf4j-api", "slf4j-nop", "xz", "jackson-core",
    "jackson-databind", "jackson-annotations", "httpclient", "httpclient-cache", "httpcore", "commons-logging",
    "jsonld-java",
]  # fmt: skip


class OwlApiMissing(Exception):
    """Java or the OWL API is not installed; the message says how to get them."""


@dataclass
class OwlApiResult:
    returncode: int
    lines: list[str]

    def failures(self, path: Path | None = None) -> list[str]:
        return [ln for ln in self.lines if ln.startswith("FAIL") and (path is None or str(path) in ln)]

    def ok_lines(self) -> list[str]:
        return [ln for ln in self.lines if ln.startswith("OK ")]


def classpath() -> str:
    missing = [name for name in NEEDED if not (JARS / f"{name}.jar").exists()]
    if missing or not shutil.which("javac") or not shutil.which("java"):
        raise OwlApiMissing(
            "needs Java 17 and the OWL API: apt-get install default-jdk-headless libowlapi-java "
            f"(missing: {', '.join(missing) or 'java/javac'})"
        )
    rdf4j = sorted(p for p in JARS.glob("rdf4j-*.jar") if not re.search(r"-\d[\d.]*\.jar$", p.name))
    return os.pathsep.join([str(JARS / f"{name}.jar") for name in NEEDED] + [str(p) for p in rdf4j])


def compile_check(build_dir: Path) -> str:
    """Compile the checker; returns the classpath to run it with."""
    cp = classpath()
    subprocess.run(["javac", "-d", str(build_dir), "-cp", cp, str(SOURCE)], check=True, capture_output=True)
    return os.pathsep.join([str(build_dir), cp])


def run_check(run_classpath: str, files: list[Path]) -> OwlApiResult:
    completed = subprocess.run(
        ["java", "-cp", run_classpath, "OwlApiCheck", *map(str, files)], capture_output=True, text=True, timeout=300
    )
    return OwlApiResult(completed.returncode, completed.stdout.splitlines())
