"""A moved pin is shown old and new on a map, with the distance between them."""

import json
import re

from django.urls import reverse

from geoplan.moderation.workflow import propose
from geoplan.registry.checks import metres_between


def test_it_says_how_many_metres_the_pin_moved(client, partner_a, site_of_a, moderator):
    old = {"lon": round(site_of_a.geom.x, 7), "lat": round(site_of_a.geom.y, 7)}
    new = {"lon": round(old["lon"] + 0.001, 7), "lat": old["lat"]}
    change = propose(partner_a, {"site": {"location": new}}, site_of_a)
    client.force_login(moderator)

    page = client.get(reverse("moderation:change", args=[change.pk])).content.decode()

    expected = round(metres_between(old, new))
    assert 70 < expected < 90  # 0.001° of longitude at Turin's latitude
    assert f"moved {expected} m" in page.replace("\xa0", " ")
    data = json.loads(
        re.search(r'<script id="change-map-data" type="application/json">(.*?)</script>', page)[1]
    )
    assert data["old"] == old
    assert data["new"] == new
    assert "js/moderation/change-map.js" in page
