"""E2SFCA before and after a scenario are in the same units: "after" keeps the supply mode that
"before" used in each category. Emergency housing counts capacities (each of its published
services has one): a proposed site without a capacity counts one unit of capacity instead of
switching the category to counting sites, so "after" equals a full run with the site written
into the registry with a capacity of 1. In a category counting sites, a capacity changes
nothing."""

import math

from geoplan.access.inputs import AccessInputs, walk_network
from geoplan.access.models import PROFILE_SPEED_KMH, AccessRun
from geoplan.analysis.measures import compute_all
from geoplan.planning.edits import add_edits, apply_edits
from geoplan.planning.scenarios import scenario_results
from geoplan.registry.models import Service

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import NORTH, client_for, results_url
from .test_scenario_results_equal_a_recompute_with_the_edits import (
    assert_after_is_a_full_run,
    register,
)


def published(category: str):
    return Service.objects.published(include_illustrative=False).filter(category__code=category)


def test_a_site_added_without_capacity_counts_one_unit_of_capacity(scenario, pia):
    run = AccessRun.objects.latest_completed("standard")
    assert run.params["supply_mode_used"]["emergency_housing"] == "capacity"
    assert not published("emergency_housing").filter(capacity=None).exists()
    add_edits(
        scenario,
        [{"kind": "add", "category": "emergency_housing", "lon": NORTH[0], "lat": NORTH[1]}],
    )
    answer = client_for(pia).get(results_url(scenario)).json()
    (city,) = answer["city"]
    assert city["supply_mode"] == "capacity"
    assert city["delta"]["e2sfca_mean"] != 0

    # Counted as sites (what the category would switch to), the score is another one.
    inputs = AccessInputs.gather()
    applied = apply_edits(inputs.sites, list(scenario.edits.all()), inputs.categories)
    network = walk_network()
    grid = inputs.population_grid(network)
    as_sites = compute_all(
        network,
        grid.cells,
        grid.pieces,
        applied.sites[applied.sites["category"] == "emergency_housing"],
        categories=["emergency_housing"],
        speed_kmh=PROFILE_SPEED_KMH["standard"],
        supply_mode="sites",
    )
    pop = grid.cells["population"].to_numpy(dtype=float)
    sites_mean = float((as_sites.cells["e2sfca"].to_numpy() * pop).sum() / pop.sum())
    assert not math.isclose(sites_mean, city["after"]["e2sfca_mean"], rel_tol=1e-6)

    register("emergency_housing", *NORTH, capacity=1)
    assert_after_is_a_full_run(answer, "standard")


def test_in_a_category_counting_sites_a_capacity_changes_nothing(scenario):
    # Every night shelter but one gets a capacity: a capacity for the last one would make the
    # category count capacities if "after" chose its mode again.
    shelters = list(published("night_shelter").order_by("pk"))
    last = shelters[-1]
    Service.objects.filter(pk__in=[s.pk for s in shelters[:-1]]).update(
        capacity=25, capacity_unit="beds"
    )
    Service.objects.filter(pk=last.pk).update(capacity=None, capacity_unit="")
    add_edits(
        scenario,
        [
            {
                "kind": "capacity",
                "site": last.site_id,
                "category": "night_shelter",
                "capacity": 40,
            }
        ],
    )
    answer = scenario_results(scenario, "standard")
    (city,) = answer["city"]
    assert city["supply_mode"] == "sites"
    assert set(city["delta"].values()) <= {0, None}
    assert all(set(z["delta"].values()) <= {0, None} for z in answer["zones"])
