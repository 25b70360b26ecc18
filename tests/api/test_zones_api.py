from django.db.models import Sum

from geoplan.territory.models import IndicatorValue


def test_it_returns_94_zones_whose_population_sums_to_the_source(client):
    data = client.get("/api/zones/").json()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 94
    total = sum(f["properties"]["population"] for f in data["features"])
    source = IndicatorValue.objects.filter(indicator__code="population").aggregate(s=Sum("value"))
    assert total == source["s"] == 860_973


def test_each_zone_has_area_density_and_a_multipolygon(client):
    data = client.get("/api/zones/").json()
    by_code = {f["properties"]["code"]: f for f in data["features"]}
    area_total = sum(f["properties"]["area_km2"] for f in data["features"])
    assert 129 < area_total < 131  # the city is 130.0 km²
    for f in data["features"]:
        assert f["geometry"]["type"] == "MultiPolygon"
        p = f["properties"]
        assert (
            abs(p["density_per_km2"] - p["population"] / p["area_km2"]) / p["density_per_km2"]
            < 1e-2
        )
    assert by_code["01"]["properties"]["name"] == "Municipio"
    assert by_code["01"]["properties"]["circoscrizione"] == 1
