from geoplan.access.inputs import sites_frame
from geoplan.registry.models import Service, Status

NOT_PUBLIC = (Status.PLANNED, Status.UNVERIFIED, Status.ARCHIVED)


def service_ids(response):
    return {s["id"] for f in response.json()["features"] for s in f["properties"]["services"]}


def test_planned_and_unverified_services_are_absent_from_the_public_sites_api(db, client):
    hidden = set(
        Service.objects.filter(status__in=NOT_PUBLIC, site__geom__isnull=False).values_list(
            "pk", flat=True
        )
    )
    assert len(hidden) >= 8  # located ones exist, so the test can fail
    response = client.get("/api/sites/")
    assert response.status_code == 200
    assert not service_ids(response) & hidden
    statuses = {
        s["status"] for f in response.json()["features"] for s in f["properties"]["services"]
    }
    assert statuses == {Status.PUBLISHED}


def test_it_rejects_a_request_for_unpublished_services_from_anyone_but_staff(client, outsider):
    assert client.get("/api/sites/?status=planned").status_code in (401, 403)
    client.force_login(outsider)
    response = client.get("/api/sites/?status=unverified")
    assert response.status_code == 403
    assert "Only staff" in response.json()["detail"]


def test_staff_can_list_planned_and_unverified_services(client, clerk):
    client.force_login(clerk)
    for status in (Status.PLANNED, Status.UNVERIFIED):
        response = client.get(f"/api/sites/?status={status}")
        assert response.status_code == 200
        expected = set(
            Service.objects.filter(status=status, site__geom__isnull=False).values_list(
                "pk", flat=True
            )
        )
        assert expected and service_ids(response) == expected
        labels = {
            s["status_label"]
            for f in response.json()["features"]
            for s in f["properties"]["services"]
        }
        assert labels == {Status(status).label}


def test_it_rejects_an_unknown_status_with_a_sentence(client, clerk):
    client.force_login(clerk)
    response = client.get("/api/sites/?status=closed")
    assert response.status_code == 400
    assert "Unknown status 'closed'" in response.json()["status"][0]


def test_only_published_services_enter_an_access_run(db):
    frame = sites_frame(include_illustrative=True)
    hidden = set(Service.objects.filter(status__in=NOT_PUBLIC).values_list("pk", flat=True))
    assert hidden and not set(frame["service_id"]) & hidden
    assert set(frame["service_id"]) == set(Service.objects.published().values_list("pk", flat=True))
    assert "work_training" in set(frame["category"])
