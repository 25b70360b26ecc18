"""A scenario's "after" figures are those of a run made from scratch with its edits written into
the registry for real (inside the test's transaction): every zone and city measure, to 1e-9.
Only the categories the edits change are answered, each with all 94 zones."""

from django.contrib.gis.geos import Point
from django.db.models import Count, Q

from geoplan.access.inputs import AccessInputs
from geoplan.access.models import PROFILE_SPEED_KMH
from geoplan.access.services import compute
from geoplan.planning.edits import add_edits
from geoplan.planning.scenarios import scenario_results
from geoplan.registry.models import Service, ServiceCategory, Site, Status
from geoplan.territory.models import Zone

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import CENTRE, NORTH, VIA_NIZZA, assert_close, expected_measures


def published():
    return Service.objects.published(include_illustrative=False)


def site_with_only(category: str) -> Site:
    """A located site whose one published service is of ``category``."""
    ids = (
        published()
        .values("site_id")
        .annotate(n=Count("pk"), of=Count("pk", filter=Q(category__code=category)))
        .filter(n=1, of=1)
        .values_list("site_id", flat=True)
    )
    return Site.objects.filter(pk__in=list(ids)).order_by("pk").first()


def site_with_two_categories() -> Site:
    ids = (
        published()
        .values("site_id")
        .annotate(n=Count("category", distinct=True))
        .filter(n=2)
        .values_list("site_id", flat=True)
    )
    return Site.objects.filter(pk__in=list(ids)).order_by("pk").first()


def register(category: str, lon: float, lat: float, capacity=None) -> None:
    """The registry as if the added site had been approved."""
    name = f"Nuovo sito {category}"
    site = Site.objects.create(
        name=name,
        address=f"{name}, Torino",
        geom=Point(lon, lat, srid=4326),
        location_precision="building",
    )
    Service.objects.create(
        site=site,
        category=ServiceCategory.objects.get(code=category),
        name=name,
        status=Status.PUBLISHED,
        capacity=capacity,
        capacity_unit="places" if capacity is not None else "",
    )


def assert_after_is_a_full_run(answer: dict, profile: str) -> None:
    _network, grid, results, _timings = compute(AccessInputs.gather(), PROFILE_SPEED_KMH[profile])
    n_zones = Zone.objects.count()
    assert len(answer["zones"]) == n_zones * len(answer["categories"])
    for row in answer["city"]:
        city, _zones = expected_measures(results, grid.cells, row["category"])
        assert_close(row["after"], city, ("city", row["category"]))
    expected = {cat: expected_measures(results, grid.cells, cat)[1] for cat in answer["categories"]}
    for row in answer["zones"]:
        population, zone = expected[row["category"]][row["zone"]]
        assert row["population"] == population
        assert_close(row["after"], zone, (row["zone"], row["category"]))


def assert_delta_is_after_minus_before(answer: dict) -> None:
    for row in answer["city"] + answer["zones"]:
        for key, delta in row["delta"].items():
            before, after = row["before"][key], row["after"][key]
            if before is None or after is None:
                assert delta is None
            else:
                assert delta == after - before


def test_two_additions_and_a_closure_in_two_categories(scenario):
    closed = site_with_only("night_shelter")
    add_edits(
        scenario,
        [
            {
                "kind": "add",
                "category": "night_shelter",
                "lon": VIA_NIZZA[0],
                "lat": VIA_NIZZA[1],
                "capacity": 20,
                "hours": "Mo-Su 20:00-08:00",
            },
            {"kind": "add", "category": "food_distribution", "lon": NORTH[0], "lat": NORTH[1]},
            {"kind": "close", "site": closed.pk},
        ],
    )
    answer = scenario_results(scenario, "standard")
    order = list(ServiceCategory.objects.values_list("code", flat=True))
    assert answer["categories"] == sorted(["night_shelter", "food_distribution"], key=order.index)
    assert {r["category"] for r in answer["city"] + answer["zones"]} == set(answer["categories"])
    # No edit skipped; night shelters count sites, so the added one's capacity counts for nothing.
    (warning,) = answer["warnings"]
    assert warning.startswith("Capacities do not count for ")
    by_cat = {r["category"]: r for r in answer["city"]}
    assert by_cat["food_distribution"]["delta"]["n_sites"] == 1
    assert by_cat["night_shelter"]["delta"]["n_sites"] == 0
    assert by_cat["food_distribution"]["delta"]["residents_within_15"] > 0
    assert_delta_is_after_minus_before(answer)

    register("night_shelter", *VIA_NIZZA, capacity=20)
    register("food_distribution", *NORTH)
    published().filter(site=closed).update(status=Status.ARCHIVED)
    assert_after_is_a_full_run(answer, "standard")


def test_a_move_and_a_capacity_change_for_slow_walkers(scenario):
    moved = site_with_two_categories()
    moved_categories = set(published().filter(site=moved).values_list("category__code", flat=True))
    housing = published().filter(category__code="emergency_housing").order_by("pk").first()
    assert housing.capacity is not None
    add_edits(
        scenario,
        [
            {"kind": "move", "site": moved.pk, "lon": CENTRE[0], "lat": CENTRE[1]},
            {
                "kind": "capacity",
                "site": housing.site_id,
                "category": "emergency_housing",
                "capacity": housing.capacity * 3,
            },
        ],
    )
    answer = scenario_results(scenario, "slow")
    assert answer["profile"] == "slow"
    assert set(answer["categories"]) == moved_categories | {"emergency_housing"}
    housing_city = next(r for r in answer["city"] if r["category"] == "emergency_housing")
    # Capacity moves the competition-aware measure only.
    assert housing_city["delta"]["residents_within_15"] == 0
    assert housing_city["delta"]["e2sfca_mean"] != 0
    assert_delta_is_after_minus_before(answer)

    moved.geom = Point(*CENTRE, srid=4326)
    moved.save()
    Service.objects.filter(pk=housing.pk).update(capacity=housing.capacity * 3)
    assert_after_is_a_full_run(answer, "slow")
