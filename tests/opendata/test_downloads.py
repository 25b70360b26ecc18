"""The public downloads: each format read back holds every published service of /api/sites/,
with its licence."""

import csv
import io
import json
import re

import pyogrio
import pytest

from geoplan.opendata.service_rows import COLUMNS
from geoplan.registry.models import Service, Site, Status

from .helpers import api_sites

ODBL = "https://opendatacommons.org/licenses/odbl/1-0/"


def download(client, name, **headers):
    response = client.get(f"/downloads/{name}", **headers)
    assert response.status_code == 200, response.content
    disposition = response["Content-Disposition"]
    extension = name.rsplit(".", 1)[1]
    assert re.fullmatch(
        rf'attachment; filename="geoplan-torino-sites-\d{{4}}-\d\d-\d\d\.{extension}"',
        disposition,
    )
    assert f'<{ODBL}>; rel="license"' in response["Link"]
    assert '/downloads/>; rel="describedby"' in response["Link"]
    return response


def expected(client) -> tuple[set, set]:
    """Service ids and site ids of /api/sites/."""
    sites = api_sites(client)
    return (
        {s["id"] for f in sites for s in f["properties"]["services"]},
        {f["id"] for f in sites},
    )


def read_csv(client, **headers) -> list[dict]:
    response = download(client, "sites.csv", **headers)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def read_geojson(client) -> dict:
    response = download(client, "sites.geojson")
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def read_gpkg(client, tmp_path):
    response = download(client, "sites.gpkg")
    assert response["Content-Type"] == "application/geopackage+sqlite3"
    path = tmp_path / "sites.gpkg"
    path.write_bytes(response.content)
    return path


def test_the_csv_has_a_row_per_published_service_of_the_sites_api(client):
    rows = read_csv(client)
    services, sites = expected(client)
    assert list(rows[0]) == list(COLUMNS)
    assert {int(r["service_id"]) for r in rows} == services
    assert len(rows) == len(services) > len(sites)
    assert {int(r["site_id"]) for r in rows} == sites
    for r in rows:
        assert r["licence"] == "ODbL-1.0" and "OpenStreetMap" in r["attribution"]
        assert 7.5 < float(r["lon"]) < 7.8 and 44.9 < float(r["lat"]) < 45.2
        assert r["location_precision"] in ("building", "street")


def test_the_csv_holds_what_the_registry_says_of_a_service(client):
    service = Service.objects.published().exclude(hours_text="").select_related("site").first()
    row = next(r for r in read_csv(client) if r["service_id"] == str(service.pk))
    assert row["name"] == service.name and row["address"] == service.site.address
    assert row["hours_text"] == service.hours_text
    assert row["opening_hours"] == service.opening_hours
    assert row["source_url"] == service.source_url
    assert row["as_of_year"] == str(service.as_of_year or "")
    assert float(row["lon"]) == round(service.site.geom.x, 6)


def test_category_names_follow_the_readers_language(client):
    english = {r["category"]: r["category_name"] for r in read_csv(client)}
    italian = {
        r["category"]: r["category_name"] for r in read_csv(client, HTTP_ACCEPT_LANGUAGE="it")
    }
    assert english["night_shelter"] == "Night shelter"
    assert italian["night_shelter"] == "Accoglienza notturna"


def test_the_geojson_carries_its_licence_and_every_service(client):
    collection = read_geojson(client)
    services, sites = expected(client)
    assert collection["type"] == "FeatureCollection"
    assert collection["licence"] == {
        "id": "ODbL-1.0",
        "name": "Open Database License (ODbL) 1.0",
        "url": ODBL,
    }
    assert "© OpenStreetMap contributors" in collection["attribution"]
    features = collection["features"]
    assert {f["id"] for f in features} == services and len(features) == len(services)
    assert {f["properties"]["site_id"] for f in features} == sites
    for f in features:
        assert f["geometry"]["type"] == "Point"
        assert "lon" not in f["properties"] and f["properties"]["licence"] == "ODbL-1.0"


def test_the_geopackage_reads_back_with_every_service_and_its_licence(client, tmp_path):
    path = read_gpkg(client, tmp_path)
    frame = pyogrio.read_dataframe(path)
    services, sites = expected(client)
    assert len(frame) == len(services)
    assert set(frame["service_id"]) == services and set(frame["site_id"]) == sites
    assert frame.crs.to_epsg() == 4326
    assert set(frame.geom_type) == {"Point"}
    info = pyogrio.read_info(path)
    assert info["layer_metadata"]["LICENCE"] == "ODbL-1.0"
    assert info["layer_metadata"]["LICENCE_URL"] == ODBL
    assert set(frame["licence"]) == {"ODbL-1.0"}
    # Whole years, not floats, even where a year is missing.
    assert str(frame["as_of_year"].dtype).lower().startswith("int")


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING, Status.PLANNED, Status.ARCHIVED])
def test_a_service_that_is_not_published_is_in_no_file(client, tmp_path, status):
    site = Site.objects.get(address="Corso Vercelli 15, Torino")
    hidden = set(Service.objects.filter(site=site).values_list("pk", flat=True))
    Service.objects.filter(site=site).update(status=status)
    assert not hidden & {int(r["service_id"]) for r in read_csv(client)}
    assert not hidden & {f["id"] for f in read_geojson(client)["features"]}
    assert not hidden & set(pyogrio.read_dataframe(read_gpkg(client, tmp_path))["service_id"])


def test_the_page_links_each_file_and_states_the_licence(client):
    response = client.get("/downloads/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("sites.csv", "sites.geojson", "sites.gpkg"):
        assert f'href="/downloads/{name}"' in html
    services, sites = expected(client)
    assert f"{len(services)} services at {len(sites)} sites" in html
    assert f'href="{ODBL}" rel="license"' in html
    assert "© OpenStreetMap contributors" in html
    assert "http://testserver/ogc/" in html
    # The public pages' frame, with the viewport for phones.
    assert 'name="viewport"' in html and 'href="/downloads/"' in html


def test_the_page_speaks_the_readers_language(client):
    response = client.get("/downloads/", HTTP_ACCEPT_LANGUAGE="it")
    assert response["Content-Language"] == "it"
    assert '<html lang="it"' in response.content.decode()
