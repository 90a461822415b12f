"""HermiT's classification of the ontology is cached by content: a second run reads it, another
ontology does not, a damaged or unwritable cache only costs a HermiT run."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from bpo_kg.reason import cache
from bpo_kg.reason.hermit import reason


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("BPO_KG_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def counted(monkeypatch):
    calls = []

    def counting(ontology):
        calls.append(len(ontology))
        return reason(ontology)

    monkeypatch.setattr(cache, "reason", counting)
    return calls


def test_the_second_classification_comes_from_the_cache(ontology, folder, counted):
    first = cache.classify(ontology)
    second = cache.classify(ontology)
    assert counted == [len(ontology)] and second == first and first.consistent
    assert [p.name.startswith("classification-") for p in folder.iterdir()] == [True]


def test_two_parses_of_the_same_files_share_a_key_another_ontology_does_not(ontology):
    from bpo_kg.load import load_ontology

    assert cache.ontology_key(load_ontology()) == cache.ontology_key(ontology)
    changed = load_ontology()
    changed.add((URIRef("https://w3id.org/bpo-kg/ontology#BPOProvider"), RDFS.comment, Literal("x")))
    assert cache.ontology_key(changed) != cache.ontology_key(ontology)


def test_a_damaged_cache_file_is_replaced(ontology, folder, counted):
    cache.classify(ontology)
    [path] = folder.iterdir()
    path.write_text("{ half a report")
    assert cache.classify(ontology).consistent and len(counted) == 2
    assert cache.classify(ontology).consistent and len(counted) == 2  # rewritten, read again


def test_an_unwritable_cache_only_costs_a_hermit_run(ontology, tmp_path, monkeypatch, counted):
    (tmp_path / "blocker").write_text("a file where the cache folder would go")
    monkeypatch.setenv("BPO_KG_CACHE", str(tmp_path / "blocker" / "cache"))
    assert cache.classify(ontology).consistent and cache.classify(ontology).consistent
    assert len(counted) == 2 and sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


def test_caching_can_be_turned_off(ontology, monkeypatch, counted):
    monkeypatch.setenv("BPO_KG_CACHE", "off")
    cache.classify(ontology)
    cache.classify(ontology)
    assert len(counted) == 2
