"""The ``bpo-kg`` argument parser: one sub-command per job, each bound to its handler."""

from __future__ import annotations

import argparse
import urllib.parse

from bpo_kg import __version__
from bpo_kg.cli.commands import (
    command_check,
    command_docs,
    command_load,
    command_qc,
    command_queries,
    command_query,
    command_reason,
    command_release,
    command_validate,
)
from bpo_kg.cli.explain import add_command as add_explain_command
from bpo_kg.cli.sheets import add_commands as add_sheet_commands
from bpo_kg.cli.sheets import spreadsheet_arguments
from bpo_kg.engines import AUTO_THRESHOLD
from bpo_kg.terms import parse_iri

DESCRIPTION = (
    "Check data about outsourcing providers against the bpo-kg ontology: load it, reason with HermiT, "
    "validate it with SHACL, and ask it the named questions (or your own SPARQL). "
    "Start with 'bpo-kg check' (the shipped example) or 'bpo-kg check YOUR-FILES'."
)
DEFAULT_GRAPH = "https://w3id.org/bpo-kg/data"


def _endpoint_arguments(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        required=required,
        type=_endpoint_url,
        help="SPARQL 1.1 endpoint, e.g. http://127.0.0.1:8890/sparql",
    )
    parser.add_argument(
        "--graph",
        metavar="IRI",
        default=DEFAULT_GRAPH,
        type=_graph_iri,
        help=f"the named graph holding the data (default: {DEFAULT_GRAPH})",
    )
    parser.add_argument("--timeout", metavar="S", type=float, default=60.0, help="seconds for each whole answer")
    parser.add_argument(
        "--max-rows",
        metavar="N",
        type=int,
        help="the server's result cap, where it does not announce it: a result that long is an error",
    )


def _server_arguments(parser: argparse.ArgumentParser) -> None:
    """Reason and validate inside a SPARQL server instead of locally."""
    group = parser.add_argument_group(
        "on a SPARQL server",
        "With --endpoint the data is the named graph --graph of that server: the rules and the SHACL "
        "constraints run there, into a knowledge graph beside the data (<GRAPH>#bpo-kg-knowledge-graph), "
        "rebuilt on every run. Updates need an account (Virtuoso: the /sparql-auth endpoint; "
        "BPO_KG_ENDPOINT_USER / BPO_KG_ENDPOINT_PASSWORD, default dba/dba).",
    )
    _endpoint_arguments(group, required=False)
    group.add_argument(
        "--graph-store",
        metavar="URL",
        help="Graph Store protocol URL the ontology is uploaded to (default: /sparql-graph-crud-auth beside it)",
    )
    group.add_argument(
        "--max-update-rows",
        metavar="N",
        type=int,
        help="split every update into parts of N solutions (default: only an update the server refuses)",
    )
    group.add_argument("--clean", action="store_true", help="remove what an earlier run built beside --graph, and stop")
    parser.set_defaults(data_on_server=True)  # --endpoint names the data (for 'load' and 'query' it does not)


def _endpoint_url(text: str) -> str:
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"{text!r} is not an http(s) URL")
    return text


def _graph_iri(text: str) -> str:
    try:
        return str(parse_iri(text))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _store_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        choices=("auto", "memory", "oxigraph"),
        default="auto",
        help="memory: rdflib + HermiT over everything; oxigraph: the fast path (HermiT on the TBox, rules compiled "
        f"from it run in Oxigraph); auto (default): oxigraph above {AUTO_THRESHOLD} data triples",
    )


def _data_command(
    commands,
    name: str,
    handler,
    summary: str,
    description: str,
    open_world: bool = False,
    save: bool = False,
    formats: tuple[str, ...] = ("text", "json"),
    shapes: bool = True,
    server: bool = True,
) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=summary, description=description)
    parser.add_argument(
        "data", nargs="*", help="RDF files or folders (Turtle, N-Triples, RDF/XML, JSON-LD), workbooks (.xlsx, .csv)"
    )
    parser.add_argument(
        "--input-format", metavar="FMT", help="RDF syntax of every input file (default: from each file's suffix)"
    )
    parser.add_argument("--format", choices=formats, default="text", help="report format")
    spreadsheet_arguments(parser)
    _store_argument(parser)
    _label_arguments(parser)
    if shapes:
        parser.add_argument(
            "--shapes", metavar="FILE", action="append", default=[], help="SHACL shapes to add to the shipped ones"
        )
    if open_world:
        parser.add_argument(
            "--open-world",
            action="store_true",
            help="do not close each individual's listed services and channels (docs/modelling.md §6)",
        )
    if save:
        parser.add_argument(
            "--save",
            metavar="KG-DIR",
            help="save the checked knowledge graph to this folder, for 'bpo-kg query NAME --kg KG-DIR'",
        )
    if server:
        _server_arguments(parser)
    parser.set_defaults(handler=handler)
    return parser


