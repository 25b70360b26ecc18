"""Anonymous what-if requests are limited per client address, across processes, unforgeably."""

import pytest
from django.core.cache import caches

BODY = {"sites": [{"lon": 7.6858, "lat": 45.0712, "category": "night_shelter"}]}


@pytest.fixture
def three_a_minute(settings):
    from rest_framework.settings import api_settings

    from geoplan.api.throttling import SharedAnonRateThrottle

    rates = {**SharedAnonRateThrottle.THROTTLE_RATES, "anon": "3/min"}
    SharedAnonRateThrottle.THROTTLE_RATES, before = rates, SharedAnonRateThrottle.THROTTLE_RATES
    yield
    SharedAnonRateThrottle.THROTTLE_RATES = before
    assert api_settings.NUM_PROXIES == 0


def what_if(client, ip, forwarded=None):
    headers = {"REMOTE_ADDR": ip}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/api/access/what-if", BODY, content_type="application/json", **headers)


def test_the_fourth_request_in_a_minute_is_refused_and_a_forged_header_does_not_help(
    client, three_a_minute
):
    ip = "192.0.2.77"
    try:
        assert [what_if(client, ip).status_code for _ in range(3)] == [200, 200, 200]
        assert what_if(client, ip, forwarded="203.0.113.9").status_code == 429
        # Another client is counted apart.
        assert what_if(client, "192.0.2.78").status_code == 200
    finally:
        from django.conf import settings

        for addr in ("192.0.2.77", "192.0.2.78"):
            key = f"{settings.DATABASES['default']['NAME']}:throttle_anon_{addr}"
            caches["shared"].delete(key)
