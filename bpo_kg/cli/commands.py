"""What each ``bpo-kg`` command does: open a knowledge graph, ask it, print the report.

Every handler returns the exit code: 0 ok (SHACL warnings alone included), 1 the data is inconsistent
or has SHACL violations.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from rdflib import Literal

from bpo_kg import BPO_NS
from bpo_kg.check import labels, run_check
from bpo_kg.check.tables import check_tables
from bpo_kg.cli.output import labelled, shortener, with_origins
from bpo_kg.cli.sheets import use_spreadsheet_options, write_tables, xlsx_out
from bpo_kg.engines import (
    EndpointGraph,
    KnowledgeGraph,
    SavedGraph,
    ServerDataset,
    ServerGraphs,
    SparqlEndpoint,
    default_store_url,
    open_knowledge_graph,
    save_knowledge_graph,
)
from bpo_kg.errors import EndpointError, ParameterError
from bpo_kg.load import load_ontology, load_shapes, read_text
from bpo_kg.publish import (
    build_docs,
    build_release,
    check_version,
    render_json,
    render_text,
    run_qc,
    write_atomically,
    write_graph_file,
)
from bpo_kg.query import (
    QueryFile,
    adhoc_query,
    bind_parameters,
    check_parameters,
    get_query,
    named_queries,
    parameter_pairs,
)
from bpo_kg.resources import example_files
from bpo_kg.validate import report_graph

EXIT_OK, EXIT_FAILED = 0, 1
# The --store names users know, and the engine each one is.
ENGINE_OF_STORE = {"auto": "auto", "memory": "exact", "oxigraph": "scale"}


def open_graph(args: argparse.Namespace, default_to_example: bool, engine: str | None = None) -> KnowledgeGraph:
    """The command's data (default: the shipped example, or none) loaded once into the engine that
    ``--store`` (or ``engine``) asks for, or the named graph of a SPARQL server (``--endpoint``);
    warnings about unknown terms go to stderr."""
    if getattr(args, "data_on_server", False) and args.endpoint:
        return _server_graph(args)
    paths = args.data or (example_files() if default_to_example else [])
    use_spreadsheet_options(args)
    extra_shapes = getattr(args, "shapes", None)
    graph = open_knowledge_graph(
        paths,
        engine or ENGINE_OF_STORE[getattr(args, "store", "auto")],
        args.input_format,
        close_world=not getattr(args, "open_world", False),
        shapes=load_shapes(extra_shapes) if extra_shapes else None,
    )
    for warning in graph.data.warnings if graph.data else []:
        print(f"bpo-kg: warning: {warning}", file=sys.stderr)
    return graph


def names(args: argparse.Namespace, graph: KnowledgeGraph) -> Callable[[str], str]:
    """How IRIs are shown: prefixed names, with labels beside them if --labels was given, and the
    sheet and row a resource came from where the data was a spreadsheet."""
    shorten = shortener(graph.prefixes())
    if getattr(args, "labels", False):
        shorten = labelled(shorten, labels(graph, args.lang))
    return with_origins(shorten, graph.data.origins) if graph.data and graph.data.origins else shorten


def _print(report, args: argparse.Namespace, graph: KnowledgeGraph) -> None:
    if args.format in RDF_REPORTS:
        rdf = report_graph(report)
        for prefix, namespace in [("bpo", BPO_NS), *(graph.data.prefixes if graph.data else [])]:
            rdf.bind(prefix, namespace)
        print(rdf.serialize(format=RDF_REPORTS[args.format]))
    else:
        print(report.to_json() if args.format == "json" else report.to_text(names(args, graph)))


RDF_REPORTS = {"turtle": "turtle", "json-ld": "json-ld"}


OUT_FORMATS = {".ttl": "turtle", ".nt": "nt", ".owl": "xml", ".rdf": "xml"}


def command_reason(args: argparse.Namespace) -> int:
    """With --out, the knowledge graph is written too (the suffix is checked before any reasoning)."""
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in OUT_FORMATS:
        raise ParameterError(f"--out {out}: use one of {', '.join(OUT_FORMATS)} (the suffix gives the format)")
    if cleaned(args):
        return EXIT_OK
    if out is not None and args.endpoint:
        raise ParameterError("--out writes a local knowledge graph: on a server it is built beside --graph")
    graph = open_graph(args, default_to_example=False)
    report = graph.reason()
    _print(report, args, graph)
    if out is not None:
        if not report.consistent:
            print(f"bpo-kg: {out} not written: the data is inconsistent", file=sys.stderr)
            return EXIT_FAILED
        write_graph_file(graph.export(), graph.prefixes(), out, OUT_FORMATS[out.suffix.lower()])
        print(f"bpo-kg: wrote the knowledge graph to {out}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


def command_validate(args: argparse.Namespace) -> int:
    if cleaned(args):
        return EXIT_OK
    graph = open_graph(args, default_to_example=True)
    reasoning, report = graph.reason(), graph.validate()
    if not reasoning.consistent:
        print(
            "bpo-kg: warning: the data is inconsistent under HermiT; validated with the ontology's "
            "inferences only (see 'bpo-kg reason')",
            file=sys.stderr,
        )
    _print(report, args, graph)
    return EXIT_OK if report.acceptable and reasoning.consistent else EXIT_FAILED


def command_check(args: argparse.Namespace) -> int:
    out = xlsx_out(args)
    if cleaned(args):
        return EXIT_OK
    graph = open_graph(args, default_to_example=True)
    report = run_check(graph)
    if out is not None:
        write_tables(out, check_tables(report, graph, shortener(graph.prefixes())))
        print(f"wrote the findings to {out}", file=sys.stderr)
        print("result: OK" if report.ok else "result: PROBLEMS FOUND")
    else:
        _print(report, args, graph)
    if args.save:
        if not report.reasoning.consistent:
            print(f"bpo-kg: not saved to {args.save}: the data is inconsistent", file=sys.stderr)
            return EXIT_FAILED
        triples = save_knowledge_graph(graph, Path(args.save))
        print(f"saved {triples} triples (ontology, data, entailments) and the reports to {args.save}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


def _server_graph(args: argparse.Namespace) -> EndpointGraph:
    """The named graph ``--graph`` of ``--endpoint``, to reason over and validate there."""
    if args.data:
        raise ParameterError("give data files or --endpoint, not both (the data is the server's --graph)")
    if getattr(args, "save", None):
        raise ParameterError("--save keeps a local knowledge graph: the server keeps its own beside --graph")
    if args.max_update_rows is not None and args.max_update_rows < 1:
        raise ParameterError("--max-update-rows must be at least 1")
    extra_shapes = getattr(args, "shapes", None)
    graph = EndpointGraph(
        _endpoint(args),
        args.graph,
        load_ontology(),
        shapes=load_shapes(extra_shapes) if extra_shapes else None,
        close_world=not getattr(args, "open_world", False),
        store_url=args.graph_store,
        max_update_rows=args.max_update_rows,
    )
    if graph.endpoint.count(args.graph) == 0:
        raise ParameterError(f"the graph <{args.graph}> on {args.endpoint} holds no triples (no such graph?)")
    return graph


def cleaned(args: argparse.Namespace) -> bool:
    """With --clean: remove what server runs built beside --graph, say so, and report True."""
    if not getattr(args, "clean", False):
        return False
    if not args.endpoint:
        raise ParameterError("--clean removes what a run on a SPARQL server built: give --endpoint")
    store_url = args.graph_store or default_store_url(args.endpoint)
    removed = ServerDataset(_endpoint(args), ServerGraphs(args.graph), store_url).clean()
    print(f"removed {removed} triples built beside <{args.graph}> on {args.endpoint}", file=sys.stderr)
    return True


def _endpoint(args: argparse.Namespace) -> SparqlEndpoint:
    user = args.user if getattr(args, "user", None) else os.environ.get("BPO_KG_ENDPOINT_USER", "dba")
    password = os.environ.get("BPO_KG_ENDPOINT_PASSWORD", "dba")
    return SparqlEndpoint(args.endpoint, timeout=args.timeout, user=user, password=password, max_rows=args.max_rows)


def command_queries(args: argparse.Namespace) -> int:
    queries = named_queries().values()
    if args.format == "json":
        listing = [
            {
                "name": q.name,
                "description": q.description,
                "columns": q.metadata.get("columns", ""),
                "parameters": [vars(p) for p in q.parameters],
            }
            for q in queries
        ]
        print(json.dumps(listing, indent=2))
        return EXIT_OK
    for query in queries:
        params = " ".join(f"--param {p.name}=<{p.type}>" for p in query.parameters)
        print(f"{query.name} {params}".rstrip())
        print(f"    {query.description}")
    return EXIT_OK


def _query_of(args: argparse.Namespace) -> QueryFile:
    """The named query, the .rq file or the --sparql text the user asked for (with --sparql, every
    positional argument is a data file)."""
    if args.sparql is not None:
        if args.name:
            args.data = [args.name, *args.data]
        return adhoc_query(args.sparql, "--sparql")
    if not args.name:
        raise ParameterError("give a query name (see 'bpo-kg queries'), a .rq file, or --sparql TEXT")
    if args.name.endswith(".rq"):
        path = Path(args.name)
        return adhoc_query(read_text(path), str(path))
    return get_query(args.name)


def command_query(args: argparse.Namespace) -> int:
    """The query and its parameters are checked first (a misspelt name fails at once), then resolved
    against the loaded data, before any reasoning."""
    out = xlsx_out(args)
    query = _query_of(args)
    raw = parameter_pairs(args.param)
    check_parameters(query, raw)
    graph: KnowledgeGraph
    if sum(map(bool, (args.data, args.endpoint, args.kg))) > 1:
        raise ParameterError("give one of: data files, --endpoint, --kg")
    if args.endpoint:
        graph = EndpointGraph(_endpoint(args), args.graph, load_ontology())
        if graph.endpoint.count(args.graph) == 0:
            print(
                f"bpo-kg: warning: the graph <{args.graph}> on {args.endpoint} holds no triples "
                "(no such graph? fill it with 'bpo-kg load')",
                file=sys.stderr,
            )
    elif args.kg:
        graph = SavedGraph(Path(args.kg), load_ontology())
    else:
        graph = open_graph(args, default_to_example=True)
    result = graph.select(query, bind_parameters(query, raw, graph))
    if out is not None:
        shorten = shortener(graph.prefixes())
        rows = [[_cell(term, shorten) for term in row] for row in result.rows]
        write_tables(out, {query.name[:31] or "result": (result.columns, rows)})
        print(f"wrote {len(result.rows)} rows to {out}", file=sys.stderr)
    elif args.format == "csv":
        sys.stdout.write(result.to_csv())
    else:
        print(result.to_json() if args.format == "json" else result.to_table(names(args, graph)))
    return EXIT_OK


def _cell(term, shorten: Callable[[str], str]) -> object:
    """A query result's term as a workbook cell: IRIs as prefixed names, numbers as numbers."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        value = term.toPython()
        return value if isinstance(value, int | float) and not isinstance(value, bool) else str(term)
    return shorten(str(term))