def _label_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--labels", action="store_true", help="show each IRI's label beside it")
    parser.add_argument("--lang", default="en", metavar="LANG", help="language of the labels (default: en; hi)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bpo-kg", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"bpo-kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_parser = _data_command(
        commands,
        "check",
        command_check,
        "the main job: load, reason, validate and report (default: the shipped example graph)",
        "Load the data once, classify it with HermiT, validate it with SHACL, and report.",
        open_world=True,
        save=True,
        formats=("text", "json", "xlsx"),
    )
    check_parser.add_argument("--out", metavar="FILE", help="with --format xlsx: the workbook of findings to write")
    reason_parser = _data_command(
        commands,
        "reason",
        command_reason,
        "run HermiT: consistency, unsatisfiable classes, inferred hierarchy and types",
        "Load the shipped ontology (plus optional instance data) and run HermiT.",
        open_world=True,
        shapes=False,
    )
    reason_parser.add_argument(
        "--out",
        metavar="FILE",
        help="write the knowledge graph (ontology, data, entailments) here: .ttl, .nt, .owl/.rdf (RDF/XML)",
    )
    _data_command(
        commands,
        "validate",
        command_validate,
        "validate data with the SHACL shapes (default: the shipped example graph)",
        "Validate instance data against ontology/shapes, with what HermiT entails about it. "
        "--format turtle or json-ld writes the standard SHACL validation report graph.",
        formats=("text", "json", "turtle", "json-ld"),
    )
    queries_parser = commands.add_parser("queries", help="list the named queries and their parameters")
    queries_parser.add_argument("--format", choices=("text", "json"), default="text", help="listing format")
    queries_parser.set_defaults(handler=command_queries)

    query_parser = commands.add_parser(
        "query",
        help="run a named query or your own SELECT on the example, on data files, or on a SPARQL endpoint",
        description="Run one named query (see 'bpo-kg queries'), a SELECT in a .rq file, or --sparql TEXT. "
        "Locally the data is classified by HermiT first; with --endpoint the query runs on the named graph "
        "that 'bpo-kg load' filled. Parameters are checked against the data before any reasoning.",
    )
    query_parser.add_argument("name", nargs="?", help="query name, or a .rq file (omit with --sparql)")
    query_parser.add_argument("data", nargs="*", help="RDF files or folders (default: the shipped example)")
    query_parser.add_argument("--sparql", metavar="TEXT", help="a SELECT query to run instead of a named one")
    query_parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a query parameter, once each; IRIs as prefixed names (the data's prefixes or bpo:, ex:), "
        "<http://…>, or a plain name that one IRI of the data ends with",
    )
    query_parser.add_argument("--input-format", metavar="FMT", help="RDF syntax of every input file")
    query_parser.add_argument(
        "--kg", metavar="KG-DIR", help="query a knowledge graph saved by 'bpo-kg check DATA --save KG-DIR'"
    )
    _store_argument(query_parser)
    query_parser.add_argument(
        "--format", choices=("table", "csv", "json", "xlsx"), default="table", help="result format"
    )
    query_parser.add_argument("--out", metavar="FILE", help="with --format xlsx: the workbook to write")
    spreadsheet_arguments(query_parser)
    _label_arguments(query_parser)
    _endpoint_arguments(query_parser, required=False)
    query_parser.set_defaults(handler=command_query)

    load_parser = commands.add_parser(
        "load",
        help="classify data with HermiT and upload it, with the ontology, to a SPARQL store",
        description="Validate the data, then upload ontology + data + HermiT's entailments to a named graph "
        "(data that does not conform only with --force; SPARQL 1.1 Graph Store "
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
    load_parser.add_argument("--force", action="store_true", help="load data that does not conform to the shapes")
    spreadsheet_arguments(load_parser)
    _endpoint_arguments(load_parser, required=True)
    load_parser.set_defaults(handler=command_load)

    release_parser = commands.add_parser(
        "release",
        help="build the release artefacts: bpo-base and bpo-full (Turtle, RDF/XML), JSON-LD context",
        description="Build bpo-base (own axioms) and bpo-full (alignments merged, HermiT's hierarchy asserted), "
        "deterministically; files are written through a temporary folder, so a failed build writes nothing.",
    )
    release_parser.add_argument("--version", default=__version__, help=f"release version X.Y.Z (default {__version__})")
    release_parser.add_argument("--out", default="release", help="output folder (default: release)")
    release_parser.add_argument("--previous", metavar="FILE", help="a previous release file, for the change list")
    release_parser.set_defaults(handler=command_release)

    docs_parser = commands.add_parser(
        "docs",
        help="HTML reference documentation (pyLODE) with the class diagrams (Graphviz)",
        description="Write index.html (every class, property and individual, English and Hindi labels, "
        "definitions, claim ids, hierarchy, domain/range, alignments) and the diagrams as SVG and PNG.",
    )
    docs_parser.add_argument("--out", default="site", help="output folder (default: site)")
    docs_parser.add_argument("--version", default=__version__, help=f"version shown (default {__version__})")
    docs_parser.set_defaults(handler=command_docs)

    qc_parser = commands.add_parser(
        "qc",
        help="run the ontology quality-control queries (each must find nothing)",
        description="Run queries/qc/*.rq over the shipped ontology plus any extra ontology files.",
    )
    qc_parser.add_argument("extra", nargs="*", help="extra ontology files to check together with the shipped ones")
    qc_parser.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    qc_parser.set_defaults(handler=command_qc)
    add_sheet_commands(commands)
    add_explain_command(commands)
    return parser
