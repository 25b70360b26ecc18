"""Finished API answers are served from memory until the data they were made from changes."""

import gzip
import json

import pytest
from django.core.cache import caches

from geoplan.api.cache import data_version
from geoplan.registry.models import Service, Status


@pytest.fixture
def answer_cache(settings):
    settings.GEOPLAN_API_CACHE = True
    caches["responses"].clear()
    yield
    caches["responses"].clear()


def sites(client, **headers):
    return client.get("/api/sites/?category=night_shelter", **headers)


def test_a_second_read_is_served_from_memory_with_no_query(
    client, answer_cache, django_assert_num_queries
):
    first = sites(client)
    with django_assert_num_queries(0):
        second = sites(client)
    assert second.status_code == 200 and second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_change_to_the_registry_is_seen_once_committed(
    client, answer_cache, django_capture_on_commit_callbacks
):
    before = json.loads(sites(client).content)
    version = data_version()
    service = Service.objects.filter(
        status=Status.PUBLISHED, category__code="night_shelter"
    ).first()
    with django_capture_on_commit_callbacks(execute=True):
        service.status = Status.ARCHIVED
        service.save()
    assert data_version() > version
    after = json.loads(sites(client).content)
    names = lambda data: {s["name"] for f in data["features"] for s in f["properties"]["services"]}  # noqa: E731
    assert service.name in names(before) and service.name not in names(after)


def test_answers_are_kept_apart_by_language_and_compression(client, answer_cache):
    plain = client.get("/api/categories/", HTTP_ACCEPT_LANGUAGE="en")
    italian = client.get("/api/categories/", HTTP_ACCEPT_LANGUAGE="it")
    assert json.loads(plain.content) != json.loads(italian.content)
    packed = client.get("/api/zones/", HTTP_ACCEPT_ENCODING="gzip")
    again = client.get("/api/zones/", HTTP_ACCEPT_ENCODING="gzip")
    assert again["Content-Encoding"] == "gzip" and again.content == packed.content
    assert json.loads(gzip.decompress(again.content))["features"]
    unpacked = client.get("/api/zones/")
    assert "Content-Encoding" not in unpacked and json.loads(unpacked.content)["features"]


def test_an_unchanged_answer_from_memory_is_a_304(client, answer_cache):
    first = client.get("/api/access/worst/?category=night_shelter")
    again = client.get(
        "/api/access/worst/?category=night_shelter", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304


def test_logged_in_users_and_job_status_are_never_cached(client, answer_cache, planner):
    client.force_login(planner)
    sites(client)
    assert not any(k for k in caches["responses"]._cache if "sites" in k)


def test_an_answer_for_token_credentials_is_never_kept(client, answer_cache, planner):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=planner).key
    staff = client.get("/api/sites/?status=planned", HTTP_AUTHORIZATION=f"Token {token}")
    assert staff.status_code == 200
    assert client.get("/api/sites/?status=planned").status_code == 403


def test_query_parameters_the_api_does_not_read_are_not_kept(client, answer_cache):
    client.get("/api/sites/?utm=1")
    client.get("/api/sites/?category=night_shelter")
    keys = list(caches["responses"]._cache)
    assert any("category=night_shelter" in k for k in keys) and not any("utm" in k for k in keys)
