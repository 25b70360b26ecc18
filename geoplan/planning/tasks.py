"""Background jobs of the planners' workspace (Celery): the optimal siting.

A siting job runs on the "siting" queue, so that a solver working for a minute never holds up
a recompute. Like the access app's jobs it is acknowledged late and claimed once per delivery
(access.tasks._claim): a worker lost mid-job leaves it to be tried once more, then failed.
Nothing is saved unless the solver answers: the scenario is written just before the job's
success, and a delivery that finds it already written (the worker was lost in between) answers
with it instead of solving and saving again.
"""

import json
import logging
import math

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import translation
from django.utils.translation import gettext as _

from geoplan.access.tasks import _claim
from geoplan.jobs.models import Job

from .siting_scenario import SOLVER_PARAMETERS, save_siting_scenario, saved_scenario

log = logging.getLogger(__name__)
# Arguments of solve_siting taken from the job's parameters (the request, as validated).
SOLVER_ARGUMENTS = (*SOLVER_PARAMETERS, "candidates")


@shared_task(bind=True, name="planning.siting")
def run_siting(self, job_id: int):
    """Choose the job's new sites (geoplan.access.siting), save them as a scenario, and store
    the answer with the scenario's id as the job's result."""
    job = _claim(job_id, self.request.id)
    if job is None:
        return None
    with translation.override(job.params.get("language") or "it"):
        return _run(job)


def _run(job: Job):
    try:
        from geoplan.access.siting import solve_siting

        if job.requested_by_id is None:
            job.fail(_("The planner who asked for this siting no longer has an account."))
            return None
        saved = saved_scenario(job)
        if saved is not None and saved.siting.get("answer"):
            result = {**saved.siting["answer"], "scenario": saved.pk}
            job.succeed(result, _summary(result))
            return result
        job.report(1, _("Starting the siting"))
        arguments = {key: job.params[key] for key in SOLVER_ARGUMENTS if key in job.params}
        result = plain(solve_siting(**arguments, progress=_reporter(job)))
        job.report(99, _("Saving the answer as a scenario"))
        scenario = save_siting_scenario(job, result)
        result["scenario"] = scenario.pk
        job.succeed(result, _summary(result))
        return result
    except ValueError as exc:
        job.fail(str(exc))
    except SoftTimeLimitExceeded:
        job.fail(_("The siting took longer than the time limit; nothing was saved."))
    except Exception as exc:
        log.exception("siting job %s failed", job.pk)
        job.fail(
            _("The siting failed (%(error)s: %(detail)s); nothing was saved.")
            % {"error": type(exc).__name__, "detail": exc}
        )
    return None


def _reporter(job: Job):
    """solve_siting's progress(percent, message), written to the job when it changes (a
    solver reporting often must not turn into an UPDATE per call)."""
    last = {}

    def progress(percent, message=""):
        state = (max(1, min(98, int(percent))), str(message))
        if state != last.get("state"):
            last["state"] = state
            job.report(*state)

    return progress


def _summary(result: dict) -> str:
    return _(
        "%(n)d sites chosen: need-weighted residents covered %(before).0f, now %(after).0f"
    ) % {
        "n": len(result["sites"]),
        "before": result["need_weighted_covered_before"],
        "after": result["need_weighted_covered_after"],
    }


def plain(value):
    """``value`` as plain JSON (numpy numbers made Python numbers, NaN and infinities null), as
    the Job's JSON column stores it."""

    def default(obj):
        if hasattr(obj, "item") and getattr(obj, "ndim", None) == 0:
            return obj.item()
        if hasattr(obj, "tolist"):
            return obj.tolist()
        raise TypeError(f"{type(obj).__name__} is not JSON")

    def finite(obj):
        if isinstance(obj, float) and not math.isfinite(obj):
            return None
        if isinstance(obj, dict):
            return {k: finite(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [finite(v) for v in obj]
        return obj

    return finite(json.loads(json.dumps(value, default=default)))
