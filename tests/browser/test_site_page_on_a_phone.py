"""A site's public page on a phone (390 × 844), in Italian and in Arabic: it renders without
script errors, mirrors right to left in Arabic, every tap target is at least 44 px, axe finds
no serious or critical violation, and a problem can be reported with the keyboard alone."""

from datetime import date, time

import pytest

from tests.jobs.conftest import committed
from tests.public.site_records import (
    add_service,
    clear_limit,
    full_service,
    make_site,
    no_recompute,
    set_hours,
)

from .axe import serious_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SITE_NAME = "Punto di prova per telefono"
# The test server sees every request coming from here.
SERVER_CLIENT = "127.0.0.1"


@pytest.fixture(scope="module")
def site_pk(django_db_blocker):
    """A public site with two services, one with every fact filled in, committed (the server
    reads committed data only) and removed afterwards."""
    from geoplan.moderation.models import ProblemReport
    from geoplan.registry.models import LocationPrecision, Site

    def create():
        site = make_site(
            SITE_NAME, address="Via Nizza 199, Torino", precision=LocationPrecision.STREET
        )
        full_service(site, phone="011 442 1234 / 333 765 4321", languages=["it", "ar", "fr"])
        evening = add_service(
            site, "Cena del giovedì", hours_text="giovedì sera", step_free_access=False
        )
        set_hours(
            evening, [(4, time(19), time(21))], closures=[(date(2099, 1, 1), date(2099, 1, 6), "")]
        )
        return site.pk

    def remove():
        with no_recompute():
            ProblemReport.objects.filter(site__name=SITE_NAME).delete()
            for site in Site.objects.filter(name=SITE_NAME):
                for service in site.services.all():
                    service.schedules.all().delete()
                    service.closures.all().delete()
                site.services.all().delete()
                site.delete()

    with django_db_blocker.unblock():
        pk = committed(create)
        try:
            yield pk
        finally:
            committed(remove)


@pytest.fixture
def phone(browser):
    def open_page(url, language):
        # The axe script is injected inline, which the page's Content-Security-Policy forbids.
        context = browser.new_context(viewport=PHONE, has_touch=True, bypass_csp=True)
        context.add_cookies([{"name": "django_language", "value": language, "url": url}])
        page = context.new_page()
        page.js_errors = []
        page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
        page.goto(url)
        opened.append(context)
        return page

    opened = []
    yield open_page
    for context in opened:
        context.close()


def small_targets(page) -> list[str]:
    """Links, buttons and fields of the page's content (and the labels of its radio buttons,
    which are what a finger taps) smaller than 44 × 44 px."""
    return page.evaluate(
        """() => {
          const items = document.querySelectorAll(
            "main a, main button, main select, main textarea, main input[type=text], main label.site-choice");
          const small = [];
          for (const el of items) {
            const box = el.getBoundingClientRect();
            if (box.width === 0 && box.height === 0) continue;  // not shown
            if (box.height < 44 || box.width < 44) {
              small.push(`${el.tagName} ${el.textContent.trim().slice(0, 30)} ${box.width}x${box.height}`);
            }
          }
          return small;
        }"""
    )


def heading_text_box(page) -> dict:
    """Where the heading's text itself lies (the heading's box spans the whole width)."""
    return page.evaluate(
        """() => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector("main h1"));
          const box = range.getBoundingClientRect();
          return { left: box.left, right: box.right, width: document.documentElement.clientWidth };
        }"""
    )


def test_the_page_in_italian_on_a_phone(phone, site_url, site_pk):
    page = phone(f"{site_url}/sites/{site_pk}/", "it")
    assert page.locator("html").get_attribute("lang") == "it"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("main h1").inner_text() == SITE_NAME
    assert page.locator(".site-hours th").first.inner_text() == "lunedì"
    assert page.locator('main a[href="tel:+390114421234"]').is_visible()
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = heading_text_box(page)
    assert box["left"] < 40
    for button in page.locator(".site-actions a").all():
        assert button.bounding_box()["x"] < 40
    assert small_targets(page) == []
    assert serious_violations(page) == []
    assert page.js_errors == []


def test_the_page_in_arabic_reads_right_to_left(phone, site_url, site_pk):
    page = phone(f"{site_url}/sites/{site_pk}/", "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    # The record's name stays Italian, marked so, and starts at the right.
    assert page.locator("main h1").get_attribute("lang") == "it"
    box = heading_text_box(page)
    assert box["right"] > box["width"] - 40
    assert box["left"] > 40
    # The buttons, each on its line at this width, line up on the right.
    for button in page.locator(".site-actions a").all():
        edge = button.bounding_box()
        assert edge["x"] + edge["width"] > box["width"] - 40
    assert page.locator(".site-hours th").first.inner_text() == "الاثنين"
    # A phone number keeps its digits' order.
    number = page.locator('main a[href="tel:+390114421234"]')
    assert number.evaluate("(a) => getComputedStyle(a).direction") == "ltr"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert small_targets(page) == []
    assert serious_violations(page) == []
    assert page.js_errors == []


def test_a_problem_is_reported_with_the_keyboard_alone(phone, site_url, site_pk):
    from geoplan.moderation.models import ProblemReport

    committed(lambda: clear_limit(SERVER_CLIENT))
    try:
        page = phone(f"{site_url}/sites/{site_pk}/", "it")
        # Tab from the top of the page to the form's first choice.
        for _press in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.name") == "kind":
                break
        assert page.evaluate("document.activeElement.id") == "id_kind_0"
        page.keyboard.press("Space")  # ticks "It has closed or moved"
        page.keyboard.press("ArrowDown")  # moves the tick to "The hours are wrong"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "service"
        page.keyboard.press("ArrowDown")  # the first service
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "message"
        page.keyboard.type("Il giovedì chiude alle 16.")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "contact"
        page.keyboard.type("lettore@example.org")
        # The robots' field is skipped: next is the button.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.type") == "submit"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(f"/sites/{site_pk}/#thanks")
        assert page.locator("#thanks").is_visible()
        filed = ProblemReport.objects.get(site_id=site_pk)
        assert filed.kind == "hours"
        assert filed.message == "Il giovedì chiude alle 16."
        assert filed.contact == "lettore@example.org"
        assert filed.language == "it"
        assert filed.service is not None
        assert page.js_errors == []
    finally:
        committed(lambda: clear_limit(SERVER_CLIENT))


def test_a_missing_choice_is_said_beside_the_form(phone, site_url, site_pk):
    committed(lambda: clear_limit(SERVER_CLIENT))
    try:
        page = phone(f"{site_url}/sites/{site_pk}/", "ar")
        page.locator("#id_message").fill("بدون اختيار")
        with page.expect_navigation():
            page.locator(".site-form button[type=submit]").press("Enter")
        # The answer opens at the form, which lists what to fix, each linked to its field.
        errors = page.locator(".site-errors")
        assert errors.is_visible()
        assert errors.locator('a[href="#id_kind_0"]').count() == 1
        assert page.locator("#id_message").input_value() == "بدون اختيار"
        assert serious_violations(page) == []
    finally:
        committed(lambda: clear_limit(SERVER_CLIENT))
