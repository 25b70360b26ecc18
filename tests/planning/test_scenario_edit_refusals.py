"""Each refused edit answers 400 with a sentence under the field at fault, and nothing is stored:
neither the edit, nor the scenario's change time, nor (on creation) the scenario itself."""

import pytest

from geoplan.planning.edits import MAX_EDITS, add_edits
from geoplan.planning.models import Scenario, ScenarioEdit
from geoplan.registry.models import Service, Site, Status

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import VIA_NIZZA, client_for

LON, LAT = VIA_NIZZA


def a_published_site(category=None) -> Site:
    services = Service.objects.published(include_illustrative=False)
    if category:
        services = services.filter(category__code=category)
    return services.order_by("pk").first().site


def a_site_without_published_service() -> Site:
    published = Service.objects.filter(status=Status.PUBLISHED).values("site_id")
    return Site.objects.exclude(pk__in=published).order_by("pk").first()


def a_category_the_site_lacks(site: Site) -> str:
    has = set(site.services.values_list("category__code", flat=True))
    return next(c for c in ("housing_first", "work_training", "social_desk") if c not in has)


def refusals():
    """(edit, field at fault, words the sentence holds) for each rule."""
    site = a_published_site("food_distribution")
    bare = a_site_without_published_service()
    return [
        ({"kind": "open", "site": site.pk}, "kind", "Unknown kind"),
        ({"site": site.pk}, "kind", "kind"),
        ({"kind": "add", "category": "bakery", "lon": LON, "lat": LAT}, "category", "bakery"),
        ({"kind": "add", "lon": LON, "lat": LAT}, "category", "needs a category"),
        ({"kind": "add", "category": "night_shelter", "lon": "east", "lat": LAT}, "lon", "lon"),
        ({"kind": "add", "category": "night_shelter", "lat": LAT}, "lon", "lon"),
        ({"kind": "add", "category": "night_shelter", "lon": LON, "lat": True}, "lat", "lat"),
        ({"kind": "add", "category": "night_shelter", "lon": 7.5, "lat": 45.2}, "lon", "outside"),
        ({"kind": "move", "site": site.pk, "lon": 9.19, "lat": 45.46}, "lon", "outside"),
        ({"kind": "close", "site": 987654}, "site", "no site 987654"),
        ({"kind": "close", "site": "twelve"}, "site", "site"),
        # Digits int() cannot read, and an id far too long: a sentence, never a 500.
        ({"kind": "close", "site": "²"}, "site", "whole number"),
        ({"kind": "move", "site": "٣", "lon": LON, "lat": LAT}, "site", "whole number"),
        ({"kind": "close", "site": "9" * 5000}, "site", "whole number"),
        ({"kind": "close", "site": bare.pk}, "site", "no published service"),
        ({"kind": "move", "site": bare.pk, "lon": LON, "lat": LAT}, "site", "no published"),
        ({"kind": "close"}, "site", "needs the id of the site"),
        (
            {"kind": "add", "category": "night_shelter", "lon": LON, "lat": LAT, "capacity": -1},
            "capacity",
            "at least 0",
        ),
        (
            {"kind": "capacity", "site": site.pk, "category": "food_distribution"},
            "capacity",
            "needs the new capacity",
        ),
        (
            {"kind": "capacity", "site": site.pk, "category": "food_distribution", "capacity": 0},
            "capacity",
            "close it instead",
        ),
        (
            {
                "kind": "capacity",
                "site": site.pk,
                "category": a_category_the_site_lacks(site),
                "capacity": 10,
            },
            "site",
            "no published service of the category",
        ),
        (
            {
                "kind": "add",
                "category": "night_shelter",
                "lon": LON,
                "lat": LAT,
                "hours": "every day 9 to 5",
            },
            "hours",
            "not valid opening hours",
        ),
        (
            {"kind": "add", "category": "night_shelter", "lon": LON, "lat": LAT, "name": "x" * 201},
            "name",
            "200",
        ),
        ({"kind": "close", "site": site.pk, "lon": LON}, "lon", "takes no lon"),
    ]


def state(scenario):
    scenario.refresh_from_db()
    return scenario.updated_at, list(scenario.edits.values_list("pk", flat=True))


def test_each_refused_edit_names_its_field_and_stores_nothing(scenario, pia):
    client = client_for(pia)
    before = state(scenario)
    for edit, field, words in refusals():
        response = client.post(f"/api/scenarios/{scenario.pk}/edits/", edit, format="json")
        assert response.status_code == 400, (edit, response.content)
        body = response.json()
        assert field in body, (edit, body)
        sentence = body[field] if isinstance(body[field], str) else " ".join(body[field])
        assert words in sentence, (edit, sentence)
        assert state(scenario) == before, edit


def test_a_new_scenario_with_one_bad_edit_is_not_stored(pia):
    client = client_for(pia)
    good = {"kind": "add", "category": "night_shelter", "lon": LON, "lat": LAT}
    bad = {"kind": "add", "category": "night_shelter", "lon": 7.5, "lat": 45.2}
    response = client.post(
        "/api/scenarios/", {"name": "Due siti", "edits": [good, bad]}, format="json"
    )
    assert response.status_code == 400
    assert "outside the City of Turin" in str(response.json()["edits"])
    assert not Scenario.objects.filter(name="Due siti").exists()
    response = client.post("/api/scenarios/", {"name": "", "edits": [good]}, format="json")
    assert response.status_code == 400 and "name" in response.json()
    assert not ScenarioEdit.objects.exists()


def test_a_scenario_holds_at_most_100_edits(scenario, pia):
    site = a_published_site()
    add_edits(scenario, [{"kind": "close", "site": site.pk}] * MAX_EDITS)
    before = state(scenario)
    response = client_for(pia).post(
        f"/api/scenarios/{scenario.pk}/edits/", {"kind": "close", "site": site.pk}, format="json"
    )
    assert response.status_code == 400
    assert "at most 100 edits" in response.json()["edits"]
    assert state(scenario) == before
    too_many = [{"kind": "close", "site": site.pk}] * (MAX_EDITS + 1)
    response = client_for(pia).post(
        "/api/scenarios/", {"name": "Troppi", "edits": too_many}, format="json"
    )
    assert response.status_code == 400 and "edits" in response.json()
    assert not Scenario.objects.filter(name="Troppi").exists()


@pytest.mark.parametrize("body", [[1, 2], "close", {"kind": None}])
def test_an_edit_that_is_not_an_object_is_refused(scenario, pia, body):
    response = client_for(pia).post(f"/api/scenarios/{scenario.pk}/edits/", body, format="json")
    assert response.status_code == 400
    assert state(scenario)[1] == []
