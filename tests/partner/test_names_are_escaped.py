"""Names typed by partners are shown as text, never run as markup."""

from django.urls import reverse

from geoplan.moderation.workflow import propose, reject
from geoplan.registry.models import Site

SCRIPT = "<script>alert('x')</script>"


def test_a_script_in_a_site_name_is_escaped_in_the_index(client_a, site_of_a):
    Site.objects.filter(pk=site_of_a.pk).update(name=f"Casa {SCRIPT}")
    page = client_a.get(reverse("partner:index")).content.decode()
    assert SCRIPT not in page
    assert "Casa &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_a_script_in_a_proposal_is_escaped_on_its_pages(client_a, partner_a, moderator):
    from tests.partner.posts import new_site_post

    client_a.post(reverse("partner:site_new"), new_site_post(**{"site-name": f"Mensa {SCRIPT}"}))
    change = partner_a.change_requests.get()
    reject(change.pk, moderator, f"Nome non valido {SCRIPT}")
    for url in (
        reverse("partner:change", args=[change.pk]),
        reverse("partner:index"),
        reverse("partner:changes"),
    ):
        page = client_a.get(url).content.decode()
        assert SCRIPT not in page, url
        assert "&lt;script&gt;" in page, url


def test_a_script_in_an_address_suggestion_stays_text_in_json(client_a, site_of_a):
    Site.objects.filter(pk=site_of_a.pk).update(name=f"Barrito {SCRIPT}")
    answer = client_a.get(reverse("partner:geocode"), {"q": "Barrito"}).json()
    assert answer[0]["kind"] == "site"
    assert SCRIPT in answer[0]["label"]  # JSON; the script puts it in the page as text


def test_propose_directly_is_also_escaped(client_a, partner_a, site_of_a):
    change = propose(partner_a, {"site": {"name": f"Barrito {SCRIPT}"}}, site_of_a)
    page = client_a.get(reverse("partner:change", args=[change.pk])).content.decode()
    assert SCRIPT not in page
