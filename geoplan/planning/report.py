"""A scenario's map report: one standalone HTML file (folium) that opens from disk offline.

The gap after the scenario by zone (need-weighted residents beyond 15 min, in classes), the
category's published sites, the scenario's proposals (added, moved, closed crossed out),
walking isochrones of the added sites, a legend, a title with the city-wide changes, and the
credits. No base map (tile servers need the internet), and Leaflet comes inlined from the
project's own static files instead of folium's CDN links; folium's other defaults (jQuery,
Bootstrap, awesome-markers) are dropped, so only core Leaflet elements are used.
"""

import base64
import re
from pathlib import Path

import folium
import shapely
from branca.element import Element, MacroElement
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from folium.template import Template
from folium.utilities import JsCode

from geoplan.access.models import Profile

from . import figures, legend_classes, map_data, sources

TURIN = (45.07, 7.68)
# About 15 m at Turin's latitude: invisible at the report's zooms, a third of the file.
SIMPLIFY_DEG = 0.00015


class OfflineMap(folium.Map):
    """folium's Map without its CDN scripts and stylesheets: Leaflet is inlined instead."""

    default_js: list = []
    default_css: list = []


class SymbolMarker(MacroElement):
    """A point drawn with an inline SVG (core Leaflet's divIcon): no image, no icon library."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.marker({{ this.location|tojson }}, {
                icon: L.divIcon({html: {{ this.svg|tojson }}, className: "report-symbol",
                                 iconSize: [22, 22], iconAnchor: [11, 11]}),
                title: {{ this.title|tojson }}, keyboard: true
            }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, location, svg: str, title: str):
        super().__init__()
        self._name = "SymbolMarker"
        self.location = list(location)
        self.svg = svg
        self.title = title


class Attribution(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.attributionControl.setPrefix(false);
            {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text = text


SYMBOLS = {
    "add": '<svg viewBox="0 0 22 22" width="22" height="22"><path d="M11 2l9 16H2z" '
    'fill="#1a9850" stroke="#000" stroke-width="1.5"/></svg>',
    "move": '<svg viewBox="0 0 22 22" width="22" height="22"><path d="M11 2l9 9-9 9-9-9z" '
    'fill="#fee08b" stroke="#000" stroke-width="1.5"/></svg>',
    "close": '<svg viewBox="0 0 22 22" width="22" height="22"><circle cx="11" cy="11" r="8" '
    'fill="#fff" stroke="#b2182b" stroke-width="2"/><path d="M4 4l14 14M18 4L4 18" '
    'stroke="#b2182b" stroke-width="2.5"/></svg>',
}
ISOCHRONE_COLOURS = {5: "#084081", 10: "#0868ac", 15: "#2b8cbe", 20: "#7bccc4"}


def _static_text(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"static file {path} not found (is django-leaflet installed?)")
    return Path(found).read_text(encoding="utf-8")


def leaflet_css() -> str:
    """leaflet.css with its images inlined as data: URLs (nothing fetched from disk either)."""
    css = _static_text("leaflet/leaflet.css")

    def inline(match):
        found = finders.find(f"leaflet/images/{match.group(1)}")
        if not found:
            return "none"
        data = base64.b64encode(Path(found).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\(images/([\w@.-]+\.png)\)", inline, css)


def leaflet_js() -> str:
    # A "</script" inside would end the inline script early.
    return _static_text("leaflet/leaflet.js").replace("</script", "<\\/script")


def _zone_features(zones_out: list[dict], classes) -> dict:
    shapes = map_data.zone_shapes()
    features = []
    for z in zones_out:
        geometry = shapely.set_precision(
            shapely.simplify(shapes[z["zone"]][2], SIMPLIFY_DEG, preserve_topology=True), 1e-5
        )
        after = (z.get("after") or {}).get("need_weighted_unserved")
        delta = (z.get("delta") or {}).get("need_weighted_unserved")
        features.append(
            {
                "type": "Feature",
                "geometry": shapely.geometry.mapping(geometry),
                "properties": {
                    # Tooltips are HTML: names are escaped here.
                    "zone": escape(f"{z['zone']} {z['zone_name']}"),
                    "after": None if after is None else round(after),
                    "delta": None if delta is None else round(delta),
                    "fill": legend_classes.colour(after, classes),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def build(scenario, results: dict, category, run, profile: str) -> str:
    """The report's HTML for one category the scenario changes."""
    code = category.code
    language = get_language() or "it"
    zones_out = [z for z in results["zones"] if z["category"] == code]
    classes = legend_classes.sequential(
        [(z.get("after") or {}).get("need_weighted_unserved") for z in zones_out]
    )
    m = OfflineMap(location=TURIN, tiles=None, zoom_start=12, control_scale=True, zoom_snap=0.25)
    root = m.get_root()
    root.title = escape(_("Scenario report: %(name)s") % {"name": scenario.name})
    root.header.add_child(Element(f"<style>{leaflet_css()}</style>"), name="leaflet_css")
    root.header.add_child(Element(f"<script>{leaflet_js()}</script>"), name="leaflet_js")
    root.header.add_child(
        Element(f"<style>{REPORT_CSS.replace('#MAP', '#' + m.get_name())}</style>"), name="report"
    )

    zones = folium.GeoJson(
        _zone_features(zones_out, classes),
        name=_("Gap after the scenario"),
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "fillOpacity": 0.75,
            "color": "#555",
            "weight": 0.7,
        },
        tooltip=folium.GeoJsonTooltip(
            ["zone", "after", "delta"],
            aliases=[
                escape(_("Zone")),
                escape(_("Need-weighted residents beyond 15 min, after")),
                escape(pgettext("difference", "change")),
            ],
        ),
    )
    zones.add_to(m)

    points, total = map_data.isochrone_points(scenario, code)
    bands = map_data.isochrones_of(points, profile)
    note = _capped_note(len(points), total)
    if bands["features"]:
        group = folium.FeatureGroup(name=_("Walking isochrones of the added sites"))
        drawn = [f for f in bands["features"] if f["geometry"]]
        for feature in sorted(drawn, key=lambda f: -f["properties"]["minutes"]):
            colour = ISOCHRONE_COLOURS.get(feature["properties"]["minutes"], "#2b8cbe")
            folium.GeoJson(
                feature,
                style_function=lambda f, c=colour: {
                    "color": c,
                    "weight": 1.5,
                    "fillOpacity": 0.05,
                    "dashArray": "4 3",
                },
                tooltip=escape(_("%(m)s min on foot") % {"m": feature["properties"]["minutes"]}),
            ).add_to(group)
        group.add_to(m)

    sites = map_data.published_sites(code)
    site_group = folium.FeatureGroup(name=_("Published sites"))
    for s in sites:
        folium.CircleMarker(
            (s["lat"], s["lon"]),
            radius=6,
            color="#fff",
            weight=1.5,
            fill=True,
            fill_color=category.color,
            fill_opacity=1,
            tooltip=escape(s["name"]),
        ).add_to(site_group)
    site_group.add_to(m)

    proposals = map_data.proposals(scenario, code)
    proposal_group = folium.FeatureGroup(name=_("Proposals of the scenario"))
    for p in proposals:
        if p["kind"] == "move":
            folium.PolyLine(
                [(p["from_lat"], p["from_lon"]), (p["lat"], p["lon"])],
                color="#000",
                weight=1.5,
                dash_array="5 4",
            ).add_to(proposal_group)
        label = f"{p['kind_label']}: {p['name']}"
        proposal_group.add_child(SymbolMarker((p["lat"], p["lon"]), SYMBOLS[p["kind"]], label))
    proposal_group.add_to(m)

    # Open on a desk; on a phone, open it would cover the top of the map and its zoom buttons,
    # so it starts as its button there (the width at which the side panel goes below the map).
    folium.LayerControl(collapsed=JsCode(f'window.matchMedia("{NARROW}").matches')).add_to(m)
    m.add_child(Attribution(sources.attribution()))
    m.fit_bounds(_bounds(m, zones_out))

    legend = {
        "classes": classes,
        "no_data": legend_classes.NO_DATA,
        "site_colour": category.color,
        "symbols": [(SYMBOLS[k], k) for k in sorted({p["kind"] for p in proposals})],
        "isochrones": sorted(ISOCHRONE_COLOURS.items()) if bands["features"] else [],
    }
    city = next((c for c in results.get("city", []) if c["category"] == code), None)
    side = {
        **legend,
        "scenario": scenario,
        "category_name": category.name(language),
        "computed_at": sources.when_iso(results.get("computed_at")),
        "run_label": sources.run_label(run),
        "profile_label": Profile(profile).label,
        "city": figures.city_summary(city),
        "others": figures.other_categories(results, code),
        "edits": len(results.get("edits") or []),
        "warnings": results.get("warnings") or [],
        "note": note,
        "sources": sources.source_lines(),
        "licence": sources.LICENCE,
        "made": sources.when(timezone.now()),
    }
    root.html.add_child(Element(render_to_string("planning/report_side.html", side)))
    html = root.render()
    return html.replace("<html>", f'<html lang="{escape(language)}">', 1)


