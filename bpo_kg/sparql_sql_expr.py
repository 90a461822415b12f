"""SPARQL expressions (FILTER, BIND, OPTIONAL's condition) as SQL over a :class:`ColumnarStore`.

An expression compiles to SQL of one of four kinds: ``term`` (a term id), ``int`` (a count),
``str`` (the string of a simple literal, from ``STR``/``LANG`` or a constant) and ``bool``. A
SPARQL error is SQL NULL, and SQL's three-valued AND, OR and NOT treat NULL as SPARQL treats an
error, so a FILTER drops the row either way. Equality is compiled only where it is the identity of
terms (an IRI on one side) or of numbers or strings; a comparison of two literals by value, and
every function not listed in ``_FUNCTIONS``, raise :class:`Unsupported`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Literal, Node, URIRef, Variable
from rdflib.namespace import RDF, XSD
from rdflib.plugins.sparql.algebra import translateGroupGraphPattern
from rdflib.plugins.sparql.parserutils import CompValue

from bpo_kg.columnar import KIND_BNODE, KIND_IRI, KIND_LITERAL, NUMERIC, ColumnarStore


class Unsupported(Exception):
    """A part of SPARQL the SQL compiler does not translate (the message names it)."""


@dataclass(frozen=True)
class Expr:
    sql: str
    kind: str  # "term" | "int" | "str" | "bool" | "const"
    const: Node | None = None


def column(name: str) -> str:
    """The SQL column of a variable."""
    return '"v_' + name.replace('"', '""') + '"'


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _attribute(term: str, name: str, where: str = "") -> str:
    return f"(SELECT {name} FROM terms WHERE id = {term}{where})"


class ExpressionCompiler:
    def __init__(self, store: ColumnarStore, pattern: Callable, alias: Callable[[], str]) -> None:
        self.store, self.pattern, self.alias = store, pattern, alias

    # --- coercions ---------------------------------------------------------------------------

    def boolean(self, expr, scope: dict[str, Expr]) -> str:
        value = self.compile(expr, scope)
        if value.kind == "bool":
            return value.sql
        if value.kind == "int":
            return f"({value.sql} <> 0)"
        if value.kind == "const" and isinstance(value.const, Literal) and value.const.datatype == XSD.boolean:
            return "true" if value.const.toPython() is True else "false"
        raise Unsupported("the effective boolean value of a term")

    def value(self, expr, scope: dict[str, Expr]) -> Expr:
        """A value a variable can hold: a term id or a count."""
        compiled = self.compile(expr, scope)
        if compiled.kind in ("term", "int"):
            return compiled
        return Expr(self.term(compiled), "term")

    def term(self, value: Expr) -> str:
        if value.kind == "term":
            return value.sql
        if value.kind == "const":
            return str(self.store.id_of(value.const))
        if value.kind == "bool":
            true, false = self.store.id_of(Literal(True)), self.store.id_of(Literal(False))
            return f"(CASE WHEN {value.sql} THEN {true} WHEN NOT {value.sql} THEN {false} END)"
        raise Unsupported(f"a computed {value.kind} as an RDF term")

    def string(self, value: Expr, language_allowed: bool = False) -> str:
        """The string of a literal (a simple literal, or a tagged one where ``language_allowed``)."""
        if value.kind == "str":
            return value.sql
        if value.kind == "const" and isinstance(value.const, Literal):
            if value.const.language and not language_allowed:
                return "NULL"
            if value.const.datatype in (None, XSD.string) or value.const.language:
                return sql_string(str(value.const))
            return "NULL"
        if value.kind == "term":
            tagged = "" if language_allowed else " AND lang = ''"
            return _attribute(
                value.sql,
                "lex",
                f" AND kind = {KIND_LITERAL} AND datatype IN ('{XSD.string}', '{RDF.langString}'){tagged}",
            )
        raise Unsupported(f"a {value.kind} as a string")

    def number(self, value: Expr) -> str:
        """The value of a numeric literal (NULL, an error, for anything else)."""
        if value.kind == "int":
            return value.sql
        if value.kind == "const":
            return repr(float(value.const.toPython())) if _is_number(value) else "NULL"
        return _attribute(self.term(value), "num")

    # --- expressions -------------------------------------------------------------------------

    def compile(self, expr, scope: dict[str, Expr]) -> Expr:
        if isinstance(expr, Variable):
            return scope.get(str(expr), Expr("NULL::INTEGER", "term"))
        if isinstance(expr, (URIRef, Literal)):
            return Expr("", "const", expr)
        if not isinstance(expr, CompValue):
            raise Unsupported(f"expression {expr!r}")
        handler = _FUNCTIONS.get(expr.name)
        if handler is None:
            raise Unsupported(expr.name)
        return handler(self, expr, scope)

    def _bound(self, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        return Expr(f"({self.compile(expr.arg, scope).sql} IS NOT NULL)", "bool")

    def _lang(self, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        term = self.term(self.compile(expr.arg, scope))
        return Expr(_attribute(term, "lang", f" AND kind = {KIND_LITERAL}"), "str")

    def _str(self, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        value = self.compile(expr.arg, scope)
        if value.kind == "str":
            return value
        if value.kind == "const":
            return Expr(sql_string(str(value.const)), "str")
        return Expr(_attribute(self.term(value), "lex", f" AND kind <> {KIND_BNODE}"), "str")

    def _langmatches(self, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        tag = f"lower({self.string(self.compile(expr.arg1, scope))})"
        pattern = self.compile(expr.arg2, scope)
        if pattern.kind == "const" and str(pattern.const) == "*":
            return Expr(f"({tag} <> '')", "bool")
        wanted = f"lower({self.string(pattern)})"
        return Expr(f"({tag} = {wanted} OR starts_with({tag}, {wanted} || '-'))", "bool")

    def _same_term(self, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        left, right = self.compile(expr.arg1, scope), self.compile(expr.arg2, scope)
        return Expr(f"({self.term(left)} = {self.term(right)})", "bool")

    def _if(self, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        condition = self.boolean(expr.arg1, scope)
        then, otherwise = self.value(expr.arg2, scope), self.value(expr.arg3, scope)
        if then.kind != otherwise.kind:
            raise Unsupported("IF with a count on one branch only")
        return Expr(f"(CASE WHEN {condition} THEN {then.sql} WHEN NOT {condition} THEN {otherwise.sql} END)", then.kind)

    def _coalesce(self, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        values = [self.value(arg, scope) for arg in expr.arg]
        if len({v.kind for v in values}) != 1:
            raise Unsupported("COALESCE of counts and terms")
        return Expr(f"COALESCE({', '.join(v.sql for v in values)})", values[0].kind)

    def _exists(self, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        graph = expr.graph
        if graph.name == "GroupGraphPatternSub":  # rdflib leaves EXISTS in a BIND untranslated
            graph = translateGroupGraphPattern(graph)
        inner, alias = self.pattern(graph), self.alias()
        conditions = [
            f"({scope[name].sql} IS NULL OR {alias}.{column(name)} = {scope[name].sql})"
            for name in inner.kinds
            if name in scope
        ]
        negated = "NOT " if expr.name == "Builtin_NOTEXISTS" else ""
        where = " AND ".join(conditions) or "true"
        return Expr(f"({negated}EXISTS (SELECT 1 FROM ({inner.sql}) {alias} WHERE {where}))", "bool")

    def _not(self, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        return Expr(f"(NOT {self.boolean(expr.expr, scope)})", "bool")

    def _relation(self, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        left, operator = self.compile(expr.expr, scope), expr.op
        if operator in ("IN", "NOT IN"):
            options = [self.compile(option, scope) for option in expr.other]
            if not all(o.kind == "const" and isinstance(o.const, URIRef) for o in options):
                raise Unsupported("IN with something other than IRIs")
            ids = [str(i) for i in (self.store.known_id(o.const) for o in options) if i is not None]
            if not ids:
                return Expr("true" if operator == "NOT IN" else "false", "bool")
            return Expr(f"({self.term(left)} {operator} ({', '.join(ids)}))", "bool")
        right = self.compile(expr.other, scope)
        sql_operator = {"=": "=", "!=": "<>", "<": "<", ">": ">", "<=": "<=", ">=": ">="}[operator]
        kinds = {left.kind, right.kind}
        if kinds == {"int"} or (any(_is_number(v) for v in (left, right)) and kinds <= {"int", "term", "const"}):
            compared = f"({self.number(left)} {sql_operator} {self.number(right)})"
            terms = [self.term(v) for v in (left, right) if v.kind == "term"]
            if operator in ("=", "!=") and terms:  # an IRI or a blank node is simply not equal to a number
                literal = " AND ".join(f"{_attribute(t, 'kind')} = {KIND_LITERAL}" for t in terms)
                compared = f"(CASE WHEN {literal} THEN {compared} ELSE {'true' if operator == '!=' else 'false'} END)"
            return Expr(compared, "bool")
        if operator in ("=", "!="):
            iri_constant = any(v.kind == "const" and isinstance(v.const, URIRef) for v in (left, right))
            if iri_constant and kinds <= {"term", "const"}:
                return Expr(f"({self.term(left)} {sql_operator} {self.term(right)})", "bool")
            if kinds <= {"str", "const"} and "str" in kinds:
                return Expr(f"({self.string(left)} {sql_operator} {self.string(right)})", "bool")
        raise Unsupported(f"{operator} between a {left.kind} and a {right.kind}")


def _is_number(value: Expr) -> bool:
    return value.kind == "const" and isinstance(value.const, Literal) and str(value.const.datatype) in NUMERIC


def _kind_test(kind: int) -> Callable:
    def test(compiler: ExpressionCompiler, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        return Expr(f"({_attribute(compiler.term(compiler.compile(expr.arg, scope)), 'kind')} = {kind})", "bool")

    return test


def _string_test(sql_function: str) -> Callable:
    def test(compiler: ExpressionCompiler, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        text = compiler.string(compiler.compile(expr.arg1, scope), language_allowed=True)
        part = compiler.string(compiler.compile(expr.arg2, scope))
        return Expr(f"{sql_function}({text}, {part})", "bool")

    return test


def _logic(operator: str) -> Callable:
    def combine(compiler: ExpressionCompiler, expr: CompValue, scope: dict[str, Expr]) -> Expr:
        parts = [compiler.boolean(e, scope) for e in [expr.expr, *(expr.other or [])]]
        return Expr("(" + f" {operator} ".join(parts) + ")", "bool")

    return combine


_FUNCTIONS: dict[str, Callable] = {
    "Builtin_isIRI": _kind_test(KIND_IRI),
    "Builtin_isURI": _kind_test(KIND_IRI),
    "Builtin_isBLANK": _kind_test(KIND_BNODE),
    "Builtin_isLITERAL": _kind_test(KIND_LITERAL),
    "Builtin_BOUND": ExpressionCompiler._bound,
    "Builtin_LANG": ExpressionCompiler._lang,
    "Builtin_STR": ExpressionCompiler._str,
    "Builtin_LANGMATCHES": ExpressionCompiler._langmatches,
    "Builtin_STRSTARTS": _string_test("starts_with"),
    "Builtin_STRENDS": _string_test("ends_with"),
    "Builtin_CONTAINS": _string_test("contains"),
    "Builtin_sameTerm": ExpressionCompiler._same_term,
    "Builtin_IF": ExpressionCompiler._if,
    "Builtin_COALESCE": ExpressionCompiler._coalesce,
    "Builtin_EXISTS": ExpressionCompiler._exists,
    "Builtin_NOTEXISTS": ExpressionCompiler._exists,
    "ConditionalAndExpression": _logic("AND"),
    "ConditionalOrExpression": _logic("OR"),
    "UnaryNot": ExpressionCompiler._not,
    "RelationalExpression": ExpressionCompiler._relation,
}
