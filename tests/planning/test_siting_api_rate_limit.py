"""Each planner may start only so many siting jobs a minute; the next request gets 429."""

import pytest
from django.core.cache import caches

from geoplan.api.siting_views import SitingRateThrottle
from geoplan.jobs.models import Job


@pytest.fixture
def two_a_minute(monkeypatch):
    # Counts left by an earlier session for an account of the same id start from nothing.
    caches["shared"].clear()
    monkeypatch.setattr(SitingRateThrottle, "rate", "2/min")


def test_the_third_request_in_a_minute_is_refused(client, planner, two_a_minute):
    client.force_login(planner)
    body = {"category": "night_shelter", "k": 1}
    statuses = []
    for _ in range(3):
        statuses.append(
            client.post("/api/siting/", body, content_type="application/json").status_code
        )
        # Each job finished before the next request, so that only the rate stops one.
        Job.objects.filter(kind="siting").update(status=Job.Status.FAILED)
    assert statuses == [202, 202, 429]
    assert Job.objects.filter(kind="siting").count() == 2
