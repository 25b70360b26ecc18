"""A site's popup says what is known of each service: hours, a phone to tap, languages spoken,
step-free access, when it was last verified; names from the data are shown as text, never run."""

from datetime import date, time

import pytest

from tests.jobs.conftest import committed

from .helpers import open_map

pytestmark = pytest.mark.browser

ADDRESS = "Via Carrera 181, Torino"
SITE_NAME = "<script>window.__xss=1</script>Casa"
SERVICE_NAME = 'Accoglienza <img src="x" onerror="window.__xss=2">notturna'
VERIFIED = date(2026, 3, 12)
SERVICE_FIELDS = ("name", "phone", "languages", "step_free_access", "last_verified")


@pytest.fixture
def detailed_site(settings):
    """A real site and its first published service given the details, committed (the server
    reads committed data only) and put back as they were afterwards."""
    from geoplan.registry.models import OpeningHours, Service, Site

    settings.GEOPLAN_RECOMPUTE_ON_CHANGE = False
    site = Site.objects.get(address=ADDRESS)
    service = Service.objects.published().filter(site=site).order_by("pk").first()
    before_site = site.name
    before_service = {f: getattr(service, f) for f in SERVICE_FIELDS}

    def give():
        # update(): no history records and no recompute for a test's passing change.
        Site.objects.filter(pk=site.pk).update(name=SITE_NAME)
        Service.objects.filter(pk=service.pk).update(
            name=SERVICE_NAME,
            phone="011 443 1234",
            languages=["it", "fr"],
            step_free_access=True,
            last_verified=VERIFIED,
        )
        (row,) = OpeningHours.objects.bulk_create(
            [OpeningHours(service=service, weekday=1, opens_at=time(9), closes_at=time(13))]
        )
        return row.pk

    def restore(row_pk):
        OpeningHours.objects.filter(pk=row_pk).delete()
        OpeningHours.history.filter(id=row_pk).delete()
        Service.objects.filter(pk=service.pk).update(**before_service)
        Site.objects.filter(pk=site.pk).update(name=before_site)

    row_pk = committed(give)
    try:
        yield site.pk
    finally:
        committed(lambda: restore(row_pk))


def open_popup_of(page, site_id):
    page.evaluate(
        """(id) => window.geoplan.layers.sites.eachLayer((m) => {
            if (m.feature.id === id) m.openPopup();
        })""",
        site_id,
    )
    popup = page.locator(".leaflet-popup-content .site-popup")
    popup.wait_for()
    return popup


def test_the_popup_shows_phone_languages_access_hours_and_verification(
    page, site_url, detailed_site
):
    open_map(page, site_url)
    popup = open_popup_of(page, detailed_site)
    text = popup.inner_text()

    phone = popup.locator('a[href^="tel:"]')
    assert phone.count() == 1
    assert phone.get_attribute("href") == "tel:0114431234"
    assert phone.inner_text() == "011 443 1234"

    assert "Italian" in text and "French" in text
    assert "step-free" in text.lower()
    assert "Monday 09:00–13:00" in text
    verified = page.evaluate(
        "([y, m, d]) => new Intl.DateTimeFormat('en', { dateStyle: 'long' })"
        ".format(new Date(y, m - 1, d))",
        [VERIFIED.year, VERIFIED.month, VERIFIED.day],
    )
    assert f"Last verified: {verified}" in text
    assert page.js_errors == []


def test_names_from_the_data_are_shown_as_text_and_never_run(page, site_url, detailed_site):
    open_map(page, site_url)
    popup = open_popup_of(page, detailed_site)
    text = popup.inner_text()
    assert SITE_NAME in text
    assert SERVICE_NAME in text
    assert popup.locator("script, img").count() == 0
    # An image that fails to load fires its handler a moment later: give it the time.
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.js_errors == []
