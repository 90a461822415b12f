"""A small SPARQL 1.1 protocol client: SELECT queries and Graph Store uploads over HTTP.

rdflib's SPARQLStore is not used: its Accept header varies with the process's hash seed, and when
RDF/XML comes first Virtuoso answers a SELECT with an RDF/XML graph (components.md). Here the
Accept header is fixed to SPARQL JSON results, the graph is always named (``default-graph-uri``),
and every failure becomes one :class:`EndpointError` line.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from email.message import Message
from typing import TypeVar

from rdflib import BNode, Literal, Node, URIRef
from rdflib.namespace import XSD

from bpo_kg.errors import EndpointError, TruncatedResultError

SELECT_ACCEPT = "application/sparql-results+json"
_INTEGER_TYPES = {
    str(XSD[name])
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "nonPositiveInteger",
        "negativeInteger",
    )
}


T = TypeVar("T")
PREFLIGHT_BYTES = 64 * 1024  # a larger body may not be in the socket's buffer before a 401 comes back
_KINDS = ("uri", "bnode", "literal", "typed-literal")
Graphs = str | Sequence[str] | None


def _term(binding: dict) -> Node:
    """One RDF term of a SPARQL JSON result (ValueError if the binding is not a well-formed one)."""
    kind, value = binding.get("type"), binding.get("value")
    if kind not in _KINDS or not isinstance(value, str):
        raise ValueError(f"a binding without a valid type and value: {json.dumps(binding)[:100]}")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype in _INTEGER_TYPES:  # servers pick different integer types for the same value (COUNT)
        if not re.fullmatch(r"\s*[+-]?\d+\s*", value):
            raise ValueError(f"{value[:40]!r} is not an {datatype.split('#')[-1]}")
        return Literal(int(value))
    if datatype == str(XSD.boolean):
        return Literal(value in ("true", "1"))
    return Literal(value, datatype=URIRef(datatype) if datatype and datatype != str(XSD.string) else None)


def drain(items: list[T]) -> Iterator[T]:
    """The items of ``items`` in order, each removed from it as it is yielded (the list ends empty)."""
    items.reverse()
    while items:
        yield items.pop()


def _as_term(parsed: dict) -> dict | Node:
    """A JSON object as the parser reads it: a well-formed binding as its term, anything else
    unchanged (a malformed binding is reported by :func:`_read`)."""
    if isinstance(parsed.get("type"), str) and isinstance(parsed.get("value"), str):
        try:
            return _term(parsed)
        except ValueError:
            return parsed
    return parsed


def _read(binding: dict | Node) -> Node:
    return binding if isinstance(binding, Node) else _term(binding)


@dataclass
class SparqlEndpoint:
    """One SPARQL endpoint (``url``), optionally with credentials for its Graph Store protocol."""

    url: str
    timeout: float = 60.0  # for the whole answer, not per read
    user: str | None = None
    password: str | None = None
    max_rows: int | None = None  # the server's row cap, where it does not announce it
    software: str | None = field(default=None, compare=False)  # its HTTP Server header, once it answered

    def _open(self, request: urllib.request.Request) -> tuple[bytes, Message]:
        handlers = []
        if self.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, request.full_url, self.user, self.password or "")
            handlers = [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
            if len(request.data or b"") > PREFLIGHT_BYTES:
                self._authorize(request, passwords)
        opener = urllib.request.build_opener(*handlers)
        deadline = time.monotonic() + self.timeout
        try:
            with opener.open(request, timeout=self.timeout) as response:
                self.software = response.headers.get("Server") or self.software
                return _read_by(response, deadline, self.url, self.timeout), response.headers
        except urllib.error.HTTPError as error:
            body = re.sub(r"<[^>]*>", "\n", error.read().decode("utf-8", "replace")).splitlines()
            detail = next((line.strip() for line in body if line.strip()), str(error.reason))
            raise EndpointError(f"{request.full_url.split('?')[0]}: HTTP {error.code}: {detail[:300]}") from None
        except TimeoutError:
            raise EndpointError(f"{self.url}: no answer within {self.timeout:g} s (timeout)") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise EndpointError(f"{self.url}: no answer within {self.timeout:g} s (timeout)") from None
            raise EndpointError(f"{self.url}: cannot reach the endpoint ({error.reason})") from None
        except (ConnectionError, OSError) as error:
            raise EndpointError(f"{self.url}: connection failed ({error})") from None
        except http.client.HTTPException as error:
            raise EndpointError(f"{self.url}: the answer was cut off or malformed ({type(error).__name__})") from None

    def _authorize(self, request: urllib.request.Request, passwords: urllib.request.HTTPPasswordMgr) -> None:
        """Digest credentials for ``request`` from the challenge to a bodiless HEAD. A server that
        answers 401 before it reads the body and closes (Virtuoso) would otherwise cut a large
        body off while it is being sent: a broken pipe instead of an answer."""
        try:
            with urllib.request.urlopen(urllib.request.Request(request.full_url, method="HEAD"), timeout=self.timeout):
                return  # no credentials asked for
        except urllib.error.HTTPError as error:
            challenge = error.headers.get("WWW-Authenticate", "")
            error.close()
        except (urllib.error.URLError, OSError):
            return  # the request itself says what is wrong
        scheme, _, fields = challenge.partition(" ")
        if scheme.lower() != "digest":
            return
        parsed = urllib.request.parse_keqv_list(urllib.request.parse_http_list(fields))
        authorization = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(request, parsed)
        if authorization:
            request.add_unredirected_header("Authorization", f"Digest {authorization}")

    def _post(self, form: dict[str, str | list[str]], accept: str = SELECT_ACCEPT) -> tuple[bytes, Message]:
        request = urllib.request.Request(
            self.url,
            data=urllib.parse.urlencode(form, doseq=True).encode(),
            method="POST",
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        return self._open(request)

    def _results(self, query: str, graph: Graphs, named: Graphs, terms: bool = False) -> tuple[dict, Message]:
        """The JSON answer; ``terms``: each binding read as an RDF term as it is parsed (a large
        page is held as rows of terms, not as three dictionaries a row)."""
        form: dict[str, str | list[str]] = {"query": query}
        if graph:
            form["default-graph-uri"] = [graph] if isinstance(graph, str) else list(graph)
        if named:
            form["named-graph-uri"] = [named] if isinstance(named, str) else list(named)
        body, headers = self._post(form)
        try:
            results = json.loads(body, object_hook=_as_term if terms else None)
            if not isinstance(results, dict):
                raise TypeError
        except (ValueError, TypeError):
            first = body[:120].decode("utf-8", "replace").split("\n")[0]
            raise EndpointError(f"{self.url}: not a SPARQL JSON result (starts with {first!r})") from None
        return results, headers

    def select(
        self, query: str, graph: Graphs = None, paged: bool = False, named: Graphs = None
    ) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        """Run a SELECT over the default graph ``graph`` (or the merge of several) and the named
        graphs ``named``; returns the variable names and the rows as rdflib terms (None where
        unbound). ``paged``: the query is one page (LIMIT at most the cap), so a full page is no
        sign of a cut."""
        results, headers = self._results(query, graph, named, terms=True)
        try:
            variables = results["head"]["vars"]
            bindings = results["results"]["bindings"]
        except (KeyError, TypeError):
            raise EndpointError(f"{self.url}: not a SPARQL JSON result of a SELECT") from None
        try:  # each binding let go of as soon as it is read: a page of a large result is held once
            rows = [tuple(_read(row[var]) if var in row else None for var in variables) for row in drain(bindings)]
        except (ValueError, TypeError, AttributeError) as error:
            raise EndpointError(f"{self.url}: a malformed SPARQL JSON result: {error}") from None
        self._refuse_truncated(headers, None if paged else len(rows))
        return variables, rows

    def ask(self, query: str, graph: Graphs = None, named: Graphs = None) -> bool:
        """Run an ASK over the default graph ``graph`` (or several) and the named graphs ``named``."""
        results, headers = self._results(query, graph, named)
        self._refuse_truncated(headers, None)
        if isinstance(results.get("boolean"), bool):
            return results["boolean"]
        try:  # Virtuoso 7 answers with a one-row SELECT of __ASK_RETVAL, 1 or 0
            if results["head"]["vars"] == ["__ASK_RETVAL"]:
                values = {row["__ASK_RETVAL"]["value"] for row in results["results"]["bindings"]}
                if values <= {"0", "1"}:
                    return values == {"1"}
        except (KeyError, TypeError):
            pass
        raise EndpointError(f"{self.url}: not a SPARQL JSON result of an ASK")

    def server_software(self) -> str | None:
        """The server's ``Server`` header (from an empty ASK if nothing was asked yet; a server that
        answers it wrongly still names itself)."""
        if self.software is None:
            with contextlib.suppress(EndpointError):
                self.ask("ASK {}")
        return self.software

    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update (the graphs it reads and writes are named in its text)."""
        try:
            self._post({"update": update}, accept="*/*")
        except EndpointError as error:
            if re.search(r"HTTP 40[13]\b|permission|not allowed|read-?only", str(error), re.IGNORECASE):
                raise EndpointError(
                    f"{error} -- the server refuses updates to this account (Virtuoso: use the /sparql-auth "
                    "endpoint; the account comes from BPO_KG_ENDPOINT_USER and BPO_KG_ENDPOINT_PASSWORD)"
                ) from None
            raise

    def _refuse_truncated(self, headers: Message, rows: int | None) -> None:
        """A partial-result state (Virtuoso's ``X-SQL-State``) or as many rows as the server's cap
        (``X-SPARQL-MaxRows``, or ``max_rows``) means the result was cut short."""
        if state := headers.get("X-SQL-State"):
            detail = headers.get("X-SQL-Message", "")
            raise TruncatedResultError(f"{self.url}: the server returned a partial result ({state} {detail})".strip())
        announced = headers.get("X-SPARQL-MaxRows", "")
        cap = int(announced) if announced.strip().isdigit() else self.max_rows
        if cap is not None and rows is not None and rows >= cap:
            raise TruncatedResultError(
                f"{self.url}: result truncated at {cap} rows; page with LIMIT/OFFSET or raise the server's limit",
                cap,
            )

    def count(self, graph: str) -> int:
        """The number of triples in a named graph."""
        _vars, rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        value = rows[0][0] if rows else None
        if value is None:
            return 0
        if not (isinstance(value, Literal) and isinstance(value.toPython(), int)):
            raise EndpointError(f"{self.url}: a triple count that is not a number ({value.n3()[:60]})")
        return int(value)

    def put_graph(self, store_url: str, graph: str, ntriples: bytes, method: str = "PUT") -> None:
        """Replace a named graph through the SPARQL 1.1 Graph Store HTTP protocol (PUT; POST adds)."""
        url = f"{store_url}?{urllib.parse.urlencode({'graph': graph})}"
        request = urllib.request.Request(
            url, data=ntriples, method=method, headers={"Content-Type": "application/n-triples"}
        )
        self._open(request)

    def post_graph(self, store_url: str, graph: str, ntriples: bytes) -> None:
        """Add triples to a named graph through the Graph Store HTTP protocol (POST)."""
        self.put_graph(store_url, graph, ntriples, method="POST")


def _read_by(response: http.client.HTTPResponse, deadline: float, url: str, timeout: float) -> bytes:
    """The whole body, read before ``deadline`` (a server that drips bytes is cut off), and complete
    (a body shorter than its Content-Length is an error)."""
    chunks = []
    while chunk := response.read1(65536):
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise EndpointError(f"{url}: no complete answer within {timeout:g} s (timeout)")
    if response.length:  # bytes announced but never sent
        raise EndpointError(f"{url}: the answer was cut off ({response.length} bytes missing)")
    return b"".join(chunks)


def default_store_url(endpoint_url: str) -> str:
    """Virtuoso's authenticated Graph Store URL beside its SPARQL endpoint (``/sparql-graph-crud-auth``)."""
    parts = urllib.parse.urlsplit(endpoint_url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/sparql-graph-crud-auth", "", ""))
