"""The licences and credits of what the open data publishes (see fixtures/ATTRIBUTION.md).

Sites: their facts come from the public pages each record cites (`source_url`), which state no
licence; most points were placed by matching the address to the OpenStreetMap street network, so
the list of sites is a database derived from OpenStreetMap and is shared, as ODbL asks, under
the ODbL with the OpenStreetMap credit.
Zones: outlines and population are Città di Torino open data (aperTO), CC BY 4.0.
Accessibility: walking times over the OpenStreetMap network (ODbL) from the residents of the
zones (CC BY 4.0) and need indicators (ISTAT and Città di Torino, CC BY): shared under the ODbL,
crediting every source.

Credits are kept in the words the sources ask for, untranslated; the explanations around them
are translated.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Licence:
    code: str  # an SPDX identifier, the form a data catalogue reads
    name: str
    url: str
    attribution: str
    note: str  # why this licence, in the reader's language

    def link(self) -> dict:
        """The licence as a link (rel "license", RFC 7946 foreign members aside)."""
        return {"href": self.url, "rel": "license", "type": "text/html", "title": self.name}


ODBL = (
    "ODbL-1.0",
    "Open Database License (ODbL) 1.0",
    "https://opendatacommons.org/licenses/odbl/1-0/",
)
CC_BY = (
    "CC-BY-4.0",
    "Creative Commons Attribution 4.0",
    "https://creativecommons.org/licenses/by/4.0/",
)

OSM_CREDIT = "© OpenStreetMap contributors"
ZONES_CREDIT = "Zone e popolazione © aperTO — Città di Torino"

SITES = Licence(
    *ODBL,
    attribution=(
        f"geoplan, from the public pages cited in source_url; locations {OSM_CREDIT} (ODbL)"
    ),
    note=_(
        "Facts come from the public page cited by each service; most locations were placed on "
        "the OpenStreetMap street network, so the data is shared under the same licence."
    ),
)

ZONES = Licence(
    *CC_BY,
    attribution=ZONES_CREDIT,
    note=_("Outlines and residents of the zone statistiche: open data of the City of Turin."),
)

ACCESS = Licence(
    *ODBL,
    attribution=(
        f"geoplan; street network {OSM_CREDIT} (ODbL); {ZONES_CREDIT} (CC BY 4.0); "
        "ISTAT census 2011 (CC BY); Città di Torino (aperTO, CC BY 4.0)"
    ),
    note=_(
        "Walking times computed over the OpenStreetMap street network from the residents of "
        "each zone, weighed by need indicators of ISTAT and the City of Turin."
    ),
)
