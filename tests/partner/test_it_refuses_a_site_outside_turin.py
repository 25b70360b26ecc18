"""A pin outside Turin is refused next to the map, with the whole form kept as typed and
nothing filed."""

from geoplan.moderation.models import ChangeRequest

from .posts import SITE_NEW, new_site_post


def test_a_pin_in_settimo_is_refused(client_a):
    response = client_a.post(SITE_NEW, new_site_post(**{"site-lon": "7.75", "site-lat": "45.12"}))
    assert response.status_code == 400
    assert not ChangeRequest.objects.exists()
    page = response.content.decode()
    assert page.count("is outside the City of Turin") == 2  # in the summary and by the map
    assert 'href="#site-map"' in page
    assert 'value="Punto cibo Nizza"' in page


def test_a_site_without_a_pin_is_refused(client_a):
    response = client_a.post(SITE_NEW, new_site_post(**{"site-lon": "", "site-lat": ""}))
    assert response.status_code == 400
    assert not ChangeRequest.objects.exists()
    assert "Place the site on the map" in response.content.decode()
