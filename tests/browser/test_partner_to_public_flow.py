"""The whole partner flow in a browser: a partner of organisation A adds a site with its opening
hours; a partner of B gets 404 on A's request; a moderator sees the diff and approves it; the site
then appears on the public map with its hours."""

import re

import pytest

from tests.jobs.conftest import committed, purge_queues

from .helpers import choose, open_map

pytestmark = pytest.mark.browser

PASSWORD = "Flow-pass-2026"
SITE_NAME = "Dispensa di prova Nizza"
ACCOUNTS = ("flow.a@a.example.org", "flow.b@b.example.org", "flow.mod@comune.example.org")


@pytest.fixture
def people():
    """Two partner organisations, their partners and a moderator, committed (the server reads
    committed data only); everything the flow adds is removed afterwards."""
    from django.contrib.auth import get_user_model

    from geoplan.accounts.creation import create_account
    from geoplan.jobs.models import Job
    from geoplan.moderation.models import ChangeRequest
    from geoplan.registry.models import Organization, Site

    # Read, like every write here, on a connection of its own (see committed()).
    last_job = committed(
        lambda: Job.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    )

    def create():
        a = Organization.objects.create(name="Flow organisation A", is_illustrative=True)
        b = Organization.objects.create(name="Flow organisation B", is_illustrative=True)
        create_account(ACCOUNTS[0], "partner", [a.pk], password=PASSWORD)
        create_account(ACCOUNTS[1], "partner", [b.pk], password=PASSWORD)
        create_account(ACCOUNTS[2], "moderator", password=PASSWORD)

    def remove():
        sites = Site.objects.filter(name=SITE_NAME)
        for site in sites:
            for service in site.services.all():
                service.schedules.all().delete()
                service.closures.all().delete()
            site.services.all().delete()
        sites.delete()
        ChangeRequest.objects.filter(organization__name__startswith="Flow organisation").delete()
        get_user_model().objects.filter(username__in=ACCOUNTS).delete()
        Organization.objects.filter(name__startswith="Flow organisation").delete()
        Job.objects.filter(pk__gt=last_job).delete()

    committed(create)
    try:
        yield
    finally:
        purge_queues()
        committed(remove)


def new_page(browser):
    """A page of its own (cookies apart) that records script errors; no tile server here."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
    return page


def log_in(page, url, email):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": url}])
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_a_partners_site_reaches_the_public_map_only_through_a_moderator(browser, site_url, people):
    # Partner A proposes a site, open on Mondays 09:00-13:00.
    partner_a = new_page(browser)
    log_in(partner_a, site_url, ACCOUNTS[0])
    partner_a.goto(f"{site_url}/partner/sites/new/")
    partner_a.fill("#id_site-name", SITE_NAME)
    # The address is suggested by the offline geocoder; choosing it places the pin on the street.
    partner_a.locator("#id_site-address").press_sequentially("Via Nizza 100", delay=30)
    option = partner_a.locator("#address-suggestions option").first
    option.wait_for(state="attached")
    partner_a.fill("#id_site-address", option.get_attribute("value"))
    partner_a.click("details.coords summary")
    assert partner_a.input_value("#id_site-lon").startswith("7.6")
    # Then moved to the entrance.
    partner_a.fill("#id_site-lon", "7.6745")
    partner_a.fill("#id_site-lat", "45.0495")
    partner_a.select_option("#id_service-0-category", "food_distribution")
    partner_a.fill("#id_service-0-name", "Pacchi alimentari")
    partner_a.locator('input[name="service-0-h0-1-opens"]').first.fill("09:00")
    partner_a.locator('input[name="service-0-h0-1-closes"]').first.fill("13:00")
    partner_a.click("button[name=action][value=submit]")
    partner_a.wait_for_url(re.compile(r"/partner/changes/\d+/$"))
    assert "the public will see it once a city moderator approves it" in partner_a.content()
    change_url = partner_a.url

    # Not public yet.
    public = new_page(browser)
    assert SITE_NAME not in public.request.get(f"{site_url}/api/sites/").text()

    # Partner B cannot see A's request.
    partner_b = new_page(browser)
    log_in(partner_b, site_url, ACCOUNTS[1])
    assert partner_b.goto(change_url).status == 404

    # The moderator sees the new values and the pin, and approves.
    moderator = new_page(browser)
    log_in(moderator, site_url, ACCOUNTS[2])
    moderator.goto(f"{site_url}/moderation/")
    moderator.click(f"text=New site: {SITE_NAME}")
    detail = moderator.content()
    assert SITE_NAME in detail and "09:00" in detail and "13:00" in detail
    moderator.click("form.approve button[type=submit]")
    moderator.wait_for_url(re.compile(r"/moderation/$"))

    # The public map shows the site with its hours.
    open_map(public, site_url)
    choose(public, "#category", "food_distribution")
    public.evaluate(
        """(name) => window.geoplan.layers.sites.eachLayer((m) => {
            if (m.feature.properties.name === name) m.openPopup();
        })""",
        SITE_NAME,
    )
    popup = public.locator(".leaflet-popup-content .site-popup")
    popup.wait_for()
    text = popup.inner_text()
    assert SITE_NAME in text
    assert "Monday 09:00–13:00" in text
    for page in (partner_a, partner_b, moderator, public):
        assert page.js_errors == []
        page.context.close()
