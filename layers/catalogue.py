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

from .sources import zone_densities

# Sequential palette (ColorBrewer YlOrRd, 5 classes): light = low, dark = high.
YLORRD_5 = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]


@dataclass(frozen=True)
class Layer:
    id: str
    title_it: str
    title_en: str
    source: str  # URL name of the GeoJSON endpoint
    kind: str  # "choropleth" or "category-points"
    description_it: str = ""
    description_en: str = ""
    property: str = ""
    unit: str = ""
    palette: tuple[str, ...] = ()
    classes: int = 5
    values: Callable[[], list[float]] | None = None
    visible: bool = True
    source_params: dict = field(default_factory=dict)

    def title(self, language: str) -> str:
        return self.title_it if language.startswith("it") else self.title_en

    def description(self, language: str) -> str:
        return self.description_it if language.startswith("it") else self.description_en

    def legend(self) -> dict:
        if self.kind != "choropleth" or self.values is None:
            return {}
        values = np.asarray([v for v in self.values() if v is not None], dtype=float)
        if values.size == 0:
            return {"breaks": [], "colors": []}
        k = min(self.classes, len(np.unique(values)))
        # Fisher-Jenks keeps natural groups apart; the few very dense central zones get a class.
        with warnings.catch_warnings():
            # Without numba mapclassify says it is slow; on ~100 values it takes milliseconds.
            warnings.filterwarnings("ignore", message="Numba not installed")
            classifier = mapclassify.FisherJenks(values, k=k)
        breaks = [round(float(b), 1) for b in classifier.bins]
        return {
            "min": round(float(values.min()), 1),
            "breaks": breaks,
            "colors": list(self.palette[: len(breaks)]),
            "method": "Fisher-Jenks",
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


def catalogue_json(request=None) -> list[dict]:
    language = get_language() or "it"
    return [
        {
            "id": layer.id,
            "title": layer.title(language),
            "description": layer.description(language),
            "source": reverse(layer.source),
            "kind": layer.kind,
            "property": layer.property,
            "unit": layer.unit,
            "visible": layer.visible,
            "legend": layer.legend(),
        }
        for layer in LAYERS
    ]
