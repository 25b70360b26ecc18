"""Bad parameters of /api/isochrones/ get a 400 naming the parameter, never a 500."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

IN_TURIN = {"lon": "7.6835", "lat": "45.0560"}


@pytest.mark.parametrize(
    "query, field",
    [
        ({**IN_TURIN, "minutes": "0"}, "minutes"),
        ({**IN_TURIN, "minutes": "31"}, "minutes"),
        ({**IN_TURIN, "minutes": "5,60"}, "minutes"),
        ({**IN_TURIN, "minutes": "5,10,x"}, "minutes"),
        ({**IN_TURIN, "minutes": "5,,10"}, "minutes"),
        ({**IN_TURIN, "minutes": "7.5"}, "minutes"),
        ({**IN_TURIN, "minutes": "5, 10"}, "minutes"),
        ({**IN_TURIN, "minutes": "\u0665"}, "minutes"),  # an Arabic-Indic five
        ({**IN_TURIN, "minutes": "-5"}, "minutes"),
        ({**IN_TURIN, "minutes": "1,2,3,4,5,6,7"}, "minutes"),
        ({**IN_TURIN, "profile": "fast"}, "profile"),
        ({**IN_TURIN, "download": "maybe"}, "download"),
        ({"lon": "7.6835"}, "lat"),
        ({"lon": "east", "lat": "45.06"}, "lon"),
        ({"lon": "nan", "lat": "45.06"}, "lon"),
        ({"lon": "400", "lat": "45.06"}, "lon"),
        ({}, "lon"),
        ({**IN_TURIN, "site": "1"}, "site"),
        ({"site": "first"}, "site"),
    ],
)
def test_it_names_the_refused_parameter(client, query, field):
    response = client.get(reverse("api:isochrones"), query)
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()


@pytest.mark.parametrize("lon, lat", [(7.5800, 45.0700), (7.7800, 45.1500), (9.19, 45.46)])
def test_it_refuses_a_point_outside_turin(client, lon, lat):
    response = client.get(reverse("api:isochrones"), {"lon": lon, "lat": lat})
    assert response.status_code == 400
    assert "Turin" in " ".join(response.json()["lon"])
