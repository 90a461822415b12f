"""Locate the files that ship with the package: ontology, alignments, queries.

In a wheel they live under ``bpo_kg/data/``; in a source checkout (editable install or
running from the repository) they are the top-level ``ontology/`` and ``queries/`` folders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _data_root(name: str) -> Path:
    packaged = Path(str(resources.files("bpo_kg"))) / "data" / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bpo-kg data folder {name!r} not found (broken installation)")


def ontology_dir() -> Path:
    """The folder holding ``bpo.ttl``, ``alignments/`` and ``catalog-v001.xml``."""
    return _data_root("ontology")


def core_ontology() -> Path:
    """The hand-edited core TBox."""
    return ontology_dir() / "bpo.ttl"


def ontology_files() -> list[Path]:
    """The core ontology followed by every alignment file (the OWL part, no shapes)."""
    root = ontology_dir()
    return [root / "bpo.ttl", *sorted((root / "alignments").glob("*.ttl"))]


def reference_files() -> list[Path]:
    """The shipped reference data: countries, languages, industry-code schemes (Turtle)."""
    return sorted((ontology_dir() / "reference").glob("*.ttl"))


def claims_file() -> Path:
    """docs/claims.md: the seed claims, each with the terms that encode it and the tests that prove it."""
    return _data_root("docs") / "claims.md"


def context_file() -> Path:
    """The JSON-LD context (published at :data:`bpo_kg.CONTEXT_IRI`), generated from the ontology."""
    return ontology_dir() / "context.jsonld"


def queries_dir() -> Path:
    """The folder of named SPARQL queries (``qc/`` holds the quality-control queries)."""
    return _data_root("queries")


def shapes_files() -> list[Path]:
    """The SHACL shapes for instance data (never imported by the OWL files)."""
    return sorted((ontology_dir() / "shapes").glob("*.ttl"))


def example_files() -> list[Path]:
    """The shipped example knowledge graph."""
    return [_data_root("examples") / "bpo-example.ttl"]
