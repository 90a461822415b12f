"""Export then import gives the same graph, for every example the workbook can hold; what it cannot
hold is refused with the statement named, never dropped."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from bpo_kg.load import load_ontology
from bpo_kg.sheets.export import ExportError, export_rows
from bpo_kg.sheets.importer import DEFAULT_BASE, SpreadsheetError, import_workbook
from bpo_kg.sheets.mapping import load_mapping
from bpo_kg.sheets.template import write_template
from bpo_kg.sheets.values import vocabulary
from tests.conftest import REPO

EXAMPLES = [*sorted((REPO / "examples" / "invalid").glob("*.ttl")), REPO / "examples" / "bpo-example.ttl"]
# What the workbook cannot hold, by design, and the refusal that says so.
NOT_HELD = {
    "call-centre-operator-with-web-service.ttl": "has 2 kinds (call-centre operator, organisation)",
    "channel-without-label.ttl": "(first: ex:Fax rdf:type bpo:Channel)",
    "organisation-with-two-untagged-legal-names.ttl": "has 2 values of bpo:legalName",
}
# Held by the workbook, but a cell the import refuses (the value is wrong, which the Turtle file's
# SHACL shape reports too).
REFUSED_ON_IMPORT = {
    "organisation-founding-year-not-a-year.ttl": 'column "Founded": "90" is not a year',
}


@cache
def _ontology() -> Graph:
    return load_ontology()


def round_trip(source: Path, folder: Path) -> Graph:
    graph = Graph().parse(source)
    rows = export_rows(graph, load_mapping(), DEFAULT_BASE, vocabulary())
    write_template(folder, load_mapping(), _ontology(), vocabulary(), rows)
    return Graph().parse(data=import_workbook(folder).ntriples, format="nt")


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.name)
def test_export_then_import_is_the_same_graph_or_a_named_refusal(tmp_path: Path, source: Path):
    if source.name in NOT_HELD:
        with pytest.raises(ExportError) as refused:
            round_trip(source, tmp_path / "wb")
        assert NOT_HELD[source.name] in str(refused.value)
    elif source.name in REFUSED_ON_IMPORT:
        with pytest.raises(SpreadsheetError) as refused:
            round_trip(source, tmp_path / "wb")
        assert REFUSED_ON_IMPORT[source.name] in str(refused.value)
    else:
        assert isomorphic(round_trip(source, tmp_path / "wb"), Graph().parse(source))
