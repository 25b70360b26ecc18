"""GET /healthz: database, broker and the age of the latest runs, for load balancers."""

import subprocess
import sys

from django.conf import settings

from geoplan.access.models import AccessRun
from tests.test_deploy_check import production_env

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


def test_it_answers_200_when_database_and_broker_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["database"]["postgis"].split(".")[0] == "3"
    assert body["broker"] == {"ok": True}


def test_it_gives_the_latest_completed_run_of_each_profile_with_its_age(client, db):
    runs = client.get("/healthz").json()["access_runs"]
    for profile in ("standard", "slow"):
        latest = AccessRun.objects.latest_completed(profile)
        assert runs[profile]["run"] == latest.pk
        assert runs[profile]["age_s"] >= 0
        assert runs[profile]["finished_at"] == latest.finished_at.isoformat()


def test_a_profile_without_runs_is_null_and_still_healthy(client, db):
    AccessRun.objects.filter(profile="slow").delete()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["access_runs"]["slow"] is None


def test_it_answers_503_and_says_so_when_the_broker_does_not_answer(client, db, settings):
    settings.CELERY_BROKER_URL = UNREACHABLE_BROKER
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is False
    assert body["broker"]["error"].startswith(
        "The job broker at redis://127.0.0.1:1/0 did not answer PING within 1 s:"
    )


def test_it_never_shows_the_broker_password(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://:s3cret-pass@127.0.0.1:1/0"
    body = client.get("/healthz").content.decode()
    assert "s3cret-pass" not in body
    assert "redis://:***@127.0.0.1:1/0" in body


def test_it_needs_no_login_and_is_never_cached(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_it_answers_503_and_says_so_when_the_database_does_not_answer():
    """A real process whose database is unreachable (nothing listens on port 1)."""
    probe = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/healthz', HTTP_HOST='geoplan.example.org', secure=True)\n"
        "print(r.status_code); print(r.content.decode())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env=production_env(DATABASE_URL="postgis://geoplan:geoplan@127.0.0.1:1/nowhere"),
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().splitlines()[-2:]
    assert status == "503"
    assert '"database": {"ok": false, "error": "The database did not answer a simple query:' in body
    assert '"access_runs": null' in body
