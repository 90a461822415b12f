"""JSON-LD input: nothing is fetched, the shipped context is read from the package, and what a
JSON-LD processor would silently drop or misread is warned about.

A document may reference the shipped context by its published IRI (:data:`bpo_kg.CONTEXT_IRI`):
it is replaced by the packaged copy before any parser sees the document (a local map, as a
document loader would do; both parsers then see an inline context). Any other remote context is
refused. Keys no context defines are dropped by JSON-LD processors, and a plain word where the
context expects an IRI becomes a relative IRI: both are warned about, with the closest term.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from pathlib import Path

from bpo_kg import CONTEXT_IRI
from bpo_kg.errors import InputError
from bpo_kg.resources import context_file


def _shipped_context() -> dict:
    return json.loads(context_file().read_text(encoding="utf-8"))["@context"]


def _contexts(node: object) -> list:
    """Every ``@context`` value (and ``@import``) in a document, as a flat list of items."""
    found: list = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                found += value if isinstance(value, list) else [value]
            found += _contexts(value)
    elif isinstance(node, list):
        for item in node:
            found += _contexts(item)
    return found


def _localised(node: object, shipped: dict) -> object:
    """``node`` with every reference to the shipped context's IRI replaced by the context itself."""
    if isinstance(node, dict):
        return {
            key: _local_context(value, shipped) if key == "@context" else _localised(value, shipped)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_localised(item, shipped) for item in node]
    return node


def _local_context(value: object, shipped: dict) -> object:
    if isinstance(value, list):
        return [_local_context(item, shipped) for item in value]
    return shipped if value == CONTEXT_IRI else _localised(value, shipped)


ErrorAt = Callable[[Path, str, "tuple[int, int] | None"], InputError]


def checked_document(path: Path, text: str, error: ErrorAt) -> bytes:
    """The document's bytes with the shipped context inlined; ``error(path, message, (line, column))``
    builds the :class:`InputError` for a syntax error or a remote context."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as problem:
        raise error(path, f"JSON-LD syntax error: {problem.msg}", (problem.lineno, problem.colno)) from None
    remote = [item for item in _contexts(document) if isinstance(item, str) and item != CONTEXT_IRI]
    if remote:
        raise error(
            path,
            f"remote JSON-LD context {remote[0]!r} is refused (nothing is fetched); put the context inline "
            f"or use the shipped one, {CONTEXT_IRI}",
            None,
        )
    if CONTEXT_IRI not in _contexts(document):
        return text.encode("utf-8")
    return json.dumps(_localised(document, _shipped_context()), ensure_ascii=False).encode("utf-8")


def jsonld_warnings(path: Path, data: bytes) -> list[str]:
    """Keys that no context of the document (already inlined by :func:`checked_document`) defines,
    and plain words given where the context expects an IRI: one line each, naming the file."""
    document = json.loads(data)
    terms: dict[str, object] = {}
    for context in _contexts(document):
        if isinstance(context, dict):
            terms.update(context)
    coerced = {name: term.get("@type") for name, term in terms.items() if isinstance(term, dict)}
    maps = {name for name, term in terms.items() if isinstance(term, dict) and term.get("@container") == "@language"}
    found: list[str] = []
    for key, value in _pairs(document, maps):
        if key.startswith("@") or ":" in key or key in terms:
            if coerced.get(key) in ("@id", "@vocab"):
                defined = terms if coerced[key] == "@vocab" else {}
                found += [
                    _not_an_iri(path, key, v, terms) for v in _strings(value) if ":" not in v and v not in defined
                ]
            continue
        close = difflib.get_close_matches(key, [t for t in terms if not t.startswith("@")], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        found.append(f"{path}: key {key!r} is not in the JSON-LD context, so it is dropped{hint}")
    return list(dict.fromkeys(found))


def _not_an_iri(path: Path, key: str, value: str, terms: dict) -> str:
    close = difflib.get_close_matches(value, [t for t in terms if not t.startswith("@")], n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else " (write a full IRI or a prefixed name such as ex:Name)"
    return f"{path}: {key!r} expects an IRI, but {value!r} would be read as a relative IRI{hint}"


def _pairs(node: object, maps: set[str]):
    """Every (key, value) of every object in the document, outside ``@context`` and inside no
    language map (whose keys are language tags, not terms)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                continue
            yield key, value
            if key not in maps:
                yield from _pairs(value, maps)
    elif isinstance(node, list):
        for item in node:
            yield from _pairs(item, maps)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []
