"""Every text of a record is shown as text: markup in a name or a note never runs."""

import pytest
from django.urls import reverse

from .site_records import add_service, make_site

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_markup_in_a_records_texts_is_shown_as_text(client):
    site = make_site(f"Punto {SCRIPT}", address=f"Via Nizza 160 {SCRIPT}, Torino")
    add_service(
        site,
        f"Servizio {SCRIPT}",
        description=SCRIPT,
        eligibility=SCRIPT,
        hours_text=SCRIPT,
        target_groups_note=SCRIPT,
        phone=f"011 123 4567 {SCRIPT}",
        text_language='"><b>x',
    )
    html = client.get(reverse("public:site", args=[site.pk])).content.decode()
    assert SCRIPT not in html
    assert html.count(ESCAPED) >= 7
    # Even the language of the texts cannot add an attribute.
    assert '"><b>x' not in html
    assert 'lang="&quot;&gt;&lt;b&gt;x"' in html


def test_a_website_that_is_not_a_web_address_is_not_a_link(client):
    site = make_site()
    service = add_service(site, source_url="https://example.org/fonte")
    type(service).objects.filter(pk=service.pk).update(website="javascript:alert(1)")
    html = client.get(reverse("public:site", args=[site.pk])).content.decode()
    assert 'href="javascript:' not in html
    assert "javascript:alert(1)" in html  # shown as published, as text