def _capped_note(shown: int, total: int) -> str:
    if total <= shown:
        return ""
    return _("Isochrones drawn around the first %(n)s of %(total)s added sites only.") % {
        "n": shown,
        "total": total,
    }


def _bounds(m, zones_out) -> list:
    shapes = map_data.zone_shapes()
    minx, miny, maxx, maxy = shapely.total_bounds([shapes[z["zone"]][2] for z in zones_out])
    return [[miny, minx], [maxy, maxx]]


# The map beside a side panel of 24rem, above it on a narrow screen; #MAP stands for the map's
# element id.
NARROW = "(max-width: 50rem)"
REPORT_CSS = """
body div#MAP { position: absolute; top: 0; bottom: 0; left: 0; right: 24rem; width: auto; height: auto; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; }
.report-side { position: absolute; top: 0; right: 0; bottom: 0; width: 24rem; overflow: auto;
  padding: .8rem 1rem; box-sizing: border-box; font-size: .85rem; line-height: 1.35;
  border-left: 1px solid #ccc; background: #fff; }
.report-side h1 { font-size: 1.2rem; margin: 0 0 .3rem; color: #1d3557; }
.report-side h2 { font-size: .95rem; margin: .8rem 0 .3rem; color: #1d3557; }
.report-side p { margin: .3rem 0; }
.report-side table { border-collapse: collapse; width: 100%; }
.report-side th, .report-side td { border-bottom: 1px solid #ddd; padding: .15rem .3rem;
  text-align: right; }
.report-side th:first-child, .report-side td:first-child { text-align: left; }
.report-side .note { color: #555; }
.report-side .warning { color: #9b1c1c; font-weight: 700; }
.report-legend { margin: .6rem 0; padding: .5rem .6rem; background: #f6f6f6; border-radius: 4px; }
.report-legend h2 { font-size: .85rem; margin: 0 0 .3rem; }
.report-legend ul { list-style: none; margin: 0; padding: 0; }
.report-legend li { display: flex; align-items: center; gap: .4rem; margin: .1rem 0; }
.report-legend .swatch { width: 1.1rem; height: .75rem; border: 1px solid #555; }
.report-legend svg { width: 1rem; height: 1rem; }
.report-symbol { background: none; border: none; }
@media NARROW {
  body div#MAP { right: 0; bottom: 45vh; }
  .report-side { top: 55vh; width: 100%; border-left: none; border-top: 1px solid #ccc; }
}
""".replace("NARROW", NARROW)
