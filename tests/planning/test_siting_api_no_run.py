"""Without accessibility results for the walking profile there is nothing to site against: 404,
and no job."""

from geoplan.access.models import AccessRun
from geoplan.jobs.models import Job


def test_it_answers_404_when_the_profile_has_no_run(client, planner):
    AccessRun.objects.filter(profile="slow").update(status=AccessRun.Status.FAILED)
    client.force_login(planner)
    body = {"category": "night_shelter", "k": 2, "profile": "slow"}
    response = client.post("/api/siting/", body, content_type="application/json")
    assert response.status_code == 404
    assert "No accessibility results yet" in response.json()["detail"]
    assert not Job.objects.filter(kind="siting").exists()
    # The other profile still has its run.
    body["profile"] = "standard"
    assert client.post("/api/siting/", body, content_type="application/json").status_code == 202