def command_load(args: argparse.Namespace) -> int:
    """Classify with HermiT (the exact engine: the reference), validate, and replace the named graph
    with the knowledge graph; data that does not conform is refused unless --force."""
    source = open_graph(args, default_to_example=True, engine="exact")
    validation = source.validate()
    if not validation.acceptable:
        results = f"{validation.counts()['Violation']} SHACL violation(s)"
        if not args.force:
            print(
                f"bpo-kg: not loaded: the data does not conform ({results}; see 'bpo-kg validate'); "
                "--force loads it anyway",
                file=sys.stderr,
            )
            return EXIT_FAILED
        print(f"bpo-kg: warning: loading data that does not conform ({results}), as --force asks", file=sys.stderr)
    target = EndpointGraph(_endpoint(args), args.graph, source.ontology)
    try:
        sent, stored = target.replace_with(source, args.graph_store or default_store_url(args.endpoint))
    except EndpointError as failed:  # say what the server holds now: the old graph, part, or nothing
        try:
            now = f"the graph <{args.graph}> now holds {target.endpoint.count(args.graph)} triples"
        except EndpointError:
            now = f"what <{args.graph}> now holds is unknown (the count failed too)"
        raise EndpointError(f"{failed}; {now}") from None
    print(
        f"loaded {sent} triples (ontology, data and HermiT's entailments) into <{args.graph}>; "
        f"the endpoint holds {stored}"
    )
    if stored != sent:
        print(f"bpo-kg: the endpoint holds {stored} triples, not {sent}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _write_and_list(files: dict[str, bytes], out: str) -> int:
    for path in write_atomically(files, Path(out)):
        print(f"{path}  {path.stat().st_size} bytes")
    return EXIT_OK


def command_release(args: argparse.Namespace) -> int:
    release = build_release(check_version(args.version), Path(args.previous) if args.previous else None)
    return _write_and_list(release.files, args.out)


def command_docs(args: argparse.Namespace) -> int:
    return _write_and_list(build_docs(build_release(check_version(args.version)).full), args.out)


def command_qc(args: argparse.Namespace) -> int:
    results = run_qc(load_ontology(args.extra))
    print(render_json(results) if args.format == "json" else render_text(results))
    return EXIT_OK if all(result.passed for result in results) else EXIT_FAILED
