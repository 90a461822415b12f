"""Limits no real catalogue reaches, checked on the bytes before any parser runs, so that both engines
give the same answer: blank nodes or lists nested deeper than ``BPO_KG_MAX_NESTING`` (default 64;
rdflib's parser fails near 150, Oxigraph's accepts any depth), and a literal longer than
``BPO_KG_MAX_LITERAL_BYTES`` (default 1 000 000; a 50 MB literal keeps HermiT busy for a quarter of an
hour). Each refusal names the file and line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from bpo_kg.errors import InputError

ErrorAt = Callable[[Path, str, "tuple[int, int] | None"], InputError]

# Turtle: what can hold a bracket without opening anything (strings, IRIs, comments), and the brackets.
_TURTLE = re.compile(
    rb'"""(?:[^"\\]|\\.|"(?!""))*"""'
    rb"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    rb'|"(?:[^"\\\n]|\\.)*"'
    rb"|'(?:[^'\\\n]|\\.)*'"
    rb"|<[^<>\s]*>|#[^\n]*|[\[\]()]"
)
_JSON = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_OPEN = frozenset(b"[({")


def max_nesting() -> int:
    return int(os.environ.get("BPO_KG_MAX_NESTING", "64"))


def max_literal() -> int:
    return int(os.environ.get("BPO_KG_MAX_LITERAL_BYTES", "1000000"))


def check_limits(path: Path, parser: str, data: bytes, error: ErrorAt) -> None:
    """Refuse ``data`` (the bytes of ``path``, in ``parser``'s syntax) beyond the limits."""
    limit = max_literal()
    if len(data) > limit and (long := re.search(rb'"[^"\n]{%d}' % limit, data)):
        line = data.count(b"\n", 0, long.start()) + 1
        raise error(
            path, f"a literal longer than {limit} bytes (BPO_KG_MAX_LITERAL_BYTES raises the limit)", (line, None)
        )
    tokens = {"turtle": _TURTLE, "json-ld": _JSON}.get(parser)
    depth_limit = max_nesting()
    if tokens is None or sum(data.count(bracket) for bracket in (b"[", b"(", b"{")) <= depth_limit:
        return
    depth = -1 if parser == "json-ld" else 0  # a JSON-LD document's outer object or array is no nesting
    for token in tokens.finditer(data):
        text = token.group()
        if len(text) != 1:
            continue
        depth += 1 if text[0] in _OPEN else -1
        if depth > depth_limit:
            line = data.count(b"\n", 0, token.start()) + 1
            raise error(
                path,
                f"nested more than {depth_limit} levels deep (BPO_KG_MAX_NESTING raises the limit)",
                (line, token.start() - data.rfind(b"\n", 0, token.start())),
            )
