"""Background jobs of the access app (Celery): recompute accessibility, evaluate candidate sites.

Both run under a Job record (geoplan.jobs) that says how far they got. Tasks are acknowledged
late (settings): a worker killed mid-task leaves the message to be delivered again, and the job
is tried once more before it is marked failed. A run interrupted that way stays "running" in the
table only until the next attempt marks it failed; the maps never show it (they show the latest
completed run).
"""

import logging
import os
import socket
from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import timezone

from geoplan.jobs.models import Job

from . import services
from .models import AccessRun
from .services import recompute_lock

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 2


def _claim(job_id: int, task_id: str | None) -> Job | None:
    """The job to run now, or None when it is gone, done, superseded by a newer message of the
    same job, or has been tried too often."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.done:
        return None
    if job.params.get("task_id") not in (None, task_id):
        return None
    if job.attempts >= MAX_ATTEMPTS:
        job.fail(
            f"stopped {job.attempts} times before finishing (the worker was lost); "
            "the previous results stay in use"
        )
        if job.kind == "recompute":
            with recompute_lock():
                _fail_orphans(job)
        return None
    # Claimed by one delivery only: the attempt count read above must still be the stored one.
    params = {**job.params, "worker": f"{socket.gethostname()}:{os.getpid()}"}
    claimed = (
        Job.objects.filter(pk=job.pk, attempts=job.attempts)
        .exclude(status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED])
        .update(
            status=Job.Status.RUNNING,
            started_at=timezone.now(),
            attempts=job.attempts + 1,
            error="",
            params=params,
        )
    )
    if not claimed:
        return None
    job.refresh_from_db()
    return job


def _fail_orphans(current: Job) -> None:
    """Under the recompute lock: runs left "running" by a killed attempt, and recompute jobs
    left "running" by a worker that was killed or stopped by the hard time limit."""
    now = timezone.now()
    AccessRun.objects.filter(status=AccessRun.Status.RUNNING).update(
        status=AccessRun.Status.FAILED,
        error="interrupted: the worker computing it was lost",
        finished_at=now,
    )
    limit = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    Job.objects.filter(kind="recompute", status=Job.Status.RUNNING, started_at__lt=limit).exclude(
        pk=current.pk
    ).update(
        status=Job.Status.FAILED,
        error="stopped: the worker was lost or the time limit passed",
        finished_at=now,
    )


@shared_task(bind=True, name="access.recompute")
def recompute_access(self, job_id: int):
    job = _claim(job_id, self.request.id)
    if job is None:
        return None
    try:
        with recompute_lock():
            return _recompute(job)
    except SoftTimeLimitExceeded:  # also while waiting for the lock
        job.fail("took longer than the time limit; the previous results stay in use")
    return None


def _recompute(job: Job):
    try:
        _fail_orphans(job)
        profiles = job.params.get("profiles", ["standard", "slow"])
        result = {}
        for i, profile in enumerate(profiles):
            job.report(100 * i // len(profiles), f"computing the {profile} profile")
            run, created = services.run_access(profile, force=job.params.get("force", False))
            result[profile] = {"run": run.pk, "created": created}
        changed = any(r["created"] for r in result.values())
        job.succeed(
            result,
            "new results stored" if changed else "nothing changed since the last results",
        )
        return result
    except SoftTimeLimitExceeded:
        job.fail("took longer than the time limit; the previous results stay in use")
    except Exception as exc:
        log.exception("recompute job %s failed", job.pk)
        job.fail(f"{type(exc).__name__}: {exc}; the previous results stay in use")
    return None


@shared_task(bind=True, name="access.evaluate_candidates")
def evaluate_candidates(self, job_id: int):
    """For each candidate point: residents newly within 15 minutes if a site of the category
    opened there alone (the latest run of the profile); candidates ranked best first."""
    job = _claim(job_id, self.request.id)
    if job is None:
        return None
    params = job.params
    try:
        run = AccessRun.objects.latest_completed(params.get("profile", "standard"))
        if run is None:
            job.fail("no accessibility results yet: compute them first")
            return None
        candidates = params["candidates"]
        ranked = []
        for i, c in enumerate(candidates):
            job.report(100 * i // len(candidates), f"candidate {i + 1} of {len(candidates)}")
            zones = services.what_if(run, params["category"], [c])["zones"]
            ranked.append(
                {
                    "lon": c["lon"],
                    "lat": c["lat"],
                    "newly_within_15": int(zones["newly_within"].sum()) if len(zones) else 0,
                    "zones_gaining": int((zones["newly_within"] > 0).sum()) if len(zones) else 0,
                }
            )
        ranked.sort(key=lambda r: -r["newly_within_15"])
        job.succeed({"run": run.pk, "candidates": ranked}, f"{len(ranked)} candidates evaluated")
        return job.result
    except SoftTimeLimitExceeded:
        job.fail("took longer than the time limit")
    except services.StaleRun as exc:
        job.fail(str(exc))
    except Exception as exc:
        log.exception("candidate job %s failed", job.pk)
        job.fail(f"{type(exc).__name__}: {exc}")
    return None
