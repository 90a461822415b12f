"""Cells as people type them, read into RDF terms: the bpo-kg spreadsheet functions (functions.ttl).

A value the function cannot read raises :class:`Refused` with a message for the person who typed it
(``"Inida" is not a country; did you mean "India" (IN)?``); the importer adds the sheet, row and
column. Lists ("telephone; chat") give one term per item.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import quote
from zoneinfo import available_timezones

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Namespace, URIRef
from rdflib.collection import Collection

from bpo_kg import BPO_NS
from bpo_kg.resources import ontology_files, reference_files

BPO = Namespace(BPO_NS)

REFERENCE_SCHEMES = {  # the words people write before a code, by the reference scheme's IRI
    "https://w3id.org/bpo-kg/reference/nace2": ("nace", "nace2", "nace 2", "nace rev. 2", "nace rev 2"),
    "https://w3id.org/bpo-kg/reference/nace2.1": ("nace 2.1", "nace21", "nace rev. 2.1", "nace rev 2.1"),
    "https://w3id.org/bpo-kg/reference/isic4": ("isic", "isic4", "isic 4", "isic rev. 4", "isic rev 4"),
    "https://w3id.org/bpo-kg/reference/naics2022": ("naics", "naics 2022", "naics2022"),
}
YES = frozenset({"yes", "y", "true", "1", "हाँ", "हां", "ja", "sí", "si", "oui"})
NO = frozenset({"no", "n", "false", "0", "नहीं", "nein", "non"})
_LIST = re.compile(r"[;\n]")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")
_INTEGER = re.compile(r"^[+-]?\d{1,3}([, \u00a0\u202f]\d{3})+$|^[+-]?\d+$")


class Refused(Exception):
    """A cell the function cannot read; the message says why, for the person who typed it."""


def normalised(text: str) -> str:
    """``text`` as compared: case, spacing and underscores ignored, and the Devanagari nukta (people
    write टेलीफ़ोन and टेलीफोन alike)."""
    decomposed = unicodedata.normalize("NFD", text).replace("\u093c", "")
    return " ".join(unicodedata.normalize("NFC", decomposed).casefold().replace("_", " ").split())


def spoken(local_name: str) -> str:
    """``nonCritical`` -> ``non critical``."""
    return _CAMEL.sub(" ", local_name).lower()


def items(text: str) -> list[str]:
    """The items of a list cell ("telephone; chat"), in order."""
    return [item.strip() for item in _LIST.split(text) if item.strip()]


@dataclass
class Names:
    """Terms found by the texts people use for them (labels in English and Hindi, codes, names)."""

    what: str  # "a country", for messages
    by_text: dict[str, set[str]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)  # IRI -> how a person would write it
    codes: dict[str, str] = field(default_factory=dict)  # IRI -> its code, where it has one

    def add(self, iri: str, shown: str, *texts: str, code: str | None = None) -> None:
        self.shown.setdefault(iri, shown)
        if code is not None:
            self.codes.setdefault(iri, code)
        for text in (shown, *texts):
            for variant in {normalised(text), normalised(text.replace("-", " "))}:
                if variant:
                    self.by_text.setdefault(variant, set()).add(iri)

    def find(self, text: str) -> str:
        found = self.by_text.get(normalised(text))
        if found is None:
            raise Refused(f'"{text}" is not {self.what}{self.suggestion(text)}')
        if len(found) > 1:
            listed = ", ".join(sorted(self.display(iri) for iri in found))
            raise Refused(f'"{text}" is ambiguous: it names {listed}; write one of them')
        return next(iter(found))

    def suggestion(self, text: str) -> str:
        close = difflib.get_close_matches(normalised(text), list(self.by_text), n=1, cutoff=0.75)
        if not close:
            return ""
        iri = sorted(self.by_text[close[0]])[0]
        return f"; did you mean {self.display(iri)}?"

    def display(self, iri: str) -> str:
        """``"India" (IN)``: the name in quotes, with the code where there is one."""
        code = self.codes.get(iri)
        return f'"{self.shown[iri]}"' + (f" ({code})" if code and code != self.shown[iri] else "")


@dataclass(frozen=True)
class Vocabulary:
    """What cells may name: the ontology's named values and classes, and the shipped reference data."""

    instances: dict[str, Names]  # class IRI -> its named individuals (by every subclass)
    subclasses: dict[str, Names]  # class IRI -> it and its subclasses
    countries: Names
    languages: Names
    codes: Names


@cache
def vocabulary() -> Vocabulary:
    ontology = Graph()
    for path in ontology_files():
        ontology.parse(path, format="turtle")
    reference = Graph()
    for path in reference_files():
        reference.parse(path, format="turtle")
    return Vocabulary(
        _instances(ontology), _subclasses(ontology), _countries(reference), _languages(reference), _codes(reference)
    )


def _label(graph: Graph, iri: URIRef, language: str = "en") -> str | None:
    for predicate in (RDFS.label, SKOS.prefLabel):
        for label in graph.objects(iri, predicate):
            if getattr(label, "language", None) == language:
                return str(label)
    return None


