"""A scenario's "before" figures are those of the latest run, as stored: every zone's mean walk,
share within 15 minutes, E2SFCA, gap in people and gap rank, and the city's figures."""

import math

from geoplan.access.models import AccessRun, KpiSnapshot, ZoneAccess
from geoplan.planning.edits import add_edits
from geoplan.planning.scenarios import scenario_results

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import NORTH


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def test_before_equals_the_stored_zone_results(scenario):
    add_edits(
        scenario,
        [
            {"kind": "add", "category": "social_desk", "lon": NORTH[0], "lat": NORTH[1]},
            {"kind": "add", "category": "housing_first", "lon": NORTH[0], "lat": NORTH[1]},
        ],
    )
    for profile in ("standard", "slow"):
        answer = scenario_results(scenario, profile)
        run = AccessRun.objects.latest_completed(profile)
        stored = {
            (z.category, z.zone.code): z
            for z in ZoneAccess.objects.filter(
                run=run, category__in=answer["categories"]
            ).select_related("zone")
        }
        assert len(stored) == len(answer["zones"]) > 0
        for row in answer["zones"]:
            z = stored[row["category"], row["zone"]]
            before = row["before"]
            assert row["population"] == z.population
            assert close(before["mean_min"], z.mean_min), row["zone"]
            assert close(before["share_within_15"], z.share_within_15), row["zone"]
            assert close(before["e2sfca_mean"], z.e2sfca_mean), row["zone"]
            assert close(before["need_weighted_unserved"], z.gap_people), row["zone"]
            assert before["gap_rank"] == z.gap_rank, row["zone"]
        for row in answer["city"]:
            kpi = KpiSnapshot.objects.get(run=run, category=row["category"])
            city = run.city[row["category"]]
            assert row["before"]["n_sites"] == kpi.n_sites
            assert close(row["before"]["share_within_15"], kpi.share_within_15)
            assert close(row["before"]["need_weighted_unserved"], kpi.need_weighted_unserved)
            assert close(row["before"]["mean_min"], city["mean_min"])
            assert close(row["before"]["gini_nearest_min"], city["gini_nearest_min"])


def test_a_category_without_any_site_has_no_walk_before(scenario):
    add_edits(
        scenario, [{"kind": "add", "category": "housing_first", "lon": NORTH[0], "lat": NORTH[1]}]
    )
    answer = scenario_results(scenario)
    (city,) = answer["city"]
    assert city["before"]["n_sites"] == 0 and city["after"]["n_sites"] == 1
    assert city["before"]["mean_min"] is None and city["delta"]["mean_min"] is None
    assert city["after"]["mean_min"] > 0
    assert city["delta"]["residents_within_15"] == city["after"]["residents_within_15"] > 0
