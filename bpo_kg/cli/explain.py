"""``bpo-kg explain``: why the data is inconsistent, or why an individual has a type."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from bpo_kg.cli.commands import ENGINE_OF_STORE, open_graph
from bpo_kg.cli.sheets import spreadsheet_arguments
from bpo_kg.errors import ParameterError
from bpo_kg.explain import explain
from bpo_kg.explain.violation import to_json as violations_json
from bpo_kg.explain.violation import violation_facts
from bpo_kg.explain.why_not import why_not
from bpo_kg.query.parameters import resolve_iri

EXIT_OK, EXIT_NOTHING = 0, 1


def add_command(commands) -> None:
    parser = commands.add_parser(
        "explain",
        help="why the data is inconsistent, or why an individual is inferred to have a type",
        description="Justifications: minimal sets of facts and ontology axioms that entail the inconsistency "
        "(no question) or the type (--why ENTITY CLASS), from the OWL API's explanation generator with HermiT "
        "over a locality module, each in words with where the fact came from and the seed claims behind the "
        "axiom; --why-not: the conditions of a definition not met; --violation: the statements behind a SHACL "
        "result. Exit 0 explained, 1 nothing to explain (consistent data, the type is not entailed, or with "
        "--why-not it is).",
    )
    parser.add_argument("data", nargs="*", help="RDF files or folders, workbooks (default: the shipped example)")
    question = parser.add_mutually_exclusive_group()
    question.add_argument(
        "--why", nargs=2, metavar=("ENTITY", "CLASS"), help="why ENTITY is a CLASS (ex:Acme bpo:BPOProvider)"
    )
    question.add_argument(
        "--why-not", nargs=2, metavar=("ENTITY", "CLASS"), help="which conditions of CLASS's definition ENTITY misses"
    )
    question.add_argument(
        "--violation",
        metavar="N|FOCUS",
        help="the statements behind SHACL result N (as 'validate --format json' lists them) or every result on FOCUS",
    )
    parser.add_argument("--max", type=int, default=1, metavar="N", help="up to N justifications (default 1)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    parser.add_argument("--lang", default="en", metavar="LANG", help="language of the labels (default: en; hi)")
    parser.add_argument("--input-format", metavar="FMT", help="RDF syntax of every input file")
    parser.add_argument(
        "--store",
        choices=tuple(ENGINE_OF_STORE),
        default="auto",
        help="where the data is checked for consistency first (as for check); the justifications come from HermiT",
    )
    spreadsheet_arguments(parser)
    parser.set_defaults(handler=command_explain)


def command_explain(args: argparse.Namespace) -> int:
    if args.max < 1:
        raise ParameterError("--max must be at least 1")
    graph = open_graph(args, default_to_example=True)
    if args.violation:
        number = int(args.violation) if args.violation.isdigit() else None
        focus = None if number is not None else str(resolve_iri("FOCUS", args.violation, graph))
        found = violation_facts(graph, number, focus, args.lang)
        print(violations_json(found) if args.format == "json" else "\n".join(v.to_text() for v in found))
        return EXIT_OK
    asked = args.why or args.why_not
    individual = str(resolve_iri("ENTITY", asked[0], graph)) if asked else None
    cls = str(resolve_iri("CLASS", asked[1], graph)) if asked else None
    if asked and not graph.reason().consistent:
        raise ParameterError("the data is inconsistent, so everything follows from it: ask without --why")
    if args.why_not:
        answer = why_not(graph, individual, cls, args.lang)
        print(json.dumps(asdict(answer), indent=2, ensure_ascii=False) if args.format == "json" else answer.to_text())
        return EXIT_NOTHING if answer.is_member else EXIT_OK
    report = explain(graph, individual, cls, args.max, args.lang)
    print(report.to_json() if args.format == "json" else report.to_text())
    return EXIT_OK if report.entailed else EXIT_NOTHING
