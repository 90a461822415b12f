"""Benchmark the whole pipeline — load, reason, validate, every named query — on synthetic graphs.

    python benchmarks/run.py --sizes 10k,100k --runs 3 --stage-timeout 60 --json results.json

Three paths over the same generated file (``--kind providers`` or ``registry``):
- baseline: rdflib in memory, HermiT over ontology + data (owlready2), pySHACL, rdflib SPARQL;
- fast:     Oxigraph parse, HermiT on the TBox + SPARQL rules in Oxigraph, every SHACL constraint
            (core ones compiled to SPARQL) once over the Oxigraph store, queries on Oxigraph;
- server:   the file bulk-loaded into a private Virtuoso (benchmarks/server.py), the same rules and
            constraints run there as SPARQL Update and SELECT; the client gets results only. The
            server's peak memory is recorded beside the client's.
All run through the one knowledge-graph interface (bpo_kg.engines): the exact, scale and endpoint engines.
Every run of a path is a separate process (its own peak memory; a stage over the timeout is killed,
Java included, and recorded as such). Stage times are medians over the runs; a stage that timed out
counts at the timeout and is not run again. When HermiT times out, the baseline's validation and
queries are still measured, in another process that takes the (equal, see tests/test_fast_path.py)
entailments from the fast reasoner, so each stage compares implementation with implementation; when
pySHACL times out there too, the queries are measured in a third process that skips validation.
Results are compared: violations (focus, path, component) and the rows of every query must be the
same on both paths where the baseline finished, and must match what the generator planted
(violations, provider roles) everywhere; the verdict is printed as ``identical``.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate import generate, generate_registry, parse_size, write  # noqa: E402
from benchmarks.server import PrivateServer  # noqa: E402
from bpo_kg import hugepages  # noqa: E402

STAGES = ["load", "reason", "validate", "queries"]


def _rss_mb() -> float:
    """This process's peak resident memory (VmHWM). Not ``ru_maxrss``: Linux carries that over an
    exec from the forking parent, so a child started by a parent that held the generated graph
    reported the parent's memory (the server client at 10M "3.9 GB" while it held 65 MB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource  # not Linux: the best there is

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _emit(**fields) -> None:
    print(json.dumps(fields), flush=True)


def child(path: str, data_file: str, results_file: str) -> None:
    """One run of one path; prints a JSON line per finished stage (seconds, peak RSS so far)."""
    from bpo_kg.engines import open_knowledge_graph
    from bpo_kg.load import load_ontology, load_shapes
    from bpo_kg.query import named_queries, run_named

    parameters = json.loads((REPO / "tests" / "data" / "queries" / "expected-rows.json").read_text())
    ontology, shapes = load_ontology(), load_shapes()
    started = time.perf_counter()
    if path == "server":
        from benchmarks.server import bulk_load
        from bpo_kg.engines import EndpointGraph, SparqlEndpoint

        endpoint = SparqlEndpoint(os.environ["BPO_KG_BENCH_ENDPOINT"], timeout=7200, user="dba", password="dba")
        graph = EndpointGraph(endpoint, bulk_load(Path(data_file)), ontology, shapes=shapes)
    else:
        engine = "scale" if path == "fast" else "exact"
        graph = open_knowledge_graph([data_file], engine, ontology=ontology, shapes=shapes)
    _emit(stage="load", seconds=time.perf_counter() - started, rss_mb=_rss_mb())
    started = time.perf_counter()
    if path.startswith("baseline-"):  # HermiT timed out: same entailments (tests show they are equal) from the rules
        report = open_knowledge_graph([data_file], "scale", ontology=ontology).reason()
        graph._reasoning = report  # the harness measures the exact engine's later stages on them
    else:
        report = graph.reason()
    roles = {e.iri: e.types for e in report.individuals}
    _emit(stage="reason", seconds=time.perf_counter() - started, rss_mb=_rss_mb())
    started = time.perf_counter()
    violations = None
    if path != "baseline-queries":  # pySHACL timed out too: measure the queries alone
        violations = graph.validate().violations
    if violations is None:
        _emit(stage="validate", seconds=None, skipped=True)
    else:
        _emit(stage="validate", seconds=time.perf_counter() - started, rss_mb=_rss_mb())
    started = time.perf_counter()
    rows, per_query = {}, {}
    for name in named_queries():
        query_started = time.perf_counter()
        result = run_named(graph, name, parameters[name]["parameters"])
        per_query[name] = time.perf_counter() - query_started
        rows[name] = sorted(repr(row) for row in result.rows)
    _emit(stage="queries", seconds=time.perf_counter() - started, rss_mb=_rss_mb(), per_query=per_query)
    if path == "server":  # the next run loads afresh
        graph.clean()
        graph.endpoint.update(f"DROP SILENT GRAPH <{graph.graph}>")
    Path(results_file).write_text(
        json.dumps(
            {
                "violations": sorted([v.focus, v.path or "-", v.component] for v in violations or []),
                "rows": rows,
                "roles": roles,
            }
        )
    )


