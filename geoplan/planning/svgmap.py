"""A static SVG map of the zones for the print layout: a choropleth, sites and proposals as
symbols, a scale bar and a north arrow. Drawn on the server, so that printing needs no script.

Geometries (EPSG:4326) are projected to UTM 32N (EPSG:32632, metres), simplified to 15 m (a
tenth of a millimetre at the printed scale) and scaled to the SVG's units; y grows downwards.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from django.utils.html import escape
from django.utils.safestring import mark_safe
from pyproj import Transformer

METRIC_CRS = "EPSG:32632"
SIMPLIFY_M = 15.0
WIDTH = 1000.0
MARGIN = 12.0


@lru_cache(maxsize=1)
def _to_metric() -> Transformer:
    return Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)


def to_metric(geometry):
    """A shapely geometry from EPSG:4326 (lon, lat) to EPSG:32632 metres."""
    transformer = _to_metric()

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, project)


@dataclass(frozen=True)
class Frame:
    """From metres to SVG units: x = (mx - left) * scale + MARGIN, y flipped."""

    left: float
    top: float
    scale: float
    width: float
    height: float

    @classmethod
    def around(cls, bounds, width: float = WIDTH):
        min_x, min_y, max_x, max_y = bounds
        scale = (width - 2 * MARGIN) / (max_x - min_x)
        height = (max_y - min_y) * scale + 2 * MARGIN
        return cls(min_x, max_y, scale, width, height)

    def xy(self, mx, my):
        return (mx - self.left) * self.scale + MARGIN, (self.top - my) * self.scale + MARGIN


def _ring(coords, frame: Frame) -> str:
    points = np.asarray(coords)[:-1]  # closed by Z
    x, y = frame.xy(points[:, 0], points[:, 1])
    steps = np.round(np.column_stack([x, y]), 1)
    deltas = np.round(np.diff(steps, axis=0), 1)
    # Relative moves after the first point: shorter numbers, a smaller page.
    rest = " ".join(f"{dx:g} {dy:g}" for dx, dy in deltas if dx or dy)
    return f"M{steps[0][0]:g} {steps[0][1]:g}l{rest}Z"


def polygon_path(geometry, frame: Frame) -> str:
    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.is_empty:
            continue
        parts.append(_ring(polygon.exterior.coords, frame))
        parts.extend(_ring(hole.coords, frame) for hole in polygon.interiors)
    return "".join(parts)


def _point(lon: float, lat: float, frame: Frame) -> tuple[float, float]:
    mx, my = _to_metric().transform(lon, lat)
    x, y = frame.xy(mx, my)
    return round(float(x), 1), round(float(y), 1)


def _symbol(kind: str, x: float, y: float) -> str:
    if kind == "add":
        return (
            f'<path class="sym-add" d="M{x:g} {y - 9:g}l8 14h-16z" fill="#1a9850" '
            'stroke="#000" stroke-width="1.2"/>'
        )
    if kind == "move":
        return (
            f'<path class="sym-move" d="M{x:g} {y - 8:g}l8 8l-8 8l-8 -8z" fill="#fee08b" '
            'stroke="#000" stroke-width="1.2"/>'
        )
    # close: the site, crossed out
    return (
        f'<g class="sym-close"><circle cx="{x:g}" cy="{y:g}" r="6" fill="#fff" stroke="#b2182b" '
        f'stroke-width="1.5"/><path d="M{x - 6:g} {y - 6:g}l12 12m0 -12l-12 12" '
        'stroke="#b2182b" stroke-width="2"/></g>'
    )


def _scale_bar(frame: Frame, label_km: str) -> str:
    length = 2000 * frame.scale  # 2 km
    x, y = MARGIN + 4, frame.height - MARGIN - 6
    return (
        f'<g class="scale" font-size="12"><path d="M{x:g} {y - 5:g}v5h{length:.1f}v-5" '
        f'fill="none" stroke="#000" stroke-width="1.5"/><text x="{x:g}" y="{y - 9:g}">0</text>'
        f'<text x="{x + length:.1f}" y="{y - 9:g}" text-anchor="middle">{escape(label_km)}</text>'
        "</g>"
    )


def _north_arrow(frame: Frame) -> str:
    x, y = frame.width - MARGIN - 14, MARGIN + 30
    return (
        f'<g class="north"><path d="M{x:g} {y - 26:g}l9 24l-9 -6l-9 6z" fill="#000"/>'
        f'<text x="{x:g}" y="{y + 14:g}" text-anchor="middle" font-size="14" '
        'font-weight="bold">N</text></g>'
    )


def render(
    zones: list[dict],
    sites: list[dict],
    proposals: list[dict],
    title: str,
    scale_label: str = "2 km",
) -> str:
    """The SVG markup. zones: {"geometry" (EPSG:4326), "fill", "title"}; sites: {"lon", "lat",
    "name", "colour"}; proposals: {"lon", "lat", "kind" (add, move, close), "name",
    "from_lon"/"from_lat" for a move}."""
    projected = [
        shapely.simplify(to_metric(z["geometry"]), SIMPLIFY_M, preserve_topology=True)
        for z in zones
    ]
    frame = Frame.around(shapely.total_bounds(projected))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width:g} '
        f'{frame.height:.0f}" role="img" aria-labelledby="map-title" class="print-map">',
        f'<title id="map-title">{escape(title)}</title>',
        '<g class="zones" stroke="#555" stroke-width="0.6" stroke-linejoin="round" '
        'fill-rule="evenodd">',
    ]
    for zone, geometry in zip(zones, projected, strict=True):
        out.append(
            f'<path d="{polygon_path(geometry, frame)}" fill="{zone["fill"]}">'
            f"<title>{escape(zone['title'])}</title></path>"
        )
    out.append('</g><g class="sites">')
    for s in sites:
        x, y = _point(s["lon"], s["lat"], frame)
        out.append(
            f'<circle cx="{x:g}" cy="{y:g}" r="4.5" fill="{s.get("colour") or "#333"}" '
            f'stroke="#fff" stroke-width="1.2"><title>{escape(s["name"])}</title></circle>'
        )
    out.append('</g><g class="proposals">')
    for p in proposals:
        x, y = _point(p["lon"], p["lat"], frame)
        if p["kind"] == "move" and p.get("from_lon") is not None:
            fx, fy = _point(p["from_lon"], p["from_lat"], frame)
            out.append(
                f'<path d="M{fx:g} {fy:g}L{x:g} {y:g}" stroke="#000" stroke-width="1.2" '
                'stroke-dasharray="4 3" fill="none"/>'
            )
        out.append(f"<g><title>{escape(p['name'])}</title>{_symbol(p['kind'], x, y)}</g>")
    out.append("</g>")
    out.append(_scale_bar(frame, scale_label))
    out.append(_north_arrow(frame))
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)
