"""The ``bpo-kg`` command line: a thin layer over the stage modules.

Exit codes: 0 ok, 1 the data is inconsistent / does not conform, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Graph

from bpo_kg import BPO_NS, __version__
from bpo_kg.check import AUTO_THRESHOLD, classify, load_checked_data, reason_and_validate, run_check
from bpo_kg.diagrams import DiagramError
from bpo_kg.docs import DocsError, build_docs
from bpo_kg.endpoint import EndpointError, SparqlEndpoint, default_store_url
from bpo_kg.fastpath import FastPathError, OxigraphBackend
from bpo_kg.load import InputError, LoadedData, load_ontology
from bpo_kg.qc import render_json, render_text, run_qc
from bpo_kg.queries import EndpointBackend, LocalBackend, ParameterError, named_queries, run_named
from bpo_kg.reason import ReasonerError, materialise, reason
from bpo_kg.release import ReleaseError, build_release, check_version, write_atomically
from bpo_kg.resources import example_files
from bpo_kg.terms import parse_iri
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
    data = load_checked_data(paths, ontology, args.input_format, getattr(args, "store", "memory"))
    for warning in data.warnings:
        print(f"bpo-kg: warning: {warning}", file=sys.stderr)
    return data


def _naming_graph(data: LoadedData, ontology: Graph) -> Graph:
    """The graph whose prefixes name things in reports: the data's, or the ontology's on the fast path."""
    return data.graph if data.graph is not None else ontology


def _store(data: LoadedData) -> str:
    """Where the data was loaded decides the path (see :func:`bpo_kg.check.load_checked_data`)."""
    return "memory" if data.store is None else "oxigraph"


def _command_reason(args: argparse.Namespace) -> int:
    ontology = load_ontology()
    data = _load(args, ontology, default_to_example=False)
    graph = data.graph if data else None
    if data is not None:
        report, _ = classify(ontology, data.content, not args.open_world, _store(data))
    else:
        report = reason(ontology)
    print(report.to_json() if args.format == "json" else report.to_text(shortener(graph or ontology)))
    return EXIT_OK if report.ok else EXIT_FAILED


def _command_validate(args: argparse.Namespace) -> int:
    ontology = load_ontology()
    shapes = load_shapes()
    data = _load(args, ontology, default_to_example=True)
    reasoning, report = reason_and_validate(ontology, shapes, data.content, store=_store(data))
    if not reasoning.consistent:
        print(
            "bpo-kg: warning: the data is inconsistent under HermiT; validated with the ontology's "
            "inferences only (see 'bpo-kg reason')",
            file=sys.stderr,
        )
    print(report.to_json() if args.format == "json" else report.to_text(shortener(_naming_graph(data, ontology))))
    return EXIT_OK if report.conforms and reasoning.consistent else EXIT_FAILED


def _command_check(args: argparse.Namespace) -> int:
    ontology = load_ontology()
    shapes = load_shapes()
    data = _load(args, ontology, default_to_example=True)
    report = run_check(ontology, shapes, data, close_world=not args.open_world, store=_store(data))
    print(report.to_json() if args.format == "json" else report.to_text(shortener(_naming_graph(data, ontology))))
    return EXIT_OK if report.ok else EXIT_FAILED


DEFAULT_GRAPH = "https://w3id.org/bpo-kg/data"


def _endpoint(args: argparse.Namespace) -> SparqlEndpoint:
    user = args.user if getattr(args, "user", None) else os.environ.get("BPO_KG_ENDPOINT_USER", "dba")
    password = os.environ.get("BPO_KG_ENDPOINT_PASSWORD", "dba")
    return SparqlEndpoint(args.endpoint, timeout=args.timeout, user=user, password=password)


def _knowledge_graph(args: argparse.Namespace):
    """Data (default: the example) + ontology + what the reasoner entailed, as an rdflib graph or,
    on the fast path, the realised Oxigraph store; plus the graph whose prefixes name things."""
    ontology = load_ontology()
    data = _load(args, ontology, default_to_example=True)
    report, store = classify(ontology, data.content, True, _store(data))
    if store is not None:
        if not report.consistent:
            raise ReasonerError("the data is inconsistent: nothing sound can be queried (see 'bpo-kg reason')")
        return store, _naming_graph(data, ontology)
    graph = materialise(ontology, data.graph, report)
    return graph, graph


def _parameters(pairs: list[str]) -> dict[str, str]:
    parameters: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"--param {pair!r}: expected NAME=VALUE")
        parameters[name.strip()] = value
    return parameters


def _command_queries(args: argparse.Namespace) -> int:
    queries = named_queries().values()
    if args.format == "json":
        print(
            json.dumps(
                [
                    {
                        "name": q.name,
                        "description": q.description,
                        "columns": q.metadata.get("columns", ""),
                        "parameters": [vars(p) for p in q.parameters],
                    }
                    for q in queries
                ],
                indent=2,
            )
        )
        return EXIT_OK
    for query in queries:
        params = " ".join(f"--param {p.name}=<{p.type}>" for p in query.parameters)
        print(f"{query.name} {params}".rstrip())
        print(f"    {query.description}")
    return EXIT_OK


def _command_query(args: argparse.Namespace) -> int:
    parameters = _parameters(args.param)
    if args.endpoint:
        if args.data:
            raise ParameterError("give data files or --endpoint, not both (load data with 'bpo-kg load')")
        backend, names = EndpointBackend(_endpoint(args), args.graph), Graph()
    else:
        knowledge, names = _knowledge_graph(args)
        backend = LocalBackend(knowledge) if isinstance(knowledge, Graph) else OxigraphBackend(knowledge)
    result = run_named(backend, args.name, parameters)
    if args.format == "csv":
        sys.stdout.write(result.to_csv())
    else:
        print(result.to_json() if args.format == "json" else result.to_table(shortener(names)))
    return EXIT_OK


def _command_load(args: argparse.Namespace) -> int:
    args.store = "memory"  # the upload is an rdflib graph; the fast path's store would be dumped anyway
    graph, _names = _knowledge_graph(args)
    endpoint = _endpoint(args)
    endpoint.put_graph(
        args.graph_store or default_store_url(args.endpoint), args.graph, graph.serialize(format="nt", encoding="utf-8")
    )
    stored = endpoint.count(args.graph)
    print(
        f"loaded {len(graph)} triples (ontology, data and HermiT's entailments) into <{args.graph}>; "
        f"the endpoint holds {stored}"
    )
    if stored != len(graph):
        print(f"bpo-kg: the endpoint holds {stored} triples, not {len(graph)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _endpoint_arguments(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--endpoint", metavar="URL", required=required, help="SPARQL 1.1 endpoint, e.g. http://127.0.0.1:8890/sparql"
    )
    parser.add_argument(
        "--graph",
        metavar="IRI",
        default=DEFAULT_GRAPH,
        type=_graph_iri,
        help=f"the named graph holding the data (default: {DEFAULT_GRAPH})",
    )
    parser.add_argument("--timeout", metavar="S", type=float, default=60.0, help="HTTP timeout in seconds")


def _graph_iri(text: str) -> str:
    try:
        return str(parse_iri(text))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _write_and_list(files: dict[str, bytes], out: str) -> int:
    for path in write_atomically(files, Path(out)):
        print(f"{path}  {path.stat().st_size} bytes")
    return EXIT_OK


def _command_release(args: argparse.Namespace) -> int:
    release = build_release(check_version(args.version), Path(args.previous) if args.previous else None)
    return _write_and_list(release.files, args.out)


def _command_docs(args: argparse.Namespace) -> int:
    return _write_and_list(build_docs(build_release(check_version(args.version)).full), args.out)


def _command_qc(args: argparse.Namespace) -> int:
    graph = load_ontology(args.extra)
    results = run_qc(graph)
    print(render_json(results) if args.format == "json" else render_text(results))
    return EXIT_OK if all(result.passed for result in results) else EXIT_FAILED


def _store_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        choices=("auto", "memory", "oxigraph"),
        default="auto",
        help="memory: rdflib + HermiT over everything; oxigraph: the fast path (HermiT on the TBox, rules compiled "
        f"from it run in Oxigraph); auto (default): oxigraph above {AUTO_THRESHOLD} data triples",
    )


def _data_command(commands, name: str, handler, summary: str, description: str, open_world: bool = False) -> None:
    parser = commands.add_parser(name, help=summary, description=description)
    parser.add_argument("data", nargs="*", help="RDF files or folders (Turtle, N-Triples, RDF/XML, JSON-LD)")
    parser.add_argument(
        "--input-format", metavar="FMT", help="RDF syntax of every input file (default: from each file's suffix)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    _store_argument(parser)
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
    queries_parser = commands.add_parser("queries", help="list the named queries and their parameters")
    queries_parser.add_argument("--format", choices=("text", "json"), default="text", help="listing format")
    queries_parser.set_defaults(handler=_command_queries)

    query_parser = commands.add_parser(
        "query",
        help="run a named query on the example, on data files, or on a SPARQL endpoint",
        description="Run one named query (see 'bpo-kg queries'). Locally the data is classified by HermiT "
        "first; with --endpoint the query runs on the named graph that 'bpo-kg load' filled.",
    )
    query_parser.add_argument("name", help="query name")
    query_parser.add_argument("data", nargs="*", help="RDF files or folders (default: the shipped example)")
    query_parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a query parameter (IRIs as bpo:Name, ex:Name or <http://…>)",
    )
    query_parser.add_argument("--input-format", metavar="FMT", help="RDF syntax of every input file")
    _store_argument(query_parser)
    query_parser.add_argument("--format", choices=("table", "csv", "json"), default="table", help="result format")
    _endpoint_arguments(query_parser, required=False)
    query_parser.set_defaults(handler=_command_query)

    load_parser = commands.add_parser(
        "load",
        help="classify data with HermiT and upload it, with the ontology, to a SPARQL store",
        description="Upload ontology + data + HermiT's entailments to a named graph (SPARQL 1.1 Graph Store "
        "protocol, digest or basic auth from BPO_KG_ENDPOINT_USER / BPO_KG_ENDPOINT_PASSWORD, default "
        "dba/dba, Virtuoso's factory account), then verify the triple count.",
    )
    load_parser.add_argument("data", nargs="*", help="RDF files or folders (default: the shipped example)")
    load_parser.add_argument("--input-format", metavar="FMT", help="RDF syntax of every input file")
    load_parser.add_argument(
        "--graph-store",
        metavar="URL",
        help="Graph Store protocol URL (default: /sparql-graph-crud-auth beside the endpoint)",
    )
    load_parser.add_argument("--user", metavar="NAME", help="account for the upload (default: see above)")
    _endpoint_arguments(load_parser, required=True)
    load_parser.set_defaults(handler=_command_load)

    release_parser = commands.add_parser(
        "release",
        help="build the release artefacts: bpo-base and bpo-full (Turtle, RDF/XML), JSON-LD context",
        description="Build bpo-base (own axioms) and bpo-full (alignments merged, HermiT's hierarchy asserted), "
        "deterministically; files are written through a temporary folder, so a failed build writes nothing.",
    )
    release_parser.add_argument("--version", default=__version__, help=f"release version X.Y.Z (default {__version__})")
    release_parser.add_argument("--out", default="release", help="output folder (default: release)")
    release_parser.add_argument("--previous", metavar="FILE", help="a previous release file, for the change list")
    release_parser.set_defaults(handler=_command_release)

    docs_parser = commands.add_parser(
        "docs",
        help="HTML reference documentation (pyLODE) with the class diagrams (Graphviz)",
        description="Write index.html (every class, property and individual, English and Hindi labels, "
        "definitions, claim ids, hierarchy, domain/range, alignments) and the diagrams as SVG and PNG.",
    )
    docs_parser.add_argument("--out", default="site", help="output folder (default: site)")
    docs_parser.add_argument("--version", default=__version__, help=f"version shown (default {__version__})")
    docs_parser.set_defaults(handler=_command_docs)

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
    except (
        InputError,
        ReasonerError,
        ShapesError,
        EndpointError,
        ParameterError,
        DiagramError,
        DocsError,
        FastPathError,
    ) as error:
        print(f"bpo-kg: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except ReleaseError as error:
        print(f"bpo-kg: release failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("bpo-kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
