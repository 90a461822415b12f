"""Compile a SPARQL SELECT query (rdflib's algebra) into one SQL query over a :class:`ColumnarStore`.

A solution sequence becomes a SQL relation with one column per variable: a term id, NULL where the
variable is unbound, or an integer for a ``COUNT``. Joins follow SPARQL's compatibility rule (a
plain equality where both sides always bind the variable), ``OPTIONAL`` is a left join with its
filter in the join condition, ``MINUS`` and ``NOT EXISTS`` are anti-joins, property paths are
unions, joins and recursive queries over the per-predicate tables, and ``ORDER BY`` follows SPARQL's
order of terms (unbound, blank nodes, IRIs, literals; numbers by value). Expressions are in
:mod:`bpo_kg.sparql_sql_expr`. What is not covered raises :class:`Unsupported`, and the caller asks
Oxigraph instead: a wrong answer is never given for speed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import BNode, Literal, Node, URIRef, Variable
from rdflib.paths import AlternativePath, InvPath, MulPath, Path, SequencePath
from rdflib.plugins.sparql.parserutils import CompValue

from bpo_kg.columnar import ColumnarStore
from bpo_kg.queryfile import QueryFile
from bpo_kg.sparql_sql_expr import Expr, ExpressionCompiler, Unsupported, column

__all__ = ["Compiled", "Unsupported", "compile_select"]


@dataclass(frozen=True)
class Relation:
    """A compiled solution sequence: SQL whose columns are its variables."""

    sql: str
    kinds: dict[str, str]  # variable → "term" (an id) or "int"
    bound: frozenset[str]  # variables bound in every solution
    from_graph: frozenset[str] = frozenset()  # variables whose values are always terms of the graph


@dataclass(frozen=True)
class Compiled:
    sql: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]


def compile_select(query: QueryFile, bindings: Mapping[str, Node], store: ColumnarStore) -> Compiled:
    """SQL for a SELECT query; ``bindings`` (variable → term) join the query's WHERE pattern."""
    algebra = query.prepared.algebra
    if algebra.name != "SelectQuery":
        raise Unsupported(f"{algebra.name} (only SELECT)")
    if _SELECT_STAR.search(query.text):  # rdflib's algebra keeps no order for its columns
        raise Unsupported("SELECT *")
    return _Compiler(store).select(algebra, bindings)


_SELECT_STAR = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)


def _variable(term: Node) -> str | None:
    if isinstance(term, Variable):
        return str(term)
    return f"_:{term}" if isinstance(term, BNode) else None


def _select_list(columns: Mapping[str, str]) -> str:
    return ", ".join(f"{sql} AS {column(name)}" for name, sql in columns.items()) or "1 AS _unit"


