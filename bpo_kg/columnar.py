"""A columnar copy of a realised knowledge graph, for answering many queries fast on large graphs.

Oxigraph evaluates a query one row at a time (about 5 µs per joined row), so a competency question
that returns tens of thousands of rows takes around a second at a million triples. This copies the
store's default graph into DuckDB, a vectorised column store: every RDF term gets an integer id
(``terms``: id, kind, decoded value, language, datatype, numeric value for ordering) and the triples
are split into one two-column table per predicate, sorted by subject. :mod:`bpo_kg.sparql_sql`
compiles a SPARQL query to SQL over these tables; :class:`ColumnarBackend` runs it and turns ids back
into the same rdflib terms :class:`bpo_kg.fastpath.OxigraphBackend` returns, and leaves any query the
compiler does not cover to Oxigraph. The copy is a snapshot: later changes to the store are not
seen. Building it costs a few seconds at a million triples (docs/performance.md), so it pays off for
a session of queries, not for a single one.
"""

from __future__ import annotations

import operator
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyoxigraph as ox
from rdflib import BNode, Literal, Node, URIRef
from rdflib.namespace import RDF, XSD

from bpo_kg.fastpath import OxigraphBackend
from bpo_kg.queries import QueryResult
from bpo_kg.queryfile import QueryFile

if TYPE_CHECKING:
    from bpo_kg.sparql_sql import Compiled, Unsupported

NUMERIC = [
    str(XSD[name])
    for name in [
        *("integer", "decimal", "double", "float", "long", "int", "short", "byte"),
        *("nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger"),
        *("unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"),
    ]
]
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
KIND_BNODE, KIND_IRI, KIND_LITERAL = 0, 1, 2


def unescape(text: str) -> str:
    """Decode the escapes of an N-Triples string (ECHAR and UCHAR)."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(1) or match.group(2)
        return chr(int(code, 16)) if code else _ECHAR[match.group(3)]

    return _ESCAPE.sub(replace, text)


# N-Triples as Oxigraph writes it: the subject and the predicate hold no space, the line ends " .";
# in a literal's text, only the closing quote is not escaped, so the last '"' ends it.
_SPLIT = rf"""
CREATE TEMP TABLE lines AS
  SELECT line[:s - 1] AS s, line[s + 1 : s + p - 1] AS p, line[s + p + 1 : -3] AS o
  FROM (SELECT line, strpos(line, ' ') AS s, strpos(line[strpos(line, ' ') + 1:], ' ') AS p FROM raw);
CREATE TEMP TABLE decoded AS
  SELECT nt, CASE nt[1] WHEN '<' THEN 1 WHEN '_' THEN 0 ELSE 2 END AS kind,
    CASE nt[1] WHEN '<' THEN nt[2:-2] WHEN '_' THEN nt[3:] ELSE nt[2 : q - 1] END AS lex,
    CASE WHEN nt[1] <> '"' THEN NULL WHEN nt[q + 1] = '@' THEN nt[q + 2:] ELSE '' END AS lang,
    CASE WHEN nt[1] <> '"' THEN NULL
      WHEN nt[q + 1] = '@' THEN '{RDF.langString}'
      WHEN nt[q + 1] = '^' THEN nt[q + 4 : -2]
      ELSE '{XSD.string}' END AS datatype
  FROM (
    SELECT nt, length(nt) - strpos(reverse(nt), '"') + 1 AS q FROM (
      SELECT DISTINCT nt FROM (SELECT s AS nt FROM lines UNION ALL SELECT p FROM lines UNION ALL SELECT o FROM lines)
    )
  );
"""
# Ids follow SPARQL's order of terms, so ORDER BY a variable bound from the graph is ORDER BY its id.
_ORDER = "kind, num NULLS LAST, lex, lang NULLS FIRST, datatype NULLS FIRST"
_INDEX = f"""
CREATE TABLE terms AS
  SELECT (row_number() OVER (ORDER BY {_ORDER}) - 1)::INTEGER AS id, nt, kind::TINYINT AS kind, lex, lang, datatype, num
  FROM decoded;
CREATE TEMP TABLE triples AS
  SELECT ts.id AS s, tp.id AS p, tobj.id AS o FROM lines
  JOIN terms ts ON ts.nt = lines.s JOIN terms tp ON tp.nt = lines.p JOIN terms tobj ON tobj.nt = lines.o;
