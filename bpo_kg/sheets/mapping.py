"""The RML mapping from sheets to RDF, read for what bpo-kg needs before and after the RML engine runs
it: which sheets and columns it reads, with which function, into which predicate.

The engine (morph-kgc) executes the mapping file itself; this module only reads it, so that every cell
can be checked first (with its sheet, row and column), the template can be written, and a graph can
be exported back into the sheets. A mapping is refused, naming the triples map, where it uses RML
that these three uses cannot follow (file or database sources, joins, templates, nested functions,
functions other than bpo-kg's own).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from bpo_kg.errors import InputError
from bpo_kg.resources import ontology_dir

RML = Namespace("http://w3id.org/rml/")
FN = Namespace("https://w3id.org/bpo-kg/functions#")
FUNCTIONS = frozenset(
    {
        "key",
        "rows",
        "instance",
        "subclass",
        "classIfYes",
        "country",
        "place",
        "language",
        "industryCode",
        "integer",
        "year",
        "yesNo",
        "date",
        "timeZone",
        "languageTag",
    }
)
LITERAL_READERS = frozenset({"integer", "year", "yesNo", "date", "timeZone", "languageTag"})
DATATYPE_READERS = {  # how a text column with this datatype is read when the mapping names no reader
    "http://www.w3.org/2001/XMLSchema#integer": "integer",
    "http://www.w3.org/2001/XMLSchema#nonNegativeInteger": "integer",
    "http://www.w3.org/2001/XMLSchema#boolean": "yesNo",
    "http://www.w3.org/2001/XMLSchema#date": "date",
}
_TERM_MAP_KEYS = frozenset({RML.reference, RML.constant, RML.functionExecution, RML.template, RML.parentTriplesMap})


@dataclass(frozen=True)
class CellRead:
    """How a term map reads one column: through a bpo-kg function the RML engine calls (with its
    constant parameters), or, where ``function`` is None, as the text written, read first by
    ``reader`` (a literal's function, applied before the engine runs: the cell becomes its lexical form)."""

    column: str
    function: str | None = None
    arguments: tuple[tuple[str, str], ...] = ()
    required: bool = False
    reader: str | None = None

    @property
    def check(self) -> str | None:
        """The function that must accept every filled cell (None: any text)."""
        return self.function if self.function not in {None, "key"} else self.reader

    def argument(self, name: str) -> str | None:
        return dict(self.arguments).get(name)


@dataclass(frozen=True)
class Rule:
    """A predicate-object map: ``predicate`` with the object read from a column (or a constant IRI)."""

    predicate: str
    read: CellRead | None
    constant: str | None = None
    datatype: str | None = None
    language: str | None = None
    language_column: str | None = None


@dataclass(frozen=True)
class TriplesMap:
    """One triples map: its sheet, how its subject is read, its constant classes and its rules."""

    name: str
    sheet: str
    subject: CellRead
    classes: tuple[str, ...]
    rules: tuple[Rule, ...]

    @property
    def of_rows(self) -> bool:
        """True where each subject is the row itself (bpofn:key), false where it is the row(s) a column names."""
        return self.subject.function == "key"

    def reads(self) -> Iterator[CellRead]:
        yield self.subject
        for rule in self.rules:
            if rule.read is not None:
                yield rule.read
            if rule.language_column is not None:
                yield CellRead(rule.language_column, reader="languageTag")


@dataclass(frozen=True)
class Mapping:
    """A spreadsheet mapping: its file and triples maps."""

    path: Path
    maps: tuple[TriplesMap, ...]
    order: dict[tuple[str, str], int]  # (sheet, column): first place in the file from the sheet's first source

    def sheets(self) -> list[str]:
        """The sheets, in the order the mapping file names them."""
        first: dict[str, int] = {}
        for (sheet, _), at in self.order.items():
            first[sheet] = min(at, first.get(sheet, at))
        return sorted(dict.fromkeys(m.sheet for m in self.maps), key=lambda sheet: first.get(sheet, 0))

    def maps_of(self, sheet: str) -> list[TriplesMap]:
        return [m for m in self.maps if m.sheet == sheet]

    def reads(self, sheet: str) -> list[CellRead]:
        """Every read of a column of ``sheet``, in the mapping's order."""
        return [read for m in self.maps_of(sheet) for read in m.reads()]

    def columns(self, sheet: str) -> list[str]:
        """The columns ``sheet`` has, in the order the mapping file first names them."""
        names = dict.fromkeys(read.column for read in self.reads(sheet))
        return sorted(names, key=lambda column: self.order.get((sheet, column), 0))

    def required(self, sheet: str) -> list[str]:
        return list(dict.fromkeys(read.column for read in self.reads(sheet) if read.required))

    def key_column(self, sheet: str) -> str | None:
        """The column whose cells are the rows' own keys (the subject of a bpofn:key triples map)."""
        return next((m.subject.column for m in self.maps_of(sheet) if m.of_rows), None)


def shipped_mapping_file() -> Path:
    return ontology_dir() / "mappings" / "vendors.rml.ttl"


def functions_file() -> Path:
    return ontology_dir() / "mappings" / "functions.ttl"


def load_mapping(path: Path | None = None) -> Mapping:
    """The mapping in ``path`` (RML Turtle; default: the shipped one), checked as described above."""
    return _load(Path(path) if path is not None else shipped_mapping_file())


@cache
def _load(path: Path) -> Mapping:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError:
        raise InputError(f"{path}: no such mapping file") from None
    except Exception as error:  # rdflib raises many kinds for bad Turtle
        raise InputError(f"{path}: not a readable RML mapping (Turtle): {' '.join(str(error).split())}") from None
    names = sorted(set(graph.subjects(RDF.type, RML.TriplesMap)) | set(graph.subjects(RML.logicalSource, None)))
    if not names:
        raise InputError(f"{path}: the mapping has no rml:TriplesMap (RML-Core, namespace {RML})")
    maps = tuple(_triples_map(graph, path, name) for name in names)
    text = path.read_text(encoding="utf-8")
    order = {
        (m.sheet, read.column): text.find(f'"{read.column}"', text.find(f'"{{{m.sheet}}}"'))
        for m in maps
        for read in m.reads()
    }
    return Mapping(path, maps, order)


class _Reader:
    """Reads one triples map, refusing what the spreadsheet path does not follow."""

    def __init__(self, graph: Graph, path: Path, name: Node) -> None:
        self.graph, self.path, self.name = graph, path, name

    def refuse(self, what: str) -> InputError:
        short = str(self.name).rsplit("#", 1)[-1]
        return InputError(f"{self.path}: triples map {short}: {what}")

    def one(self, node: Node, predicate: URIRef) -> Node | None:
        values = list(self.graph.objects(node, predicate))
        if len(values) > 1:
            raise self.refuse(f"more than one {predicate.n3(self.graph.namespace_manager)}")
        return values[0] if values else None

    def sheet(self) -> str:
        source = self.one(self.name, RML.logicalSource)
        value = self.one(source, RML.source) if source is not None else None
        text = str(value) if isinstance(value, Literal) else ""
        if not (text.startswith("{") and text.endswith("}") and len(text) > 2):
            raise self.refuse('its source must be a sheet, written rml:source "{sheet name}"')
        return text[1:-1]

    def read(self, term_map: Node) -> CellRead | None:
        """The column a term map reads, or None for a constant."""
        used = {p for p in self.graph.predicates(term_map, None) if p in _TERM_MAP_KEYS}
        if RML.template in used or RML.parentTriplesMap in used:
            raise self.refuse("rml:template and joins are not followed here; use a bpo-kg function (bpofn:rows)")
        if len(used) != 1:
            raise self.refuse("each term map needs exactly one of rml:reference, rml:constant, rml:functionExecution")
        required = self.one(term_map, FN.required) == Literal(True)
        if RML.reference in used:
            reader = self.one(term_map, FN.reads)
            name = str(reader)[len(str(FN)) :] if reader is not None else None
            if reader is not None and name not in LITERAL_READERS:
                raise self.refuse(f"bpofn:reads takes one of {', '.join(sorted(LITERAL_READERS))}, not {reader}")
            return CellRead(str(self.one(term_map, RML.reference)), required=required, reader=name)
        if RML.constant in used:
            return None
        execution = self.one(term_map, RML.functionExecution)
        function = self.one(execution, RML.function)
        if not (isinstance(function, URIRef) and str(function).startswith(str(FN))):
            raise self.refuse(f"function {function} is not one of bpo-kg's spreadsheet functions (functions.ttl)")
        name = str(function)[len(str(FN)) :]
        if name not in FUNCTIONS:
            raise self.refuse(f"bpofn:{name} is not one of bpo-kg's spreadsheet functions (functions.ttl)")
        if name in LITERAL_READERS:
            raise self.refuse(f"bpofn:{name} gives a literal: write rml:reference with bpofn:reads bpofn:{name}")
        column, arguments = None, []
        for given in self.graph.objects(execution, RML.input):
            parameter = self.one(given, RML.parameter)
            value_map = self.one(given, RML.inputValueMap)
            if value_map is None or parameter is None:
                raise self.refuse(f"an input of bpofn:{name} lacks rml:parameter or rml:inputValueMap")
            local = str(parameter)[len(str(FN)) :] if str(parameter).startswith(str(FN)) else str(parameter)
            if local == "value":
                reference = self.one(value_map, RML.reference)
                if reference is None:
                    raise self.refuse(f"the value of bpofn:{name} must be an rml:reference to a column")
                column = str(reference)
            else:
                constant = self.one(value_map, RML.constant)
                if constant is None:
                    raise self.refuse(f"parameter {local} of bpofn:{name} must be an rml:constant")
                arguments.append((local, str(constant)))
        if column is None:
            raise self.refuse(f"bpofn:{name} has no bpofn:value input")
        return CellRead(column, name, tuple(sorted(arguments)), required)

    def rule(self, pom: Node) -> Rule:
        predicate = self.one(pom, RML.predicate)
        object_map = self.one(pom, RML.objectMap)
        if not isinstance(predicate, URIRef) or object_map is None:
            raise self.refuse("each predicate-object map needs one constant rml:predicate and one rml:objectMap")
        read = self.read(object_map)
        constant = self.one(object_map, RML.constant)
        language_map = self.one(object_map, RML.languageMap)
        language_column = None
        if language_map is not None:
            reference = self.one(language_map, RML.reference)
            if reference is None:
                raise self.refuse("rml:languageMap must be an rml:reference to a column")
            language_column = str(reference)
        datatype = self.one(object_map, RML.datatype)
        language = self.one(object_map, RML.language)
        if read is not None and read.function is None and read.reader is None:
            read = replace(read, reader=DATATYPE_READERS.get(str(datatype)))
        return Rule(
            str(predicate),
            read,
            str(constant) if constant is not None else None,
            str(datatype) if datatype is not None else None,
            str(language) if language is not None else None,
            language_column,
        )


def _triples_map(graph: Graph, path: Path, name: Node) -> TriplesMap:
    reader = _Reader(graph, path, name)
    sheet = reader.sheet()
    subject_map = reader.one(name, RML.subjectMap)
    subject = reader.read(subject_map) if subject_map is not None else None
    if subject is None or subject.function not in {"key", "rows"}:
        raise reader.refuse("its subject must be the row (bpofn:key) or rows it names (bpofn:rows)")
    if reader.one(subject_map, RML.graphMap) is not None or reader.one(name, RML.graphMap) is not None:
        raise reader.refuse("graph maps are not followed here")
    classes = tuple(sorted(str(c) for c in graph.objects(subject_map, RML["class"])))
    rules = tuple(reader.rule(pom) for pom in graph.objects(name, RML.predicateObjectMap))
    return TriplesMap(str(name), sheet, subject, classes, rules)
