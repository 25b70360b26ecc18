"""How fast the public finder's API answers: /api/nearest/ and /api/geocode/.

Run: ``make bench`` or ``.venv/bin/python bench/bench_finder.py`` with ``DATABASE_URL`` pointing
at a loaded database (``make data``). Requests go through Django's full stack (middleware,
views, JSON) in this process, from points spread over the city (the zones' centres), after one
warm-up request (the network is loaded once per process). One JSON line per figure, times in
milliseconds (median, 95th percentile and maximum):

- ``nearest``: the 5 nearest food sites, with the open state of each service;
- ``nearest_route``: the same with each walking route;
- ``nearest_open_now``: all categories, only services open now;
- ``nearest_far``: the 50 nearest sites of any category (the search widens to the whole city);
- ``geocode``: "Via Nizza 230" and other searches.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geoplan.settings")


def _ms(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "n": len(ordered),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=94, help="how many zone centres to use")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    from geoplan.territory.models import Zone

    setup_test_environment()
    settings.GEOPLAN_API_CACHE = False
    client = Client(HTTP_ACCEPT_LANGUAGE="it")
    points = [z.geom.point_on_surface for z in Zone.objects.order_by("code")[: args.points]]

    def run(name: str, params: dict) -> None:
        client.get("/api/nearest/", {"lon": points[0].x, "lat": points[0].y, **params})
        samples = []
        for i, point in enumerate(points):
            # Each point asked from an address of its own: many people, as in real use, each
            # well within the finder's rate limit.
            address = f"10.9.{i // 200}.{i % 200 + 1}"
            t = time.perf_counter()
            response = client.get(
                "/api/nearest/", {"lon": point.x, "lat": point.y, **params}, REMOTE_ADDR=address
            )
            samples.append(time.perf_counter() - t)
            assert response.status_code == 200, response.content[:300]
        print(json.dumps({"figure": name, **_ms(samples)}))

    run("nearest", {"category": "food_distribution", "limit": 5})
    run("nearest_route", {"category": "food_distribution", "limit": 5, "route": 1})
    run("nearest_open_now", {"limit": 5, "open_at": "now"})
    run("nearest_far", {"limit": 50})

    queries = ["Via Nizza 230", "corso francia", "lingotto", "mensa", "piazza", "Barriera"]
    # The street index is built once per process (~2 s), before the first search.
    client.get("/api/geocode/", {"q": queries[0]})
    samples = []
    for n in range(10):
        for q in queries:
            t = time.perf_counter()
            response = client.get("/api/geocode/", {"q": q}, REMOTE_ADDR=f"10.8.0.{n + 1}")
            samples.append(time.perf_counter() - t)
            assert response.status_code == 200
    print(json.dumps({"figure": "geocode", **_ms(samples)}))


if __name__ == "__main__":
    main()