class _Compiler:
    def __init__(self, store: ColumnarStore) -> None:
        self.store = store
        self.aliases = 0
        self.expressions = ExpressionCompiler(store, self.pattern, self.alias)
        self.where: CompValue | None = None
        self.bindings: dict[str, Node] = {}

    def alias(self) -> str:
        self.aliases += 1
        return f"t{self.aliases}"

    # --- the query and its solution modifiers -------------------------------------------------

    def select(self, algebra: CompValue, bindings: Mapping[str, Node]) -> Compiled:
        node, distinct, projection, conditions, limit, offset = algebra.p, False, None, [], None, 0
        while node.name in ("Slice", "Distinct", "Reduced", "Project", "OrderBy"):
            if node.name == "Slice":
                limit, offset = node.length, node.start or 0
            elif node.name == "Distinct":
                distinct = True
            elif node.name == "Project":
                projection = [str(v) for v in node.PV]
            elif node.name == "OrderBy":
                conditions = list(node.expr)
            node = node.p
        self.where, self.bindings = _where_of(node), dict(bindings)
        relation = self.pattern(node)
        if projection is None:
            raise Unsupported("a query without a projection")
        columns = projection
        kinds = {name: relation.kinds.get(name, "term") for name in columns}
        keys = [self._order_key(condition, columns, distinct) for condition in conditions]
        keys = [(name, descending) for name, descending in keys if name in relation.kinds]  # unbound: no order
        inner = {name: f"q.{column(name)}" if name in relation.kinds else "NULL::INTEGER" for name in columns}
        inner.update({name: f"q.{column(name)}" for name, _descending in keys if name not in inner})
        sql = f"SELECT {'DISTINCT ' if distinct else ''}{_select_list(inner)} FROM ({relation.sql}) q"
        joins, order = [], []
        for name, descending in keys:
            if relation.kinds.get(name) == "int" or name in relation.from_graph:  # numbers, ids in SPARQL's order
                order.append(f"r.{column(name)} {'DESC NULLS LAST' if descending else 'ASC NULLS FIRST'}")
                continue
            alias = self.alias()
            joins.append(f"LEFT JOIN terms {alias} ON {alias}.id = r.{column(name)}")
            first, last = (
                ("DESC NULLS LAST", "DESC NULLS FIRST") if descending else ("ASC NULLS FIRST", "ASC NULLS LAST")
            )
            order += [f"{alias}.kind {first}", f"{alias}.num {last}"]
            order += [f"{alias}.{part} {first.split()[0]}" for part in ("lex", "lang", "datatype")]
        order += [f"r.{column(name)}" for name in columns]  # ties in a stable order
        sql = f"SELECT {', '.join(f'r.{column(n)}' for n in columns) or 'NULL'} FROM ({sql}) r {' '.join(joins)}"
        sql += f" ORDER BY {', '.join(order)}" if order else ""
        sql += f" LIMIT {int(limit)}" if limit is not None else ""
        sql += f" OFFSET {int(offset)}" if offset else ""
        return Compiled(sql, tuple(columns), tuple(kinds[name] for name in columns))

    @staticmethod
    def _order_key(condition: CompValue | Node, columns: list[str], distinct: bool) -> tuple[str, bool]:
        descending = isinstance(condition, CompValue) and condition.order == "DESC"
        expr = condition.expr if isinstance(condition, CompValue) else condition
        if not isinstance(expr, Variable):
            raise Unsupported("ORDER BY an expression (only variables)")
        if distinct and str(expr) not in columns:
            raise Unsupported("ORDER BY a variable DISTINCT does not keep")
        return str(expr), descending

    # --- graph patterns ---------------------------------------------------------------------

    def pattern(self, node: CompValue) -> Relation:
        handler = getattr(self, f"_{node.name}", None)
        if handler is None:
            raise Unsupported(node.name)
        relation = handler(node)
        if node is self.where and self.bindings:
            relation = self._join(self._rows([{Variable(k): v for k, v in self.bindings.items()}]), relation)
        return relation

    def _BGP(self, node: CompValue) -> Relation:
        tables, conditions, refs = [], [], {}
        for subject, predicate, obj in node.triples:
            alias = self.alias()
            places = [(subject, "s"), (obj, "o")]
            if isinstance(predicate, Path):
                tables.append(f"({self._path(predicate, subject, obj)}) {alias}")
            elif _variable(predicate):
                tables.append(f"quads {alias}")
                places.append((predicate, "p"))
            else:
                tables.append(f"{self._table(predicate)} {alias}")
            for term, place in places:
                ref, name = f"{alias}.{place}", _variable(term)
                if name is None:
                    known = self.store.known_id(term)
                    conditions.append("false" if known is None else f"{ref} = {known}")
                elif name in refs:
                    conditions.append(f"{ref} = {refs[name]}")
                else:
                    refs[name] = ref
        sql = f"SELECT {_select_list(refs)}"
        if tables:
            sql += f" FROM {', '.join(tables)} WHERE {' AND '.join(conditions) or 'true'}"
        return Relation(sql, dict.fromkeys(refs, "term"), frozenset(refs), frozenset(refs))

    def _table(self, predicate: Node) -> str:
        known = self.store.known_id(predicate)
        if known is None or known not in self.store.predicates:
            return "(SELECT s, o FROM quads WHERE false)"
        return self.store.predicates[known]

    def _path(self, path: Path | URIRef, subject: Node, obj: Node) -> str:
        """SQL of the (s, o) pairs ``path`` connects."""
        if isinstance(path, URIRef):
            return f"SELECT s, o FROM {self._table(path)}"
        if isinstance(path, InvPath):
            return f"SELECT o AS s, s AS o FROM ({self._path(path.arg, subject, obj)}) i"
        if isinstance(path, AlternativePath):
            return " UNION ALL ".join(f"SELECT s, o FROM ({self._path(p, subject, obj)}) a" for p in path.args)
        if isinstance(path, SequencePath):
            steps = [self.alias() for _ in path.args]
            first = self._path(path.args[0], subject, obj)
            sql = f"SELECT {steps[0]}.s AS s, {steps[-1]}.o AS o FROM ({first}) {steps[0]}"
            for previous, step, part in zip(steps, steps[1:], path.args[1:], strict=False):
                sql += f" JOIN ({self._path(part, subject, obj)}) {step} ON {step}.s = {previous}.o"
            return sql
        if isinstance(path, MulPath):
            step = self._path(path.path, subject, obj)
            closure = f"WITH RECURSIVE c(s, o) AS ({step} UNION SELECT c.s, x.o FROM c JOIN ({step}) x ON x.s = c.o)"
            one_or_more = f"{closure} SELECT s, o FROM c"
            if path.mod == "+":
                return one_or_more
            if any(_variable(end) is None and self.store.known_id(end) is None for end in (subject, obj)):
                raise Unsupported("a zero-length path from a term the graph lacks")
            nodes = "SELECT s AS id FROM quads UNION SELECT o FROM quads"
            zero = f"SELECT id AS s, id AS o FROM ({nodes}) n"
            return f"{zero} UNION SELECT s, o FROM ({one_or_more if path.mod == '*' else step}) m"
        raise Unsupported(f"property path {path!r}")

    def _join(
        self, left: Relation, right: Relation, kind: str = "JOIN", condition: CompValue | None = None
    ) -> Relation:
        a, b = self.alias(), self.alias()
        shared = [name for name in left.kinds if name in right.kinds]
        if any(left.kinds[n] != right.kinds[n] for n in shared):
            raise Unsupported("a variable that is a count on one side of a join only")
        columns = {name: f"{a}.{column(name)}" for name in left.kinds}
        for name in right.kinds:
            if name not in left.kinds:
                columns[name] = f"{b}.{column(name)}"
            elif name not in left.bound:
                columns[name] = f"COALESCE({a}.{column(name)}, {b}.{column(name)})"
        on = [self._compatible(name, a, b, left, right) for name in shared]
        if condition is not None and condition.name != "TrueFilter":
            kinds = left.kinds | right.kinds
            on.append(self.expressions.boolean(condition, {n: Expr(columns[n], kinds[n]) for n in columns}))
        sql = f"SELECT {_select_list(columns)} FROM ({left.sql}) {a} {kind} ({right.sql}) {b}"
        sql += f" ON {' AND '.join(on) or 'true'}"
        bound = left.bound | right.bound if kind == "JOIN" else left.bound
        return Relation(sql, left.kinds | right.kinds, bound, _from_graph(left, right))

    @staticmethod
    def _compatible(name: str, a: str, b: str, left: Relation, right: Relation) -> str:
        equal = f"{a}.{column(name)} = {b}.{column(name)}"
        if name in left.bound and name in right.bound:
            return equal
        return f"({equal} OR {a}.{column(name)} IS NULL OR {b}.{column(name)} IS NULL)"

    def _Join(self, node: CompValue) -> Relation:
        return self._join(self.pattern(node.p1), self.pattern(node.p2))

    def _LeftJoin(self, node: CompValue) -> Relation:
        return self._join(self.pattern(node.p1), self.pattern(node.p2), "LEFT JOIN", node.expr)

    def _Minus(self, node: CompValue) -> Relation:
        left, right = self.pattern(node.p1), self.pattern(node.p2)
        shared = [name for name in left.kinds if name in right.kinds]
        if not shared:
            return left
        a, b = self.alias(), self.alias()
        compatible = " AND ".join(self._compatible(name, a, b, left, right) for name in shared)
        overlap = " OR ".join(f"({a}.{column(n)} IS NOT NULL AND {b}.{column(n)} IS NOT NULL)" for n in shared)
        sql = (
            f"SELECT {_select_list({n: f'{a}.{column(n)}' for n in left.kinds})} FROM ({left.sql}) {a} "
            f"WHERE NOT EXISTS (SELECT 1 FROM ({right.sql}) {b} WHERE {compatible} AND ({overlap}))"
        )
        return Relation(sql, left.kinds, left.bound, left.from_graph)

    def _Union(self, node: CompValue) -> Relation:
        left, right = self.pattern(node.p1), self.pattern(node.p2)
        kinds = left.kinds | right.kinds
        if any(left.kinds.get(n, k) != right.kinds.get(n, k) for n, k in kinds.items()):
            raise Unsupported("a variable that is a count on one side of a UNION only")

        def side(relation: Relation, alias: str) -> str:
            columns = {n: f"{alias}.{column(n)}" if n in relation.kinds else "NULL::BIGINT" for n in kinds}
            return f"SELECT {_select_list(columns)} FROM ({relation.sql}) {alias}"

        sql = f"{side(left, self.alias())} UNION ALL {side(right, self.alias())}"
        return Relation(sql, kinds, left.bound & right.bound, _from_graph(left, right))

    def _scope(self, relation: Relation, alias: str) -> dict[str, Expr]:
        return {name: Expr(f"{alias}.{column(name)}", kind) for name, kind in relation.kinds.items()}

    def _Filter(self, node: CompValue) -> Relation:
        inner, alias = self.pattern(node.p), self.alias()
        condition = self.expressions.boolean(node.expr, self._scope(inner, alias))
        sql = f"SELECT * FROM ({inner.sql}) {alias} WHERE {condition}"
        return Relation(sql, inner.kinds, inner.bound, inner.from_graph)

    def _Extend(self, node: CompValue) -> Relation:
        inner, alias, name = self.pattern(node.p), self.alias(), str(node.var)
        if name in inner.kinds:
            raise Unsupported(f"BIND to ?{name}, already in scope")
        value = self.expressions.value(node.expr, self._scope(inner, alias))
        bound = (
            inner.bound | {name} if isinstance(node.expr, Variable) and str(node.expr) in inner.bound else inner.bound
        )
        sql = f"SELECT *, {value.sql} AS {column(name)} FROM ({inner.sql}) {alias}"
        return Relation(sql, inner.kinds | {name: value.kind}, frozenset(bound), inner.from_graph)

    def _Project(self, node: CompValue) -> Relation:
        inner, alias = self.pattern(node.p), self.alias()
        names = [str(v) for v in node.PV]
        columns = {n: f"{alias}.{column(n)}" if n in inner.kinds else "NULL::INTEGER" for n in names}
        sql = f"SELECT {_select_list(columns)} FROM ({inner.sql}) {alias}"
        kinds = {n: inner.kinds.get(n, "term") for n in names}
        return Relation(sql, kinds, inner.bound & set(names), inner.from_graph & set(names))

    def _Distinct(self, node: CompValue) -> Relation:
        inner = self.pattern(node.p)
        sql = f"SELECT DISTINCT * FROM ({inner.sql}) {self.alias()}"
        return Relation(sql, inner.kinds, inner.bound, inner.from_graph)

    def _OrderBy(self, node: CompValue) -> Relation:  # order inside a sub-query means nothing
        return self.pattern(node.p)

    def _ToMultiSet(self, node: CompValue) -> Relation:
        return self.pattern(node.p)

    def _rows(self, rows: list[dict[Variable, Node]]) -> Relation:
        """A VALUES table; rdflib writes UNDEF as the string "UNDEF", which binds nothing."""
        terms = [{str(v): t for v, t in row.items() if isinstance(t, (URIRef, BNode, Literal))} for row in rows]
        names = sorted({name for row in terms for name in row})
        if not rows:
            return Relation("SELECT 1 AS _unit WHERE false", {}, frozenset())

        def cell(row: dict[str, Node], name: str) -> str:
            return str(self.store.id_of(row[name])) if name in row else "NULL::INTEGER"

        body = ", ".join("(" + ", ".join([cell(row, n) for n in names] or ["1"]) + ")" for row in terms)
        header = ", ".join(column(n) for n in names) or "_unit"
        bound = frozenset(n for n in names if all(n in row for row in terms))
        from_graph = frozenset(n for n in names if all(self.store.known_id(r[n]) is not None for r in terms if n in r))
        return Relation(f"SELECT * FROM (VALUES {body}) v({header})", dict.fromkeys(names, "term"), bound, from_graph)

    def _values(self, node: CompValue) -> Relation:  # a VALUES block
        return self._rows(list(node.res))

    def _AggregateJoin(self, node: CompValue) -> Relation:
        group = node.p
        inner, alias = self.pattern(group.p), self.alias()
        keys = [str(k) for k in group.expr or []]
        if any(not isinstance(k, Variable) for k in group.expr or []):
            raise Unsupported("GROUP BY an expression (only variables)")
        columns, kinds, bound, from_graph = {}, {}, set(), set()
        for aggregate in node.A:
            name = str(aggregate.res)
            if aggregate.name == "Aggregate_Count":
                distinct = "DISTINCT " if aggregate.distinct else ""
                if aggregate.vars == "*":
                    if distinct:
                        raise Unsupported("COUNT(DISTINCT *)")
                    columns[name] = "count(*)"
                elif isinstance(aggregate.vars, Variable):
                    var = str(aggregate.vars)
                    columns[name] = f"count({distinct}{alias}.{column(var)})" if var in inner.kinds else "0"
                else:
                    raise Unsupported("COUNT of an expression")
                kinds[name] = "int"
                bound.add(name)
            elif aggregate.name == "Aggregate_Sample" and isinstance(aggregate.vars, Variable):
                var = str(aggregate.vars)
                ref = f"{alias}.{column(var)}"
                columns[name] = ref if var in keys else f"any_value({ref})"
                kinds[name] = inner.kinds.get(var, "term")
                if var in inner.bound:
                    bound.add(name)
                if var in inner.from_graph:
                    from_graph.add(name)
            else:
                raise Unsupported(aggregate.name)
        sql = f"SELECT {_select_list(columns)} FROM ({inner.sql}) {alias}"
        if keys:
            sql += " GROUP BY " + ", ".join(f"{alias}.{column(k)}" if k in inner.kinds else "NULL" for k in keys)
        return Relation(sql, kinds, frozenset(bound), frozenset(from_graph))


def _from_graph(left: Relation, right: Relation) -> frozenset[str]:
    """Variables that take only graph terms on each side that has them."""
    return frozenset(
        name
        for name in left.kinds | right.kinds
        if (name not in left.kinds or name in left.from_graph) and (name not in right.kinds or name in right.from_graph)
    )


def _where_of(node: CompValue) -> CompValue:
    """The query's WHERE pattern under aggregation (bindings join it there, as initBindings do)."""
    while node.name in ("Extend", "Filter") and _has_aggregate(node.p):
        node = node.p
    if node.name == "AggregateJoin":
        return node.p.p
    return node


def _has_aggregate(node: CompValue) -> bool:
    while node.name in ("Extend", "Filter"):
        node = node.p
    return node.name == "AggregateJoin"
