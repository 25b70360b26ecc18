"""A siting answer saved as a scenario: a chosen site's siting capacity (residents it can serve)
is not copied into the edit's capacity (beds, meals or places, which scenario results weigh); it
stays in the scenario's siting record and is said in words in the edit's note. The name says the
model in words."""

import pytest

from geoplan.jobs.models import Job
from geoplan.planning.siting_scenario import save_siting_scenario

pytestmark = pytest.mark.django_db


def answer(**changes):
    return {
        "model": "mclp",
        "category": "food_distribution",
        "k": 2,
        "threshold_min": 15,
        "profile": "standard",
        "sites": [
            {"lon": 7.6745, "lat": 45.0495, "capacity": 1200.0, "name": "Via Nizza"},
            {"lon": 7.705, "lat": 45.089, "capacity": None, "name": None},
        ],
        "residents_covered_before": 1000,
        "residents_covered_after": 3000,
        "need_weighted_covered_before": 400.0,
        "need_weighted_covered_after": 1500.0,
        "candidates": 4,
        **changes,
    }


def job_of(user):
    return Job.objects.create(
        kind="siting",
        requested_by=user,
        params={"category": "food_distribution", "k": 2, "model": "mclp", "language": "en"},
    )


def test_the_edits_carry_no_capacity_and_the_note_says_it(planner):
    job = job_of(planner)
    scenario = save_siting_scenario(job, answer())
    first, second = scenario.edits.order_by("position")
    assert first.capacity is None and second.capacity is None
    assert "1,200 residents within 15 min" in first.note
    assert "not beds, meals or places" in first.note
    assert f"job {job.pk}" in first.note and "residents" not in second.note
    # The siting capacity is kept with the answer.
    assert scenario.siting["answer"]["sites"][0]["capacity"] == 1200.0
    assert first.name == "Via Nizza" and second.name == "New site 2 (siting)"


@pytest.mark.parametrize(
    ("model", "words"),
    [("mclp", "maximal covering"), ("pmedian", "p-median"), ("setcover", "set covering")],
)
def test_the_name_and_description_say_the_model_in_words(planner, model, words):
    scenario = save_siting_scenario(job_of(planner), answer(model=model))
    assert f"({words}, 15 min)" in scenario.name
    assert f"optimal siting ({words})" in scenario.description
