"""What the public finder costs a poor phone: bytes and time to a usable first screen.

Run: ``.venv/bin/python bench/bench_finder_page.py`` with ``DATABASE_URL`` pointing at a loaded
database (``make data``). The script collects the static files into a temporary folder (hashed
and compressed by WhiteNoise, as in production), serves the site with gunicorn on a free
loopback port with DEBUG off (so the Content-Security-Policy is enforced), and opens the finder
in Chromium at 390 x 844 with the network and the processor slowed through Chromium's DevTools
protocol: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency (Network.emulateNetworkConditions), a
processor four times slower (Emulation.setCPUThrottlingRate). Map tiles are not counted: their
server's name resolves to nothing here (they come from tile.openstreetmap.org when the map is
opened, never on the first screen).

Times are the page's own (from navigation start, Performance API) and, for ready, also the
wall-clock time from asking for the page to seeing the mark (``ready_wall_ms``). "Ready" is
the page's own mark (``performance.mark("finder-ready")``, with
``body[data-finder-ready=true]``): the search box, the chips and the filters work and, when
the address holds a place, its answer is listed. One JSON line per figure:

- ``first-visit``: a cold visit to ``/`` (empty cache, no service worker): bytes over the wire
  until ready (compressed, headers excluded) and uncompressed, each file, first contentful
  paint, ready; then (``-after-ready``) what the page fetched after ready and how many
  entries the service worker keeps (its own requests are not the page's and are not counted);
- ``shared-link``: a cold visit to a link with a place and a category (the answer included);
- ``open-map``: from "Show the map" to the map drawn, and the bytes it fetched (Leaflet);
- ``revisit``: the same phone coming back: the page's requests answered by the service worker
  (network first for the page and the answer: the worker's own requests are not seen here).

``--budget-kb`` (300) is checked against the first visit; ``--label`` tags every line;
``--chromium`` picks the browser (default ``/usr/bin/chromium`` when present).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright
from serving import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--host-resolver-rules=MAP tile.openstreetmap.org ~NOTFOUND",
]
PHONE = {"width": 390, "height": 844}
# 1.6 Mbit/s down, 750 kbit/s up, in bytes per second, and 150 ms of latency.
NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
CPU_SLOWDOWN = 4
READY = "body[data-finder-ready=true]"
TIMINGS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const ready = performance.getEntriesByName("finder-ready")[0];
  return {
    dom_content_loaded_ms: nav ? Math.round(nav.domContentLoadedEventEnd) : null,
    first_contentful_paint_ms: paint ? Math.round(paint.startTime) : null,
    ready_ms: ready ? Math.round(ready.startTime) : null,
  };
}"""


def emit(figure: str, label: str, **values) -> None:
    line = {"bench": "finder-page", "label": label, "figure": figure} | values
    print(json.dumps(line), flush=True)


def production_env(static_root: str) -> dict:
    """DEBUG off as in production, over plain HTTP on the loopback."""
    return os.environ | {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": static_root,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_PROXY_SSL": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": os.environ.get("BENCH_SERVER_LOG_LEVEL", "WARNING"),
    }


def collect_static(env: dict) -> None:
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def start_server(port: int, env: dict) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4"]
    # The walking network is loaded before the worker starts (gunicorn.conf.py): the first
    # answer is not slowed by it.
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    return wait_until_up(server, f"http://127.0.0.1:{port}/healthz", 180, 0.5)


def get_json(url: str):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as r:
        return json.loads(r.read())


class Recorder:
    """Every finished request of a page: path, type, bytes on the wire and uncompressed."""

    def __init__(self, page, static_root: str):
        self.rows = []
        self.static_root = Path(static_root)
        page.on("requestfinished", self._finished)

    def _on_disk(self, path: str, body: int) -> int:
        """A static file's size as WhiteNoise sends it (its .gz beside it, else as it is), for
        requests whose wire size the page cannot see (those passed on by the service
        worker)."""
        if not path.startswith("/static/"):
            return body
        name = self.static_root / path.split("?")[0].removeprefix("/static/")
        compressed = name.with_name(name.name + ".gz")
        return compressed.stat().st_size if compressed.exists() else body

    def _finished(self, request):
        response = request.response()
        if response is None:
            return
        try:
            body = len(response.body()) if response.status != 304 else 0
        except Exception:  # bodies of redirects and aborted requests are not kept
            body = 0
        url = urllib.parse.urlsplit(request.url)
        path = url.path + (f"?{url.query}" if url.query else "")
        compressed = request.sizes()["responseBodySize"]
        if compressed < 0:
            compressed = self._on_disk(path, body)
        self.rows.append(
            {
                "path": path,
                "type": request.resource_type,
                "status": response.status,
                "compressed": compressed,
                "uncompressed": body,
                "encoding": response.headers.get("content-encoding", ""),
                "from_service_worker": response.from_service_worker,
            }
        )

    def mark(self) -> int:
        return len(self.rows)

    def since(self, mark: int) -> list[dict]:
        return self.rows[mark:]


def totals(rows: list[dict]) -> dict:
    return {
        "requests": len(rows),
        "bytes_compressed": sum(r["compressed"] for r in rows),
        "bytes_uncompressed": sum(r["uncompressed"] for r in rows),
    }


