"""A scenario's results are kept for the inputs they were computed from: a change to the
published registry or a saved need weight, before any recompute has run, is answered anew
(its "before" follows the current registry), never from the kept answer."""

from geoplan.access.models import NeedWeight
from geoplan.planning.edits import add_edits
from geoplan.planning.scenarios import scenario_results
from geoplan.registry.models import Service, Status

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import VIA_NIZZA


def shelter_scenario(scenario):
    add_edits(
        scenario,
        [{"kind": "add", "category": "night_shelter", "lon": VIA_NIZZA[0], "lat": VIA_NIZZA[1]}],
    )
    first = scenario_results(scenario)
    assert scenario_results(scenario)["computed_at"] == first["computed_at"]
    return first


def test_a_site_unpublished_since_the_run_changes_before(scenario):
    first = shelter_scenario(scenario)
    shelter = (
        Service.objects.published(include_illustrative=False)
        .filter(category__code="night_shelter")
        .order_by("pk")
        .first()
    )
    # No recompute runs here: the latest run still counts the shelter.
    Service.objects.filter(pk=shelter.pk).update(status=Status.ARCHIVED)
    changed = scenario_results(scenario)
    assert changed["computed_at"] != first["computed_at"]
    (before_first,) = [c["before"] for c in first["city"]]
    (before_now,) = [c["before"] for c in changed["city"]]
    assert before_now["n_sites"] == before_first["n_sites"] - 1


def test_a_saved_need_weight_changes_the_gaps(scenario):
    first = shelter_scenario(scenario)
    weights = NeedWeight.objects.filter(profile__category__code="night_shelter").order_by("pk")
    assert weights.count() >= 2
    NeedWeight.objects.filter(pk=weights.first().pk).update(weight=40)
    changed = scenario_results(scenario)
    assert changed["computed_at"] != first["computed_at"]
    gaps = [
        [z["before"]["need_weighted_unserved"] for z in answer["zones"]]
        for answer in (first, changed)
    ]
    assert gaps[0] != gaps[1]
