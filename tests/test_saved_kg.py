"""``bpo-kg check DATA --save KG-DIR`` then ``bpo-kg query NAME --kg KG-DIR``: the same answers as on
the data, without loading or reasoning again; refusals that leave the folder as it was."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.cli import bpo_kg, command_line
from tests.conftest import REPO

INCONSISTENT = REPO / "examples" / "invalid" / "call-centre-site-with-chat.ttl"
QUERIES = [
    ["providers-by-country", "--param", "country=KE"],
    ["client-outsourcing", "--param", "client=ex:NorthwindRetail"],
    ["provider-count-by-service-type"],
]


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def saved(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("kg") / "example-kg"
    done = bpo_kg("check", "--store", request.param, "--save", folder, cwd=folder.parent)
    assert done.code == 0, done.err
    assert "saved" in done.err and (folder / "kg.json").is_file()
    return folder


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q[0])
def test_a_saved_graph_answers_as_the_data_does(saved, query, tmp_path):
    from_data = bpo_kg("query", *query, cwd=tmp_path)
    from_saved = bpo_kg("query", *query, "--kg", saved, cwd=tmp_path)
    assert from_saved.code == from_data.code == 0, from_saved.err
    assert from_saved.out == from_data.out and "(0 rows)" not in from_saved.out


def test_parameters_are_resolved_in_the_saved_graph(saved, tmp_path):
    done = bpo_kg("query", "client-outsourcing", "--param", "client=NorthwindRetail", "--kg", saved, cwd=tmp_path)
    assert done.code == 0 and "ex:E" in done.out, done.err
    done = bpo_kg("query", "client-outsourcing", "--param", "client=ex:Northwind", "--kg", saved, cwd=tmp_path)
    assert done.code == 2 and "ex:Northwind occurs nowhere in the data or the ontology" in done.err


def test_readers_at_the_same_time(saved, tmp_path):
    runs = [
        subprocess.Popen(command_line("query", "bpo-providers", "--kg", saved), cwd=tmp_path, stdout=subprocess.PIPE)
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0] and len(set(outputs)) == 1


def test_saving_again_replaces_it_and_leaves_nothing_beside(saved, tmp_path):
    copy = tmp_path / "kg"
    assert bpo_kg("check", "--save", copy, cwd=tmp_path).code == 0
    assert bpo_kg("check", "--save", copy, cwd=tmp_path).code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg"]
    assert sorted(p.name for p in copy.iterdir()) == ["kg.json", "store"]


def test_inconsistent_data_is_not_saved(tmp_path):
    done = bpo_kg("check", INCONSISTENT, "--save", tmp_path / "kg", cwd=tmp_path)
    assert done.code == 1 and "not saved to" in done.err and "inconsistent" in done.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["file", "other folder"])
def test_a_target_that_is_not_a_saved_graph_is_refused_untouched(tmp_path, kind):
    target = tmp_path / "target"
    if kind == "file":
        target.write_text("keep me")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("keep me")
    done = bpo_kg("check", "--save", target, cwd=tmp_path)
    assert done.code == 2 and "Traceback" not in done.err and str(target) in done.err
    assert (target.read_text() if kind == "file" else (target / "notes.txt").read_text()) == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["target"]


def test_a_graph_saved_with_another_ontology_or_damaged_is_refused(saved, tmp_path):
    import shutil

    copy = tmp_path / "kg"
    shutil.copytree(saved, copy)
    metadata = json.loads((copy / "kg.json").read_text())
    metadata["ontology"] = "0" * 64
    (copy / "kg.json").write_text(json.dumps(metadata))
    done = bpo_kg("query", "bpo-providers", "--kg", copy, cwd=tmp_path)
    assert done.code == 2 and "saved with another ontology" in done.err
    (copy / "kg.json").write_text("{not json")
    done = bpo_kg("query", "bpo-providers", "--kg", copy, cwd=tmp_path)
    assert done.code == 2 and "kg.json: cannot be read" in done.err and "Traceback" not in done.err
    done = bpo_kg("query", "bpo-providers", "--kg", tmp_path / "nothing", cwd=tmp_path)
    assert done.code == 2 and "not a saved knowledge graph" in done.err
    done = bpo_kg("query", "bpo-providers", "--kg", saved, REPO / "examples" / "bpo-example.ttl", cwd=tmp_path)
    assert done.code == 2 and "give one of: data files, --endpoint, --kg" in done.err
