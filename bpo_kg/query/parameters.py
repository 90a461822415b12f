"""Query parameters as a user types them (``--param client=v:HarrowFoods``), checked and resolved
against the knowledge graph they will run on, before any reasoning: a value that would match
nothing is an error, never an empty answer.

An IRI parameter may be written as a prefixed name with the data's own prefixes or the shipped ones
(``v:HarrowFoods``, ``bpo:offshore``), as a full IRI (``<https://…>``), or as a plain name
(``HarrowFoods``) that exactly one IRI of the data or the ontology ends with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from rdflib import Node, URIRef

from bpo_kg.errors import ParameterError
from bpo_kg.load import LoadedData
from bpo_kg.query.queryfile import QueryFile
from bpo_kg.terms import KNOWN_PREFIXES, parse_iri, parse_value

_PLAIN_NAME = re.compile(r"^[\w.-]+$")
SHOWN = 5  # candidates listed in a message


class TermLookup(Protocol):
    """What resolving a parameter asks of a knowledge graph (every engine answers it)."""

    data: LoadedData[Any] | None

    def prefixes(self) -> Iterable[tuple[str, str]]: ...

    def mentions(self, iri: str) -> bool: ...

    def named(self, local: str) -> list[str]: ...


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#``, ``/`` or ``:``."""
    return re.split(r"[#/:]", iri)[-1]


def parameter_pairs(pairs: Sequence[str]) -> dict[str, str]:
    """``NAME=VALUE`` texts as a mapping; a malformed or repeated one is a :class:`ParameterError`."""
    found: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ParameterError(f"--param {pair!r}: expected NAME=VALUE")
        if name in found:
            raise ParameterError(f"--param {name} is given twice ({found[name]!r} and {value!r}): give it once")
        found[name] = value
    return found


def prefix_map(graph: TermLookup) -> tuple[dict[str, str], set[str]]:
    """The prefixes a value may use: the shipped ones, then the knowledge graph's (the data's own
    last, so they win); and the prefixes two data files bind to different namespaces (refused)."""
    prefixes = dict(KNOWN_PREFIXES)
    prefixes.update(graph.prefixes())
    declared: dict[str, set[str]] = {}
    for prefix, namespace in graph.data.prefixes if graph.data else []:
        declared.setdefault(prefix, set()).add(namespace)
    return prefixes, {prefix for prefix, spaces in declared.items() if len(spaces) > 1}


def resolve_iri(name: str, raw: str, graph: TermLookup) -> URIRef:
    """The IRI ``raw`` names in ``graph`` (see the module docstring); a :class:`ParameterError` if it
    names none, is ambiguous, or names an IRI that occurs nowhere in the data or the ontology."""
    text = raw.strip()
    if _PLAIN_NAME.match(text):
        candidates = sorted(graph.named(text))
        if len(candidates) == 1:
            return URIRef(candidates[0])
        if candidates:
            listed = ", ".join(f"<{c}>" for c in candidates[:SHOWN])
            raise ParameterError(f"parameter {name}: {text!r} is ambiguous ({listed}): write it as a prefixed name")
        raise ParameterError(f"parameter {name}: no IRI of the data or the ontology is named {text!r}")
    prefixes, ambiguous = prefix_map(graph)
    prefix = text.split(":", 1)[0]
    if not text.startswith("<") and prefix in ambiguous:
        raise ParameterError(f"parameter {name}: the prefix {prefix}: is bound to two namespaces in the data")
    try:
        iri = parse_iri(text, prefixes)
    except ValueError as error:
        raise ParameterError(f"parameter {name}: {error}") from None
    if not graph.mentions(str(iri)):
        same_name = sorted(graph.named(local_name(str(iri))))[:SHOWN]
        hint = f" (did you mean {', '.join(f'<{c}>' for c in same_name)}?)" if same_name else ""
        raise ParameterError(f"parameter {name}: {text} occurs nowhere in the data or the ontology{hint}")
    return iri


def check_parameters(query: QueryFile, raw: Mapping[str, str]) -> None:
    """What can be checked before the data is read: every declared parameter given, no other, and
    the values of the kinds that need no data (integers, strings)."""
    declared = {parameter.name: parameter for parameter in query.parameters}
    unknown = sorted(set(raw) - set(declared))
    if unknown:
        raise ParameterError(
            f"query {query.name!r} has no parameter {unknown[0]!r} (it takes: {', '.join(declared) or 'none'})"
        )
    for name, parameter in declared.items():
        if name not in raw:
            raise ParameterError(
                f"query {query.name!r} needs --param {name}=… ({parameter.type}: {parameter.description})"
            )
        if parameter.type != "iri":
            _value(name, raw[name], parameter.type)


def bind_parameters(query: QueryFile, raw: Mapping[str, str], graph: TermLookup | None = None) -> dict[str, Node]:
    """Check and convert raw ``name=value`` parameters into RDF terms. IRIs are resolved against
    ``graph`` if given (see the module docstring), else read with the shipped prefixes only."""
    check_parameters(query, raw)
    return {
        p.name: resolve_iri(p.name, raw[p.name], graph)
        if p.type == "iri" and graph
        else _value(p.name, raw[p.name], p.type)
        for p in query.parameters
    }


def _value(name: str, raw: str, kind: str) -> Node:
    try:
        return parse_value(raw, kind)
    except ValueError as error:
        raise ParameterError(f"parameter {name}: {error}") from None
