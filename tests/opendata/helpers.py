"""Reading the open data answers in tests."""


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, response.content
    return response.json()


def api_sites(client) -> list[dict]:
    """The features of /api/sites/: the set every open-data view must match."""
    return get_json(client, "/api/sites/")["features"]


def link(document, rel) -> dict | None:
    return next((x for x in document["links"] if x["rel"] == rel), None)
