"""``bpo-kg qc``: the quality-control queries from the command line."""

from __future__ import annotations

import json

from tests.cli import bpo_kg
from tests.conftest import DATA


def test_qc_on_the_shipped_ontology_exits_0(tmp_path):
    done = bpo_kg("qc", cwd=tmp_path)
    assert done.code == 0, done.out
    assert "violation" not in done.out


def test_qc_reports_violations_of_extra_files_and_exits_1(tmp_path):
    done = bpo_kg("qc", DATA / "qc" / "missing-label-hi.ttl", "--format", "json", cwd=tmp_path)
    assert done.code == 1
    failed = {result["name"]: result["rows"] for result in json.loads(done.out) if result["rows"]}
    assert failed == {"missing-label-hi": [{"term": "https://w3id.org/bpo-kg/ontology#Sample"}]}


def test_qc_on_a_missing_file_exits_2(tmp_path):
    done = bpo_kg("qc", tmp_path / "nope.ttl", cwd=tmp_path)
    assert done.code == 2 and "no such file" in done.err and "Traceback" not in done.err
