"""A siting job delivered again after its answer was saved (the worker was lost between saving
the scenario and marking the job done) answers with that scenario: no second scenario, no
second solve."""

import pytest

from geoplan.jobs.models import Job
from geoplan.planning.models import Scenario
from geoplan.planning.siting_scenario import save_siting_scenario
from geoplan.planning.tasks import run_siting

pytestmark = pytest.mark.django_db

ANSWER = {
    "model": "mclp",
    "category": "night_shelter",
    "k": 1,
    "threshold_min": 15,
    "profile": "standard",
    "sites": [{"lon": 7.6745, "lat": 45.0495, "capacity": None, "name": "Via Nizza"}],
    "residents_covered_before": 10,
    "residents_covered_after": 20,
    "need_weighted_covered_before": 5.0,
    "need_weighted_covered_after": 9.0,
    "candidates": 3,
}


def test_the_second_delivery_succeeds_with_the_saved_scenario(planner):
    # The first delivery claimed the job, solved it and saved the answer, then was lost.
    job = Job.objects.create(
        kind="siting",
        requested_by=planner,
        status=Job.Status.RUNNING,
        attempts=1,
        # A model no solver knows: solving again would fail the job.
        params={"category": "night_shelter", "k": 1, "model": "none", "language": "en"},
    )
    first = save_siting_scenario(job, ANSWER)
    result = run_siting(job.pk)
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    assert job.attempts == 2
    assert result["scenario"] == first.pk and job.result["scenario"] == first.pk
    assert job.result["sites"] == ANSWER["sites"]
    assert Scenario.objects.filter(siting__job=job.pk).count() == 1


def test_saving_the_same_jobs_answer_twice_gives_the_same_scenario(planner):
    job = Job.objects.create(kind="siting", requested_by=planner, params={"language": "en"})
    first = save_siting_scenario(job, ANSWER)
    assert save_siting_scenario(job, ANSWER).pk == first.pk
    assert Scenario.objects.filter(siting__job=job.pk).count() == 1
    assert first.edits.count() == 1