def _texts(graph: Graph, iri: URIRef) -> list[str]:
    local = str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    texts = [str(o) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(iri, p)]
    texts += [local, spoken(local), f"<{iri}>"]
    if str(iri).startswith(str(BPO)):
        texts.append(f"bpo:{local}")
    return texts


def told_parents(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """Each named class's named superclasses as the axioms state them: ``rdfs:subClassOf``, a named
    equivalent class, and the named operands of an equivalent intersection (C = A and ... gives C under
    A). Sound without a reasoner (it misses only what needs reasoning), so import needs no Java."""
    parents: dict[URIRef, set[URIRef]] = {}
    for cls, parent in graph.subject_objects(RDFS.subClassOf):
        if isinstance(cls, URIRef) and isinstance(parent, URIRef):
            parents.setdefault(cls, set()).add(parent)
    for cls, equivalent in graph.subject_objects(OWL.equivalentClass):
        if not isinstance(cls, URIRef):
            continue
        if isinstance(equivalent, URIRef):
            parents.setdefault(cls, set()).add(equivalent)
            parents.setdefault(equivalent, set()).add(cls)
            continue
        members = graph.value(equivalent, OWL.intersectionOf)
        if members is not None:
            named = {m for m in Collection(graph, members) if isinstance(m, URIRef)}
            parents.setdefault(cls, set()).update(named)
    return parents


def _children(parents: dict[URIRef, set[URIRef]]) -> dict[URIRef, set[URIRef]]:
    children: dict[URIRef, set[URIRef]] = {}
    for child, ups in parents.items():
        for up in ups:
            children.setdefault(up, set()).add(child)
    return children


def _below(children: dict[URIRef, set[URIRef]], cls: URIRef) -> set[URIRef]:
    """``cls`` and every class under it."""
    found, todo = {cls}, [cls]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _subclasses(graph: Graph) -> dict[str, Names]:
    found: dict[str, Names] = {}
    children = _children(told_parents(graph))
    for cls in set(graph.subjects(RDF.type, OWL.Class)):
        if not isinstance(cls, URIRef) or not str(cls).startswith(str(BPO)):
            continue
        names = Names(f"a kind of {_label(graph, cls) or cls}")
        for sub in _below(children, cls):
            if str(sub).startswith(str(BPO)):
                names.add(str(sub), _label(graph, sub) or spoken(str(sub).rsplit("#", 1)[-1]), *_texts(graph, sub))
        found[str(cls)] = names
    return found


def _instances(graph: Graph) -> dict[str, Names]:
    found: dict[str, Names] = {}
    children = _children(told_parents(graph))
    for cls in set(graph.subjects(RDF.type, OWL.Class)):
        if not isinstance(cls, URIRef):
            continue
        names = Names(f"a {_label(graph, cls) or cls}")
        for sub in _below(children, cls):
            for individual in graph.subjects(RDF.type, sub):
                if isinstance(individual, URIRef) and (individual, RDF.type, OWL.NamedIndividual) in graph:
                    shown = _label(graph, individual) or spoken(str(individual).rsplit("#", 1)[-1])
                    names.add(str(individual), shown, *_texts(graph, individual))
        if names.shown:
            found[str(cls)] = names
    return found


def _countries(graph: Graph) -> Names:
    names = Names("a country")
    for country in graph.subjects(RDF.type, BPO.Country):
        code = str(graph.value(country, BPO.countryCode))
        english = _label(graph, country) or code
        names.add(str(country), english, code, *_texts(graph, country), code=code)
    return names


def _languages(graph: Graph) -> Names:
    names = Names("a language (ISO 639-1)")
    for language in graph.subjects(SKOS.inScheme, URIRef("https://w3id.org/bpo-kg/reference/languages")):
        code = str(graph.value(language, SKOS.notation))
        english = _label(graph, language) or code
        names.add(str(language), english, code, *_texts(graph, language), code=code)
    return names


def _prefixed(graph: Graph, iri: URIRef) -> str:
    """``nace2:8220``: the prefixed name by the reference file's own prefixes (or the IRI in brackets)."""
    try:
        prefix, _, local = graph.namespace_manager.compute_qname(str(iri), generate=False)
    except (KeyError, ValueError):
        return f"<{iri}>"
    return f"{prefix}:{local}"


def _codes(graph: Graph) -> Names:
    names = Names("an industry code of the shipped schemes (NACE Rev. 2 and 2.1, ISIC Rev. 4, NAICS 2022)")
    for scheme, words in REFERENCE_SCHEMES.items():
        for concept in graph.subjects(SKOS.inScheme, URIRef(scheme)):
            notation = str(graph.value(concept, SKOS.notation))
            shown = f"{words[0].upper()} {notation}" if words[0] != "nace 2.1" else f"NACE 2.1 {notation}"
            texts = [f"{word} {notation}" for word in words] + [notation, f"<{concept}>", _prefixed(graph, concept)]
            names.add(str(concept), shown, *texts)
    return names


@dataclass(frozen=True)
class Context:
    """What the functions need besides the cell: the base IRI and the keys of each sheet."""

    base: str
    keys: dict[str, dict[str, int]]  # sheet -> key -> row number
    vocabulary: Vocabulary

    def row_iri(self, key: str) -> str:
        return self.base + quote(key, safe="-._~")

    def key_of(self, iri: str) -> str | None:
        from urllib.parse import unquote

        return unquote(iri[len(self.base) :]) if iri.startswith(self.base) else None

    def call(self, function: str, text: str, arguments: dict[str, str]) -> str | list[str] | None:
        """The term(s) ``function`` reads from ``text`` (never called for an empty cell)."""
        named = {("cls" if name == "class" else name): value for name, value in arguments.items()}
        return getattr(self, f"_{function}")(text, **named)

    def _key(self, text: str) -> str:
        return self.row_iri(text)

    def _rows(self, text: str, sheet: str) -> list[str]:
        keys = self.keys.get(sheet)
        if keys is None:
            raise Refused(f'"{text}" names rows of sheet {sheet}, which the workbook does not have')
        found = []
        for key in items(text):
            if key not in keys:
                close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.75) if len(keys) < 50000 else []
                hint = f'; did you mean "{close[0]}"?' if close else ""
                raise Refused(f'no row of sheet {sheet} has the key "{key}"{hint}')
            found.append(self.row_iri(key))
        return found

    def _instance(self, text: str, cls: str) -> list[str]:
        names = self.vocabulary.instances.get(cls)
        if names is None:
            raise Refused(f"the mapping asks for values of {cls}, which has no named values")
        return [names.find(item) for item in items(text)]

    def _subclass(self, text: str, cls: str) -> str:
        names = self.vocabulary.subclasses.get(cls)
        if names is None:
            raise Refused(f"the mapping asks for kinds of {cls}, which is not a class of the ontology")
        return names.find(text)

    def _classIfYes(self, text: str, cls: str) -> str | None:
        return cls if self._yesNo(text) == "true" else None

    def _country(self, text: str, sheet: str = "places") -> list[str]:
        return [self._area(item, sheet, self.vocabulary.countries) for item in items(text)]

    def _place(self, text: str, sheet: str = "places") -> list[str]:
        return self._country(text, sheet)

    def _area(self, item: str, sheet: str, names: Names) -> str:
        keys = self.keys.get(sheet, {})
        if item in keys:
            return self.row_iri(item)
        if not keys:
            return names.find(item)
        try:
            return names.find(item)
        except Refused:
            close = difflib.get_close_matches(item, list(keys), n=1, cutoff=0.75) if len(keys) < 50000 else []
            hint = f'; did you mean "{close[0]}"?' if close else names.suggestion(item)
            raise Refused(f'"{item}" is neither a key of sheet {sheet} nor {names.what}{hint}') from None

    def _language(self, text: str) -> list[str]:
        return [self.vocabulary.languages.find(item) for item in items(text)]

    def _industryCode(self, text: str) -> list[str]:
        return [self.vocabulary.codes.find(item) for item in items(text)]

    def _integer(self, text: str) -> str:
        if not _INTEGER.match(text):
            raise Refused(f'"{text}" is not a whole number')
        number = int(re.sub(r"[, \u00a0\u202f]", "", text))
        if abs(number) >= 10**15:
            raise Refused(f'"{text}" is too large a number (15 digits at most)')
        return str(number)

    def _year(self, text: str) -> str:
        if not re.fullmatch(r"\d{4}", text):
            raise Refused(f'"{text}" is not a year (four digits, such as 2019)')
        return text

    def _yesNo(self, text: str) -> str:
        word = normalised(text)
        if word in YES:
            return "true"
        if word in NO:
            return "false"
        raise Refused(f'"{text}" is neither yes nor no')

    def _date(self, text: str) -> str:
        try:
            return datetime.date.fromisoformat(text[:10] if "T" in text else text).isoformat()
        except ValueError:
            raise Refused(f'"{text}" is not a date; write it YYYY-MM-DD (2025-04-01) or use an Excel date') from None

    def _timeZone(self, text: str) -> str:
        zones = _time_zones()
        if zones and text not in zones:
            close = difflib.get_close_matches(text, sorted(zones), n=1, cutoff=0.75)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            raise Refused(f'"{text}" is not an IANA time zone (such as Asia/Kolkata){hint}')
        return text

    def _languageTag(self, text: str) -> str:
        if not _LANGUAGE_TAG.match(text):
            raise Refused(f'"{text}" is not a language tag (such as de, es or pt-BR)')
        return text.lower()


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def first_problem(context: Context, function: str, text: str, arguments: dict[str, str]) -> str | None:
    """The message for ``text`` if ``function`` refuses it, else None."""
    try:
        context.call(function, text, arguments)
    except Refused as refused:
        return str(refused)
    return None


def as_terms(value: str | list[str] | None) -> Iterable[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else value
