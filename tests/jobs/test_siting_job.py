"""A real optimal siting, end to end: a planner asks POST /api/siting/ for 3 night shelters, a
real worker on the siting queue solves it, reporting progress, and the answer is saved as a
scenario; the figures it reports are checked by walking again from the chosen points alone."""

import time

import numpy as np
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.authtoken.models import Token

from geoplan.access.inputs import sites_frame, walk_network
from geoplan.access.models import AccessCell, AccessCellZone, AccessRun, ZoneAccess
from geoplan.access.recompute import enqueue_job
from geoplan.analysis.routing import Snapped, minutes_from_m, nearest_m, snap_points
from geoplan.jobs.models import Job
from geoplan.planning.models import Scenario
from geoplan.planning.tasks import run_siting

from .conftest import committed

CATEGORY, K, THRESHOLD_MIN = "night_shelter", 3, 15
FIGURES = (
    "residents_covered_before",
    "residents_covered_after",
    "need_weighted_covered_before",
    "need_weighted_covered_after",
)
RESULT_KEYS = {
    "model",
    "category",
    "k",
    "threshold_min",
    "profile",
    "sites",
    *FIGURES,
    "greedy",
    "gap",
    "status",
    "objective",
    "seconds",
    "candidates",
    "unreachable_need_weighted",
    "scenario",
}
SITE_KEYS = {
    "lon",
    "lat",
    "capacity",
    "name",
    "residents_newly_covered",
    "need_weighted_newly_covered",
}


@pytest.fixture
def planner_token(db):
    """A planner the worker can see (committed), with an API token; removed afterwards with
    the scenarios saved for them."""
    user_model = get_user_model()

    def create():
        user = user_model.objects.create_user(
            "siting-planner", "siting@example.org", "pass", is_staff=True, is_superuser=True
        )
        return user, Token.objects.create(user=user).key

    user, key = committed(create)
    yield user, key

    def remove():
        Scenario.objects.filter(owner_id=user.pk).delete()
        Job.objects.filter(requested_by_id=user.pk).delete()
        user_model.objects.filter(pk=user.pk).delete()

    committed(remove)


