"""Benchmark explanations: one inferred type and one planted contradiction, on the example and on
synthetic graphs (benchmarks/generate.py), each in its own process (peak memory), medians of --runs.

    python benchmarks/explain.py --sizes 100k,1M --runs 1 --json benchmarks/results-explain.json

Per case: loading (the engine ``auto`` picks: scale above its threshold), the consistency check, and
the explanation itself (the part around the individual grown until the question is entailed, the
OWL API's black-box generator with HermiT over a locality module of it), with the justification's
size and HermiT's minimality check. The contradiction is an engagement whose provider is also named
its client (hasClient and hasProvider are disjoint properties).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate import BPO, generate, parse_size, write  # noqa: E402

EXAMPLE = REPO / "examples" / "bpo-example.ttl"
EX = "https://example.org/bpo/"


def child(path: str, individual: str, cls: str) -> int:
    """One measurement (run in its own process): load, reason, explain; JSON on stdout."""
    from bpo_kg.engines import open_knowledge_graph
    from bpo_kg.explain import explain

    started = time.perf_counter()
    graph = open_knowledge_graph([Path(path)], "auto")
    loaded = time.perf_counter()
    consistent = graph.reason().consistent
    reasoned = time.perf_counter()
    report = explain(graph) if cls == "inconsistency" else explain(graph, individual, cls)
    done = time.perf_counter()
    first = report.explanations[0] if report.explanations else None
    print(
        json.dumps(
            {
                "engine": graph.engine,
                "consistent": consistent,
                "load_s": loaded - started,
                "reason_s": reasoned - loaded,
                "explain_s": done - reasoned,
                "entailed": report.entailed,
                "justification_size": len(first.steps) if first else 0,
                "minimal": bool(first and first.minimal),
                "module_axioms": report.module_axioms,
                "input_axioms": report.input_axioms,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "java_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            }
        )
    )
    return 0


def plant_contradiction(source: Path, out: Path) -> tuple[str, str]:
    """``source`` with one engagement's provider also named its client; the engagement and provider."""
    text = source.read_text(encoding="utf-8")
    for line in text.splitlines():
        if f"<{BPO}hasProvider>" in line:
            engagement, _, provider = line.split(" ")[:3]
            out.write_text(f"{text}{engagement} <{BPO}hasClient> {provider} .\n", encoding="utf-8")
            return engagement[1:-1], provider[1:-1]
    raise ValueError(f"{source}: no engagement")


def measure(path: Path, individual: str, cls: str, runs: int, timeout: float) -> dict:
    results = []
    for _ in range(runs):
        command = [sys.executable, __file__, "--child", str(path), individual, cls]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"{path}: {done.stderr.strip().splitlines()[-1:]}")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    summary = dict(results[-1])
    for key in ("load_s", "reason_s", "explain_s", "peak_rss_mb", "java_peak_rss_mb"):
        summary[key] = statistics.median(r[key] for r in results)
    summary["runs"] = len(results)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="100k,1M", help="synthetic sizes besides the example, e.g. 100k,1M")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child)
    report: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bpo-explain-bench-") as folder:
        bad = Path(folder) / "example-contradiction.ttl"
        bad.write_text(
            EXAMPLE.read_text(encoding="utf-8") + "ex:E01 bpo:hasClient ex:LotusConnect .\n", encoding="utf-8"
        )
        report["example: type"] = measure(
            EXAMPLE, EX + "LotusConnect", BPO + "CallCentreOperator", args.runs, args.timeout
        )
        report["example: contradiction"] = measure(bad, "", "inconsistency", args.runs, args.timeout)
        for size in [s for s in args.sizes.split(",") if s]:
            world = generate(parse_size(size), seed=1, violations=0)
            source = Path(folder) / f"bpo-{size}.nt"
            write(world, source)
            node, role = next((n, r) for n, r in world.roles.items() if r == "InboundCallCentreOperator")
            report[f"{size}: type"] = measure(source, node[1:-1], BPO + role, args.runs, args.timeout)
            planted = Path(folder) / f"bpo-{size}-contradiction.nt"
            plant_contradiction(source, planted)
            report[f"{size}: contradiction"] = measure(planted, "", "inconsistency", args.runs, args.timeout)
            print(f"{size}: done", file=sys.stderr)
    for case, values in report.items():
        print(
            f"{case:24} {values['engine']:6} load {values['load_s']:6.1f} s  reason {values['reason_s']:6.1f} s  "
            f"explain {values['explain_s']:6.1f} s  peak {values['peak_rss_mb']:6.0f} MB "
            f"(Java {values['java_peak_rss_mb']:4.0f} MB)  "
            f"justification {values['justification_size']} (minimal: {values['minimal']})  "
            f"module {values['module_axioms']}/{values['input_axioms']}"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
