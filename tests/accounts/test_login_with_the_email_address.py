"""Accounts log in with their e-mail address and land on their role's pages."""

from django.urls import reverse

from tests.conftest import PERSONA_PASSWORD


def test_the_login_form_asks_for_the_email(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<label for="id_username">E-mail</label>' in page


def test_a_partner_logs_in_and_lands_on_the_partner_portal(client, partner_a):
    response = client.post(
        reverse("accounts:login"),
        {"username": "ANNA@a.example.org", "password": PERSONA_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("partner:index")


def test_a_moderator_lands_on_the_queue(client, moderator):
    client.force_login(moderator)
    response = client.get(reverse("accounts:home"))
    assert response.url == reverse("moderation:queue")


def test_a_planner_lands_on_the_map(client, db):
    from geoplan.accounts.creation import create_account

    client.force_login(create_account("paolo@comune.example.org", "planner"))
    assert client.get(reverse("accounts:home")).url == reverse("maps:plan")


def test_the_nav_shows_the_links_of_the_role(client, partner_a, moderator):
    public = client.get(reverse("maps:methods")).content.decode()
    assert reverse("accounts:login") in public
    assert reverse("moderation:queue") not in public

    client.force_login(partner_a)
    page = client.get(reverse("maps:methods")).content.decode()
    assert reverse("partner:index") in page
    assert reverse("moderation:queue") not in page
    assert f'action="{reverse("accounts:logout")}" method="post"' in page

    client.force_login(moderator)
    page = client.get(reverse("maps:methods")).content.decode()
    assert reverse("moderation:queue") in page
    assert f'href="{reverse("partner:index")}"' not in page


def test_logout_is_a_post(client, partner_a):
    client.force_login(partner_a)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("public:finder")
    assert client.get(reverse("accounts:home")).status_code == 302
    assert "_auth_user_id" not in client.session
