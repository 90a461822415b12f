"""A SPARQL server that misbehaves on purpose, one way per path (``/ok``, ``/cut``, ``/no-type`` …),
for the endpoint client's fault tests: deterministic, in-process, on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

XSD = "http://www.w3.org/2001/XMLSchema#"
ROW = {
    "provider": {"type": "uri", "value": "https://example.org/bpo/Acme"},
    "name": {"type": "literal", "value": "Acme"},
}


def _result(bindings: list[dict], variables=("provider", "name")) -> bytes:
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}).encode()


# path -> (extra headers, body); bodies are SPARQL JSON results unless said otherwise
ANSWERS: dict[str, tuple[dict[str, str], bytes]] = {
    "/ok": ({}, _result([ROW])),
    "/no-type": ({}, _result([{"provider": {"value": "https://example.org/bpo/Acme"}}])),
    "/bad-integer": ({}, _result([{"n": {"type": "literal", "value": "many", "datatype": XSD + "integer"}}], ["n"])),
    "/max-rows": ({"X-SPARQL-MaxRows": "2"}, _result([ROW, ROW])),
    "/partial": ({"X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning incomplete results"}, _result([ROW])),
    "/capped": ({}, _result([ROW] * 3)),
    "/not-json": ({}, b"<html>Service Unavailable</html>"),
}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        path = self.path.split("?")[0]
        if path == "/cut":  # announces more than it sends, then closes
            body = _result([ROW])
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body) + 500))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
            return
        if path == "/drip":  # a byte every 0.2 s: each read is quick, the whole answer never comes
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
            return
        headers, body = ANSWERS[path]
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def fake_sparql_server() -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT``) of a misbehaving server, for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
