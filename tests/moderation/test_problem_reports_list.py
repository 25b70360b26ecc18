"""The moderators' list of problems the public reported: open ones oldest first, with links to
the public page and the registry; for moderators only; every text escaped."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from geoplan.moderation.models import ProblemReport
from tests.public.site_records import add_service, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    site = make_site("Punto segnalato")
    add_service(site, "Pacchi del martedì")
    return site


def file(site, kind="hours", age_days=0, **fields):
    report = ProblemReport.objects.create(site=site, kind=kind, **fields)
    if age_days:
        created = timezone.now() - timedelta(days=age_days)
        ProblemReport.objects.filter(pk=report.pk).update(created_at=created)
    return report


def test_open_reports_are_listed_oldest_first(client, moderator, site):
    service = site.services.get()
    newer = file(site, "hours", 1, message="Nuova segnalazione", service=service, language="fr")
    older = file(site, "closed", 5, message="Vecchia segnalazione", contact="tel 333")
    file(site, "other", 9, status=ProblemReport.Status.DISMISSED, message="Già chiusa")
    client.force_login(moderator)
    html = client.get(reverse("moderation:reports")).content.decode()
    open_part = html[: html.index("Recently closed")]
    assert open_part.index(f"#{older.pk}<") < open_part.index(f"#{newer.pk}<")
    assert "2 reports are open, the oldest first." in html
    assert "Già chiusa" not in open_part
    # Kind, service, message, contact, language and age.
    assert "It has closed or moved" in open_part and "The hours are wrong" in open_part
    assert "Pacchi del martedì" in open_part and "the whole place" in open_part
    assert "Vecchia segnalazione" in open_part and "tel 333" in open_part
    assert "(fr)" in open_part
    # Django writes "5 days" with a no-break space.
    assert "5\xa0days" in open_part and "1\xa0day" in open_part


def test_each_report_links_to_the_public_page_and_the_registry(client, moderator, site):
    file(site)
    client.force_login(moderator)
    html = client.get(reverse("moderation:reports")).content.decode()
    assert f'href="{reverse("public:site", args=[site.pk])}"' in html
    assert f'href="{reverse("admin:registry_site_change", args=[site.pk])}"' in html


def test_the_queue_links_to_the_reports(client, moderator):
    client.force_login(moderator)
    html = client.get(reverse("moderation:queue")).content.decode()
    assert f'href="{reverse("moderation:reports")}"' in html


def test_no_open_report_is_said_so(client, moderator):
    client.force_login(moderator)
    assert "No report is open." in client.get(reverse("moderation:reports")).content.decode()


def test_texts_from_the_public_are_escaped(client, moderator):
    site = make_site("Punto <script>alert(1)</script>")
    add_service(site)
    file(site, message="<img src=x onerror=alert(1)>", contact="<b>me</b>")
    client.force_login(moderator)
    html = client.get(reverse("moderation:reports")).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html and "<b>me</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Punto &lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("persona", ["partner_a", "planner"])
def test_the_list_is_forbidden_to_other_accounts(client, persona, request, site):
    report = file(site)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("moderation:reports"))
    assert response.status_code == 403
    assert "moderators" in response.content.decode()
    close = reverse("moderation:close_report", args=[report.pk])
    assert client.post(close, {"decision": "handled"}).status_code == 403
    report.refresh_from_db()
    assert report.status == "open" and report.handled_by is None


def test_the_public_is_sent_to_the_login_page(client, site):
    report = file(site)
    for response in (
        client.get(reverse("moderation:reports")),
        client.post(reverse("moderation:close_report", args=[report.pk]), {"decision": "handled"}),
    ):
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    report.refresh_from_db()
    assert report.status == "open"


def test_reports_are_read_only_in_the_admin(client, moderator, site):
    report = file(site, message="Nell'admin")
    client.force_login(moderator)
    listing = client.get(reverse("admin:moderation_problemreport_changelist"))
    assert listing.status_code == 200
    assert "Read only: reports are closed on the moderation page" in listing.content.decode()
    assert client.get(reverse("admin:moderation_problemreport_add")).status_code == 403
    detail = client.get(reverse("admin:moderation_problemreport_change", args=[report.pk]))
    assert detail.status_code == 200
    assert "Nell&#x27;admin" in detail.content.decode() or "Nell'admin" in detail.content.decode()
    assert 'name="message"' not in detail.content.decode()
