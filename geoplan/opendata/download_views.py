"""The public downloads: the published services as CSV, GeoJSON and GeoPackage.

How each file carries its licence, so that it survives the file being copied on without this
page: every row has `licence` (an SPDX identifier) and `attribution` columns, in all three formats;
CSV has nothing else (a comment or a text block above the header breaks CSV readers, and a
zipped README is one more step for everyone who only wants the table); GeoJSON also names them as
top-level members of the FeatureCollection; the GeoPackage also in its layer's metadata. Every
answer links its licence in a `Link: <...>; rel="license"` header and this page as
`rel="describedby"`, and is saved under a dated file name.
"""

import csv
import io
import json
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import licences
from .service_rows import COLUMNS, GEOMETRY_COLUMNS, published_services, service_rows

GPKG_LAYER = "services"


def file_name(extension: str) -> str:
    return f"geoplan-torino-sites-{timezone.localdate().isoformat()}.{extension}"


def download(request, body: bytes, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name(extension)}"'
    page = request.build_absolute_uri(reverse("downloads:index"))
    response["Link"] = f'<{licences.SITES.url}>; rel="license", <{page}>; rel="describedby"'
    # Category names follow the reader's language.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@require_safe
def index(request):
    services = published_services()
    formats = [
        ("downloads:sites-csv", "CSV", _("a table for spreadsheets and scripts")),
        ("downloads:sites-geojson", "GeoJSON", _("for web maps and most GIS software")),
        ("downloads:sites-gpkg", "GeoPackage", _("for QGIS, ArcGIS and other GIS software")),
    ]
    return render(
        request,
        "opendata/downloads.html",
        {
            "formats": [
                {"url": reverse(name), "label": label, "use": use} for name, label, use in formats
            ],
            "service_count": services.count(),
            "site_count": services.values("site_id").distinct().count(),
            "columns": COLUMNS,
            "sites_licence": licences.SITES,
            "zones_licence": licences.ZONES,
            "access_licence": licences.ACCESS,
        },
    )


@require_safe
def sites_csv(request):
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(service_rows())
    return download(request, text.getvalue().encode("utf-8"), "text/csv; charset=utf-8", "csv")


def _properties(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in GEOMETRY_COLUMNS}


@require_safe
def sites_geojson(request):
    licence = licences.SITES
    collection = {
        "type": "FeatureCollection",
        "name": "geoplan-torino-sites",
        # Foreign members (RFC 7946, 6.1): kept by readers that keep the file's metadata.
        "licence": {"id": licence.code, "name": licence.name, "url": licence.url},
        "attribution": licence.attribution,
        "description": request.build_absolute_uri(reverse("downloads:index")),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "features": [
            {
                "type": "Feature",
                "id": row["service_id"],
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": _properties(row),
            }
            for row in service_rows()
        ],
    }
    body = json.dumps(collection, ensure_ascii=False).encode("utf-8")
    return download(request, body, "application/geo+json", "geojson")


def geopackage(rows: list[dict]) -> bytes:
    """The rows as one point layer of a GeoPackage (EPSG:4326), its licence in the metadata."""
    frame = pd.DataFrame(rows, columns=COLUMNS)
    # Years stay whole numbers where some are missing (not floats).
    frame["as_of_year"] = frame["as_of_year"].astype("Int64")
    points = gpd.points_from_xy(frame["lon"], frame["lat"], crs=4326)
    layer = gpd.GeoDataFrame(frame.drop(columns=list(GEOMETRY_COLUMNS)), geometry=points)
    licence = licences.SITES
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sites.gpkg"
        pyogrio.write_dataframe(
            layer,
            path,
            layer=GPKG_LAYER,
            driver="GPKG",
            # 1.2 rather than the newest: readable without warnings by older GDAL and QGIS.
            dataset_options={"VERSION": "1.2"},
            layer_options={
                "IDENTIFIER": "geoplan: services at sites, Turin",
                "DESCRIPTION": f"{licence.name} ({licence.url}). {licence.attribution}",
            },
            layer_metadata={
                "LICENCE": licence.code,
                "LICENCE_URL": licence.url,
                "ATTRIBUTION": licence.attribution,
            },
        )
        return path.read_bytes()


@require_safe
def sites_gpkg(request):
    return download(request, geopackage(service_rows()), "application/geopackage+sqlite3", "gpkg")
