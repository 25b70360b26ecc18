"""Two workers on different queues work at the same time: a long candidate evaluation on the
siting queue does not hold up a recompute."""

from geoplan.access.recompute import enqueue_job, request_recompute
from geoplan.access.tasks import evaluate_candidates
from geoplan.jobs.models import Job

from .conftest import committed, wait_for

# Real points along Turin's streets (inside the city), a grid over the centre.
CANDIDATES = [
    {"lon": round(7.64 + 0.01 * i, 4), "lat": round(45.04 + 0.01 * j, 4)}
    for i in range(6)
    for j in range(5)
]


def start_candidates() -> Job:
    job = Job.objects.create(
        kind="candidates",
        params={"category": "night_shelter", "profile": "standard", "candidates": CANDIDATES},
    )
    enqueue_job(evaluate_candidates, job)
    return job


def test_two_workers_on_two_queues_run_their_jobs_at_the_same_time(start_worker):
    start_worker("recompute-q", "recompute")
    start_worker("siting-q", "siting")
    siting = committed(start_candidates)
    recompute = committed(lambda: request_recompute(reason="queues", force=True, delay_s=0))
    done = ["succeeded", "failed"]
    siting = wait_for(lambda: Job.objects.filter(pk=siting.pk, status__in=done).first())
    recompute = wait_for(lambda: Job.objects.filter(pk=recompute.pk, status__in=done).first())
    assert siting.status == recompute.status == "succeeded", (siting.error, recompute.error)
    # Different processes, overlapping in time.
    assert siting.params["worker"] != recompute.params["worker"]
    assert siting.started_at < recompute.finished_at and recompute.started_at < siting.finished_at
    ranked = siting.result["candidates"]
    assert len(ranked) == len(CANDIDATES)
    gains = [c["newly_within_15"] for c in ranked]
    assert gains == sorted(gains, reverse=True) and gains[0] > 0
