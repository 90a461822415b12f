"""The errors every stage raises: each message is one line a person reads (the CLI prints it as is).

:class:`BpoKgError` and its subclasses are usage or input errors (exit code 2); a
:class:`ReleaseError` means the ontology itself is broken (exit code 1).
"""

from __future__ import annotations


class BpoKgError(Exception):
    """A problem the user can fix; the message is one line naming the file, term or option at fault."""


class InputError(BpoKgError):
    """Bad user input: a file that cannot be read or parsed, a bad option value; names file and position."""


class ReasonerError(BpoKgError):
    """The reasoner could not run (Java missing, reasoner crash), or nothing sound follows from its answer."""


class ShapesError(BpoKgError):
    """The SHACL shapes could not be applied."""


class UnsupportedError(BpoKgError):
    """A construct an engine does not handle (e.g. a SHACL component the scale engine does not compile);
    refused rather than answered wrongly."""


class ParameterError(BpoKgError):
    """A missing, unknown or malformed query parameter, or an unknown query."""


class QueryFileError(BpoKgError):
    """A query file that does not parse or lacks its header."""


class EndpointError(BpoKgError):
    """A SPARQL endpoint could not be reached, timed out, or answered with an error."""


class TruncatedResultError(EndpointError):
    """A server answered with part of the result (a row cap, a partial-result state): the answer
    would be wrong, so it is an error (exit code 1), never printed as complete. ``cap``: the row cap
    that cut it (None for a partial-result state)."""

    def __init__(self, message: str, cap: int | None = None) -> None:
        super().__init__(message)
        self.cap = cap


class DiagramError(BpoKgError):
    """Graphviz is missing or failed."""


class DocsError(BpoKgError):
    """The generated documentation lacks a term section."""


class ReleaseError(Exception):
    """The release cannot be built because the ontology is incoherent."""
