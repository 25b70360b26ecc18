"""Recompute on change: every change to what accessibility depends on asks for a recompute of
both walking profiles, and bursts of changes are served by one job.

A change (a service published, edited or archived, a site moved, indicator values imported, a
need profile edited) calls :func:`schedule_recompute`, which waits for the change's transaction
to commit. Then :func:`request_recompute` either finds the recompute job still waiting in the
queue (and leaves it to serve this change too) or queues a new one, started
GEOPLAN_RECOMPUTE_DELAY_S seconds later so that a burst of changes lands in one run per profile.
A database constraint allows one waiting recompute job at a time, so two processes cannot queue
two.
"""

import logging
import time
import uuid

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from geoplan.jobs.models import Job

from .models import Profile

KIND = "recompute"
# A waiting job not started this long after it was due is sent again.
LOST_AFTER_S = 120
log = logging.getLogger(__name__)


def request_recompute(reason: str = "", user=None, force: bool = False, delay_s=None) -> Job:
    """The waiting recompute job, or a new one queued now; returns it."""
    job = Job.objects.filter(kind=KIND, status=Job.Status.QUEUED).first()
    if job is not None:
        if force and not job.params.get("force"):
            job.params = {**job.params, "force": True}
            Job.objects.filter(pk=job.pk).update(params=job.params)
        if _message_lost(job):
            log.warning("recompute job %s waited too long: queued again", job.pk)
            transaction.on_commit(lambda: _enqueue(job, 0))
        return job
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=KIND,
                params={"profiles": list(Profile.values), "force": force},
                reason=reason[:200],
                requested_by=user,
                message="waiting for more changes before recomputing",
            )
    except IntegrityError:  # another process queued one in the meantime: it serves us too
        return Job.objects.get(kind=KIND, status=Job.Status.QUEUED)
    delay = settings.GEOPLAN_RECOMPUTE_DELAY_S if delay_s is None else delay_s
    transaction.on_commit(lambda: _enqueue(job, delay))
    return job


def _message_lost(job: Job) -> bool:
    """A job still waiting long after it was due: its message never reached a worker (a broker
    restarted without persistence, say). Sending it again is safe: only the newest message of a
    job runs it."""
    queued_at = job.params.get("queued_at") or job.created_at.timestamp()
    due = queued_at + job.params.get("delay_s", 0) + LOST_AFTER_S
    return time.time() > due


def _enqueue(job: Job, delay_s: float) -> None:
    from .tasks import recompute_access

    enqueue_job(recompute_access, job, delay_s)


def enqueue_job(task, job: Job, delay_s: float = 0) -> None:
    """Send a job's task to the queue; a broker that cannot be reached fails the job, saying so.

    The job remembers the message's id: an older message of the same job is ignored by the task."""
    task_id = str(uuid.uuid4())
    job.params = {**job.params, "task_id": task_id, "queued_at": time.time(), "delay_s": delay_s}
    # Only a job still waiting: one a worker has just started must not be sent twice.
    if not Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(params=job.params):
        return
    try:
        task.apply_async((job.pk,), countdown=delay_s or None, task_id=task_id)
    except Exception as exc:  # kombu raises several connection errors when the broker is down
        log.error("job %s not queued: %s", job.pk, exc)
        job.fail(f"the job queue (broker) could not be reached: {exc}")


def _on_commit_request():
    request_recompute(reason="registry, indicators or need profiles changed")


def schedule_recompute() -> None:
    """Ask for a recompute once the current transaction commits (once per transaction)."""
    if not settings.GEOPLAN_RECOMPUTE_ON_CHANGE:
        return
    if connection.in_atomic_block and any(
        func is _on_commit_request for _sids, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(_on_commit_request)