ALTER TABLE terms DROP COLUMN nt;
DROP TABLE raw; DROP TABLE lines; DROP TABLE decoded;
"""


class ColumnarStore:
    """The default graph of an Oxigraph store, copied into DuckDB tables (see the module's docstring)."""

    def __init__(self, store: ox.Store) -> None:
        self.oxigraph = store
        self.db = duckdb.connect()
        with tempfile.TemporaryDirectory(prefix="bpo-kg-columnar-") as folder:
            dump = Path(folder) / "graph.nt"
            store.dump(str(dump), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            self.db.execute(
                "CREATE TEMP TABLE raw AS SELECT line FROM read_csv(?, columns={'line': 'VARCHAR'}, delim='\x01', "
                "quote='', escape='', header=false, auto_detect=false, max_line_size=1073741824)",
                [str(dump)],
            )
        self.db.execute(_SPLIT)
        self._decode_escapes()
        numeric = ", ".join(f"'{iri}'" for iri in NUMERIC)
        self.db.execute(
            f"ALTER TABLE decoded ADD COLUMN num DOUBLE; "
            f"UPDATE decoded SET num = TRY_CAST(lex AS DOUBLE) WHERE datatype IN ({numeric}); {_INDEX}"
        )
        self.predicates: dict[int, str] = {}
        for (predicate,) in self.db.execute("SELECT DISTINCT p FROM triples ORDER BY p").fetchall():
            table = self.predicates[predicate] = f"p{predicate}"
            self.db.execute(f"CREATE TABLE {table} AS SELECT s, o FROM triples WHERE p = {predicate} ORDER BY s, o")
        self.db.execute("CREATE TABLE quads AS SELECT s, p, o FROM triples ORDER BY p, s; DROP TABLE triples")
        self.terms: dict[int | None, Node | None] = {None: None}  # None: an unbound variable
        self.ids: dict[Node, int] = {}
        self.added = 0  # query constants the graph lacks
        rows = self.db.execute("SELECT id, kind, lex, lang, datatype FROM terms ORDER BY id").fetchall()
        for term_id, kind, lex, lang, datatype in rows:
            term = self.terms[term_id] = _rdflib_term(kind, lex, lang, datatype)
            self.ids.setdefault(term, term_id)

    def _decode_escapes(self) -> None:
        escaped = self.db.execute("SELECT nt, lex FROM decoded WHERE kind = 2 AND contains(lex, '\\')").fetchall()
        if escaped:
            self.db.executemany("UPDATE decoded SET lex = ? WHERE nt = ?", [(unescape(lex), nt) for nt, lex in escaped])

    def id_of(self, term: Node) -> int:
        """The id of ``term``; a term the graph lacks (a constant of a query) is added to ``terms`` with a
        negative id, which keeps the graph's ids in SPARQL's order."""
        if term not in self.ids:
            self.added += 1
            term_id = -self.added
            kind, lex, lang, datatype = _columns(term)
            self.db.execute(
                "INSERT INTO terms (id, kind, lex, lang, datatype, num) VALUES (?, ?, ?, ?, ?, "
                "CASE WHEN ? THEN TRY_CAST(? AS DOUBLE) END)",
                [term_id, kind, lex, lang, datatype, datatype in NUMERIC, lex],
            )
            self.terms[term_id] = term
            self.ids[term] = term_id
        return self.ids[term]

    def known_id(self, term: Node) -> int | None:
        """The id of ``term`` if the graph has it."""
        return self.ids.get(term)


def _rdflib_term(kind: int, lex: str, lang: str | None, datatype: str | None) -> Node:
    """The rdflib term :func:`bpo_kg.fastpath.to_rdflib` gives for the same Oxigraph term."""
    if kind == KIND_IRI:
        return URIRef(lex)
    if kind == KIND_BNODE:
        return BNode(lex)
    if lang:
        return Literal(lex, lang=lang)
    if datatype == str(XSD.string):
        return Literal(lex)
    return Literal(lex, datatype=URIRef(datatype))


def _columns(term: Node) -> tuple[int, str, str | None, str | None]:
    if isinstance(term, URIRef):
        return KIND_IRI, str(term), None, None
    if isinstance(term, BNode):
        return KIND_BNODE, str(term), None, None
    if isinstance(term, Literal):
        if term.language:
            return KIND_LITERAL, str(term), term.language, str(RDF.langString)
        return KIND_LITERAL, str(term), "", str(term.datatype or XSD.string)
    raise TypeError(f"not an RDF term: {term!r}")


class ColumnarBackend:
    """Named queries on a :class:`ColumnarStore`; queries the compiler cannot translate go to Oxigraph."""

    def __init__(self, columnar: ColumnarStore) -> None:
        self.columnar = columnar
        self.compiled: dict[tuple[str, tuple], Compiled | Unsupported] = {}
        self.fallbacks: list[str] = []  # "query: reason" for each query answered by Oxigraph instead
        self.oxigraph = OxigraphBackend(columnar.oxigraph)

    def select(self, query: QueryFile, bindings: Mapping[str, Node]) -> QueryResult:
        from bpo_kg.sparql_sql import Unsupported, compile_select  # it imports this module

        key = (query.text, tuple(sorted(bindings.items())))
        if key not in self.compiled:
            try:
                self.compiled[key] = compile_select(query, bindings, self.columnar)
            except Unsupported as reason:
                self.compiled[key] = reason
        compiled = self.compiled[key]
        if isinstance(compiled, Exception):
            self.fallbacks.append(f"{query.name}: {compiled}")
            return self.oxigraph.select(query, bindings)
        rows = self.columnar.db.execute(compiled.sql).fetchall()
        term = self.columnar.terms.__getitem__
        if "int" in compiled.kinds:
            decode = [term if kind == "term" else _integer for kind in compiled.kinds]
            return QueryResult(list(compiled.columns), [tuple(map(operator.call, decode, row)) for row in rows])
        return QueryResult(list(compiled.columns), [tuple(map(term, row)) for row in rows])


def _integer(value: int | None) -> Literal | None:
    return None if value is None else Literal(str(value), datatype=XSD.integer)
