"""Benchmark spreadsheet import: a generated vendor workbook of about 100k rows (about 1M triples), imported
from a folder of CSV files and from an ``.xlsx`` file, side by side with the loaders of the same data as
N-Triples.

    python benchmarks/sheets.py --rows 100k --runs 3 --json benchmarks/results-sheets-100k.json

The workbook is generated deterministically (``--seed``): every sheet of the shipped mapping
(organisations, places, sites, services, engagements, delivery locations, certifications), valid values
only, every reference (Provider, Client, Services, Delivered from, Operator, Holder...) naming a row that
exists. It is written twice, as CSV files and as an ``.xlsx`` workbook; both are imported once first, to
check that they give the same triples and to write the equivalent N-Triples file.

Measured, each run in a separate process (its own peak RSS, ``ru_maxrss``), medians over ``--runs``:
- import CSV / import xlsx: ``import_workbook`` alone (workbook -> N-Triples bytes);
- N-Triples, scale loader: ``load_data_store([file.nt])`` (Oxigraph), the reference for the target;
- N-Triples, exact loader: ``load_data([file.nt])`` (rdflib; ``--rdflib-runs``, default 1);
- xlsx, scale loader: ``load_data_store([workbook.xlsx])`` (import, then the Oxigraph parse).
Then one more run per workbook times the importer's steps (read the workbook, check the cells, the
morph-kgc run) to show where the time goes. The target of the issue: import within 3x of parsing the
equivalent N-Triples (the scale loader) and under 2 GB peak memory.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate import parse_size  # noqa: E402
from benchmarks.workbook_generator import SHARES, Book, cell_text, expected_triples, generate  # noqa: E402

TARGET_RATIO = 3.0
TARGET_RSS_MB = 2048.0


def write_csv(book: Book, folder: Path, columns: dict[str, list[str]]) -> Path:
    """One ``<sheet>.csv`` per sheet (UTF-8, a header of the mapping's columns)."""
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, rows in book.sheets.items():
        with (folder / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(columns[sheet])
            writer.writerows([cell_text(row.get(column)) for column in columns[sheet]] for row in rows)
    return folder


def write_xlsx(book: Book, path: Path, columns: dict[str, list[str]]) -> Path:
    """The same sheets as an Excel workbook: whole numbers as numbers and dates as dates, as Excel keeps them."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet, rows in book.sheets.items():
        page = workbook.create_sheet(sheet)
        page.append(columns[sheet])
        for row in rows:
            page.append([row.get(column) for column in columns[sheet]])
    workbook.save(path)
    return path


# ------------------------------------------------------------------------------------------------ children


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def child(kind: str, path: str, out: str | None = None, *more: str) -> int:
    """One step in this (fresh) process; prints one JSON line. Even the workbooks are written in a child:
    a process started from a large parent inherits its peak RSS (Linux keeps ``ru_maxrss`` across fork and
    exec), so the parent stays small."""
    if kind == "generate":
        return _generate(Path(path), out or "100k", int(more[0]) if more else 1)
    if kind == "prepare":
        return _prepare(Path(path), Path(out or ""))
    if kind == "breakdown":
        return _breakdown(Path(path))
    before = _rss_mb()
    started = time.perf_counter()
    if kind == "import":
        from bpo_kg.sheets.importer import import_workbook

        triples = import_workbook(Path(path)).triples
        extra: dict[str, Any] = {}
    elif kind in {"store", "rdflib"}:
        from bpo_kg.load import load_data, load_data_store

        loaded = (load_data_store if kind == "store" else load_data)([path])
        triples = loaded.triples
        extra = {"reference": loaded.reference, "warnings": len(loaded.warnings)}
    else:
        raise SystemExit(f"unknown measurement {kind}")
    _emit(seconds=time.perf_counter() - started, rss_mb=_rss_mb(), rss_at_start_mb=before, triples=triples, **extra)
    return 0


def _generate(folder: Path, size: str, seed: int) -> int:
    """The workbook of ``size`` rows, as ``workbook-<size>`` (CSV files) and ``workbook-<size>.xlsx``."""
    from bpo_kg.sheets.mapping import load_mapping

    mapping = load_mapping()
    columns = {sheet: mapping.columns(sheet) for sheet in mapping.sheets()}
    if set(columns) != set(SHARES):
        raise SystemExit(f"the mapping's sheets changed: {sorted(columns)}")
    started = time.perf_counter()
    book = generate(parse_size(size), seed)
    generated_s = time.perf_counter() - started
    csv_folder = write_csv(book, folder / f"workbook-{size}", columns)
    xlsx = write_xlsx(book, folder / f"workbook-{size}.xlsx", columns)
    _emit(
        rows=book.rows,
        rows_per_sheet={sheet: len(rows) for sheet, rows in book.sheets.items()},
        generate_s=round(generated_s, 2),
        triples_expected=expected_triples(book),
        sizes_mb={
            "csv": round(sum(p.stat().st_size for p in csv_folder.iterdir()) / 2**20, 1),
            "xlsx": round(xlsx.stat().st_size / 2**20, 1),
        },
    )
    return 0


def _prepare(path: Path, out: Path) -> int:
    """Import ``path`` once, write its N-Triples (sorted) to ``out``; print the first problems if refused."""
    from bpo_kg.sheets.importer import SpreadsheetError, import_workbook

    try:
        imported = import_workbook(path)
    except SpreadsheetError as error:
        print(f"refused: {len(error.problems)} problems; the first:", file=sys.stderr)
        print("\n".join(error.problems[:20]), file=sys.stderr)
        return 1
    lines = sorted(imported.ntriples.splitlines())
    data = b"\n".join(lines) + b"\n"
    out.write_bytes(data)
    _emit(
        triples=imported.triples,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=imported.warnings[:10],
    )
    return 0


def _breakdown(path: Path) -> int:
    """One import with the importer's steps timed (they are wrapped here, in this process only)."""
    import morph_kgc

    import bpo_kg.sheets.importer as importer

    spent: dict[str, float] = {}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    importer.load_mapping = timed("load mapping", importer.load_mapping)
    importer.vocabulary = timed("vocabulary (ontology and reference data)", importer.vocabulary)
    importer.read_workbook = timed("read workbook", importer.read_workbook)
    importer.check_workbook = timed("check cells", importer.check_workbook)
    importer.run_mapping = timed("run mapping (all)", importer.run_mapping)
    morph_kgc.materialize_set = timed("  of which morph-kgc materialize_set", morph_kgc.materialize_set)
    started = time.perf_counter()
    imported = importer.import_workbook(path)
    total = time.perf_counter() - started
    morph = spent.pop("  of which morph-kgc materialize_set")
    spent["rest (origins, N-Triples bytes)"] = total - sum(spent.values())
    steps = {
        name: spent[name]
        for name in (
            "load mapping",
            "read workbook",
            "vocabulary (ontology and reference data)",
            "check cells",
            "run mapping (all)",
        )
    }
    steps["  of which morph-kgc materialize_set"] = morph
    steps["  of which pandas frames, config, set to list"] = spent["run mapping (all)"] - morph
    steps["rest (origins, N-Triples bytes)"] = spent["rest (origins, N-Triples bytes)"]
    _emit(seconds=total, steps=steps, rss_mb=_rss_mb(), triples=imported.triples)
    return 0


def run_child(kind: str, path: Path, timeout: float, *more: str | Path) -> dict[str, Any]:
    """One child's JSON line (or ``{"failed": ...}``)."""
    command = [sys.executable, __file__, "--child", kind, str(path), *map(str, more)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"failed": f"timed out after {timeout:.0f} s", "seconds": None}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"failed": (done.stderr.strip().splitlines() or ["no output"])[-25:], "seconds": None}
    return json.loads(lines[-1])


# ------------------------------------------------------------------------------------------------ parent


def measure(kind: str, path: Path, runs: int, timeout: float) -> dict[str, Any]:
    records = []
    for _ in range(runs):
        record = run_child(kind, path, timeout)
        records.append(record)
        if record.get("failed"):
            break  # do not wait for a failure again
    seconds = [r["seconds"] for r in records if r.get("seconds") is not None]
    rss = [r["rss_mb"] for r in records if "rss_mb" in r]
    return {
        "median_s": statistics.median(seconds) if seconds else None,
        "runs_s": seconds,
        "peak_rss_mb": max(rss) if rss else None,
        "rss_runs_mb": rss,
        "rss_at_start_mb": max((r["rss_at_start_mb"] for r in records if "rss_at_start_mb" in r), default=None),
        "triples": next((r["triples"] for r in records if "triples" in r), None),
        **({"reference": records[0]["reference"]} if "reference" in records[0] else {}),
        **({"failed": records[-1]["failed"]} if records[-1].get("failed") else {}),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", default="100k", help="rows over all sheets, e.g. 10k, 100k")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (medians)")
    parser.add_argument("--rdflib-runs", type=int, default=1, help="runs of the rdflib loader (slow)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a run is killed")
    parser.add_argument("--keep", type=Path, help="write the workbooks and N-Triples here (else a temporary folder)")
    parser.add_argument("--json", type=Path, help="write all measurements here")
    args = parser.parse_args(argv)

    report: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "seed": args.seed,
        "runs": args.runs,
    }
    with tempfile.TemporaryDirectory(prefix="bpo-sheets-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        generated = run_child("generate", folder, args.timeout, args.rows, args.seed)
        if generated.get("failed"):
            print("generating the workbook failed:", *generated["failed"], sep="\n")
            return 1
        expected = generated.pop("triples_expected")
        report |= generated
        csv_folder, xlsx = folder / f"workbook-{args.rows}", folder / f"workbook-{args.rows}.xlsx"
        nt = folder / f"workbook-{args.rows}.nt"
        print(
            f"generated {report['rows']} rows in {report['generate_s']:.1f} s: "
            + ", ".join(f"{sheet} {n}" for sheet, n in report["rows_per_sheet"].items()),
            flush=True,
        )

        prepared = {}
        for name, path, out in (("csv", csv_folder, nt), ("xlsx", xlsx, folder / "from-xlsx.nt")):
            prepared[name] = run_child("prepare", path, args.timeout, out)
            if prepared[name].get("failed"):
                print(f"import of the {name} workbook failed:", *prepared[name]["failed"], sep="\n")
                return 1
        (folder / "from-xlsx.nt").unlink()
        same = prepared["csv"]["sha256"] == prepared["xlsx"]["sha256"]
        report["triples"] = prepared["csv"]["triples"]
        report["triples_expected"] = expected
        report["triples_as_expected"] = report["triples"] == report["triples_expected"]
        report["ntriples_mb"] = round(prepared["csv"]["bytes"] / 2**20, 1)
        report["csv_and_xlsx_same_triples"] = same
        report["import_warnings"] = prepared["csv"]["warnings"]
        print(
            f"import gives {report['triples']} triples ({report['ntriples_mb']} MB of N-Triples; the cells call for "
            f"{report['triples_expected']}); CSV and xlsx give {'the same' if same else 'DIFFERENT'} triples",
            flush=True,
        )

        plan = [
            ("import CSV folder", "import", csv_folder, args.runs),
            ("import xlsx", "import", xlsx, args.runs),
            ("N-Triples, load_data_store", "store", nt, args.runs),
            ("N-Triples, load_data (rdflib)", "rdflib", nt, args.rdflib_runs),
            ("xlsx, load_data_store", "store", xlsx, args.runs),
        ]
        results: dict[str, Any] = {}
        for label, kind, path, runs in plan:
            results[label] = measure(kind, path, runs, args.timeout)
            shown = results[label]
            print(f"  {label}: {shown['median_s']} s, {shown['peak_rss_mb']} MB", flush=True)
        report["measurements"] = results
        report["breakdown"] = {
            "csv": run_child("breakdown", csv_folder, args.timeout),
            "xlsx": run_child("breakdown", xlsx, args.timeout),
        }
    parse_s = results["N-Triples, load_data_store"]["median_s"]
    targets = {}
    for name, label in (("csv", "import CSV folder"), ("xlsx", "import xlsx")):
        seconds, rss = results[label]["median_s"], results[label]["peak_rss_mb"]
        ratio = seconds / parse_s if seconds and parse_s else None
        targets[name] = {
            "ratio_to_ntriples_parse": round(ratio, 2) if ratio else None,
            "within_3x": ratio is not None and ratio <= TARGET_RATIO,
            "under_2gb": rss is not None and rss < TARGET_RSS_MB,
        }
    full_s = results["xlsx, load_data_store"]["median_s"]
    report["full_xlsx_load_to_ntriples_load"] = round(full_s / parse_s, 2) if full_s and parse_s else None
    report["targets"] = targets
    print_table(report)
    if args.json:
        args.json.writecell_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0


def print_table(report: dict[str, Any]) -> None:
    print(
        f"\n== {report['rows']} rows, {report['triples']} triples "
        f"(CSV {report['sizes_mb']['csv']} MB, xlsx {report['sizes_mb']['xlsx']} MB, "
        f"N-Triples {report['ntriples_mb']} MB)"
    )
    print(f"{'measurement':32s} {'median s':>9s} {'peak RSS MB':>12s} {'triples':>9s}  runs s")
    for label, stats in report["measurements"].items():
        seconds = f"{stats['median_s']:.2f}" if stats["median_s"] is not None else "failed"
        rss = f"{stats['peak_rss_mb']:.0f}" if stats["peak_rss_mb"] else "—"
        runs = ", ".join(f"{s:.2f}" for s in stats["runs_s"])
        print(f"{label:32s} {seconds:>9s} {rss:>12s} {stats['triples'] or '—'!s:>9s}  {runs}")
    for name, target in report["targets"].items():
        print(
            f"import {name} / N-Triples parse (load_data_store): {target['ratio_to_ntriples_parse']}x "
            f"-> within 3x: {'yes' if target['within_3x'] else 'NO'}; "
            f"under 2 GB: {'yes' if target['under_2gb'] else 'NO'}"
        )
    full = report["full_xlsx_load_to_ntriples_load"]
    print(f"for context: load_data_store(xlsx) / load_data_store(N-Triples): {full}x (import and parse)")
    for name, record in report["breakdown"].items():
        if record.get("failed"):
            print(f"breakdown {name}: failed")
            continue
        print(f"breakdown of one import ({name}, {record['seconds']:.2f} s):")
        for step, seconds in record["steps"].items():
            print(f"  {step:48s} {seconds:8.2f} s")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.exit(child(*sys.argv[2:]))
    sys.exit(main())