def settle(page, recorder: Recorder, quiet_ms: int = 600) -> None:
    seen = -1
    while seen != recorder.mark():
        seen = recorder.mark()
        page.wait_for_timeout(quiet_ms)


def slow_phone(browser, url: str, language: str):
    """A fresh context (empty caches) at 390 x 844 with the network and processor slowed."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    context.add_cookies([{"name": "django_language", "value": language, "url": url}])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return context, page, cdp


def worker_bytes(page) -> dict:
    """What the service worker keeps after the visit: its caches' entries."""
    return page.evaluate(
        """async () => {
            const out = {};
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                out[name] = (await cache.keys()).length;
            }
            return out;
        }"""
    )


def visit(browser, url, path, language, label, figure, budget, static_root):
    context, page, cdp = slow_phone(browser, url, language)
    recorder = Recorder(page, static_root)
    started = time.perf_counter()
    page.goto(url + path, wait_until="commit")
    page.wait_for_selector(READY, timeout=120_000)
    # Seen from outside too: the page's clock starts at navigation, after the request left.
    wall_ms = round((time.perf_counter() - started) * 1000)
    timings = page.evaluate(TIMINGS) | {"ready_wall_ms": wall_ms}
    rows = recorder.since(0)
    first = totals(rows)
    emit(
        figure,
        label,
        path=path,
        language=language,
        **timings,
        **first,
        budget_bytes=budget,
        within_budget=first["bytes_compressed"] <= budget,
        files=[
            {k: r[k] for k in ("path", "type", "status", "compressed", "uncompressed", "encoding")}
            for r in rows
        ],
    )
    # After ready: the worker installs and keeps the finder's files (its own requests are not
    # the page's; they mostly come from the browser's cache).
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
    settle(page, recorder)
    emit(
        f"{figure}-after-ready",
        label,
        path=path,
        page_requests_after_ready=totals(recorder.since(len(rows))),
        service_worker_caches=worker_bytes(page),
    )
    return context, page, cdp, recorder


def open_map(page, recorder: Recorder, label: str) -> None:
    mark = recorder.mark()
    started = page.evaluate("() => performance.now()")
    page.click("#map-toggle")
    page.wait_for_selector("#map-panel[data-state=ready]", timeout=120_000)
    drawn = page.evaluate("() => performance.now()")
    settle(page, recorder)
    rows = [r for r in recorder.since(mark) if "tile.openstreetmap.org" not in r["path"]]
    emit(
        "open-map",
        label,
        ms=round(drawn - started),
        **totals(rows),
        files=[{k: r[k] for k in ("path", "compressed", "uncompressed")} for r in rows],
        note="map tiles from tile.openstreetmap.org not counted",
    )


def revisit(page, recorder: Recorder, path: str, label: str) -> None:
    mark = recorder.mark()
    page.goto(page.url.split("/?")[0].rstrip("/") + path, wait_until="commit")
    page.wait_for_selector(READY, timeout=120_000)
    timings = page.evaluate(TIMINGS)
    rows = recorder.since(mark)
    wire = [r for r in rows if not r["from_service_worker"]]
    emit(
        "revisit",
        label,
        path=path,
        **timings,
        requests=len(rows),
        from_service_worker=len(rows) - len(wire),
        bytes_compressed=sum(r["compressed"] for r in wire),
    )


def run(url: str, label: str, chromium: str | None, budget: int, language: str, static_root):
    street = next(
        p
        for p in get_json(url + "/api/geocode/?" + urllib.parse.urlencode({"q": "Via Nizza 230"}))
        if p["kind"] == "street"
    )
    shared = "/?" + urllib.parse.urlencode(
        {
            "q": street["label"],
            "lon": f"{street['lon']:.5f}",
            "lat": f"{street['lat']:.5f}",
            "precision": "street",
            "category": "food_distribution",
        }
    )
    # The server's first answer of each kind is not the phone's concern: ask once before.
    warm = {"lon": street["lon"], "lat": street["lat"], "category": "food_distribution"}
    get_json(url + "/api/nearest/?" + urllib.parse.urlencode(warm | {"limit": 5, "route": 1}))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context, page, _cdp, recorder = visit(
            browser, url, "/", language, label, "first-visit", budget, static_root
        )
        revisit(page, recorder, "/", label)
        context.close()

        context, page, _cdp, recorder = visit(
            browser, url, shared, language, label, "shared-link", budget, static_root
        )
        open_map(page, recorder, label)
        revisit(page, recorder, shared, label)
        context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="current")
    parser.add_argument("--language", default="it", help="the finder's language (cookie)")
    parser.add_argument("--budget-kb", type=int, default=300)
    parser.add_argument(
        "--chromium",
        default=DEFAULT_CHROMIUM if os.path.exists(DEFAULT_CHROMIUM) else None,
        help="Chromium executable (default: Debian's, else Playwright's own)",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("Set DATABASE_URL to a loaded database (make data).")
    with tempfile.TemporaryDirectory(prefix="geoplan-static-") as static_root:
        env = production_env(static_root)
        collect_static(env)
        port = free_port()
        server = start_server(port, env)
        try:
            run(
                f"http://127.0.0.1:{port}",
                args.label,
                args.chromium,
                args.budget_kb * 1024,
                args.language,
                static_root,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
