"""The service worker at /sw.js: the file in static/js/public/, served from the root."""

from pathlib import Path

from django.conf import settings

SOURCE = Path(settings.BASE_DIR) / "static" / "js" / "public" / "sw.js"


def test_it_is_served_as_javascript_allowed_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]


def test_it_is_the_file_of_the_static_folder(client):
    assert client.get("/sw.js").content.decode() == SOURCE.read_text(encoding="utf-8")


def test_it_keeps_the_finder_and_the_answers_network_first():
    source = SOURCE.read_text(encoding="utf-8")
    assert '"/api/nearest/"' in source
    assert "caches.match" in source and "fetch(request)" in source
