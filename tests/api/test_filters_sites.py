"""/api/sites/ filters: category, target group, language, step-free access and a bounding box;
each bad value is refused with a 400 that names the parameter and says why."""

import pytest

from geoplan.registry.models import Service, Site

# Around San Salvario and the station of Porta Nuova, in degrees (EPSG:4326).
SAN_SALVARIO = (7.670, 45.045, 7.685, 45.060)


def sites(client, **query):
    response = client.get("/api/sites/", query)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["type"] == "FeatureCollection"
    return body["features"]


def names(features) -> set[str]:
    return {f["properties"]["name"] for f in features}


def test_a_box_keeps_the_sites_inside_it(client):
    inside = sites(client, bbox=",".join(map(str, SAN_SALVARIO)))
    minlon, minlat, maxlon, maxlat = SAN_SALVARIO
    expected = Site.objects.located().filter(
        geom__within=f"SRID=4326;POLYGON(({minlon} {minlat},{maxlon} {minlat},{maxlon} {maxlat},"
        f"{minlon} {maxlat},{minlon} {minlat}))",
        services__status="published",
    )
    assert {f["id"] for f in inside} == set(expected.values_list("pk", flat=True))
    assert "Casa del Quartiere di San Salvario" in names(inside)
    assert "Cascina Roccafranca" not in names(inside)
    for f in inside:
        lon, lat = f["geometry"]["coordinates"]
        assert minlon <= lon <= maxlon and minlat <= lat <= maxlat


def test_a_box_and_a_category_combine(client):
    shelters = sites(client, bbox=",".join(map(str, SAN_SALVARIO)), category="night_shelter")
    assert names(shelters) == {
        "Asilo notturno Umberto I",
        "Casa di prima accoglienza notturna via Sacchi",
    }
    for f in shelters:
        assert {s["category"] for s in f["properties"]["services"]} == {"night_shelter"}


@pytest.mark.parametrize(
    "bbox, says",
    [
        ("7.6,45.0,7.7", "four numbers"),
        ("7.6,45.0,7.7,north", "four numbers"),
        ("7.6;45.0;7.7;45.1", "four numbers"),
        ("7.6,45.0,7.7,nan", "four numbers"),
        ("7.7,45.0,7.6,45.1", "inverted or empty"),
        ("7.6,45.1,7.7,45.0", "inverted or empty"),
        ("7.6,45.0,7.6,45.1", "inverted or empty"),
        ("7.6,45.0,190,45.1", "out of range"),
        ("7.6,-91,7.7,45.1", "out of range"),
    ],
)
def test_a_malformed_or_inverted_box_is_refused_with_a_sentence(client, bbox, says):
    response = client.get("/api/sites/", {"bbox": bbox})
    assert response.status_code == 400
    assert says in response.json()["bbox"]
    assert "minlon,minlat,maxlon,maxlat" in response.json()["bbox"]


def test_a_target_group_keeps_its_services_and_those_open_to_everyone(client):
    features = sites(client, target_group="women")
    groups = {g for f in features for s in f["properties"]["services"] for g in s["target_groups"]}
    assert groups == {"women", "everyone"}
    shelters = sites(client, target_group="women", category="night_shelter")
    assert names(shelters) == {"Casa di prima accoglienza notturna via Ghedini"}


def test_a_language_keeps_the_services_that_speak_it(client):
    Service.objects.filter(site__name="Cascina Roccafranca").update(languages=["it", "ar"])
    features = sites(client, language="ar")
    assert names(features) == {"Cascina Roccafranca"}
    assert sites(client, language="wo") == []


def test_step_free_keeps_the_services_known_to_have_it(client):
    Service.objects.filter(site__name="Cecchi Point - Hub Multiculturale").update(
        step_free_access=True
    )
    Service.objects.filter(site__name="Cascina Roccafranca").update(step_free_access=False)
    assert names(sites(client, step_free="true")) == {"Cecchi Point - Hub Multiculturale"}
    assert names(sites(client, step_free="false")) == {"Cascina Roccafranca"}


def test_a_site_shows_only_the_services_that_match(client):
    (site,) = [
        f
        for f in sites(client, category="food_distribution")
        if f["properties"]["name"] == ("Casa del Quartiere di San Salvario")
    ]
    assert [s["category"] for s in site["properties"]["services"]] == ["food_distribution"]


@pytest.mark.parametrize(
    "query, parameter, says",
    [
        ({"target_group": "pensioners"}, "target_group", "Unknown target_group 'pensioners'"),
        ({"language": "klingon"}, "language", "Unknown language 'klingon'"),
        ({"step_free": "maybe"}, "step_free", "step_free is true or false, not 'maybe'"),
        ({"category": "soup_kitchen"}, "category", "Unknown category 'soup_kitchen'"),
    ],
)
def test_an_unknown_value_is_refused_by_name(client, query, parameter, says):
    response = client.get("/api/sites/", query)
    assert response.status_code == 400
    assert says in response.json()[parameter]


def test_empty_filters_filter_nothing(client):
    everything = sites(client)
    empty = sites(client, bbox="", category="", target_group="", language="", step_free="")
    assert [f["id"] for f in empty] == [f["id"] for f in everything]
