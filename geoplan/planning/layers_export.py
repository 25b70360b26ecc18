"""The workspace's layers as files for GIS software: GeoJSON (EPSG:4326, RFC 7946) and GeoPackage.

zones: the 94 zone outlines with the category's current measures (and with a scenario the
after and change columns); sites: the category's published sites; proposals: a scenario's
added, moved and closed sites; isochrones: walking bands around the scenario's added sites, or
around the category's published sites. Each file names its licence and credits: the GeoJSON as
top-level members, the GeoPackage in its layer's metadata.
"""

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely.geometry import Point, mapping, shape

from . import map_data, sources
from .tables import SCENARIO_MEASURES, current_rows, figure

LAYERS = ("zones", "sites", "proposals", "isochrones")


@dataclass
class Layer:
    name: str
    geometry_type: str
    records: list[dict]
    geometries: list
    metadata: dict = field(default_factory=dict)


def zones_layer(run, category: str, results: dict | None = None) -> Layer:
    """Zone outlines with the category's current measures; with a scenario's results also
    ``<measure>_after`` and ``<measure>_delta`` of every zone measure."""
    shapes = map_data.zone_shapes()
    rows = current_rows(run, category)
    changes = {}
    if results is not None:
        changes = {z["zone"]: z for z in results["zones"] if z["category"] == category}
    records, geometries = [], []
    for row in rows:
        record = {"category": category, **row}
        if results is not None:
            zone = changes.get(row["zone"], {})
            for measure, _kind in SCENARIO_MEASURES:
                # Rounded as the zone tables write them, not 17 digits of float noise.
                after = (zone.get("after") or {}).get(measure)
                delta = (zone.get("delta") or {}).get(measure)
                record[f"{measure}_after"] = figure(measure, after)
                record[f"{measure}_delta"] = figure(measure, delta)
        records.append(record)
        geometries.append(shapes[row["zone"]][2])
    return Layer("zones", "MultiPolygon", records, geometries)


def sites_layer(category: str, scenario=None) -> Layer:
    """The category's published sites; with a scenario, which of its edits touches each."""
    sites = map_data.published_sites(category)
    touched = {}
    if scenario is not None:
        touched = {
            site: kind
            for site, kind in scenario.edits.exclude(site=None).values_list("site", "kind")
        }
    records = [
        {k: v for k, v in s.items() if k not in ("lon", "lat")}
        | ({"scenario_edit": touched.get(s["site"], "")} if scenario is not None else {})
        for s in sites
    ]
    return Layer("sites", "Point", records, [Point(s["lon"], s["lat"]) for s in sites])


def proposals_layer(scenario, category: str | None) -> Layer:
    points = map_data.proposals(scenario, category)
    records = [{k: v for k, v in p.items() if k not in ("lon", "lat")} for p in points]
    return Layer("proposals", "Point", records, [Point(p["lon"], p["lat"]) for p in points])


def isochrones_layer(scenario, category: str | None, profile: str) -> Layer:
    points, total = map_data.isochrone_points(scenario, category)
    collection = map_data.isochrones_of(points, profile)
    records, geometries = [], []
    for feature in collection["features"]:
        props = dict(feature["properties"])
        origin = points[props["point"]]
        props["name"] = origin.get("name", "")
        props["origin"] = "proposed" if scenario is not None else "published"
        records.append(props)
        # A band that reaches nothing (the point is far from any street) has no geometry.
        geometries.append(shape(feature["geometry"]) if feature["geometry"] else None)
    metadata = {}
    if total > len(points):
        metadata["note"] = _("Isochrones drawn around the first %(n)s of %(total)s sites only.") % {
            "n": len(points),
            "total": total,
        }
    return Layer("isochrones", "MultiPolygon", records, geometries, metadata)


def _credits(context: dict) -> dict:
    licence = sources.LICENCE
    return {
        "licence": {"id": licence.code, "name": licence.name, "url": licence.url},
        "attribution": sources.attribution(),
        "sources": sources.source_lines(),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        **context,
    }


def _json_value(value):
    if isinstance(value, float) and value != value:
        return None
    return value


def geojson_bytes(layer: Layer, context: dict) -> bytes:
    collection = {
        "type": "FeatureCollection",
        "name": f"geoplan-{layer.name}",
        # Foreign members (RFC 7946, 6.1): kept by readers that keep the file's metadata.
        **_credits(context | layer.metadata),
        "features": [
            {
                "type": "Feature",
                "geometry": None if geometry is None else mapping(geometry),
                "properties": {k: _json_value(v) for k, v in record.items()},
            }
            for record, geometry in zip(layer.records, layer.geometries, strict=True)
        ],
    }
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def _frame(layer: Layer) -> gpd.GeoDataFrame:
    frame = pd.DataFrame(layer.records)
    for column in frame.columns:
        # Whole numbers with gaps stay whole numbers (not floats) in the GeoPackage.
        values = [v for v in frame[column] if v is not None and v == v]
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            frame[column] = frame[column].astype("Int64")
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(layer.geometries, crs=4326))


def geopackage_file(layer: Layer, context: dict):
    """The layer as a GeoPackage (EPSG:4326), open for reading: the caller streams and closes
    it; its name is already gone from the disk."""
    credits = _credits(context | layer.metadata)
    description = (
        f"{credits['licence']['name']} ({credits['licence']['url']}). " + credits["attribution"]
    )
    if "note" in credits:
        description += " " + credits["note"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{layer.name}.gpkg"
        pyogrio.write_dataframe(
            _frame(layer),
            path,
            layer=layer.name,
            driver="GPKG",
            geometry_type=layer.geometry_type,
            promote_to_multi=layer.geometry_type.startswith("Multi"),
            # 1.2 rather than the newest: readable without warnings by older GDAL and QGIS.
            dataset_options={"VERSION": "1.2"},
            layer_options={"IDENTIFIER": f"geoplan: {layer.name}", "DESCRIPTION": description},
            layer_metadata={
                "LICENCE": credits["licence"]["id"],
                "LICENCE_URL": credits["licence"]["url"],
                "ATTRIBUTION": credits["attribution"],
                **{k.upper(): str(v) for k, v in context.items()},
            },
        )
        handle = open(path, "rb")  # noqa: SIM115 (closed by the response that streams it)
        # The open handle keeps the data readable once the folder is removed.
        os.unlink(path)
    return handle
