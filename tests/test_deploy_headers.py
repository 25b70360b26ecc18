"""Security headers on responses: in production (DEBUG off, from the environment alone) and the
Content-Security-Policy of the map and of the admin."""

import json
import subprocess
import sys

from django.conf import settings

from tests.test_deploy_check import production_env

# Runs in a production process: the Django test client asks for a page that needs no database.
PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client()
out = {}
for name, path, secure in [("https", "/no-such-page", True), ("http", "/no-such-page", False)]:
    r = client.get(path, secure=secure, HTTP_HOST="geoplan.example.org")
    out[name] = {"status": r.status_code, "headers": dict(r.headers)}
print(json.dumps(out))
"""


def production_responses() -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=production_env(),
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_responses_carry_the_security_headers():
    responses = production_responses()
    https = responses["https"]["headers"]
    assert https["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert https["X-Content-Type-Options"] == "nosniff"
    assert https["Referrer-Policy"] == "same-origin"
    assert https["X-Frame-Options"] == "DENY"
    assert https["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "script-src 'self';" in https["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in https["Content-Security-Policy"]


def test_production_redirects_plain_http_to_https():
    http = production_responses()["http"]
    assert http["status"] == 301
    assert http["headers"]["Location"] == "https://geoplan.example.org/no-such-page"


def test_the_map_page_allows_scripts_from_this_site_only_and_tiles_from_openstreetmap(
    client, planner, settings
):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = False
    client.force_login(planner)
    response = client.get("/plan/")
    assert response.status_code == 200
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert "https://tile.openstreetmap.org" in policy["img-src"]
    assert policy["connect-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    # The map's configuration is a JSON block, which the policy does not need to allow.
    assert 'type="application/json"' in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_allows_the_inline_scripts_of_its_map_widgets(client, planner, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = False
    client.force_login(planner)
    response = client.get("/admin/registry/site/add/")
    assert response.status_code == 200
    assert "leaflet" in response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "https://tile.openstreetmap.org" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_while_debugging_the_policy_is_reported_not_enforced(client, db, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = True
    response = client.get("/")
    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"] == settings.CONTENT_SECURITY_POLICY
