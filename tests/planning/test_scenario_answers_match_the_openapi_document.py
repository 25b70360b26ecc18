"""Every scenario answer is the one the OpenAPI document describes (status, content type,
headers, body), checked by schemathesis on real requests: the successes, which fuzzing with
random ids seldom reaches, and the refusals."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from geoplan.planning.edits import add_edits
from geoplan.registry.models import Service

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import CENTRE, NORTH, VIA_NIZZA

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def schema(db):
    """The site as a server runs it, inside the test's transaction (see tests/api/test_fuzz_api)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_scenario_answers_are_as_documented(schema, scenario, pia, piero):
    shelter = (
        Service.objects.published(include_illustrative=False)
        .filter(category__code="night_shelter")
        .order_by("pk")
        .first()
    )
    add_edits(
        scenario,
        [
            {"kind": "add", "category": "housing_first", "lon": NORTH[0], "lat": NORTH[1]},
            {"kind": "move", "site": shelter.site_id, "lon": CENTRE[0], "lat": CENTRE[1]},
            {"kind": "close", "site": shelter.site_id},
        ],
    )
    owner = {"Authorization": f"Token {Token.objects.create(user=pia).key}"}
    other = {"Authorization": f"Token {Token.objects.create(user=piero).key}"}
    pk = {"id": scenario.pk}
    add = {"kind": "add", "category": "night_shelter", "lon": VIA_NIZZA[0], "lat": VIA_NIZZA[1]}
    calls = [
        ("/api/scenarios/", "GET", {}, {}, None, other, 200),
        ("/api/scenarios/", "POST", {}, {}, {"name": "Nuovo", "edits": [add]}, owner, 201),
        ("/api/scenarios/", "POST", {}, {}, {"name": "Nuovo", "edits": [{}]}, owner, 400),
        ("/api/scenarios/{id}/", "GET", pk, {}, None, other, 200),
        ("/api/scenarios/{id}/", "PATCH", pk, {}, {"name": "Altro"}, owner, 200),
        ("/api/scenarios/{id}/", "PATCH", pk, {}, {"name": "Altro"}, other, 403),
        ("/api/scenarios/{id}/edits/", "POST", pk, {}, add, owner, 201),
        ("/api/scenarios/{id}/edits/", "POST", pk, {}, {"kind": "close"}, owner, 400),
        ("/api/scenarios/{id}/results/", "GET", pk, {"profile": "slow"}, None, other, 200),
        ("/api/scenarios/{id}/results/", "GET", pk, {"profile": "x"}, None, other, 400),
        ("/api/scenarios/{id}/results/", "GET", {"id": 987654}, {}, None, other, 404),
        ("/api/scenarios/{id}/results/", "GET", pk, {}, None, {}, 401),
        (
            "/api/scenarios/compare/",
            "GET",
            {},
            {"a": scenario.pk, "b": scenario.pk},
            None,
            other,
            200,
        ),
        ("/api/scenarios/compare/", "GET", {}, {"a": scenario.pk}, None, other, 400),
        ("/api/scenarios/planned/", "POST", {}, {}, None, owner, 201),
    ]
    for path, method, path_parameters, query, body, headers, status in calls:
        case = schema[path][method].Case(
            path_parameters=path_parameters,
            query=query,
            headers={"Accept-Encoding": "identity"} | headers,
            **({} if body is None else {"body": body, "media_type": "application/json"}),
        )
        response = case.call_and_validate(checks=CHECKS)
        assert response.status_code == status, (method, path, response.text[:300])

    edit = scenario.edits.order_by("pk").first()
    for path_parameters, status in (({"id": scenario.pk, "edit": edit.pk}, 204),):
        case = schema["/api/scenarios/{id}/edits/{edit}/"]["DELETE"].Case(
            path_parameters=path_parameters, headers=owner
        )
        assert case.call_and_validate(checks=CHECKS).status_code == status
    case = schema["/api/scenarios/{id}/"]["DELETE"].Case(path_parameters=pk, headers=owner)
    assert case.call_and_validate(checks=CHECKS).status_code == 204
