from geoplan.registry.models import OpeningHours, Service, Site
from geoplan.registry.site_import import import_sites
from tests.conftest import SITES_CSV

from .more_sites import MORE_SITES_TEXT


def snapshot():
    return (
        list(Site.objects.order_by("pk").values()),
        list(Service.objects.order_by("pk").values()),
        OpeningHours.objects.count(),
    )


def test_importing_both_files_again_changes_nothing(db):
    before = snapshot()
    first = import_sites(SITES_CSV.read_text(encoding="utf-8"))
    second = import_sites(MORE_SITES_TEXT)
    for result in (first, second):
        assert result.sites["created"] == result.sites["updated"] == 0
        assert result.services["created"] == result.services["updated"] == 0
    assert (len(second.duplicates), len(second.attached)) == (1, 1)
    assert snapshot() == before
