"""``bpo-kg queries`` and ``bpo-kg query`` on local data: listing, formats, error paths."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli import bpo_kg


def test_queries_lists_every_query_with_its_parameters(tmp_path):
    done = bpo_kg("queries", cwd=tmp_path)
    assert done.code == 0
    assert "providers-by-service-type --param serviceType=<iri>" in done.out
    listed = json.loads(bpo_kg("queries", "--format", "json", cwd=tmp_path).out)
    assert len(listed) >= 12 and all(q["description"] for q in listed)


def test_query_table_on_the_example(tmp_path):
    done = bpo_kg("query", "providers-by-service-type", "--param", "serviceType=bpo:PayrollService", cwd=tmp_path)
    assert done.code == 0, done.err
    assert "ex:CapeLedger" in done.out and done.out.rstrip().endswith("(4 rows)")


def test_query_csv_and_json(tmp_path):
    done = bpo_kg("query", "providers-by-country", "--param", "country=KE", "--format", "csv", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(done.out)))
    assert [row["name"] for row in rows] == ["Amani People Services", "Savanna Dialogue"]
    done = bpo_kg("query", "call-centre-sites", "--format", "json", cwd=tmp_path)
    sites = json.loads(done.out)["rows"]
    assert {row["ownership"]["value"] for row in sites} == {"captive", "third-party"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuch"], "no query named 'nosuch'"),
        (["providers-by-country"], "needs --param country="),
        (["providers-by-country", "--param", "country"], "expected NAME=VALUE"),
        (["providers-by-country", "--param", "land=IN"], "has no parameter 'land'"),
        (["class-hierarchy", "--param", "class=bpo:X> } ; DROP ALL"], "is not an IRI"),
        (
            ["bpo-providers", "data.ttl", "--endpoint", "http://127.0.0.1:1/sparql"],
            "give one of: data files, --endpoint, --kg",
        ),
    ],
)
def test_query_errors_are_one_line_exit_2(tmp_path, args, message):
    (tmp_path / "data.ttl").write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\n")
    done = bpo_kg("query", *args, cwd=tmp_path)
    assert done.code == 2 and done.out == ""
    assert message in done.err and len(done.err.strip().splitlines()) == 1 and "Traceback" not in done.err
