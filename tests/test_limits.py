"""Hostile sizes get the same one-line answer on both engines, with the file and line, beside a twin
just inside the limit that loads; the limits can be raised."""

from __future__ import annotations

import json

import pytest

from tests.cli import bpo_kg

PREFIX = "@prefix ex: <https://example.org/bpo/> .\n"


def _blank_nodes(depth: int) -> str:
    return PREFIX + "ex:a ex:p " + "[ ex:p " * depth + "ex:b" + " ]" * depth + " .\n"


def _lists(depth: int) -> str:
    return PREFIX + "ex:a ex:p " + "( " * depth + "ex:b" + " )" * depth + " .\n"


def _jsonld(depth: int) -> str:
    document = node = {"@id": "https://example.org/bpo/a"}
    for n in range(depth):
        node["https://example.org/bpo/p"] = node = {"@id": f"https://example.org/bpo/x{n}"}
    return json.dumps(document)


def _literal(size: int) -> str:
    return PREFIX + 'ex:a ex:p "' + "x" * size + '" .\n'


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
@pytest.mark.parametrize(
    ("name", "make", "over", "inside", "message"),
    [
        ("deep.ttl", _blank_nodes, 65, 64, "deep.ttl:2:"),
        ("lists.ttl", _lists, 65, 64, "lists.ttl:2:"),
        ("deep.jsonld", _jsonld, 65, 64, "deep.jsonld:1:"),
        ("long.ttl", _literal, 1_000_001, 999_999, "long.ttl:2: a literal longer than 1000000 bytes"),
    ],
)
def test_beyond_a_limit_one_line_on_both_engines(tmp_path, store, name, make, over, inside, message):
    (tmp_path / name).write_text(make(over))
    done = bpo_kg("reason", name, "--store", store, cwd=tmp_path)
    assert done.code == 2 and done.out == "" and message in done.err, done.err
    assert len(done.err.strip().splitlines()) == 1 and "Traceback" not in done.err
    (tmp_path / name).write_text(make(inside))
    assert bpo_kg("reason", name, "--store", store, cwd=tmp_path).code == 0


def test_the_limits_can_be_raised(tmp_path, monkeypatch):
    (tmp_path / "deep.ttl").write_text(_blank_nodes(100))
    assert "nested more than 64 levels deep" in bpo_kg("reason", "deep.ttl", cwd=tmp_path).err
    monkeypatch.setenv("BPO_KG_MAX_NESTING", "120")
    assert bpo_kg("reason", "deep.ttl", cwd=tmp_path).code == 0
