"""JSON-LD as data producers write it: the shipped context by its published IRI, read from the
package (nothing fetched); keys and values a JSON-LD processor would silently drop or misread are
warned about, beside a twin without the typo that gives no warning."""

from __future__ import annotations

import json
import socket

import pytest

from bpo_kg.cli import main
from bpo_kg.load import load_ontology
from bpo_kg.publish import jsonld_context
from bpo_kg.resources import context_file
from tests.cli import bpo_kg
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "vendor.jsonld"


def test_the_packaged_context_is_the_one_the_release_builds():
    assert context_file().read_bytes() == jsonld_context(load_ontology()), "run: python tools/context.py"


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_the_example_loads_with_the_published_context_offline(store, monkeypatch, capsys):
    def no_network(*args, **kwargs):
        raise AssertionError("something tried to connect")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert main(["check", str(EXAMPLE), "--store", store, "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    report = json.loads(captured.out)
    [provider] = [c for c in report["providers"] if c["iri"] == "https://example.org/bpo/HarbourVoice"]
    assert "https://w3id.org/bpo-kg/ontology#InboundCallCentreOperator" in provider["roles"]


@pytest.mark.parametrize(
    ("typo", "warning"),
    [
        (('"legalName"', '"legalname"'), "key 'legalname' is not in the JSON-LD context, so it is dropped"),
        (('"handlesChannel": "telephone"', '"handlesChannel": "telefone"'), "'handlesChannel' expects an IRI"),
    ],
)
def test_what_a_processor_would_drop_or_misread_is_warned_about(tmp_path, typo, warning):
    text = EXAMPLE.read_text()
    (tmp_path / "typo.jsonld").write_text(text.replace(*typo, 1))
    (tmp_path / "twin.jsonld").write_text(text)
    done = bpo_kg("reason", "typo.jsonld", cwd=tmp_path)
    assert warning in done.err, done.err
    if "telefone" in typo[1]:
        assert "(did you mean 'telephone'?)" in done.err
    else:
        assert "(did you mean 'legalName'?)" in done.err
    assert bpo_kg("reason", "twin.jsonld", cwd=tmp_path).err == ""


def test_another_remote_context_is_refused(tmp_path):
    text = EXAMPLE.read_text().replace("https://w3id.org/bpo-kg/context.jsonld", "https://example.org/ctx.jsonld")
    (tmp_path / "remote.jsonld").write_text(text)
    done = bpo_kg("check", "remote.jsonld", cwd=tmp_path)
    assert done.code == 2 and done.out == ""
    assert "remote JSON-LD context 'https://example.org/ctx.jsonld' is refused (nothing is fetched)" in done.err
