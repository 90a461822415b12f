"""``bpo-kg reason``: exit codes, text and JSON reports, and every bad-input path."""

from __future__ import annotations

import json

from tests.cli import bpo_kg
from tests.conftest import PREFIXES

PROVIDER = (
    PREFIXES
    + """
ex:client a bpo:Organisation .
ex:callco a bpo:Organisation .
ex:e1 a bpo:OutsourcingEngagement ; bpo:hasClient ex:client ; bpo:hasProvider ex:callco ; bpo:coversService ex:tm .
ex:tm a bpo:TelemarketingService ; bpo:deliveredThrough bpo:telephone ; bpo:hasCallDirection bpo:outbound .
"""
)


def write(folder, name: str, content: str | bytes):
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_reason_on_the_shipped_ontology(tmp_path):
    done = bpo_kg("reason", cwd=tmp_path)
    assert done.code == 0, done.err
    assert "consistent: yes" in done.out
    assert "unsatisfiable classes: 0" in done.out
    assert "bpo:CallCentreOperator ⊑ bpo:BPOProvider" in done.out


def test_reason_json_classifies_data(tmp_path):
    data = write(tmp_path, "data.ttl", PROVIDER)
    done = bpo_kg("reason", data, "--format", "json", cwd=tmp_path)
    assert done.code == 0, done.err
    report = json.loads(done.out)
    assert report["ok"] and report["consistent"]
    callco = next(i for i in report["individuals"] if i["iri"].endswith("/callco"))
    assert callco["inferred"] == ["https://w3id.org/bpo-kg/ontology#OutboundCallCentreOperator"]


def test_reason_text_names_inferred_classification(tmp_path):
    done = bpo_kg("reason", write(tmp_path, "data.ttl", PROVIDER), cwd=tmp_path)
    assert "ex:callco: inferred bpo:OutboundCallCentreOperator" in done.out


def test_open_world_does_not_classify_by_closure(tmp_path):
    done = bpo_kg("reason", write(tmp_path, "data.ttl", PROVIDER), "--open-world", "--format", "json", cwd=tmp_path)
    callco = next(i for i in json.loads(done.out)["individuals"] if i["iri"].endswith("/callco"))
    assert "https://w3id.org/bpo-kg/ontology#CallCentreOperator" not in callco["types"]
    assert "https://w3id.org/bpo-kg/ontology#BPOProvider" in callco["types"]


def test_inconsistent_data_exits_1(tmp_path):
    data = write(tmp_path, "bad.ttl", PREFIXES + "ex:site a bpo:CallCentreSite ; bpo:handlesChannel bpo:website .")
    done = bpo_kg("reason", data, cwd=tmp_path)
    assert done.code == 1
    assert "consistent: NO" in done.out


def test_unsatisfiable_class_exits_1(tmp_path):
    data = write(
        tmp_path,
        "probe.ttl",
        PREFIXES + "ex:Both a owl:Class ; owl:equivalentClass [ a owl:Class ; "
        "owl:intersectionOf ( bpo:VoiceChannel bpo:NonVoiceChannel ) ] .",
    )
    done = bpo_kg("reason", data, cwd=tmp_path)
    assert done.code == 1
    assert "unsatisfiable classes: 1" in done.out and "ex:Both" in done.out


def test_folder_input_is_expanded(tmp_path):
    write(tmp_path, "a.ttl", PROVIDER)
    write(tmp_path, "catalog-v001.xml", "<catalog/>")  # not RDF: ignored in folders
    done = bpo_kg("reason", tmp_path, cwd=tmp_path)
    assert done.code == 0, done.err


def test_unknown_input_format_exit_2(tmp_path):
    done = bpo_kg("reason", write(tmp_path, "a.ttl", PROVIDER), "--input-format", "yaml", cwd=tmp_path)
    assert done.code == 2 and "unknown format 'yaml'" in done.err


def test_usage_error_exit_2(tmp_path):
    done = bpo_kg("reason", "--format", "xml", cwd=tmp_path)
    assert done.code == 2 and "invalid choice" in done.err
