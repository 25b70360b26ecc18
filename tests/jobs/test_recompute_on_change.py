"""A change to the registry asks for one recompute; a real worker carries it out."""

from geoplan.access.models import AccessRun
from geoplan.access.recompute import request_recompute
from geoplan.jobs.models import Job
from geoplan.registry.models import Service, Status

from .conftest import committed, wait_for


def test_ten_changes_in_one_burst_give_one_waiting_recompute(
    db, django_capture_on_commit_callbacks
):
    services = list(Service.objects.filter(status=Status.PUBLISHED)[:10])
    for service in services:
        with django_capture_on_commit_callbacks(execute=True):
            service.capacity = (service.capacity or 0) + 1
            service.capacity_unit = service.capacity_unit or "places"
            service.save()
    waiting = Job.objects.filter(kind="recompute", status=Job.Status.QUEUED)
    assert waiting.count() == 1
    assert waiting.get().params["profiles"] == ["standard", "slow"]


def test_one_transaction_of_many_changes_asks_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        for service in Service.objects.filter(status=Status.PUBLISHED)[:5]:
            service.save()
    from geoplan.access.recompute import _on_commit_request

    assert [c for c in callbacks if c is _on_commit_request] == [_on_commit_request]


def test_a_worker_recomputes_both_profiles_and_the_maps_show_the_new_run(start_worker, client):
    before = {p: AccessRun.objects.latest_completed(p).pk for p in ("standard", "slow")}
    start_worker("recompute-1", "recompute")
    job = committed(lambda: request_recompute(reason="test", force=True, delay_s=0))
    job = wait_for(
        lambda: Job.objects.filter(pk=job.pk, status__in=["succeeded", "failed"]).first(),
        what="the recompute job to finish",
    )
    assert job.status == "succeeded", job.error
    assert job.progress == 100 and job.attempts == 1
    for profile in ("standard", "slow"):
        latest = AccessRun.objects.latest_completed(profile)
        assert latest.pk > before[profile] and job.result[profile]["run"] == latest.pk
    # The API answers from the newest run with no restart.
    data = client.get("/api/access/worst/?category=night_shelter").json()
    assert data["run"] == job.result["standard"]["run"]
