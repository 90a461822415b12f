"""The benchmark script runs end to end on a small graph and reports the paths identical."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO, missing_tool


def test_benchmark_runs_both_paths_and_finds_them_identical(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "2k", "--runs", "1", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "identical: yes" in done.stdout
    report = json.loads(out.read_text())["sizes"]["2k"]
    assert report["identical"] and report["problems"] == []
    for path in ("baseline", "fast"):
        stages = report["paths"][path]
        assert all(stages[s]["median_s"] is not None for s in ("load", "reason", "validate", "queries"))
        assert stages["reason"]["peak_rss_mb"] > 0
        assert len(stages["file_read_s"]) == 1 and stages["file_read_s"][0] >= 0  # read before the run
    assert set(report["paths"]["fast"]["queries"]["per_query_median_ms"]) >= {"bpo-providers", "class-hierarchy"}


def test_stage_timeout_is_recorded_not_awaited(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "run.py"),
            "--sizes",
            "2k",
            "--runs",
            "1",
            "--paths",
            "baseline",
            "--stage-timeout",
            "0.5",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    stages = json.loads(out.read_text())["sizes"]["2k"]["paths"]["baseline"]
    assert stages["load"]["timeout"] or stages["reason"]["timeout"]
    assert "(t/o)" in done.stdout


def test_benchmark_server_path_on_a_private_virtuoso_agrees_with_the_fast_path(tmp_path):
    """The register on the scale engine and inside a private Virtuoso: identical results, the
    server's peak memory recorded beside the client's."""
    if not shutil.which("virtuoso-t"):
        missing_tool("needs virtuoso-t (apt-get install virtuoso-opensource-7-bin)")
    out = tmp_path / "bench.json"
    arguments = ["--kind", "registry", "--sizes", "3k", "--runs", "1", "--paths", "fast,server", "--json", str(out)]
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), *arguments],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert done.returncode == 0 and "identical: yes" in done.stdout, done.stdout + done.stderr
    report = json.loads(out.read_text())["sizes"]["3k"]
    server = report["paths"]["server"]
    assert all(server[s]["median_s"] is not None for s in ("load", "reason", "validate", "queries"))
    assert server["server_peak_rss_mb"] > 0 and server["reason"]["peak_rss_mb"] > 0


@pytest.fixture(scope="module")
def registry_files(tmp_path_factory) -> list:
    """Two small company registers, of 2k and 4k triples, generated once for the growth scripts."""
    folder = tmp_path_factory.mktemp("registers")
    files = [folder / "registry-2k.nt", folder / "registry-4k.nt"]
    for size, out in zip(("2k", "4k"), files, strict=True):
        generate = [sys.executable, str(REPO / "benchmarks" / "generate.py"), "--kind", "registry"]
        subprocess.run(
            [*generate, "--triples", size, "--out", str(out)],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return files


def _growth_rows(script: str, *arguments: str) -> dict[str, str]:
    """Each line a growth script prints after its header, by the step it names."""
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / script), *arguments],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return {line.split("  ")[0].strip(): line for line in done.stdout.splitlines()[1:]}


def test_store_growth_times_the_store_alone_on_two_sizes(registry_files):
    rows = _growth_rows("store_growth.py", *map(str, registry_files), "--runs", "2")
    assert set(rows) == {"bulk_load", "class scan + join", "count all"}
    assert all(line.rstrip().endswith("x") for line in rows.values())


def test_constraint_growth_times_each_compiled_constraint_on_two_sizes(registry_files):
    rows = _growth_rows("constraint_growth.py", *map(str, registry_files), "--top", "3")
    assert next(iter(rows)) == "all constraints"
    assert len(rows) == 4  # the total and the three slowest
    assert any("[OrganisationShape]" in step for step in rows)  # named by component, path and shape
    assert all(line.rstrip().endswith("x") for line in rows.values())
