"""The package is laid out by stage: imports go down the floors, no module imports itself in a circle,
modules stay small, each stage has its API in its ``__init__``, and the checked-in drawing is current."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import REPO

_SPEC = importlib.util.spec_from_file_location("architecture", REPO / "tools" / "architecture.py")
architecture = importlib.util.module_from_spec(_SPEC)
sys.modules["architecture"] = architecture
_SPEC.loader.exec_module(architecture)


def test_every_import_goes_down_the_floors():
    assert architecture.upward_imports(architecture.imports()) == []


def test_the_rule_catches_an_upward_import():
    """The positive twin: the same check flags an import from a stage to a higher one."""
    graph = {"bpo_kg.load.files": {"bpo_kg.engines.base"}, "bpo_kg.engines.base": {"bpo_kg.load.files"}}
    assert architecture.upward_imports(graph) == ["bpo_kg.load.files (load) imports bpo_kg.engines.base (engines)"]
    assert architecture.cycles(graph) == [["bpo_kg.engines.base", "bpo_kg.load.files"]]


def test_no_import_cycles():
    assert architecture.cycles(architecture.imports()) == []


def test_no_module_over_400_lines():
    long = {name: n for name, path in architecture.modules().items() if (n := len(path.read_text().splitlines())) > 400}
    assert long == {}


@pytest.mark.parametrize("stage", ["load", "reason", "validate", "query", "engines", "check", "publish", "cli"])
def test_each_stage_exposes_its_api(stage):
    module = importlib.import_module(f"bpo_kg.{stage}")
    assert module.__doc__ and module.__all__
    assert all(hasattr(module, name) for name in module.__all__)


def test_the_engine_is_chosen_in_one_place():
    """Only the engines' own modules name the engine classes; check and the CLI see the interface."""
    for name, path in architecture.modules().items():
        if architecture.stage_of(name) in ("check", "cli"):
            text = path.read_text()
            assert "ExactGraph" not in text and "ScaleGraph" not in text, name
            assert "isinstance" not in text or "Store" not in text, name


def test_checked_in_diagram_is_current():
    assert (REPO / "docs" / "img" / "architecture.dot").read_text() == architecture.dot()
    assert (REPO / "docs" / "img" / "architecture.svg").stat().st_size > 0
