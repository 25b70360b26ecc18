"""Load test of the map API under gunicorn, on this machine only (`make loadtest`).

Starts gunicorn (gunicorn.conf.py, 2 workers) on a free loopback port against DATABASE_URL (the
demo database by default: `make demo`'s data), with production settings (DEBUG off). The
anonymous rate limit is raised for the run (API_ANON_RATE, see below): the what-if load comes
from one address and would otherwise be refused after 60 requests a minute. It warms every
endpoint, then sends LOADTEST_RPS (200) requests a second for LOADTEST_SECONDS (60) on an
open-loop schedule (scripts/loadgen.py says why not locust or wrk): 5 what-if POSTs a second and the rest GETs over /api/sites/, /api/zones/,
/api/access/cells/ and /api/access/worst/ for every category and both profiles. It prints
p50/p95/p99 per endpoint group, for the GETs and overall, the requests a second achieved and
the errors, and exits non-zero when a request failed. Bounded: the run stops by itself and
gunicorn is stopped at the end.

Target: 0 errors, p95 <= 50 ms for the GETs (printed as met or missed; not an exit status).
"""

import json
import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadgen  # noqa: E402  (the script's own folder)

VENV_BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgis://geoplan:geoplan@127.0.0.1:5432/geoplan"
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
RPS = int(os.environ.get("LOADTEST_RPS", "200"))
WHATIF_RPS = int(os.environ.get("LOADTEST_WHATIF_RPS", "5"))
WORKERS = os.environ.get("LOADTEST_WORKERS", "2")
GET_P95_TARGET_MS = 50
# LOADTEST_WEIGHTS="sites=1,zones=1,cells=2,worst=2" (the default) sets the mix of the GETs.
GROUPS = ("sites", "zones", "cells", "worst", "what-if")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 30) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def server_env(port: int) -> dict:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    env |= {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no redirect to HTTPS, no secure-only cookies.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": WORKERS,
        # The what-if load comes from one address: lift the anonymous limit for the run.
        "API_ANON_RATE": "1000000/min",
        "LOG_FORMAT": "json",
    }
    return env


def wait_until_healthy(base: str, server: subprocess.Popen) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn stopped while starting: see its log above.")
        try:
            return json.loads(get(base + "/healthz", timeout=5))
        except urllib.error.HTTPError as exc:
            return json.loads(exc.read())
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer /healthz within 60 s.")


def warm(base: str, categories: list[str]) -> None:
    """Each worker answers each endpoint a few times before the clock starts."""
    urls = ["/api/sites/", "/api/zones/"] + [
        f"/api/access/{what}/?category={c}&profile={p}"
        for what in ("cells", "worst")
        for c in categories
        for p in ("standard", "slow")
    ]
    body = json.dumps({"sites": [{"lon": 7.63, "lat": 45.03, "category": categories[0]}]})
    for _ in range(int(WORKERS) * 2):
        for url in urls:
            get(base + url)
            # The load asks for compressed answers: warm those too.
            get_request(urllib.request.Request(base + url, headers={"Accept-Encoding": "gzip"}))
        request = urllib.request.Request(
            base + "/api/access/what-if",
            data=body.encode(),
            headers={"Content-Type": "application/json"},
        )
        get_request(request)


def get_request(request) -> bytes:
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def percentile(sorted_ms: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted values."""
    if not sorted_ms:
        return math.nan
    k = max(0, math.ceil(q / 100 * len(sorted_ms)) - 1)
    return sorted_ms[k]


def groups_of(samples: list) -> list[str]:
    """The known groups in their order, then any other asked for in LOADTEST_WEIGHTS."""
    seen = {s[0] for s in samples}
    return [g for g in GROUPS if g in seen] + sorted(seen - set(GROUPS))


def summarise(samples: list, seconds: float) -> list[tuple]:
    rows = []
    gets = [s for s in samples if s[0] != "what-if"]
    for label, chosen in [
        *((g, [s for s in samples if s[0] == g]) for g in groups_of(samples)),
        ("all GETs", gets),
        ("overall", samples),
    ]:
        ms = sorted(s[1] for s in chosen)
        errors = sum(1 for s in chosen if not s[2])
        rows.append(
            (
                label,
                len(chosen),
                len(chosen) / seconds if seconds else math.nan,
                errors,
                percentile(ms, 50),
                percentile(ms, 95),
                percentile(ms, 99),
                ms[-1] if ms else math.nan,
            )
        )
    return rows


def print_table(rows: list[tuple]) -> None:
    head = ("group", "requests", "req/s", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms")
    print("{:<10} {:>9} {:>7} {:>7} {:>8} {:>8} {:>8} {:>8}".format(*head))
    for label, n, rps, errors, p50, p95, p99, top in rows:
        print(
            f"{label:<10} {n:>9} {rps:>7.1f} {errors:>7} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} "
            f"{top:>8.1f}"
        )


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children still running (Linux /proc)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def main() -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    workdir = Path(tempfile.mkdtemp(prefix="geoplan-loadtest-"))
    server_log = workdir / "gunicorn.log"
    env = server_env(port)
    print(
        f"database: {env['DATABASE_URL'].rsplit('@', 1)[-1]}; gunicorn on {base}, {WORKERS} workers"
    )
    print("API_ANON_RATE raised to 1000000/min for this run (what-if comes from one address).")
    with open(server_log, "w") as log:
        server = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        health = wait_until_healthy(base, server)
        runs = health.get("access_runs") or {}
        if health.get("status") != "ok" or not all(runs.get(p) for p in ("standard", "slow")):
            print(json.dumps(health, indent=2))
            print(
                "The server is not ready for a load test: it needs its database and broker, and "
                "a completed accessibility run for both profiles (`make demo` loads them)."
            )
            return 2
        categories = [c["code"] for c in json.loads(get(base + "/api/categories/"))]
        print(f"warming up: {len(categories)} categories x 2 profiles")
        warm(base, categories)

        weights = {
            name: float(w)
            for name, w in (
                pair.split("=")
                for pair in os.environ.get(
                    "LOADTEST_WEIGHTS", "sites=1,zones=1,cells=2,worst=2"
                ).split(",")
            )
        }
        cpu_before = cpu_seconds(server.pid)
        print(f"running: {RPS} requests/s ({WHATIF_RPS} what-if) for {SECONDS} s")
        samples, seconds, cpu_client = loadgen.run(
            port, categories, weights, RPS, WHATIF_RPS, SECONDS
        )
        cpu_server = cpu_seconds(server.pid) - cpu_before
        rows = summarise(samples, seconds)
        print()
        print_table(rows)
        gets = next(r for r in rows if r[0] == "all GETs")
        overall = next(r for r in rows if r[0] == "overall")
        print()
        print(
            f"achieved {overall[2]:.1f} requests/s over {seconds:.1f} s (asked {RPS}); "
            f"errors {overall[3]}; CPU cores used on average: gunicorn {cpu_server / seconds:.2f}, "
            f"load generator {cpu_client / seconds:.2f} (this machine has {os.cpu_count()})"
        )
        met = overall[3] == 0 and gets[5] <= GET_P95_TARGET_MS
        print(
            f"target (0 errors, GET p95 <= {GET_P95_TARGET_MS} ms): "
            + ("met" if met else f"missed (GET p95 {gets[5]:.1f} ms, errors {overall[3]})")
        )
        print(f"server log: {server_log}")
        return 1 if overall[3] else 0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main())
