"""Every ontology file loads the way Protégé loads it: OWL API 5, catalog, no network, OWL 2 DL clean."""

from __future__ import annotations

import pytest

from tests.conftest import DATA, REPO
from tests.owlapi import run_check

# Every OWL file under ontology/. The SHACL shapes (ontology/shapes/) are not OWL and are never
# imported by the OWL files; they are checked with meta-SHACL instead (tests/test_shapes.py). The
# spreadsheet mapping (ontology/mappings/: RML and its FnO function descriptions) is not OWL either; the
# RML engine reads it, and tests/test_sheets_*.py run it.
NOT_OWL = {"shapes", "mappings"}
ONTOLOGY_FILES = sorted(p for p in (REPO / "ontology").rglob("*.ttl") if not NOT_OWL & set(p.parts))


def test_every_ontology_file_loads_clean_and_is_owl2_dl(owlapi_classpath):
    result = run_check(owlapi_classpath, ONTOLOGY_FILES)
    assert result.failures() == []
    assert result.returncode == 0
    assert len(result.ok_lines()) == len(ONTOLOGY_FILES) >= 2


def test_alignment_imports_resolve_offline_through_the_catalog(owlapi_classpath):
    alignments = REPO / "ontology" / "alignments" / "bpo-alignments.ttl"
    [line] = run_check(owlapi_classpath, [alignments]).ok_lines()
    assert "imports=1" in line


@pytest.mark.parametrize("fixture", sorted((DATA / "owlapi").glob("*.ttl")), ids=lambda p: p.stem)
def test_the_check_fails_on_bad_ontologies(owlapi_classpath, fixture):
    result = run_check(owlapi_classpath, [fixture])
    assert result.returncode == 1
    assert result.failures(fixture)
