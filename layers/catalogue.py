"""Every map layer is declared here once: its data source, style, legend and title in it/en.

The planner map and the API read this catalogue; legends with class breaks are computed from the
current data with mapclassify, so they always match what is drawn.
"""

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import mapclassify
import numpy as np
from django.urls import reverse
from django.utils.translation import get_language

from .sources import cell_nearest_minutes, zone_densities, zone_gaps

# Sequential palette (ColorBrewer YlOrRd, 5 classes): light = low, dark = high.
YLORRD_5 = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]


@dataclass(frozen=True)
class Layer:
    id: str
    title_it: str
    title_en: str
    source: str  # URL name of the endpoint
    kind: str  # "choropleth" or "category-points"
    # Where the shapes come from: the answer's GeoJSON, the answer's H3 indexes ("h3"), or the
    # zone polygons already loaded, joined by zone code ("zones").
    geometry: str = "geojson"
    description_it: str = ""
    description_en: str = ""
    property: str = ""
    unit: str = ""
    palette: tuple[str, ...] = ()
    classes: int = 5
    values: Callable[..., list[float]] | None = None
    # Fixed class limits (e.g. the 10/15/20-minute thresholds) instead of natural breaks.
    bins: tuple[float, ...] = ()
    per_category: bool = False
    decimals: int = 0  # shown in the legend
    visible: bool = True
    source_params: dict = field(default_factory=dict)

    def title(self, language: str) -> str:
        return self.title_it if language.startswith("it") else self.title_en

    def description(self, language: str) -> str:
        return self.description_it if language.startswith("it") else self.description_en

    def legend(self, category: str | None = None, profile: str = "standard") -> dict:
        if self.kind != "choropleth" or self.values is None:
            return {}
        raw = self.values(category, profile) if self.per_category else self.values()
        return self.legend_of(raw)

    def legend_of(self, raw) -> dict:
        """The legend of values already at hand (as an answer that carries them)."""
        return classify(list(raw), self.palette, self.classes, self.bins, self.decimals)


def classify(raw, palette, classes: int = 5, bins=(), decimals: int = 0) -> dict:
    """Legend of a set of values: class upper bounds, colours, counts (None values are skipped).

    Fixed ``bins`` if given, else Fisher-Jenks natural breaks with at most ``classes`` classes."""
    values = np.asarray([v for v in raw if v is not None], dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return {"breaks": [], "colors": []}
    k = min(classes, len(np.unique(values)))
    with warnings.catch_warnings():
        # Without numba mapclassify says it is slow; on ~100 values it takes milliseconds.
        warnings.filterwarnings("ignore", message="Numba not installed")
        if bins:
            classifier = mapclassify.UserDefined(values, bins=list(bins))
        else:
            # Fisher-Jenks keeps natural groups apart; the few very dense central zones
            # get a class of their own.
            classifier = mapclassify.FisherJenks(values, k=k)
    breaks = [round(float(b), 2) for b in classifier.bins]
    if bins and breaks[-1] >= 1e8:
        # The open top class ends at the data, never below the class before it.
        floor = breaks[-2] if len(breaks) > 1 else breaks[-1]
        breaks[-1] = max(floor, round(float(values.max()), 2))
    return {
        "min": round(float(values.min()), 1),
        "breaks": breaks,
        "colors": list(palette[: len(breaks)]),
        "counts": [int(c) for c in classifier.counts],
        "decimals": decimals,
        "method": "user-defined" if bins else "Fisher-Jenks",
    }


LAYERS: tuple[Layer, ...] = (
    Layer(
        id="zones-density",
        title_it="Densità di popolazione (abitanti/km², 2023)",
        title_en="Population density (residents/km², 2023)",
        description_it="Zone statistiche; popolazione residente 2023, Città di Torino.",
        description_en="Zone statistiche; resident population 2023, City of Turin.",
        source="api:zones",
        kind="choropleth",
        property="density_per_km2",
        unit="/km²",
        palette=tuple(YLORRD_5),
        values=zone_densities,
    ),
    Layer(
        id="access-nearest",
        title_it="Minuti a piedi al servizio più vicino",
        title_en="Walking minutes to the nearest service",
        description_it="Celle H3 (risoluzione 9) per la categoria e la velocità scelte, sulla rete stradale.",
        description_en="H3 cells (resolution 9) for the chosen category and walking speed, on the street network.",
        source="api:access-cells-h3",
        kind="choropleth",
        geometry="h3",
        property="nearest_min",
        unit="min",
        # Light = near, dark = far; breaks at the 10/15/20-minute thresholds of the measures.
        palette=("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027"),
        bins=(5, 10, 15, 20, 1e9),
        values=cell_nearest_minutes,
        per_category=True,
        visible=False,
    ),
    Layer(
        id="zones-gap",
        title_it="Divario: bisogno × mancanza di accesso",
        title_en="Gap: need × lack of access",
        description_it="Per zona statistica e categoria scelta (0 = nessun divario, 1 = il peggiore).",
        description_en="Per zona statistica and chosen category (0 = no gap, 1 = the worst).",
        source="api:access-zones-values",
        kind="choropleth",
        geometry="zones",
        property="gap",
        unit="",
        palette=tuple(YLORRD_5),
        bins=(0.2, 0.4, 0.6, 0.8, 1.0),
        decimals=1,
        values=zone_gaps,
        per_category=True,
        visible=False,
    ),
    Layer(
        id="sites",
        title_it="Servizi pubblicati",
        title_en="Published services",
        description_it="Colore per categoria; i luoghi a livello di via sono approssimativi.",
        description_en="Coloured by category; street-level locations are approximate.",
        source="api:sites",
        kind="category-points",
    ),
)


def get_layer(layer_id: str) -> Layer:
    for layer in LAYERS:
        if layer.id == layer_id:
            return layer
    raise KeyError(layer_id)


def catalogue_json(category: str | None = None, profile: str = "standard") -> list[dict]:
    """The catalogue for the current language; per-category layers use ``category`` and the
    walking ``profile`` of the run they show."""
    language = get_language() or "it"
    return [
        {
            "id": layer.id,
            "title": layer.title(language),
            "description": layer.description(language),
            "source": reverse(layer.source),
            "kind": layer.kind,
            "geometry": layer.geometry,
            "property": layer.property,
            "unit": layer.unit,
            "visible": layer.visible,
            "per_category": layer.per_category,
            "legend": layer.legend(category, profile)
            if (category or not layer.per_category)
            else {},
        }
        for layer in LAYERS
    ]