def _forward_lines(stream, lines: queue.Queue[str]) -> None:
    """Put each line of ``stream`` on ``lines`` as it arrives, then "" at the end."""
    for line in stream:
        lines.put(line)
    lines.put("")


def read_into_page_cache(data_file: Path) -> float:
    """Read the file once, untimed by the run, so that every run of every size starts with it in the
    page cache; returns the seconds it took (a file the system had evicted is read from disk: on
    this VM 5 to 60 s for 1.2 GB, which would otherwise land in the load stage of some runs only)."""
    started = time.perf_counter()
    with data_file.open("rb") as stream:
        while stream.read(1 << 24):
            pass
    return time.perf_counter() - started


def run_once(path: str, data_file: Path, timeout: float, env: dict | None = None) -> tuple[dict, dict | None]:
    """Stage records of one run, and its results (None if a stage timed out or failed); the file is
    in the page cache when the run starts (``file_read_s``: how long putting it there took)."""
    results = Path(tempfile.mkstemp(suffix=".json")[1])
    file_read_s = read_into_page_cache(data_file)
    env = hugepages.running_environment(os.environ if env is None else env, [str(data_file)])  # as the program
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", path, str(data_file), str(results)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
        env=env,
    )
    records: dict[str, dict] = {"file_read": {"seconds": file_read_s}}
    lines: queue.Queue[str] = queue.Queue()  # a reader thread: select() on a buffered pipe misses lines
    threading.Thread(target=_forward_lines, args=(process.stdout, lines), daemon=True).start()
    pending = list(STAGES)
    while pending:
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            os.killpg(process.pid, signal.SIGKILL)
            records[pending[0]] = {"seconds": timeout, "timeout": True}
            for later in pending[1:]:
                records[later] = {"seconds": None, "skipped": True}
            process.wait()
            return records, None
        if not line:
            process.wait()
            records[pending[0]] = {"seconds": None, "failed": True}
            return records, None
        record = json.loads(line)
        records[record.pop("stage")] = record
        pending.pop(0)
    process.wait()
    outcome = json.loads(results.read_text())
    results.unlink()
    return records, outcome


def summarise(runs: list[dict]) -> dict:
    summary = {}
    for stage in STAGES:
        values = [r[stage]["seconds"] for r in runs if r.get(stage, {}).get("seconds") is not None]
        summary[stage] = {
            "median_s": statistics.median(values) if values else None,
            "runs_s": values,
            "timeout": any(r.get(stage, {}).get("timeout") for r in runs),
            "peak_rss_mb": max((r[stage].get("rss_mb", 0) for r in runs if stage in r), default=None),
        }
        if stage == "queries":
            per_query = [r[stage]["per_query"] for r in runs if "per_query" in r.get(stage, {})]
            if per_query:
                summary[stage]["per_query_median_ms"] = {
                    name: statistics.median(p[name] for p in per_query) * 1000 for name in per_query[0]
                }
    summary["total_s"] = sum(summary[s]["median_s"] or 0 for s in STAGES)
    summary["file_read_s"] = [r["file_read"]["seconds"] for r in runs if "file_read" in r]  # before each run
    return summary


def compare(baseline: dict | None, fast: dict | None, expected: dict, server: dict | None = None) -> list[str]:
    """Every disagreement found (empty: identical); ``server``: the server path's results, if it ran."""
    problems = []
    if fast is None:
        return ["the fast path did not finish"]
    if server is not None:
        problems += [f"{key} differ between the fast and the server path" for key in fast if server[key] != fast[key]]
    planted = sorted(
        [f.strip("<>"), p.strip("<>"), "http://www.w3.org/ns/shacl#" + c] for f, p, c in expected["violations"]
    )
    if fast["violations"] != planted:
        problems.append("fast-path violations differ from the planted ones")
    for provider, role in expected["roles"].items():
        if "https://w3id.org/bpo-kg/ontology#" + role not in fast["roles"].get(provider.strip("<>"), []):
            problems.append(f"fast path misses the role {role} of {provider}")
            break
    if baseline is not None:
        for key in ("violations", "rows", "roles"):
            if baseline[key] != fast[key]:
                problems.append(f"{key} differ between baseline and fast path")
    return problems


