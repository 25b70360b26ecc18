"""The finder's filters on /api/nearest/: open at a time (never from published text), target
group, language, step-free; only published services ever."""

from datetime import date, datetime, time

from geoplan.registry.models import OpeningHours, Service, Site, Status
from geoplan.registry.open_state import is_open_at

VIA_NIZZA = (7.6672, 45.0335)


def nearest(client, **params):
    return client.get("/api/nearest/", {"lon": VIA_NIZZA[0], "lat": VIA_NIZZA[1], **params})


def first_food_service():
    return (
        Service.objects.published()
        .filter(category__code="food_distribution", site__geom__isnull=False)
        .order_by("pk")
        .first()
    )


def test_open_at_keeps_only_services_known_open_then(client):
    service = first_food_service()
    service.schedules.all().delete()
    OpeningHours.objects.create(service=service, weekday=1, opens_at=time(9), closes_at=time(13))
    service.opening_hours = "Mo 09:00-13:00"
    service.save()
    # Monday 1 December 2025, 10:00 in Turin: open; 14:00: closed.
    open_ids = {
        f["id"] for f in nearest(client, limit=50, open_at="2025-12-01T10:00").json()["features"]
    }
    closed_ids = {
        f["id"] for f in nearest(client, limit=50, open_at="2025-12-01T14:00").json()["features"]
    }
    assert service.site_id in open_ids
    assert service.site_id not in closed_ids


def test_services_with_only_published_text_are_counted_not_listed_as_open(client):
    at = datetime(2025, 12, 6, 14, 30)
    body = nearest(client, limit=50, open_at=at.isoformat()).json()
    assert body["unknown_hours"] > 0
    for feature in body["features"]:
        for service in feature["properties"]["services"]:
            assert is_open_at(Service.objects.get(pk=service["id"]), at) is True
            # The label speaks of now, not of the chosen time.
            assert service["open_state"]["state"] in {"open", "closed"}


def test_each_service_says_whether_it_is_open_now(client):
    body = nearest(client, category="food_distribution", limit=5).json()
    states = {
        s["open_state"]["state"] for f in body["features"] for s in f["properties"]["services"]
    }
    assert states <= {"open", "closed", "unknown"}
    for feature in body["features"]:
        for service in feature["properties"]["services"]:
            assert service["open_state"]["label"]


def test_target_group_language_and_step_free_filter(client):
    service = first_food_service()
    service.target_groups = ["families"]
    service.languages = ["ar"]
    service.step_free_access = True
    service.save()
    for params in ({"target_group": "families"}, {"language": "ar"}, {"step_free": 1}):
        body = nearest(client, limit=50, **params).json()
        ids = {f["id"] for f in body["features"]}
        assert service.site_id in ids, params
        for feature in body["features"]:
            assert feature["properties"]["services"]


def test_a_site_with_only_a_pending_or_planned_service_never_appears(client):
    service = first_food_service()
    site = service.site
    Service.objects.filter(site=site).update(status=Status.PLANNED)
    ids = {f["id"] for f in nearest(client, limit=50).json()["features"]}
    assert site.pk not in ids
    assert Site.objects.filter(pk=site.pk).exists()


def test_the_date_used_is_reported(client):
    body = nearest(client, open_at="2025-12-08T10:00").json()
    assert body["open_at"].startswith("2025-12-08T10:00:00+01:00")
    assert date(2025, 12, 8).isoformat() in body["open_at"]


def test_a_service_for_everyone_counts_for_every_group(client):
    service = first_food_service()
    service.target_groups = ["everyone"]
    service.save()
    ids = {f["id"] for f in nearest(client, limit=50, target_group="women").json()["features"]}
    assert service.site_id in ids
