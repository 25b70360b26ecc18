"""What the tests of the second sites file share: the file and a row builder in its format."""

import csv
import io
from pathlib import Path

from django.conf import settings

from geoplan.registry.models import Service

MORE_SITES_CSV = Path(settings.FIXTURES_DIR) / "services" / "sites_more_from_public_pages.csv"
MORE_SITES_TEXT = MORE_SITES_CSV.read_text(encoding="utf-8")
HEADER = next(csv.reader(io.StringIO(MORE_SITES_TEXT)))


def row_from_file(source_name: str, /, **changes) -> dict:
    """A real row of the second file, by name, with some values changed."""
    (row,) = [r for r in csv.DictReader(io.StringIO(MORE_SITES_TEXT)) if r["name"] == source_name]
    return row | changes


def csv_text(*rows: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def more_services():
    """The services whose source is a row of the second file (as loaded by the session)."""
    names = [r["name"] for r in csv.DictReader(io.StringIO(MORE_SITES_TEXT))]
    return Service.objects.filter(name__in=names)
