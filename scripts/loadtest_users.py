"""Who the load test sends (locust users), driven by scripts/loadtest.py; not run on its own.

Map readers: about 195 GET requests a second over the map API, spread over /api/sites/,
/api/zones/, /api/access/cells/ and /api/access/worst/ (every category and both profiles), each
user at a steady rate whatever the answers' speed. Planners: 5 what-if POSTs a second.
Every request's time is kept and written to LOADTEST_SAMPLES at the end, so that the
percentiles are computed exactly (locust's own summary rounds them).
"""

import json
import os
import random
import time

from locust import FastHttpUser, constant_throughput, events, task

CATEGORIES = json.loads(os.environ.get("LOADTEST_CATEGORIES", '["night_shelter"]'))
PROFILES = ("standard", "slow")
WHATIF_USERS = int(os.environ.get("LOADTEST_WHATIF_USERS", "5"))
# Proposed sites inside Turin (the README's example and a few more, well inside the city).
PROPOSALS = [(7.63, 45.03), (7.6858, 45.0712), (7.6655, 45.0459), (7.70, 45.09), (7.65, 45.06)]
REQUEST_TIMEOUT_S = 10
# Share of each endpoint group among the GETs: a map opens with sites and zones, then reads
# cells and the worst-gap list each time the category or the walking speed changes.
_WEIGHTS = dict(
    pair.split("=")
    for pair in os.environ.get("LOADTEST_WEIGHTS", "sites=1,zones=1,cells=2,worst=2").split(",")
)
GROUPS = tuple(_WEIGHTS)
WEIGHTS = [float(w) for w in _WEIGHTS.values()]

samples: list[tuple[str, float, bool]] = []
window = {}


@events.request.add_listener
def keep(request_type, name, response_time, response_length, exception, **kwargs):
    samples.append((name, response_time, exception is None))


@events.test_start.add_listener
def started(**kwargs):
    window["start"] = time.time()


@events.quitting.add_listener
def write(environment, **kwargs):
    window.setdefault("stop", time.time())
    with open(os.environ["LOADTEST_SAMPLES"], "w") as out:
        json.dump({"window": window, "samples": samples}, out)


@events.test_stop.add_listener
def stopped(**kwargs):
    window["stop"] = time.time()


class MapReader(FastHttpUser):
    """One person's map: one request a second, whatever the answer's speed."""

    wait_time = constant_throughput(1)
    network_timeout = REQUEST_TIMEOUT_S
    connection_timeout = REQUEST_TIMEOUT_S

    def _choice(self) -> str:
        return f"category={random.choice(CATEGORIES)}&profile={random.choice(PROFILES)}"

    @task
    def read(self):
        group = random.choices(GROUPS, weights=WEIGHTS)[0]
        if group in ("sites", "zones"):
            self.client.get(f"/api/{group}/", name=group)
        else:
            self.client.get(f"/api/access/{group}/?{self._choice()}", name=group)


class Planner(FastHttpUser):
    """What-if with one proposed site, one a second per planner."""

    fixed_count = WHATIF_USERS
    wait_time = constant_throughput(1)
    network_timeout = REQUEST_TIMEOUT_S
    connection_timeout = REQUEST_TIMEOUT_S

    @task
    def what_if(self):
        lon, lat = random.choice(PROPOSALS)
        site = {"lon": lon, "lat": lat, "category": random.choice(CATEGORIES), "capacity": 20}
        self.client.post(
            f"/api/access/what-if?profile={random.choice(PROFILES)}",
            json={"sites": [site]},
            name="what-if",
        )
