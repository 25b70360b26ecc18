"""The OpenAPI 3 document (drf-spectacular) describes the partner and moderation API, and its
reader (Swagger UI) is served from this site's own static files, with no script inline."""

import re

from django.contrib.staticfiles import finders


def test_the_schema_describes_proposals_and_decisions(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert set(paths["/api/partner/sites/"]["post"]["responses"]) == {"202", "400", "401", "403"}
    assert set(paths["/api/partner/sites/{id}/"]["patch"]["responses"]) == {
        "202",
        "400",
        "401",
        "403",
        "404",
    }
    assert "409" in paths["/api/moderation/changes/{id}/approve/"]["post"]["responses"]
    assert "post" in paths["/api/auth/token/"] and "delete" in paths["/api/auth/token/"]
    # Endpoints that also answer without the trailing slash are listed once.
    assert "/api/partner/sites" not in paths
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_the_docs_page_loads_swagger_ui_from_our_static_files(client):
    page = client.get("/api/docs/").content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert scripts and all(src.startswith("/") for src in scripts)  # nothing from a CDN
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", page)  # no inline code
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
