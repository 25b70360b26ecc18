"""The open API may be read from any web page (CORS for GET), never written from one: a
cross-origin GET gets `Access-Control-Allow-Origin: *`, a preflight for a POST is not allowed."""


def test_a_cross_origin_get_of_the_sites_is_allowed_for_any_origin(client):
    response = client.get("/api/sites/", HTTP_ORIGIN="https://example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    # No cookies cross origins: a visitor's session is never used by another site's page.
    assert "Access-Control-Allow-Credentials" not in response


def test_a_cross_origin_post_is_not_allowed_by_the_preflight(client):
    response = client.options(
        "/api/sites/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert response["Access-Control-Allow-Origin"] == "*"
    assert allowed_methods(response) == {"GET", "HEAD", "OPTIONS"}


def test_the_partner_api_does_not_open_writes_to_other_origins_either(client):
    response = client.options(
        "/api/partner/sites/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH",
    )
    assert allowed_methods(response) == {"GET", "HEAD", "OPTIONS"}


def allowed_methods(response) -> set[str]:
    return {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
