"""A capacity set in a category whose access score counts sites (not every published site of it
states a capacity) changes no figure: the results say so in a warning naming the category, once,
in the reader's language; a capacity where capacities count gets no such warning."""

from django.utils import translation

from geoplan.access.models import AccessRun
from geoplan.planning.edits import add_edits
from geoplan.planning.scenarios import scenario_results
from geoplan.registry.models import Service, ServiceCategory

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import NORTH, client_for, results_url


def published(category: str):
    return Service.objects.published(include_illustrative=False).filter(category__code=category)


def test_a_capacity_where_sites_count_is_said_to_count_for_nothing(scenario, pia):
    run = AccessRun.objects.latest_completed("standard")
    assert run.params["supply_mode_used"]["night_shelter"] == "sites"
    assert published("night_shelter").filter(capacity=None).exists()
    shelters = list(published("night_shelter").order_by("pk")[:2])
    add_edits(
        scenario,
        [
            {"kind": "capacity", "site": s.site_id, "category": "night_shelter", "capacity": 90}
            for s in shelters
        ],
    )
    answer = client_for(pia).get(results_url(scenario), HTTP_ACCEPT_LANGUAGE="en").json()
    (city,) = answer["city"]
    assert city["supply_mode"] == "sites"
    assert set(city["delta"].values()) <= {0, None}
    name = ServiceCategory.objects.get(code="night_shelter").name("en")
    # Two edits, one category: one sentence.
    assert answer["warnings"] == [
        f"Capacities do not count for {name}: not every site of it states one, so each counts "
        "as one site."
    ]


def test_an_added_site_with_a_capacity_where_sites_count_is_warned_too(scenario, pia):
    add_edits(
        scenario,
        [
            {"kind": "add", "category": "food_distribution", "lon": NORTH[0], "lat": NORTH[1]},
            {
                "kind": "add",
                "category": "night_shelter",
                "lon": NORTH[0],
                "lat": NORTH[1],
                "capacity": 30,
            },
        ],
    )
    with translation.override("it"):
        answer = scenario_results(scenario)
    night = ServiceCategory.objects.get(code="night_shelter")
    food = ServiceCategory.objects.get(code="food_distribution")
    assert {c["category"]: c["supply_mode"] for c in answer["city"]} == {
        "night_shelter": "sites",
        "food_distribution": "sites",
    }
    # The site added without a capacity is counted as a site like every other: nothing to say.
    assert len(answer["warnings"]) == 1
    assert night.name("it") in answer["warnings"][0]
    assert food.name("it") not in answer["warnings"][0]


def test_a_capacity_where_capacities_count_gets_no_warning(scenario, pia):
    run = AccessRun.objects.latest_completed("standard")
    assert run.params["supply_mode_used"]["emergency_housing"] == "capacity"
    housing = published("emergency_housing").order_by("pk").first()
    add_edits(
        scenario,
        [
            {
                "kind": "capacity",
                "site": housing.site_id,
                "category": "emergency_housing",
                "capacity": housing.capacity + 50,
            }
        ],
    )
    answer = client_for(pia).get(results_url(scenario)).json()
    (city,) = answer["city"]
    assert city["supply_mode"] == "capacity"
    assert city["delta"]["e2sfca_mean"] != 0
    assert answer["warnings"] == []
