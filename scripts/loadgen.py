"""An open-loop load generator for scripts/loadtest.py: requests are sent on a fixed schedule of
Poisson arrivals at the asked rate, whatever the answers' speed, and each request's time is
measured from the moment it was *due*, so a server that falls behind shows it in the latencies
(no "coordinated omission").

Why not locust or wrk: both are closed-loop (a user or connection waits for an answer before it
asks again), so a slow server lowers the rate it is tested at; and locust's users keep
long-lived connections that the kernel hands to whichever gunicorn worker accepts first, which
measured one busy core and one idle. Here every request opens its own connection, as a reverse
proxy in front of gunicorn does (nginx speaks HTTP/1.0 to its upstream by default).
"""

import http.client
import json
import random
import resource
import threading
import time
from concurrent.futures import ThreadPoolExecutor

TIMEOUT_S = 10
PROPOSALS = [(7.63, 45.03), (7.6858, 45.0712), (7.6655, 45.0459), (7.70, 45.09), (7.65, 45.06)]


def _request(port: int, method: str, path: str, body: bytes | None) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    try:
        headers = {"Accept-Encoding": "gzip", "Connection": "close"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status == 200
    except OSError:
        return False
    finally:
        connection.close()


def plan(categories, weights: dict[str, float], rps: float, whatif_rps: float, rng):
    """One request to send: (group, method, path, body)."""
    if rng.random() < whatif_rps / rps:
        lon, lat = rng.choice(PROPOSALS)
        site = {"lon": lon, "lat": lat, "category": rng.choice(categories), "capacity": 20}
        profile = rng.choice(("standard", "slow"))
        body = json.dumps({"sites": [site]}).encode()
        return "what-if", "POST", f"/api/access/what-if?profile={profile}", body
    group = rng.choices(list(weights), weights=list(weights.values()))[0]
    if group in ("sites", "zones"):
        return group, "GET", f"/api/{group}/", None
    query = f"category={rng.choice(categories)}&profile={rng.choice(('standard', 'slow'))}"
    return group, "GET", f"/api/access/{group}/?{query}", None


def run(port: int, categories, weights, rps: float, whatif_rps: float, seconds: float, seed=1):
    """Returns (samples [(group, ms, ok)], seconds elapsed, CPU seconds of this generator)."""
    rng = random.Random(seed)
    samples, lock = [], threading.Lock()

    def send(group, method, path, body, due):
        ok = _request(port, method, path, body)
        with lock:
            samples.append((group, (time.perf_counter() - due) * 1000, ok))

    usage = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    due = start
    with ThreadPoolExecutor(max_workers=256) as pool:
        while True:
            due += rng.expovariate(rps)
            if due - start > seconds:
                break
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            pool.submit(send, *plan(categories, weights, rps, whatif_rps, rng), due)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime + after.ru_stime) - (usage.ru_utime + usage.ru_stime)
    return samples, elapsed, cpu
