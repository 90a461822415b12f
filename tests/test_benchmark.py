"""The benchmark script runs end to end on a small graph and reports the two paths identical."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


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
