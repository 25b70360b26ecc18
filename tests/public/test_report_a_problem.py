"""Anyone may report a problem with a public site, without an account: the report is filed for
the moderators in the page's language, the person is thanked, and the registry is untouched."""

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from geoplan.moderation.models import ProblemReport
from geoplan.registry.models import Service, Site

from .site_records import add_service, clear_limit, full_service, make_site

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.10"


@pytest.fixture
def client():
    clear_limit(ADDRESS)
    yield Client(REMOTE_ADDR=ADDRESS)
    clear_limit(ADDRESS)


@pytest.fixture
def site():
    site = make_site()
    full_service(site)
    return site


def report(client, site, **data):
    return client.post(reverse("public:report", args=[site.pk]), {"kind": "hours", **data})


def test_a_report_is_filed_and_the_person_thanked(client, site):
    response = report(client, site, message="Il giovedì chiude alle 16.", contact="a@b.example")
    assert response.status_code == 302
    assert response.url == reverse("public:site", args=[site.pk]) + "#thanks"
    filed = ProblemReport.objects.get(site=site)
    assert filed.kind == "hours"
    assert filed.message == "Il giovedì chiude alle 16."
    assert filed.contact == "a@b.example"
    assert filed.status == "open"
    assert filed.language == "en"
    # With one service, the report is about it.
    assert filed.service == site.services.get()
    thanks = client.get(response.url).content.decode()
    assert '<ul class="site-messages" id="thanks" role="status">' in thanks
    assert "Thank you: your report has been sent." in thanks


def test_the_report_keeps_the_pages_language(client, site):
    client.cookies["django_language"] = "ar"
    assert report(client, site).status_code == 302
    assert ProblemReport.objects.get(site=site).language == "ar"


def test_with_several_services_the_person_may_say_which(client, site):
    other = add_service(site, "Mensa serale", category="food_distribution")
    html = client.get(reverse("public:site", args=[site.pk])).content.decode()
    assert '<option value="">The whole place</option>' in html
    assert report(client, site, service=other.pk).status_code == 302
    assert report(client, site, service="").status_code == 302
    services = list(
        ProblemReport.objects.filter(site=site).order_by("pk").values_list("service", flat=True)
    )
    assert services == [other.pk, None]


def test_a_report_changes_nothing_in_the_registry(client, site):
    before_site = model_to_dict(Site.objects.get(pk=site.pk))
    before_services = [model_to_dict(s) for s in Service.objects.filter(site=site)]
    assert report(client, site, kind="closed", message="Ha chiuso.").status_code == 302
    assert model_to_dict(Site.objects.get(pk=site.pk)) == before_site
    assert [model_to_dict(s) for s in Service.objects.filter(site=site)] == before_services


def test_the_report_address_opened_directly_leads_to_the_form(client, site):
    response = client.get(reverse("public:report", args=[site.pk]))
    assert response.status_code == 302
    assert response.url == reverse("public:site", args=[site.pk]) + "#report"
    assert not ProblemReport.objects.filter(site=site).exists()


def test_a_report_needs_the_csrf_token(site):
    clear_limit(ADDRESS)
    strict = Client(enforce_csrf_checks=True, REMOTE_ADDR=ADDRESS)
    assert report(strict, site).status_code == 403
    assert not ProblemReport.objects.filter(site=site).exists()


def test_the_form_is_on_the_page_with_its_csrf_token(client, site):
    html = client.get(reverse("public:site", args=[site.pk])).content.decode()
    form = html[html.index('<section class="site-report"') :]
    assert f'action="/sites/{site.pk}/report/#report"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    for kind in ProblemReport.Kind.values:
        assert f'value="{kind}"' in form
    assert 'maxlength="2000"' in form
