"""A knowledge graph back into the workbook: the mapping read backwards.

Each resource becomes a row of the first sheet whose kind it has; each statement about it fills the
column that would have made it, written as a person would type it (labels, country codes, keys), and
checked to read back to the same term. A statement no column can hold is refused with the statement
named, never dropped: importing the exported workbook gives the same graph.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from bpo_kg.errors import InputError
from bpo_kg.sheets.mapping import CellRead, Mapping, Rule, TriplesMap
from bpo_kg.sheets.template import Rows
from bpo_kg.sheets.values import Context, Names, Refused, Vocabulary

LIST_SEPARATOR = "; "


class ExportError(InputError):
    """A graph the workbook cannot hold as it is."""


@dataclass
class _Sheet:
    name: str
    columns: list[str]
    rows: dict[URIRef, dict[str, list[str]]] = field(default_factory=dict)


class Exporter:
    """Fills the sheets of ``mapping`` from ``graph``; ``context`` names rows and reads values back."""

    def __init__(self, graph: Graph, mapping: Mapping, context: Context) -> None:
        self.graph, self.mapping, self.context = graph, mapping, context
        self.covered: set[tuple[Node, Node, Node]] = set()
        self.sheets = {name: _Sheet(name, mapping.columns(name)) for name in mapping.sheets()}

    def rows(self) -> Rows:
        self._assign_rows()
        for triples_map in self.mapping.maps:
            for row in list(self.sheets[triples_map.sheet].rows):
                self._fill(triples_map, row)
        left = [t for t in self.graph if t not in self.covered]
        if left:
            shown = "; ".join(" ".join(term.n3(self.graph.namespace_manager) for term in t) for t in sorted(left)[:3])
            raise ExportError(
                f"{len(left)} statement(s) have no column in the mapping {self.mapping.path.name} "
                f"(first: {shown}); the workbook would lose them"
            )
        result: Rows = {}
        for name, sheet in self.sheets.items():
            ordered = sorted(sheet.rows, key=lambda iri: self.context.key_of(str(iri)) or "")
            result[name] = [
                [LIST_SEPARATOR.join(sheet.rows[iri].get(column, [])) for column in sheet.columns] for iri in ordered
            ]
        return result

    # -- which resource is a row of which sheet
    def _kinds(self, triples_map: TriplesMap) -> tuple[set[str], set[str]]:
        """The classes every row of the sheet has (constant), and the classes one of which it has (Kind)."""
        kinds: set[str] = set()
        for rule in triples_map.rules:
            if rule.predicate == str(RDF.type) and rule.read and rule.read.function == "subclass":
                names = self.context.vocabulary.subclasses[rule.read.argument("class") or ""]
                kinds |= set(names.shown)
        return set(triples_map.classes), kinds

    def _assign_rows(self) -> None:
        for triples_map in self.mapping.maps:
            if not triples_map.of_rows:
                continue
            constant, kinds = self._kinds(triples_map)
            for subject in sorted(set(self.graph.subjects(RDF.type, None))):
                types = {str(t) for t in self.graph.objects(subject, RDF.type)}
                taken = any(subject in sheet.rows for sheet in self.sheets.values())
                if taken or not constant <= types or (kinds and not types & kinds) or not (constant or kinds):
                    continue
                if not isinstance(subject, URIRef) or self.context.key_of(str(subject)) is None:
                    raise ExportError(
                        f"{subject.n3()} cannot be a row: its IRI is not under the base {self.context.base}"
                    )
                key = self.context.key_of(str(subject)) or ""
                self.sheets[triples_map.sheet].rows[subject] = {triples_map.subject.column: [key]}
                for cls in constant:
                    self.covered.add((subject, RDF.type, URIRef(cls)))

    # -- the cells of one row
    def _fill(self, triples_map: TriplesMap, row: URIRef) -> None:
        cells = self.sheets[triples_map.sheet].rows[row]
        if not triples_map.of_rows:  # a column naming rows of another sheet, whose statement points at this row
            for rule in triples_map.rules:
                subjects = sorted(self.graph.subjects(URIRef(rule.predicate), row))
                for subject in subjects:
                    self.covered.add((subject, URIRef(rule.predicate), row))
                if subjects:
                    cells[triples_map.subject.column] = [self._key(s, triples_map.subject) for s in subjects]
            return
        # yes/no classes first: the kind column holds the type that is left
        for rule in sorted(triples_map.rules, key=lambda r: not (r.read and r.read.function == "classIfYes")):
            if rule.read is None:
                continue
            values = self._values(row, rule, triples_map)
            if rule.language_column and values:
                literal = values[0]
                if len(values) > 1:
                    raise ExportError(f"{row.n3()}: column {rule.read.column!r} holds one text, not {len(values)}")
                cells[rule.language_column] = [literal.language]  # type: ignore[attr-defined]
            if values:
                written = [self._write(value, rule.read, row) for value in values]
                cells[rule.read.column] = [text for text in written if text]
            for value in values:
                self.covered.add((row, URIRef(rule.predicate), value))

    def _values(self, row: URIRef, rule: Rule, triples_map: TriplesMap) -> list[Node]:
        predicate = URIRef(rule.predicate)
        found = sorted(o for o in self.graph.objects(row, predicate) if (row, predicate, o) not in self.covered)
        read = rule.read
        assert read is not None
        if read.function == "classIfYes":
            cls = URIRef(read.argument("class") or "")
            return [cls] if cls in found else []
        if read.function == "subclass":
            names = self.context.vocabulary.subclasses[read.argument("class") or ""]
            found = [o for o in found if str(o) in names.shown]
            if len(found) > 1:
                shown = ", ".join(names.shown[str(o)] for o in found)
                raise ExportError(f"{row.n3()} has {len(found)} kinds ({shown}); column {read.column!r} holds one")
            return found
        if read.function is not None:
            return [o for o in found if isinstance(o, URIRef)]
        claimed = {r.language for r in triples_map.rules if r.predicate == rule.predicate and r.language}
        literals = [o for o in found if isinstance(o, Literal)]
        if rule.language:
            matching = [o for o in literals if o.language == rule.language]
        elif rule.language_column:
            matching = [o for o in literals if o.language and o.language not in claimed]
        else:
            datatype = URIRef(rule.datatype) if rule.datatype else None
            matching = [o for o in literals if not o.language and (o.datatype or None) in ({datatype} - {XSD.string})]
        if len(matching) > 1:  # a cell holds one text: two would be read back as one
            raise ExportError(
                f"{row.n3()} has {len(matching)} values of {URIRef(rule.predicate).n3(self.graph.namespace_manager)}; "
                f"column {read.column!r} holds one"
            )
        return matching

    def _write(self, value: Node, read: CellRead, row: URIRef) -> str:
        """``value`` as a person types it in ``read``'s column, checked to read back as ``value``."""
        if isinstance(value, Literal):
            text = str(value)
            if read.reader == "yesNo":
                return "yes" if value.toPython() is True else "no"
            return text
        iri = str(value)
        function = read.function
        if function == "classIfYes":
            return "yes"
        if function == "rows":
            return self._key(value, read)
        names = self._names(read)
        if function in {"country", "place"} and self.context.key_of(iri) is not None:
            text = self.context.key_of(iri) or ""
        elif names is not None and iri in names.shown:
            text = names.codes.get(iri) or names.shown[iri]
        else:
            text = f"<{iri}>"
        try:
            read_back = self.context.call(function or "", text, dict(read.arguments))
        except Refused as refused:
            raise ExportError(
                f"{row.n3()}: {value.n3()} cannot be written in column {read.column!r}: {refused}"
            ) from None
        if iri not in ([read_back] if isinstance(read_back, str) else (read_back or [])):
            raise ExportError(f"{row.n3()}: {value.n3()} in column {read.column!r} would read back as {read_back}")
        return text

    def _names(self, read: CellRead) -> Names | None:
        vocabulary = self.context.vocabulary
        cls = read.argument("class") or ""
        return {
            "instance": vocabulary.instances.get(cls),
            "subclass": vocabulary.subclasses.get(cls),
            "country": vocabulary.countries,
            "place": vocabulary.countries,
            "language": vocabulary.languages,
            "industryCode": vocabulary.codes,
        }.get(read.function or "")

    def _key(self, iri: Node, read: CellRead) -> str:
        key = self.context.key_of(str(iri))
        sheet = read.argument("sheet") or ""
        if key is None or key not in self.context.keys.get(sheet, {}):
            raise ExportError(f"{iri.n3()} is named in column {read.column!r} but is no row of sheet {sheet}")
        return key


def export_rows(graph: Graph, mapping: Mapping, base: str, vocabulary: Vocabulary) -> Rows:
    """The rows of each sheet that hold ``graph`` (see :class:`Exporter`)."""
    first = Exporter(graph, mapping, Context(base, {}, vocabulary))
    first._assign_rows()
    keys: dict[str, dict[str, int]] = defaultdict(dict)
    for name, sheet in first.sheets.items():
        for at, iri in enumerate(sorted(sheet.rows, key=str), start=2):
            keys[name][first.context.key_of(str(iri)) or ""] = at
    return Exporter(graph, mapping, Context(base, dict(keys), vocabulary)).rows()
