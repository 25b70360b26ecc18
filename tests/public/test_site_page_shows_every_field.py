"""The public page of a site shows every public fact of its published services, in words and
links a phone can use, with record texts marked in the language they are written in."""

import re

import pytest
from django.urls import reverse

from geoplan.registry.models import LocationPrecision

from .site_records import add_service, full_service, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    site = make_site(precision=LocationPrecision.STREET)
    full_service(site)
    return site


def page(client, site, language="en"):
    client.cookies["django_language"] = language
    response = client.get(reverse("public:site", args=[site.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_names_the_site_its_category_and_address(client, site):
    html = page(client, site)
    assert '<h1 lang="it"><bdi>Punto di prova Nizza</bdi></h1>' in html
    assert "Food and basic goods" in html
    assert '<bdi lang="it">Via Nizza 150, Torino</bdi>' in html


def test_it_links_phone_email_and_website_for_a_tap(client, site):
    html = page(client, site)
    # An Italian number, dialled from any phone.
    # Numbers and addresses read left to right on a right-to-left page too.
    assert '<a class="site-link" href="tel:+390114421234" dir="ltr">011 442 1234</a>' in html
    assert 'href="mailto:cibo@example.org" dir="ltr">cibo@example.org</a>' in html
    assert 'href="https://www.example.org/cibo"' in html and ">example.org/cibo<" not in html
    assert re.search(
        r'href="https://www.example.org/cibo" rel="noopener" dir="ltr">example.org</a>', html
    )


def test_it_says_who_the_service_is_for_and_on_what_terms(client, site):
    html = page(client, site)
    assert "families with children, people on a low income" in html
    assert (
        '<span class="site-note"><bdi lang="it">residenti in Circoscrizione 8</bdi></span>' in html
    )
    assert '<dd class="site-text"><bdi lang="it">Con ISEE sotto 6.000 euro.</bdi></dd>' in html
    assert (
        '<p class="site-text"><bdi lang="it">Pacchi di cibo per famiglie del quartiere.</bdi></p>'
        in html
    )
    assert '40 <bdi lang="it">famiglie a settimana</bdi>' in html


def test_languages_and_step_free_access_are_in_words(client, site):
    html = page(client, site)
    assert "Italian, French, Arabic" in html
    assert "Yes, without steps" in html


def test_the_weekly_hours_name_days_seasons_closures_and_holidays(client, site):
    html = page(client, site)
    hours = html[html.index("Every week") : html.index("</table>")]
    assert (
        '<th scope="row">Monday</th><td><span class="site-range">09:00–13:00</span></td>' in hours
    )
    assert (
        '<th scope="row">Thursday</th><td><span class="site-range">09:00–13:00</span>, <span class="site-range">14:30–17:00</span></td>'
        in hours
    )
    assert '<th scope="row">Sunday</th><td><span class="closed">closed</span></td>' in hours
    # The winter season names its Saturday only: the other days keep the weekly hours.
    assert "From Dec. 1, 2098 to March 31, 2099" in html
    assert "Other days: as every week." in html
    assert (
        '<th scope="row">Saturday</th><td><span class="site-range">10:00–12:00</span></td>' in html
    )
    assert "from Aug. 1, 2099 to Aug. 31, 2099" in html
    assert '(<bdi lang="it">ferie estive</bdi>)' in html
    assert "Closed on public holidays." in html
    # The text as published is there too, labelled as such.
    assert "Hours as published by the source:" in html
    assert '<bdi lang="it">lunedì e giovedì mattina</bdi>' in html


def test_it_says_when_it_was_verified_and_where_the_facts_come_from(client, site):
    html = page(client, site)
    assert '<time datetime="2026-03-14">March 14, 2026</time>' in html
    assert (
        'href="https://www.comune.torino.it/esempio" rel="noopener" dir="ltr">comune.torino.it<'
        in html
    )
    assert "facts as of 2025" in html


def test_the_page_speaks_the_readers_language_and_keeps_the_records(client, site):
    html = page(client, site, "it")
    assert '<html lang="it" dir="ltr">' in html
    assert "lunedì</th>" in html
    assert "14 Marzo 2026" in html
    assert "Italiano, Francese, Arabo" in html
    arabic = page(client, site, "ar")
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "الاثنين</th>" in arabic
    # The record's own texts are not translated: they stay Italian, marked so.
    assert '<h1 lang="it"><bdi>Punto di prova Nizza</bdi></h1>' in arabic


def test_a_site_located_on_its_street_says_so(client, site):
    assert "the pin is on the street, not at the door" in page(client, site)
    exact = make_site("Punto esatto", address="Via Nizza 152, Torino")
    add_service(exact)
    assert "the pin is on the street" not in page(client, exact)


def test_it_links_to_the_finder_for_places_of_its_kind(client, site):
    html = page(client, site)
    category = site.services.first().category.code
    assert f'href="/?category={category}"' in html
    assert "Find places like this near you" in html


def test_facts_not_given_are_said_to_be_unknown(client):
    bare = make_site("Punto scarno", address="Via Nizza 154, Torino")
    add_service(bare)
    html = page(client, bare)
    assert "Not known" in html  # step-free access
    assert "Not verified yet" in html
    assert "tel:" not in html and "mailto:" not in html


def test_an_illustrative_record_is_labelled(client, site):
    assert "Illustrative – not a real service" not in page(client, site)
    example = make_site("Punto di esempio", address="Via Nizza 156, Torino")
    add_service(example, is_illustrative=True)
    html = page(client, example)
    assert html.count("Illustrative – not a real service") == 2  # the page's head and the service


def test_several_numbers_are_each_a_link(client):
    two = make_site("Punto a due numeri", address="Via Nizza 158, Torino")
    add_service(two, phone="011 123 4567 / 333 765 4321 (cellulare)")
    html = page(client, two)
    assert 'href="tel:+390111234567"' in html
    assert 'href="tel:+393337654321"' in html
    # The words around the numbers are kept as published; numbers alone are not repeated.
    assert '<bdi lang="it">011 123 4567 / 333 765 4321 (cellulare)</bdi>' in html
    plain = make_site("Punto a numeri soli", address="Via Nizza 162, Torino")
    add_service(plain, phone="011 123 4567 / 333 765 4321")
    assert "011 123 4567 / 333 765 4321" not in page(client, plain)
