"""Run answers are revalidated, never kept stale: ETag and Last-Modified from the run, 304 when
unchanged, a new run seen at once; JSON travels gzipped when the client accepts it."""

import gzip
import json

import pytest
from django.core.management import call_command

CELLS = "/api/access/cells/h3/?category=night_shelter"
RUN_ANSWERS = [
    CELLS,
    "/api/access/zones/values/?category=night_shelter&profile=slow",
    "/api/access/cells/?category=night_shelter",
    "/api/access/zones/?category=night_shelter",
]


@pytest.mark.parametrize("url", RUN_ANSWERS)
def test_a_second_request_with_the_etag_is_answered_not_modified(client, url):
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]


def test_a_copy_as_recent_as_the_run_is_not_modified(client):
    first = client.get(CELLS)
    again = client.get(CELLS, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_the_client_must_revalidate_and_the_language_is_part_of_the_answer(client):
    response = client.get(CELLS)
    assert "no-cache" in response["Cache-Control"]
    vary = {v.strip().lower() for v in response["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary
    italian = client.get(CELLS, HTTP_ACCEPT_LANGUAGE="it")
    english = client.get(CELLS, HTTP_ACCEPT_LANGUAGE="en")
    assert italian["ETag"] != english["ETag"]
    assert (
        client.get(CELLS, HTTP_ACCEPT_LANGUAGE="it", HTTP_IF_NONE_MATCH=english["ETag"]).status_code
        == 200
    )


def test_another_choice_has_another_etag(client):
    etags = {
        client.get(f"/api/access/cells/h3/?category={c}&profile={p}")["ETag"]
        for c in ("night_shelter", "food_distribution")
        for p in ("standard", "slow")
    }
    assert len(etags) == 4


def test_a_new_run_is_served_at_the_next_request(client, capsys):
    first = client.get(CELLS)
    call_command("compute_access", "--force")
    new_run = json.loads(capsys.readouterr().out)["run"]
    again = client.get(CELLS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["run"] == new_run != first.json()["run"]


def test_answers_are_gzipped_when_the_client_accepts_it(client):
    plain = client.get(CELLS)
    zipped = client.get(CELLS, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert not plain.has_header("Content-Encoding")
    assert zipped["Content-Encoding"] == "gzip"
    assert len(zipped.content) * 3 < len(plain.content)
    assert json.loads(gzip.decompress(zipped.content)) == plain.json()
    # A gzipped answer is revalidated by its (weak) ETag too.
    again = client.get(CELLS, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])
    assert again.status_code == 304


def test_fixed_layers_are_revalidated_too(client):
    zones = client.get("/api/zones/", HTTP_ACCEPT_ENCODING="gzip")
    assert zones["Content-Encoding"] == "gzip" and zones["ETag"]
    assert client.get("/api/zones/", HTTP_IF_NONE_MATCH=zones["ETag"]).status_code == 304
