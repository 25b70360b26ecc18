"""What the planner map downloads and how long it takes at each category or walking-speed switch.

Run: ``make bench`` or ``.venv/bin/python bench/bench_payloads.py`` with ``DATABASE_URL`` pointing
at a loaded database (``make data``). The script starts gunicorn on a free loopback port against
that database, drives Chromium with Playwright through a series of switches and stops the server
at the end. One JSON line per figure:

- ``page-load``: the first opening of the map (every request, compressed and uncompressed bytes);
- ``switch``: one category/profile switch: the requests it made, bytes transferred (compressed, as
  they crossed the wire, headers excluded) and their uncompressed size, and the time from the
  select's change to the map being ready again (``body[data-map-ready=true]``);
- ``switch-summary``: first visits and revisits (answered ``304 Not Modified`` when the
  browser's copy still holds) apart;
- ``endpoint``: the per-choice API answers fetched directly, with and without gzip, including the
  GeoJSON cells endpoint the map used before the compact H3 one.

``--label`` tags every line (e.g. ``before`` / ``after`` a change); ``--chromium`` picks the
browser (default ``/usr/bin/chromium`` when present, else Playwright's own).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright
from serving import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CHROMIUM = "/usr/bin/chromium"
# No tile server: its name resolves to nothing, so tiles fail at once. (Not with Playwright's
# request routing, which would switch off the browser's HTTP cache and so the 304s measured.)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--host-resolver-rules=MAP tile.openstreetmap.org ~NOTFOUND",
]
READY = "body[data-map-ready=true]"

# Recorded before each switch: when the select changed and when the map said it was ready.
TIMER = """() => {
  window.__bench = { changed: null, ready: null };
  if (window.__benchObserver) return;
  document.addEventListener("change", () => {
    window.__bench.changed = performance.now();
    window.__bench.ready = null;
  }, true);
  window.__benchObserver = new MutationObserver(() => {
    if (document.body.dataset.mapReady === "true" && window.__bench.changed != null
        && window.__bench.ready == null) window.__bench.ready = performance.now();
  });
  window.__benchObserver.observe(document.body, { attributes: true, attributeFilter: ["data-map-ready"] });
}"""


def emit(figure: str, label: str, **values) -> None:
    print(json.dumps({"bench": "payloads", "label": label, "figure": figure} | values), flush=True)


def start_server(port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "geoplan.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "2", "--threads", "4", "--log-level", "warning"]
    # Only warnings and errors from the server: the figures are this script's output.
    env = os.environ | {"LOG_LEVEL": os.environ.get("BENCH_SERVER_LOG_LEVEL", "WARNING")}
    # The map does not ask for a what-if here: no need to load the walking network.
    env.setdefault("GEOPLAN_PRELOAD_NETWORK", "0")
    # Access lines (stdout) would drown the figures; errors (stderr) still show.
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    return wait_until_up(server, f"http://127.0.0.1:{port}/api/categories/", 60, 0.3)


# Logs an illustrative bench planner in, in the benchmarked database: /plan/ is for planners.
SESSION_CODE = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import get_user_model
from geoplan.accounts.creation import create_account
email = "bench-planner@example.org"
user = get_user_model().objects.filter(username=email).first()
if user is None:
    user = create_account(email, "planner", illustrative=True)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "geoplan.accounts.backends.EmailBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def planner_session() -> str:
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", SESSION_CODE],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


class Recorder:
    """Every finished request of the page, with its transferred and decoded sizes."""

    def __init__(self, page):
        self.rows = []
        page.on("requestfinished", self._finished)

    def _finished(self, request):
        response = request.response()
        if response is None:
            return
        sizes = request.sizes()
        try:
            body = len(response.body()) if response.status != 304 else 0
        except Exception:  # bodies of redirects and aborted requests are not kept
            body = 0
        path = request.url.split("://", 1)[-1].split("/", 1)[-1]
        self.rows.append(
            {
                "path": "/" + path,
                "status": response.status,
                "compressed": sizes["responseBodySize"],
                "uncompressed": body,
                "encoding": response.headers.get("content-encoding", ""),
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
        # Revalidated copies: the server said 304, the browser shows its cached 200 (no body
        # crossed the wire).
        "not_modified": sum(
            r["status"] == 304 or r["compressed"] == 0 < r["uncompressed"] for r in rows
        ),
    }


def settle(page, recorder: Recorder, quiet_ms: int = 400) -> None:
    """Wait until no request has finished for ``quiet_ms`` (the need layer and the zone panel
    may still be answering once the map is ready)."""
    seen = -1
    while seen != recorder.mark():
        seen = recorder.mark()
        page.wait_for_timeout(quiet_ms)


def switch(page, recorder: Recorder, select: str, value: str) -> tuple[list[dict], float]:
    page.evaluate(TIMER)
    mark = recorder.mark()
    page.select_option(select, value)
    page.wait_for_function("() => window.__bench.ready != null", timeout=60_000)
    settle(page, recorder)
    ms = page.evaluate("window.__bench.ready - window.__bench.changed")
    return recorder.since(mark), ms


def fetch_size(url: str, gzip_ok: bool) -> tuple[int, int, float]:
    headers = {"Accept": "application/json", "Accept-Language": "en"}
    if gzip_ok:
        headers["Accept-Encoding"] = "gzip"
    start = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
        raw = r.read()
        encoded = r.headers.get("Content-Encoding") == "gzip"
    seconds = time.perf_counter() - start
    return len(raw), len(gzip.decompress(raw) if encoded else raw), seconds


def endpoints(url: str, label: str, category: str, profile: str) -> None:
    query = f"category={category}&profile={profile}"
    paths = [
        f"/api/layers/?{query}",
        f"/api/access/cells/?{query}",
        f"/api/access/cells/h3/?{query}",
        f"/api/access/zones/?{query}",
        f"/api/access/zones/values/?{query}",
        f"/api/access/worst/?{query}&n=10",
    ]
    for path in paths:
        try:
            plain, _, plain_s = fetch_size(url + path, gzip_ok=False)
            wire, decoded, gzip_s = fetch_size(url + path, gzip_ok=True)
        except OSError as exc:  # an endpoint this version of the map does not have
            emit("endpoint", label, path=path, error=str(exc))
            continue
        emit(
            "endpoint",
            label,
            path=path,
            bytes_uncompressed=decoded,
            bytes_gzip=wire if wire != plain else None,
            seconds=round(min(plain_s, gzip_s), 3),
        )


def run(url: str, label: str, chromium: str | None) -> None:
    categories = json.loads(urllib.request.urlopen(url + "/api/categories/", timeout=30).read())
    codes = [c["code"] for c in categories]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.add_cookies(
            [
                {"name": "django_language", "value": "en", "url": url},
                {"name": "sessionid", "value": planner_session(), "url": url},
            ]
        )
        page = context.new_page()
        recorder = Recorder(page)
        start = time.perf_counter()
        page.goto(url + "/plan/")
        page.wait_for_selector(READY, timeout=60_000)
        load_s = time.perf_counter() - start
        settle(page, recorder)
        emit("page-load", label, seconds=round(load_s, 3), **totals(recorder.since(0)))
        first = page.eval_on_selector("#category", "s => s.value")
        # Every other category, then slow walkers, then back: revisits meet the browser's cache.
        plan = [("#category", c) for c in codes if c != first]
        plan += [("#profile", "slow"), ("#category", first), ("#profile", "standard")]
        plan += [("#category", c) for c in codes if c != first][:3]
        first_visits, revisits = [], []
        seen = {f"category={first}&profile=standard"}
        for select, value in plan:
            rows, ms = switch(page, recorder, select, value)
            choice = page.evaluate(
                "() => `category=${document.getElementById('category').value}"
                "&profile=${document.getElementById('profile').value}`"
            )
            figures = totals(rows) | {"switch_ms": round(ms, 1)}
            revisit = choice in seen
            (revisits if revisit else first_visits).append(figures)
            seen.add(choice)
            emit(
                "switch",
                label,
                choice=choice,
                revisit=revisit,
                **figures,
                paths=[f"{r['status']} {r['path']}" for r in rows],
            )
        for name, group in (("first-visit", first_visits), ("revisit", revisits)):
            if not group:
                continue
            emit(
                "switch-summary",
                label,
                kind=name,
                switches=len(group),
                median_bytes_compressed=statistics.median(g["bytes_compressed"] for g in group),
                max_bytes_compressed=max(g["bytes_compressed"] for g in group),
                median_bytes_uncompressed=statistics.median(g["bytes_uncompressed"] for g in group),
                median_switch_ms=round(statistics.median(g["switch_ms"] for g in group), 1),
                max_switch_ms=round(max(g["switch_ms"] for g in group), 1),
            )
        context.close()
        browser.close()
        endpoints(url, label, first, "standard")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="now")
    parser.add_argument(
        "--chromium",
        default=DEFAULT_CHROMIUM if os.path.exists(DEFAULT_CHROMIUM) else None,
    )
    args = parser.parse_args()
    port = free_port()
    server = start_server(port)
    try:
        run(f"http://127.0.0.1:{port}", args.label, args.chromium)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
