"""Walking isochrones are rate-limited for everyone: a logged-in account by its id (whatever
address it comes from), anyone else by address; accounts are counted apart."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import reverse

from geoplan.api.throttling import IsochroneRateThrottle

QUERY = {"lon": "7.6835", "lat": "45.0560", "minutes": "5"}


@pytest.fixture
def three_a_minute(monkeypatch):
    monkeypatch.setattr(
        IsochroneRateThrottle,
        "THROTTLE_RATES",
        {**IsochroneRateThrottle.THROTTLE_RATES, "isochrones": "3/min"},
    )
    used = []
    yield used
    for ident in used:
        caches["shared"].delete(
            f"{settings.DATABASES['default']['NAME']}:throttle_isochrones_{ident}"
        )


def get(client, ip):
    return client.get(reverse("api:isochrones"), QUERY, REMOTE_ADDR=ip).status_code


def test_a_planner_is_limited_by_account_not_by_address(client, planner, outsider, three_a_minute):
    three_a_minute += [planner.pk, outsider.pk]
    client.force_login(planner)
    assert [get(client, f"192.0.2.{i}") for i in range(1, 4)] == [200, 200, 200]
    assert get(client, "192.0.2.9") == 429
    # Another account is counted apart.
    client.force_login(outsider)
    assert get(client, "192.0.2.1") == 200


def test_anyone_without_an_account_is_limited_by_address(client, db, three_a_minute):
    three_a_minute += ["192.0.2.21", "192.0.2.22"]
    assert [get(client, "192.0.2.21") for _ in range(3)] == [200, 200, 200]
    assert get(client, "192.0.2.21") == 429
    assert get(client, "192.0.2.22") == 200


def test_without_a_rate_of_their_own_isochrones_take_the_finders():
    rates = {**IsochroneRateThrottle.THROTTLE_RATES}
    rates.pop("isochrones", None)
    throttle = IsochroneRateThrottle.__new__(IsochroneRateThrottle)
    throttle.THROTTLE_RATES = rates
    assert throttle.get_rate() == rates["finder"]
