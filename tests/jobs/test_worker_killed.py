"""A worker killed (SIGKILL) in the middle of a recompute: the previous run stays served, the job
is tried once more, and when that attempt is killed too the job is marked failed."""

import os
import signal

from geoplan.access.models import AccessRun
from geoplan.access.recompute import request_recompute
from geoplan.jobs.models import Job

from .conftest import committed, wait_for


def kill_mid_run(job_id: int, attempt: int) -> None:
    """Wait until the attempt is computing a run, then SIGKILL the process running it."""
    job = wait_for(
        lambda: (
            Job.objects.filter(pk=job_id, attempts=attempt, status="running")
            .exclude(params__worker=None)
            .first()
        ),
        what=f"attempt {attempt} to start",
    )
    wait_for(
        lambda: AccessRun.objects.filter(status="running", started_at__gte=job.started_at).exists(),
        what=f"attempt {attempt} to be computing a run",
    )
    pid = int(job.params["worker"].rsplit(":", 1)[1])
    os.kill(pid, signal.SIGKILL)


def test_a_killed_recompute_leaves_the_previous_run_served_and_ends_failed(start_worker, client):
    served = {p: AccessRun.objects.latest_completed(p).pk for p in ("standard", "slow")}
    start_worker("recompute-kill", "recompute")
    job = committed(lambda: request_recompute(reason="kill test", force=True, delay_s=0))

    kill_mid_run(job.pk, attempt=1)
    assert AccessRun.objects.latest_completed("standard").pk == served["standard"]
    assert (
        client.get("/api/access/worst/?category=night_shelter").json()["run"] == served["standard"]
    )

    # Delivered again (late acknowledgement): the second attempt is killed as well.
    kill_mid_run(job.pk, attempt=2)
    job = wait_for(
        lambda: Job.objects.filter(pk=job.pk, status="failed").first(),
        what="the job to be marked failed",
    )
    assert job.attempts == 2 and "worker was lost" in job.error
    for profile, pk in served.items():
        assert AccessRun.objects.latest_completed(profile).pk == pk
    # The runs the killed attempts had started are marked failed, never shown.
    interrupted = AccessRun.objects.filter(started_at__gte=job.created_at)
    assert interrupted.exists()
    assert set(interrupted.values_list("status", flat=True)) == {"failed"}
