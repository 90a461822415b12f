"""The ``bpo-kg`` command line: a thin layer over the stage modules.

Exit codes: 0 ok, 1 the data is inconsistent / does not conform, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from rdflib import Graph

from bpo_kg import BPO_NS, __version__
from bpo_kg.check import load_checked_data, reason_and_validate, run_check
from bpo_kg.load import InputError, LoadedData, load_ontology
from bpo_kg.qc import render_json, render_text, run_qc
from bpo_kg.reason import ReasonerError, reason
from bpo_kg.resources import example_files
from bpo_kg.validate import ShapesError, load_shapes

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


def shortener(graph: Graph) -> Callable[[str], str]:
    """Render IRIs as prefixed names where the graph knows a prefix (bpo: always)."""
    manager = graph.namespace_manager
    manager.bind("bpo", BPO_NS, override=False)

    def shorten(iri: str) -> str:
        if iri.startswith("^"):
            return "^" + shorten(iri[1:])
        try:
            prefix, _ns, local = manager.compute_qname(iri, generate=False)
        except (KeyError, ValueError):
            return iri
        return f"{prefix}:{local}" if prefix and local else iri

    return shorten


def _load(args: argparse.Namespace, ontology: Graph, default_to_example: bool) -> LoadedData | None:
    paths = args.data or (example_files() if default_to_example else [])
    if not paths:
        return None
    data = load_checked_data(paths, ontology, args.input_format)
    for warning in data.warnings:
        print(f"bpo-kg: warning: {warning}", file=sys.stderr)
    return data


def _command_reason(args: argparse.Namespace) -> int:
    ontology = load_ontology()
    data = _load(args, ontology, default_to_example=False)
    graph = data.graph if data else None
    report = reason(ontology, graph, close_world=not args.open_world)
    print(report.to_json() if args.format == "json" else report.to_text(shortener(graph or ontology)))
    return EXIT_OK if report.ok else EXIT_FAILED


def _command_validate(args: argparse.Namespace) -> int:
    ontology = load_ontology()
    shapes = load_shapes()
    data = _load(args, ontology, default_to_example=True)
    reasoning, report = reason_and_validate(ontology, shapes, data.graph)
    if not reasoning.consistent:
        print(
            "bpo-kg: warning: the data is inconsistent under HermiT; validated with the ontology's "
            "inferences only (see 'bpo-kg reason')",
            file=sys.stderr,
        )
    print(report.to_json() if args.format == "json" else report.to_text(shortener(data.graph)))
    return EXIT_OK if report.conforms and reasoning.consistent else EXIT_FAILED


def _command_check(args: argparse.Namespace) -> int:
    ontology = load_ontology()
    shapes = load_shapes()
    data = _load(args, ontology, default_to_example=True)
    report = run_check(ontology, shapes, data, close_world=not args.open_world)
    print(report.to_json() if args.format == "json" else report.to_text(shortener(data.graph)))
    return EXIT_OK if report.ok else EXIT_FAILED


def _command_qc(args: argparse.Namespace) -> int:
    graph = load_ontology(args.extra)
    results = run_qc(graph)
    print(render_json(results) if args.format == "json" else render_text(results))
    return EXIT_OK if all(result.passed for result in results) else EXIT_FAILED


def _data_command(commands, name: str, handler, summary: str, description: str, open_world: bool = False) -> None:
    parser = commands.add_parser(name, help=summary, description=description)
    parser.add_argument("data", nargs="*", help="RDF files or folders (Turtle, N-Triples, RDF/XML, JSON-LD)")
    parser.add_argument(
        "--input-format", metavar="FMT", help="RDF syntax of every input file (default: from each file's suffix)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    if open_world:
        parser.add_argument(
            "--open-world",
            action="store_true",
            help="do not close each individual's listed services and channels (docs/modelling.md §6)",
        )
    parser.set_defaults(handler=handler)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bpo-kg", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"bpo-kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _data_command(
        commands,
        "check",
        _command_check,
        "the main job: load, reason, validate and report (default: the shipped example graph)",
        "Load the data once, classify it with HermiT, validate it with SHACL, and report.",
        open_world=True,
    )
    _data_command(
        commands,
        "reason",
        _command_reason,
        "run HermiT: consistency, unsatisfiable classes, inferred hierarchy and types",
        "Load the shipped ontology (plus optional instance data) and run HermiT.",
        open_world=True,
    )
    _data_command(
        commands,
        "validate",
        _command_validate,
        "validate data with the SHACL shapes (default: the shipped example graph)",
        "Validate instance data against ontology/shapes, with what HermiT entails about it.",
    )
    qc_parser = commands.add_parser(
        "qc",
        help="run the ontology quality-control queries (each must find nothing)",
        description="Run queries/qc/*.rq over the shipped ontology plus any extra ontology files.",
    )
    qc_parser.add_argument("extra", nargs="*", help="extra ontology files to check together with the shipped ones")
    qc_parser.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    qc_parser.set_defaults(handler=_command_qc)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (InputError, ReasonerError, ShapesError) as error:
        print(f"bpo-kg: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("bpo-kg: interrupted", file=sys.stderr)
        return 130
