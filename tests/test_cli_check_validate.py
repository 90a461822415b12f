"""``bpo-kg check`` and ``bpo-kg validate``: the shipped example, the invalid examples, warnings, parse-once."""

from __future__ import annotations

import json
import subprocess

import pytest
from rdflib import Graph

from bpo_kg import cli
from tests.cli import bpo_kg, command_line
from tests.conftest import PREFIXES, REPO

INVALID = sorted((REPO / "examples" / "invalid").glob("*.ttl"))


def test_check_on_the_shipped_example(tmp_path):
    done = bpo_kg("check", cwd=tmp_path)
    assert done.code == 0, done.out + done.err
    assert "reasoning (HermiT" in done.out and "consistent" in done.out
    assert "Lotus Connect is an inbound call-centre operator, hence a BPO provider (S17, S22)" in done.out
    assert "Cape Ledger is a non-voice BPO provider" in done.out
    assert "Nile DataWorks Cairo contact centre is a multichannel contact-centre site" in done.out
    assert "validation (SHACL): conforms: yes" in done.out
    assert done.out.rstrip().endswith("result: OK")


def test_check_json(tmp_path):
    done = bpo_kg("check", REPO / "examples" / "bpo-example.ttl", "--format", "json", cwd=tmp_path)
    report = json.loads(done.out)
    assert report["ok"] and report["counts"]["BPO providers"] == 16 and report["counts"]["engagements"] == 28
    assert len(report["providers"]) == 16 and report["validation"]["conforms"]


def test_validate_on_the_shipped_example(tmp_path):
    done = bpo_kg("validate", cwd=tmp_path)
    assert done.code == 0 and done.out.startswith("conforms: yes")


@pytest.mark.parametrize("command", ["validate", "check"])
@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_examples_exit_1_with_their_violations(capsys, command, path):
    """Exit 1 on a violation; 0 where every result is a warning (advice, since 0.2), shown and counted."""
    warnings_only = "(a warning since 0.2: check exits 0)" in path.read_text().splitlines()[0]
    code = cli.main([command, str(path), "--format", "json"])
    assert code == (0 if warnings_only else 1)
    report = json.loads(capsys.readouterr().out)
    validation = report if command == "validate" else report["validation"]
    assert not validation["conforms"] and validation["acceptable"] is warnings_only
    severities = {v["severity"] for v in validation["violations"]}
    assert severities == ({"Warning"} if warnings_only else severities | {"Violation"})
    violations = validation["violations"]
    focus = {v["focus"].rsplit("/", 1)[-1] for v in violations}
    wanted = {
        line.split()[2].removeprefix("ex:") for line in path.read_text().splitlines() if line.startswith("# expect:")
    }
    assert focus == wanted


def test_warnings_are_shown_and_counted_and_exit_0_beside_a_violating_twin(tmp_path):
    """The twin differs in one fact: a service with a name but no channel (advice: a warning) vs.
    the same service without its name (a violation)."""
    advice, wrong = tmp_path / "advice.ttl", tmp_path / "wrong.ttl"
    advice.write_text(PREFIXES + 'ex:S a bpo:AdministrationService ; rdfs:label "Records processing"@en .\n')
    wrong.write_text(PREFIXES + "ex:S a bpo:AdministrationService .\n")
    done = bpo_kg("check", advice, cwd=tmp_path)
    assert done.code == 0, done.out + done.err
    assert "validation (SHACL): conforms: NO (1 warning; " in done.out
    assert "    warning: bpo:deliveredThrough: The channel is missing" in done.out
    assert done.out.rstrip().endswith("result: OK (1 warning(s) or note(s) to consider)")
    done = bpo_kg("check", wrong, cwd=tmp_path)
    assert done.code == 1, done.out + done.err
    assert "validation (SHACL): conforms: NO (1 violation, 1 warning; " in done.out
    assert "    violation: rdfs:label: A service needs a name" in done.out
    assert done.out.rstrip().endswith("result: PROBLEMS FOUND (1 warning(s) or note(s) to consider)")


def test_validate_text_groups_by_focus_node(tmp_path):
    done = bpo_kg("validate", REPO / "examples" / "invalid" / "site-without-operator.ttl", cwd=tmp_path)
    assert done.code == 1
    assert "  ex:Site\n    violation: ^bpo:operatesSite: A site is operated by exactly one organisation" in done.out


def test_inconsistent_data_is_reported_and_still_validated(tmp_path):
    done = bpo_kg("check", REPO / "examples" / "invalid" / "call-centre-site-with-chat.ttl", cwd=tmp_path)
    assert done.code == 1
    assert "INCONSISTENT" in done.out
    assert "A call centre handles telephone calls only (S12)" in done.out


def test_typo_in_an_ontology_term_is_warned_about(tmp_path):
    data = tmp_path / "typo.ttl"
    data.write_text(
        PREFIXES + 'ex:x a bpo:Organisation ; bpo:legalName "X"@en ; bpo:isHeadquarteredIn ex:in .\n'
        'ex:in a bpo:Country ; rdfs:label "India"@en ; bpo:countryCode "IN" ; bpo:isInRegion bpo:asia .\n'
        "ex:y a bpo:CallCenter .\n"
    )
    done = bpo_kg("check", data, cwd=tmp_path)
    assert done.code == 0
    assert "bpo-kg: warning:" in done.err and "bpo:CallCenter (did you mean bpo:CallCentreSite?)" in done.err


def test_each_file_is_parsed_once_for_the_whole_pipeline(monkeypatch, capsys):
    parsed: list[str] = []
    original = Graph.parse

    def counting_parse(self, *args, **kwargs):
        parsed.append(str(kwargs.get("publicID") or (args[0] if args else "")))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Graph, "parse", counting_parse)
    example = REPO / "examples" / "bpo-example.ttl"
    assert cli.main(["check", str(example)]) == 0
    ours = [p for p in parsed if p.startswith("file:")]
    assert sorted(set(ours)) == sorted(ours)  # no file twice
    assert example.resolve().as_uri() in ours


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path):
    """``bpo-kg check … | head -1``: no traceback when the pipe closes before the report is written."""
    process = subprocess.Popen(
        command_line("check"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path
    )
    process.stdout.close()  # before the report (written after reasoning, seconds later)
    err = process.stderr.read()
    assert process.wait(timeout=300) == 141
    assert "Traceback" not in err
