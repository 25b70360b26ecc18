"""GDAL's OGC API - Features driver reads /ogc/ from a real HTTP server: the same sites as
/api/sites/, the 94 zones and a category's walking access."""

import re
import shutil
import subprocess

import pytest

from geoplan.registry.models import ServiceCategory

from .helpers import api_sites

OGRINFO = shutil.which("ogrinfo") or "/usr/bin/ogrinfo"
pytestmark = pytest.mark.skipif(not shutil.which(OGRINFO), reason="GDAL's ogrinfo is missing")


def ogrinfo(site_url: str, *args: str) -> str:
    done = subprocess.run(
        [OGRINFO, "-ro", *args],
        capture_output=True,
        text=True,
        timeout=120,
        # No proxy between GDAL and the local server.
        env={"PATH": "/usr/bin:/bin", "NO_PROXY": "*", "GDAL_HTTP_TIMEOUT": "60"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def feature_count(summary: str) -> int:
    return int(re.search(r"^Feature Count: (\d+)$", summary, re.M).group(1))


def test_gdal_counts_the_sites_of_the_sites_api(client, site_url):
    summary = ogrinfo(site_url, "-so", f"OAPIF:{site_url}/ogc/", "sites")
    assert "Geometry: Point" in summary
    assert feature_count(summary) == len(api_sites(client)) == 38
    for field in ("name: String", "address: String", "categories: StringList", "services:"):
        assert field in summary


def test_gdal_lists_every_collection(client, site_url):
    listing = ogrinfo(site_url, f"OAPIF:{site_url}/ogc/")
    layers = re.findall(r"^\d+: (\S+)", listing, re.M)
    codes = ServiceCategory.objects.values_list("code", flat=True)
    assert layers[:2] == ["sites", "zones"]
    assert {f"access-{c}" for c in codes} == set(layers[2:])


def test_gdal_reads_all_94_zones_page_by_page(site_url):
    # -al reads every feature, following the `next` links ten at a time.
    everything = ogrinfo(site_url, "-al", "-geom=SUMMARY", f"OAPIF:{site_url}/ogc/", "zones")
    assert feature_count(everything) == 94
    assert len(re.findall(r"^OGRFeature\(zones\):", everything, re.M)) == 94
    assert re.search(r"^\s+population \(Integer\) = \d+", everything, re.M)


def test_gdal_reads_a_categorys_walking_access(site_url):
    summary = ogrinfo(site_url, "-so", f"OAPIF:{site_url}/ogc/", "access-night_shelter")
    assert feature_count(summary) == 94
    assert "Multi Polygon" in summary or "Polygon" in summary
    for field in ("mean_min: Real", "share_within_15: Real", "gap_people: Real", "gap_rank"):
        assert field in summary
