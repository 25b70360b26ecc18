"""What the page benchmarks share: a free loopback port, and waiting for the server they start."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(
    server: subprocess.Popen, url: str, timeout_s: float, every_s: float
) -> subprocess.Popen:
    """Return ``server`` once ``url`` answers 200; stop it and exit if it dies or stays silent."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at start (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(every_s)
    server.terminate()
    raise SystemExit(f"the server did not answer within {timeout_s:.0f} s")
