"""README.md carries the two commands users run; CI runs the test command exactly as written."""

from __future__ import annotations

import re

from tests.conftest import REPO


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_has_the_main_and_the_test_command():
    main, test = readme_commands()[:2]
    assert "bpo-kg" in main and "examples/" in main
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    [ci_command] = re.findall(r'^TEST_COMMAND="(.+)"$', ci, re.M)
    assert ci_command == readme_commands()[1]