def ask_for_siting(token: str) -> dict:
    response = Client().post(
        "/api/siting/",
        {"category": CATEGORY, "k": K, "threshold_min": THRESHOLD_MIN, "model": "mclp"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 202, response.content
    return response.json()["job"]


def watch(job_id: int, timeout_s: float = 300) -> tuple[Job, list[tuple[int, str]]]:
    """The finished job, and every (progress, message) seen while it ran."""
    seen = []
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = Job.objects.get(pk=job_id)
        reported = job.progress > 0 or job.message
        if job.status == "running" and reported and (job.progress, job.message) not in seen:
            seen.append((job.progress, job.message))
        if job.done:
            return job, seen
        time.sleep(0.01)
    raise AssertionError(f"the siting job did not finish in {timeout_s:.0f} s")


def recomputed_coverage(run: AccessRun, chosen: list[dict]) -> tuple[int, float]:
    """Residents and need-weighted residents within THRESHOLD_MIN on foot of an existing
    published night shelter or a chosen point, walked afresh over the network."""
    network = walk_network()
    assert network.source_hash == run.network_hash
    cells = list(AccessCell.objects.filter(run=run).order_by("pk").values("pk", "node", "snap_m"))
    position = {c["pk"]: i for i, c in enumerate(cells)}
    points = Snapped(
        node=np.array([c["node"] for c in cells], dtype=np.int64),
        snap_m=np.array([c["snap_m"] for c in cells], dtype=float),
    )
    need = dict(
        ZoneAccess.objects.filter(run=run, category=CATEGORY).values_list("zone_id", "need_01")
    )
    assert need and None not in need.values()
    residents, demand = np.zeros(len(cells)), np.zeros(len(cells))
    for cell_id, zone_id, population in AccessCellZone.objects.filter(cell__run=run).values_list(
        "cell_id", "zone_id", "population"
    ):
        residents[position[cell_id]] += population
        demand[position[cell_id]] += population * need[zone_id]
    existing = sites_frame().query("category == @CATEGORY")
    assert len(existing) > 0
    lon = np.r_[existing["lon"].to_numpy(), [s["lon"] for s in chosen]]
    lat = np.r_[existing["lat"].to_numpy(), [s["lat"] for s in chosen]]
    walk_m = nearest_m(network, snap_points(network, lon, lat), points)
    covered = minutes_from_m(walk_m, run.params["speed_kmh"]) <= THRESHOLD_MIN
    return int(residents[covered].sum()), float(demand[covered].sum())


def test_a_siting_job_chooses_three_night_shelters_and_saves_them_as_a_scenario(
    start_worker, planner_token
):
    user, token = planner_token
    start_worker("siting-only", "siting")
    started = time.monotonic()
    job, seen = watch(committed(lambda: ask_for_siting(token))["id"])
    elapsed = time.monotonic() - started
    assert job.status == "succeeded", job.error
    assert job.progress == 100 and job.attempts == 1
    # Progress was reported on the way, rising.
    assert len(seen) >= 2 and all(0 < p < 100 for p, _m in seen)
    assert [p for p, _m in seen] == sorted(p for p, _m in seen)
    assert all(m for _p, m in seen)

    result = job.result
    assert set(result) >= RESULT_KEYS
    assert result["model"] == "mclp" and result["category"] == CATEGORY
    assert result["k"] == K and result["threshold_min"] == THRESHOLD_MIN
    assert result["profile"] == "standard" and result["candidates"] > K
    assert len(result["sites"]) == K
    assert all(set(site) >= SITE_KEYS for site in result["sites"])
    assert set(FIGURES) | {"sites"} <= set(result["greedy"])
    # The optimum is at least as good as the greedy choice it started from, and better than
    # nothing.
    after = result["need_weighted_covered_after"]
    assert after >= result["greedy"]["need_weighted_covered_after"] - 1e-6
    assert after > result["need_weighted_covered_before"]
    assert result["residents_covered_after"] >= result["residents_covered_before"]

    # The scenario saved with the answer: one "add" edit per chosen site, owned by the planner.
    scenario = Scenario.objects.get(pk=result["scenario"])
    assert scenario.owner_id == user.pk and scenario.origin == "siting"
    assert scenario.name == "Siting: 3 new sites, Night shelter (maximal covering, 15 min)"
    assert scenario.siting["job"] == job.pk and scenario.siting["request"]["k"] == K
    assert scenario.siting["answer"]["need_weighted_covered_after"] == after
    edits = list(scenario.edits.order_by("position"))
    assert [e.kind for e in edits] == ["add"] * K
    assert {e.category.code for e in edits} == {CATEGORY}
    assert [(e.geom.x, e.geom.y) for e in edits] == [
        pytest.approx((s["lon"], s["lat"]), abs=1e-9) for s in result["sites"]
    ]
    assert all(e.name for e in edits)

    # The acceptance check: the figures hold when walked again from the chosen points alone.
    run = AccessRun.objects.latest_completed("standard")
    residents, need_weighted = recomputed_coverage(run, result["sites"])
    assert need_weighted == pytest.approx(after, rel=1e-9, abs=1e-6)
    assert residents == result["residents_covered_after"]
    print(
        f"siting job: {elapsed:.1f} s end to end, solver answer {result['seconds']} s, "
        f"{result['candidates']} candidates, status {result['status']}, gap {result['gap']}, "
        f"need-weighted covered {result['need_weighted_covered_before']:.0f} -> {after:.0f} "
        f"(greedy {result['greedy']['need_weighted_covered_after']:.0f}); progress: "
        + ", ".join(f"{p}% {m}" for p, m in seen)
    )


def test_a_siting_the_solver_cannot_answer_fails_with_its_sentence_and_saves_nothing(
    start_worker, planner_token
):
    user, _token = planner_token
    start_worker("siting-fails", "siting")

    def queue_unanswerable() -> Job:
        # No candidate at all: the API refuses an empty list, a job made otherwise reaches the
        # solver, which cannot choose among nothing.
        job = Job.objects.create(
            kind="siting",
            requested_by=user,
            params={
                "category": CATEGORY,
                "k": 1,
                "profile": "standard",
                "candidates": [],
                # As the API records it; a job without a language answers in Italian.
                "language": "en",
            },
        )
        enqueue_job(run_siting, job)
        return job

    job, _seen = watch(committed(queue_unanswerable).pk)
    assert job.status == "failed" and job.result is None
    assert job.error == "There is no candidate site to choose from."
    assert not Scenario.objects.filter(owner_id=user.pk).exists()
