"""The whole public directory as one HSDS 3.0 JSON document (`/api/hsds/export.json`).

JSON is HSDS's canonical format since 3.0 and the only one its schemas define; the one wrapper the
specification gives for many records is the API's Page. The export is therefore a single Page
holding every published service whole (compiled/service.json: organisation, location with
address and coordinates, schedules, phone, languages, attributes), so that anything that reads
an HSDS API page reads the file, and `manage.py import_hsds` reads it back. Beside the Page's
fields it carries what a file needs and a page does not: the HSDS version, when it was made, the
licence and attribution, every organisation (one may own a site without providing its
services), and geoplan's taxonomies.
"""

from __future__ import annotations

from django.utils import timezone

from geoplan.opendata.licences import SITES

from . import public, serialise
from .taxonomies import TAXONOMIES, Terms

# The directory is shared as the rest of geoplan's open data about sites (see opendata/licences).
LICENCE = SITES


def export_document() -> dict:
    terms = Terms()
    services = list(public.services())
    contents = [serialise.service_full(service, terms) for service in services]
    return {
        "hsds_version": "3.0",
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "license": {"code": LICENCE.code, "name": LICENCE.name, "url": LICENCE.url},
        "attribution": LICENCE.attribution,
        "taxonomies": [t.as_hsds() for t in TAXONOMIES],
        "organizations": [serialise.organisation_item(o, terms) for o in public.organisations()],
        "total_items": len(contents),
        "total_pages": 1 if contents else 0,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }
