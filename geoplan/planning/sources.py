"""What every export of the workspace says about its data: sources, licences and the run.

Tables, layers, the map report and the print layout carry the same credits, so that a figure
copied into a council document keeps them. Credits stay in the words the sources ask for; the
explanations around them are translated.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from geoplan.opendata import licences

# (what, credit, licence): the data behind every measure of the workspace.
SOURCES = (
    ("street_network", licences.OSM_CREDIT, "ODbL 1.0"),
    ("zones", "Città di Torino (aperTO)", "CC BY 4.0"),
    ("boundary", "openpolis/geojson-italy, © ISTAT", "CC BY 4.0"),
    ("indicators", "ISTAT, Città di Torino", "CC BY 4.0"),
    ("sites", licences.OSM_CREDIT, "ODbL 1.0"),
)

# Everything the exports derive from the street network is shared under its licence.
LICENCE = licences.ACCESS


def source_lines() -> list[str]:
    """One translated line per source: what it gave, who to credit, under which licence."""
    what = {
        "street_network": _("Walking network"),
        "zones": _("Zone statistiche and residents (2023)"),
        "boundary": _("City boundary"),
        "indicators": _("Need indicators"),
        "sites": _("Service sites: public pages cited by each record; locations"),
    }
    return [f"{what[key]}: {credit} ({licence})" for key, credit, licence in SOURCES]


def attribution() -> str:
    """The short credit line of a map: © OpenStreetMap contributors ODbL, and the rest."""
    return f"{licences.OSM_CREDIT} (ODbL); Città di Torino (CC BY 4.0); openpolis/ISTAT (CC BY 4.0)"


def link_header() -> str:
    """The licence as an HTTP Link header (rel="license")."""
    return f'<{LICENCE.url}>; rel="license"'


def when(moment) -> str:
    """A moment in the city's time, in the reader's language ("" when unknown)."""
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def when_iso(text: str | None) -> str:
    """An ISO 8601 moment (as the scenario results give it) like `when`."""
    if not text:
        return ""
    try:
        return when(datetime.fromisoformat(text))
    except ValueError:
        return text


def run_label(run) -> str:
    """ "run 12, computed 3 March 2026 10:04" in the reader's language."""
    return _("run %(run)s, computed %(when)s") % {"run": run.pk, "when": when(run.finished_at)}
