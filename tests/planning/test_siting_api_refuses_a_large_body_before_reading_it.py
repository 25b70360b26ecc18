"""A request body over the limit is refused by its declared length before anything reads it:
not spooled to disk, not parsed for a session's CSRF token, with a sentence naming the field."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from geoplan.api.siting_views import MAX_BODY_BYTES
from geoplan.jobs.models import Job


def test_a_form_declaring_a_200_mb_body_is_refused_unread(planner):
    # The body sent is small; were it read up to the declared length, the test client would
    # fail the request for want of bytes.
    client = Client(enforce_csrf_checks=True)
    client.force_login(planner)
    form = {"category": "night_shelter", "k": "2"}
    form["candidates_file"] = SimpleUploadedFile("sites.csv", b"lon,lat\n7.68,45.07\n")
    response = client.post("/api/siting/", form, CONTENT_LENGTH=str(200_000_000))
    # Refused before the CSRF check of the session (which would answer 403 having read it).
    assert response.status_code == 400, response.content
    (sentence,) = response.json()["candidates_file"]
    assert sentence == (
        f"The request is too large: 200,000,000 bytes, over the limit of {MAX_BODY_BYTES:,} "
        "bytes (a file of candidate points may hold 2 MB)."
    )
    assert not Job.objects.filter(kind="siting").exists()


def test_a_json_body_over_the_limit_is_refused_naming_candidates(client, planner):
    client.force_login(planner)
    point = '{"lon": 7.6858, "lat": 45.0712},'
    body = '{"category": "night_shelter", "k": 2, "candidates": [' + point * 70_000 + "]}"
    assert len(body) > MAX_BODY_BYTES
    response = client.post("/api/siting/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["candidates"][0].startswith("The request is too large: ")
    assert not Job.objects.filter(kind="siting").exists()
