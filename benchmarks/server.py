"""The benchmark's SPARQL server: a private Virtuoso (tools/virtuoso/server.sh) on spare ports, its
bulk loader, and its peak memory.

One server per size: the data file is bulk-loaded into a fresh named graph for each run (the
"load" stage of the server path), reasoned over and validated there, and dropped afterwards.
"""

from __future__ import annotations

import os
import socket
import subprocess
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tools" / "virtuoso" / "server.sh"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateServer:
    """A Virtuoso started in ``folder`` for the duration of a ``with`` block."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = dict(os.environ, BPO_KG_VIRTUOSO_HTTP=str(_free_port()), BPO_KG_VIRTUOSO_SQL=str(_free_port()))
        self.url = ""

    def __enter__(self) -> PrivateServer:
        started = subprocess.run(
            [str(SCRIPT), "start", str(self.folder)], env=self.env, capture_output=True, text=True, check=True
        )
        self.url = started.stdout.strip().replace("/sparql", "/sparql-auth")
        return self

    def __exit__(self, *_exc) -> None:
        subprocess.run([str(SCRIPT), "stop", str(self.folder)], env=self.env, check=False)

    def pid(self) -> int:
        return int((self.folder / "pid").read_text())

    def peak_rss_mb(self) -> float:
        """The server process's peak resident memory so far (VmHWM)."""
        for line in Path(f"/proc/{self.pid()}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def child_env(self) -> dict[str, str]:
        """What a benchmark child needs to load into and reach this server."""
        return {**self.env, "BPO_KG_BENCH_SERVER": str(self.folder), "BPO_KG_BENCH_ENDPOINT": self.url}


def bulk_load(data_file: Path) -> str:
    """Load ``data_file`` into a fresh named graph of the server named by the environment (as
    :meth:`PrivateServer.child_env` sets it); returns the graph's IRI."""
    graph = f"https://w3id.org/bpo-kg/bench/{uuid.uuid4()}"
    folder = os.environ["BPO_KG_BENCH_SERVER"]
    subprocess.run([str(SCRIPT), "load", folder, str(data_file), graph], check=True, capture_output=True)
    return graph
