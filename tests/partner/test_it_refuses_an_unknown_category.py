"""A category that does not exist (a forged form) is refused next to the category field."""

from geoplan.moderation.models import ChangeRequest

from .posts import SITE_NEW, new_site_post


def test_an_unknown_category_is_refused(client_a):
    response = client_a.post(SITE_NEW, new_site_post(**{"service-0-category": "soup_kitchen"}))
    assert response.status_code == 400
    assert not ChangeRequest.objects.exists()
    page = response.content.decode()
    assert 'href="#id_service-0-category"' in page
    field = page.split('id="id_service-0-category_error"')[1].split("</div>")[0]
    assert "Unknown category “soup_kitchen”" in field


def test_no_category_chosen_asks_for_one(client_a):
    response = client_a.post(SITE_NEW, new_site_post(**{"service-0-category": ""}))
    assert response.status_code == 400
    assert not ChangeRequest.objects.exists()
    page = response.content.decode()
    assert page.count("Choose a category.") == 2  # in the summary and by the field
    assert "None" not in page
