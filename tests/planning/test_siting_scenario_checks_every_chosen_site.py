"""Saving a siting answer puts each chosen site through the checks of any scenario edit (inside
Turin, name length, no NUL): one refused site refuses the save, naming it and why, and nothing
is saved; none is left out unseen."""

import pytest

from geoplan.jobs.models import Job
from geoplan.planning.models import Scenario, ScenarioEdit
from geoplan.planning.siting_scenario import save_siting_scenario

pytestmark = pytest.mark.django_db

INSIDE = {"lon": 7.6745, "lat": 45.0495, "capacity": None, "name": "Via Nizza"}


def answer(*sites):
    return {
        "model": "mclp",
        "category": "night_shelter",
        "k": len(sites),
        "threshold_min": 15,
        "profile": "standard",
        "sites": list(sites),
        "residents_covered_before": 10,
        "residents_covered_after": 20,
        "need_weighted_covered_before": 5.0,
        "need_weighted_covered_after": 9.0,
        "candidates": 3,
    }


@pytest.mark.parametrize(
    ("site", "words"),
    [
        ({"lon": 9.19, "lat": 45.4642, "name": "Milano"}, "outside the City of Turin"),
        ({**INSIDE, "name": "x" * 201}, "name is at most 200 characters long (201 given)"),
        ({**INSIDE, "name": "Casa\x00"}, "name must not hold a NUL character"),
    ],
)
def test_a_site_failing_an_edit_check_refuses_the_save_naming_it(planner, site, words):
    job = Job.objects.create(kind="siting", requested_by=planner, params={"language": "en"})
    with pytest.raises(ValueError) as refused:
        save_siting_scenario(job, answer(INSIDE, site))
    sentence = str(refused.value)
    assert sentence.startswith("The chosen sites cannot be saved as a scenario: site 2 (")
    assert words in sentence and sentence.endswith("Nothing was saved.")
    assert "site 1" not in sentence
    assert not Scenario.objects.filter(siting__job=job.pk).exists()
    assert not ScenarioEdit.objects.filter(scenario__owner=planner).exists()


def test_sites_passing_the_checks_are_saved_as_checked(planner):
    job = Job.objects.create(kind="siting", requested_by=planner, params={"language": "en"})
    scenario = save_siting_scenario(job, answer({**INSIDE, "name": "  Via Nizza  "}))
    (edit,) = scenario.edits.all()
    assert edit.kind == "add" and edit.category.code == "night_shelter"
    assert edit.name == "Via Nizza"  # trimmed as any edit's name
    assert (edit.geom.x, edit.geom.y) == (INSIDE["lon"], INSIDE["lat"])
