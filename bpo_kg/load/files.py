"""Input files, before any parser sees them: formats by suffix, folders expanded, bytes checked as text.

Bad input raises :class:`~bpo_kg.errors.InputError`, whose message is one line:
``path:line:column: what is wrong``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bpo_kg.errors import InputError
from bpo_kg.load.jsonld import checked_document
from bpo_kg.load.limits import check_limits
from bpo_kg.load.spreadsheet import SPREADSHEET, imported
from bpo_kg.sheets.workbook import SPREADSHEET_SUFFIXES

FORMAT_BY_SUFFIX = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}
FORMAT_ALIASES = {
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "xml": "xml",
    "rdfxml": "xml",
    "rdf/xml": "xml",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
    "xlsx": SPREADSHEET,
    "csv": SPREADSHEET,
    "spreadsheet": SPREADSHEET,
}
# Suffixes picked up when a folder is given: .xml and .json are left out, since folders of
# ontology projects hold catalogs and other non-RDF files with those suffixes.
FOLDER_SUFFIXES = frozenset(FORMAT_BY_SUFFIX) - {".xml", ".json"}
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_NOT_BLANK = re.compile(rb"\S")  # bytes.strip() would copy a 1 GB file to find it blank
_CHUNK = 1 << 24


@dataclass(frozen=True)
class Position:
    line: int | None = None
    column: int | None = None

    def render(self, path: Path) -> str:
        where = str(path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where


def input_error(path: Path, message: str, position: Position = Position()) -> InputError:
    one_line = " ".join(message.split())
    return InputError(f"{position.render(path)}: {one_line}")


def resolve_format(path: Path, explicit: str | None = None) -> str:
    """The rdflib parser name for ``path`` (or :data:`SPREADSHEET`): from ``explicit`` if given, else
    from its suffix; a folder is a folder of CSV files."""
    if explicit is None and (path.suffix.lower() in SPREADSHEET_SUFFIXES or path.is_dir()):
        return SPREADSHEET
    if explicit is not None:
        try:
            return FORMAT_ALIASES[explicit.lower()]
        except KeyError:
            known = ", ".join(sorted(set(FORMAT_ALIASES)))
            raise InputError(f"{path}: unknown format {explicit!r} (known: {known})") from None
    try:
        return FORMAT_BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        known = " ".join(sorted(FORMAT_BY_SUFFIX))
        raise InputError(
            f"{path}: cannot tell the RDF format from the suffix {path.suffix or '(none)'!r}; "
            f"use one of {known}, a workbook (.xlsx, .csv) or pass --input-format"
        ) from None


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus every RDF file (by suffix) under named folders, sorted; a folder of
    CSV files (and no RDF) stays one entry: the sheets of one workbook."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
            sheets = [p for p in path.iterdir() if p.suffix.lower() == ".csv"]
            if sheets and found:
                raise InputError(f"{path}: folder holds both RDF files and CSV sheets; name the files or the sheets")
            if sheets:
                files.append(path)
                continue
            if not found:
                raise InputError(
                    f"{path}: folder holds no RDF file ({' '.join(sorted(FOLDER_SUFFIXES))}) and no CSV sheet"
                )
            files.extend(found)
        elif not path.exists():
            raise InputError(f"{path}: no such file or folder")
        else:
            files.append(path)
    return files


UTF8_BOM = b"\xef\xbb\xbf"


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise input_error(path, f"cannot read: {error.strerror or error}") from None


def _is_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8, decoded a slice at a time (a 1 GB file is not copied into a str)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), _CHUNK):
            decoder.decode(view[start : start + _CHUNK], final=start + _CHUNK >= len(data))
    except UnicodeDecodeError:
        return False
    return True


def _check_text(path: Path, data: bytes, fmt: str) -> None:
    if not _NOT_BLANK.search(data):
        raise input_error(path, "file is empty")
    if not _is_utf8(data):
        try:  # the whole text, only to say where
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise input_error(path, "not UTF-8 text (binary file?)", Position(line)) from None
    if (nul := data.find(b"\x00")) >= 0:  # in UTF-8 only U+0000 has a zero byte
        line = data[:nul].count(b"\n") + 1
        raise input_error(path, "contains NUL bytes (binary file?)", Position(line))
    if fmt == "xml":
        match = _DTD.search(data)
        if match:
            line = data[: match.start()].count(b"\n") + 1
            column = match.start() - data.rfind(b"\n", 0, match.start())
            raise input_error(
                path,
                "RDF/XML with a DOCTYPE or ENTITY declaration is refused (entities are neither fetched nor expanded)",
                Position(line, column),
            )


def read_text(path: Path) -> str:
    """A text file the user named (a query), as UTF-8; an :class:`InputError` if it cannot be read."""
    data = _read(path)
    _check_text(path, data, "text")
    return data.decode("utf-8")


def read_checked(path: Path, fmt: str | None = None) -> tuple[str, bytes]:
    """The parser name for ``path`` and its bytes, checked as text (see :class:`InputError`)."""
    parser = resolve_format(path, fmt)
    if parser == SPREADSHEET:  # imported once into N-Triples, which every parser reads
        return "nt", imported(path).ntriples
    data = read_bytes(path)
    check_bytes(path, parser, data)
    if parser == "json-ld":  # the shipped context inlined, any other remote one refused
        data = checked_document(path, data.decode("utf-8"), _error_at)
    return parser, data


def read_bytes(path: Path) -> bytes:
    """The bytes of a data file, unchecked, without a byte-order mark (editors on Windows write one;
    no parser wants it): :func:`check_bytes` must pass before anything parsed from them is used."""
    return _read(path).removeprefix(UTF8_BOM)


def check_bytes(path: Path, parser: str, data: bytes) -> None:
    """Refuse ``data`` (the bytes of ``path`` for ``parser``) that is no text, or beyond the limits."""
    _check_text(path, data, parser)
    check_limits(path, parser, data, _error_at)


def _error_at(path: Path, message: str, where: tuple[int, int] | None) -> InputError:
    return input_error(path, message, Position(*where) if where else Position())


def base_iri(path: Path) -> str:
    return path.resolve().as_uri()


def empty_file(path: Path, parser: str) -> InputError:
    return input_error(path, f"parsed as {parser} but holds no triples")