def measure(path: str, data_file: Path, args: argparse.Namespace, env: dict | None = None) -> tuple[dict, dict | None]:
    """The summary of ``args.runs`` runs of one path, and the results of the first."""
    runs, first = [], None
    for index in range(args.runs):
        records, outcome = run_once(path, data_file, args.stage_timeout, env)
        if path == "baseline" and records.get("reason", {}).get("timeout"):
            # measure the baseline's own validation and queries all the same (see "baseline-rest")
            rest, _unused = run_once("baseline-rest", data_file, args.stage_timeout)
            records.update({stage: rest[stage] for stage in ("validate", "queries") if stage in rest})
            if rest.get("validate", {}).get("timeout"):  # and the queries, without pySHACL
                alone, _unused = run_once("baseline-queries", data_file, args.stage_timeout)
                records["queries"] = alone.get("queries", records["queries"])
        runs.append(records)
        first = outcome if index == 0 else first
        if outcome is None:
            break  # a timeout or failure: do not wait for it again
    return summarise(runs), first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated sizes, e.g. 10k,100k,1M")
    parser.add_argument("--runs", type=int, default=3, help="runs per path and size (medians)")
    parser.add_argument("--stage-timeout", type=float, default=60, help="seconds before a stage is killed")
    parser.add_argument("--paths", default="baseline,fast", help="baseline, fast, server (comma-separated)")
    parser.add_argument("--kind", choices=("providers", "registry"), default="providers", help="the generated data")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write all measurements here")
    args = parser.parse_args(argv)
    machine = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "transparent_huge_pages": hugepages.thp_mode()}
    report = {"machine": machine, "sizes": {}}
    all_identical = True
    paths = args.paths.split(",")
    generator = generate_registry if args.kind == "registry" else generate
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes.split(","):
            data_file = Path(scratch) / f"bpo-{size}.nt"
            expected = json.loads(write(generator(parse_size(size), args.seed, violations=20), data_file).read_text())
            entry = {"triples": expected["triples"], "kind": args.kind, "paths": {}}
            entry["huge_pages"] = hugepages.asked(hugepages.running_environment(os.environ, [str(data_file)]))
            outcomes = {}
            for path in paths:
                if path == "server":
                    with PrivateServer(Path(scratch) / f"virtuoso-{size}") as server:
                        entry["paths"][path], outcomes[path] = measure(path, data_file, args, server.child_env())
                        entry["paths"][path]["server_peak_rss_mb"] = server.peak_rss_mb()
                else:
                    entry["paths"][path], outcomes[path] = measure(path, data_file, args)
            problems = compare(outcomes.get("baseline"), outcomes.get("fast"), expected, outcomes.get("server"))
            if "server" in paths and outcomes.get("server") is None:
                problems.append("the server path did not finish")
            entry["identical"] = not problems
            entry["problems"] = problems
            all_identical &= not problems
            report["sizes"][size] = entry
            print_table(size, entry, *[p for p in ("baseline", "fast", "server") if p in paths][:2])
    print(f"identical: {'yes' if all_identical else 'no'}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0 if all_identical else 1


def print_table(size: str, entry: dict, left: str = "baseline", right: str = "fast") -> None:
    """The stages of two paths side by side (``left`` / ``right`` as the ratio)."""
    paths = entry["paths"]
    print(f"\n== {size}: {entry['triples']} triples ({entry.get('kind', 'providers')})")
    print(
        f"{'stage':10s} {left + ' s':>12s} {right + ' s':>10s} {'ratio':>8s} "
        f"{'RSS ' + left[:4] + ' MB':>12s} {'RSS ' + right[:4] + ' MB':>12s}"
    )

    def cell(path: str, stage: str) -> str:
        stats = paths.get(path, {}).get(stage, {})
        if stats.get("median_s") is None:
            return "—"
        return f"{stats['median_s']:.2f}" + ("(t/o)" if stats.get("timeout") else "")

    for stage in [*STAGES, "total"]:
        base = paths.get(left, {})
        fast = paths.get(right, {})
        b = base.get("total_s") if stage == "total" else (base.get(stage) or {}).get("median_s")
        f = fast.get("total_s") if stage == "total" else (fast.get(stage) or {}).get("median_s")
        ratio = f"{b / f:.1f}x" if b and f else "—"
        rss_b = (base.get(stage) or {}).get("peak_rss_mb") if stage != "total" else None
        rss_f = (fast.get(stage) or {}).get("peak_rss_mb") if stage != "total" else None
        shown_b = f"{b:.2f}" if stage == "total" and b else cell(left, stage)
        shown_f = f"{f:.2f}" if stage == "total" and f else cell(right, stage)
        print(
            f"{stage:10s} {shown_b:>12s} {shown_f:>10s} {ratio:>8s} "
            f"{(f'{rss_b:.0f}' if rss_b else '—'):>12s} {(f'{rss_f:.0f}' if rss_f else '—'):>12s}"
        )
    slowest = max(
        (paths.get("fast", {}).get("queries", {}).get("per_query_median_ms") or {}).items(),
        key=lambda item: item[1],
        default=None,
    )
    if slowest:
        print(f"slowest query on the fast path: {slowest[0]} {slowest[1]:.1f} ms (median)")
    if "server_peak_rss_mb" in paths.get("server", {}):
        print(f"server process (Virtuoso) peak RSS: {paths['server']['server_peak_rss_mb']:.0f} MB")
    if entry["problems"]:
        print("problems: " + "; ".join(entry["problems"]))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
        sys.exit(0)
    sys.exit(main())
