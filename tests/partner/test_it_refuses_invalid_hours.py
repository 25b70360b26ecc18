"""Hours that cannot be stored are shown next to the hours (overlaps) or the range concerned
(a missing closing time), and nothing is filed."""

from geoplan.moderation.models import ChangeRequest

from .posts import SITE_NEW, new_site_post


def test_overlapping_ranges_are_refused(client_a):
    post = new_site_post(
        **{"service-0-h0-4-opens": ["09:00", "12:00"], "service-0-h0-4-closes": ["13:00", "15:00"]}
    )
    response = client_a.post(SITE_NEW, post)
    assert response.status_code == 400
    assert not ChangeRequest.objects.exists()
    page = response.content.decode()
    assert "overlap" in page
    assert 'href="#service-0-hours"' in page


def test_a_range_without_its_closing_time_is_marked(client_a):
    post = new_site_post(
        **{"service-0-h0-2-opens": ["10:00", ""], "service-0-h0-2-closes": ["", ""]}
    )
    response = client_a.post(SITE_NEW, post)
    assert response.status_code == 400
    assert not ChangeRequest.objects.exists()
    page = response.content.decode()
    assert "Tuesday: give both the opening and the closing time of each range." in page
    # The error stands in the Tuesday range that lacks it, which keeps its opening time.
    tuesday = page.split('name="service-0-h0-2-opens" value="10:00"')[1].split("</div>")[0]
    assert "give both the opening and the closing time" in tuesday


def test_a_season_ending_before_it_starts_is_refused(client_a):
    post = new_site_post(
        **{
            "service-0-h0-from": "2026-09-30",
            "service-0-h0-to": "2026-06-01",
        }
    )
    response = client_a.post(SITE_NEW, post)
    assert response.status_code == 400
    assert not ChangeRequest.objects.exists()
    assert "the season ends" in response.content.decode()
