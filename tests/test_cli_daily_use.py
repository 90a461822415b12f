"""What a new user meets first: the help text, byte-order marks, names in the order people count,
readable quality-control and release notes."""

from __future__ import annotations

import json

import pytest

from bpo_kg.publish.release_notes import _plural
from bpo_kg.terms import natural_key
from tests.cli import bpo_kg
from tests.conftest import DATA

BOM = b"\xef\xbb\xbf"
PROVIDER = "https://w3id.org/bpo-kg/ontology#BPOProvider"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FILES = {
    "vendor.ttl": f"@prefix ex: <https://example.org/bpo/> .\nex:a a <{PROVIDER}> .\n",
    "vendor.nt": f"<https://example.org/bpo/a> <{TYPE}> <{PROVIDER}> .\n",
    "vendor.jsonld": f'{{"@id": "https://example.org/bpo/a", "@type": "{PROVIDER}"}}\n',
}


def test_help_tells_a_user_what_the_tool_does(tmp_path):
    done = bpo_kg("--help", cwd=tmp_path)
    text = " ".join(done.out.split())
    assert done.code == 0 and "``" not in text and "thin layer" not in text
    assert "Check data about outsourcing providers" in text and "'bpo-kg check YOUR-FILES'" in text


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
@pytest.mark.parametrize("name", sorted(FILES))
def test_a_byte_order_mark_is_read_like_the_same_file_without_one(tmp_path, name, store):
    (tmp_path / f"plain-{name}").write_bytes(FILES[name].encode())
    (tmp_path / f"bom-{name}").write_bytes(BOM + FILES[name].encode())
    plain = bpo_kg("reason", f"plain-{name}", "--store", store, "--format", "json", cwd=tmp_path)
    marked = bpo_kg("reason", f"bom-{name}", "--store", store, "--format", "json", cwd=tmp_path)
    assert plain.code == marked.code == 0, marked.err
    assert _timeless(marked.out) == _timeless(plain.out) and "example.org/bpo/a" in marked.out


def _timeless(report: str) -> dict:
    found = json.loads(report)
    found.pop("seconds")
    return found


def test_names_sort_as_people_count():
    names = ["Provider 10", "Provider 2", "provider 1", "Provider 100", "Alpha"]
    assert sorted(names, key=natural_key) == ["Alpha", "provider 1", "Provider 2", "Provider 10", "Provider 100"]


def test_check_lists_providers_in_natural_order(tmp_path):
    lines = [f"@prefix ex: <https://example.org/bpo/> .\n@prefix bpo: <{PROVIDER[:-11]}> ."]
    lines += [f'ex:p{n} a bpo:BPOProvider ; bpo:legalName "Provider {n}" .' for n in (10, 2, 1, 100)]
    (tmp_path / "providers.ttl").write_text("\n".join(lines) + "\n")
    done = bpo_kg("check", "providers.ttl", cwd=tmp_path)
    listed = [line.split(" is ")[0].strip() for line in done.out.splitlines() if line.strip().startswith("Provider ")]
    assert listed == ["Provider 1", "Provider 2", "Provider 10", "Provider 100"], done.out


def test_qc_prints_rows_as_text_not_python(tmp_path):
    done = bpo_kg("qc", DATA / "qc" / "missing-label-hi.ttl", cwd=tmp_path)
    assert done.code == 1
    assert "  term: https://w3id.org/bpo-kg/ontology#Sample" in done.out and "{" not in done.out


def test_release_notes_count_in_english():
    assert [_plural(k, 2) for k in ("class", "object property", "datatype property", "individual")] == [
        "classes",
        "object properties",
        "datatype properties",
        "individuals",
    ]
    assert _plural("class", 1) == "class"
