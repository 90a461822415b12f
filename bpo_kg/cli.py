"""The ``bpo-kg`` command line: a thin layer over the stage modules.

Exit codes: 0 ok, 1 the data is inconsistent / does not conform, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from rdflib import Graph

from bpo_kg import BPO_NS, __version__
from bpo_kg.load import InputError, load_graph, load_ontology
from bpo_kg.qc import render_json, render_text, run_qc
from bpo_kg.reason import ReasonerError, reason

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


def shortener(graph: Graph) -> Callable[[str], str]:
    """Render IRIs as prefixed names where the graph knows a prefix (bpo: always)."""
    manager = graph.namespace_manager
    manager.bind("bpo", BPO_NS, override=False)

    def shorten(iri: str) -> str:
        try:
            prefix, _ns, local = manager.compute_qname(iri, generate=False)
        except (KeyError, ValueError):
            return iri
        return f"{prefix}:{local}" if prefix and local else iri

    return shorten


def _add_data_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data", nargs="*", help="RDF files or folders (Turtle, N-Triples, RDF/XML, JSON-LD)")
    parser.add_argument(
        "--input-format", metavar="FMT", help="RDF syntax of every input file (default: from each file's suffix)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="report format")


def _command_reason(args: argparse.Namespace) -> int:
    data = load_graph(args.data, args.input_format) if args.data else None
    ontology = load_ontology()
    report = reason(ontology, data, close_world=not args.open_world)
    if args.format == "json":
        print(report.to_json())
    else:
        print(report.to_text(shortener(data or ontology)))
    return EXIT_OK if report.ok else EXIT_FAILED


def _command_qc(args: argparse.Namespace) -> int:
    graph = load_ontology(args.extra)
    results = run_qc(graph)
    print(render_json(results) if args.format == "json" else render_text(results))
    return EXIT_OK if all(result.passed for result in results) else EXIT_FAILED


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bpo-kg", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"bpo-kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    reason_parser = commands.add_parser(
        "reason",
        help="run HermiT: consistency, unsatisfiable classes, inferred hierarchy and types",
        description="Load the shipped ontology (plus optional instance data) and run HermiT.",
    )
    _add_data_arguments(reason_parser)
    reason_parser.add_argument(
        "--open-world",
        action="store_true",
        help="do not close each individual's listed services and channels (see docs/modelling.md)",
    )
    reason_parser.set_defaults(handler=_command_reason)

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
    except (InputError, ReasonerError) as error:
        print(f"bpo-kg: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("bpo-kg: interrupted", file=sys.stderr)
        return 130
