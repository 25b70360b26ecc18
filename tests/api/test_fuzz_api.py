"""schemathesis fuzzes the API from its own OpenAPI document (/api/schema/), against the test
database with the Turin data loaded: no request may end in a server error, and every answer
must be one the document describes (status code, content type, headers and body); a request
the document calls invalid must be refused (4xx).

Every GET operation is fuzzed, with values valid by the document and values it calls invalid:
anonymously, and with the token of an account that may use it (a partner for /api/partner/, a
moderator for /api/moderation/, a planner for /api/jobs/); so is the what-if POST, which stores
nothing. Writes are left to the behaviour tests: fuzzing them would file change requests, lock
accounts out, revoke the tokens in use and queue jobs by the hundred.

The operations are walked here, each with its own Hypothesis run, rather than through
``@schema.parametrize()``: the schema can only be read inside a test (it lists the category
codes of the database), and schemathesis' fixture-based loader does not run under pytest 9.
"""

import time

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.errors import FailureGroup
from schemathesis.generation.modes import GenerationMode

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose
from geoplan.registry.models import Site

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

# Examples per operation and kind of data (valid, invalid): 37 operations, some twice (with
# and without an account), about 900 requests in 20 s on two idle cores. Failures are reported as
# found (no shrinking), each with the request that caused it.
FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    report_multiple_bugs=False,
)

# The one write-free POST: what-if answers from the latest run and stores nothing. A planner's
# token keeps it clear of the anonymous rate limit (its 429 has a test of its own).
READ_ONLY_POSTS = {"/api/access/what-if": "planner"}

ACCOUNT_PREFIXES = {
    "/api/partner/": "partner",
    "/api/moderation/": "moderator",
    "/api/jobs/": "planner",
    "/api/scenarios/": "planner",
}


@pytest.fixture
def accounts(org_a, partner_a, moderator, planner):
    """A partner whose organisation has three real sites and a change request waiting, the
    moderator who reviews it, and a planner (staff): the token of each."""
    sites = list(Site.objects.located().order_by("pk")[:3])
    Site.objects.filter(pk__in=[s.pk for s in sites]).update(organization=org_a)
    propose(
        partner_a,
        {"site": {"name": "Sportello rinominato"}},
        Site.objects.get(pk=sites[0].pk),
        source=ChangeRequest.Source.API,
    )
    return {
        who: Token.objects.create(user=user).key
        for who, user in (("partner", partner_a), ("moderator", moderator), ("planner", planner))
    }


@pytest.fixture
def wsgi_app():
    """The site as a server runs it, inside the test's transaction: as Django's test client
    does, the connection is not closed at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def fuzz(operation, headers: dict) -> tuple[int, list[str]]:
    """Run the operation's valid and invalid cases; the number of requests and the failures."""
    sent, failures = 0, []
    for mode in GenerationMode:

        @FUZZ
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case):
            nonlocal sent
            sent += 1
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except Unsatisfiable:
            pass  # nothing the document calls invalid can be sent (no parameter, say)
        except (Exception, FailureGroup) as exc:  # every failure, with its request, for the report
            failures.append(f"{operation.label} ({mode.value}):\n{exc}")
    return sent, failures


def runs_of(operation, accounts) -> list[dict]:
    """The headers of each run of an operation: anonymous (GET) and with an account's token."""
    # Uncompressed answers: the WSGI transport reads the bytes as sent.
    plain = {"Accept-Encoding": "identity"}
    if operation.method.upper() == "POST":
        return [plain | {"Authorization": f"Token {accounts[READ_ONLY_POSTS[operation.path]]}"}]
    runs = [plain]
    for prefix, who in ACCOUNT_PREFIXES.items():
        if operation.path.startswith(prefix):
            runs.append(plain | {"Authorization": f"Token {accounts[who]}"})
    return runs


def test_every_read_gets_a_documented_answer(wsgi_app, accounts):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)
    reads = schema.include(
        lambda ctx: ctx.operation.method.upper() == "GET" or ctx.operation.path in READ_ONLY_POSTS
    )
    operations = [result.ok() for result in reads.get_all_operations()]
    assert len(operations) >= 30
    started_all = time.perf_counter()
    sent, failures = 0, []
    for operation in operations:
        for headers in runs_of(operation, accounts):
            n, found = fuzz(operation, headers)
            sent, failures = sent + n, failures + found
    print(
        f"schemathesis: {len(operations)} operations, {sent} requests, "
        f"{time.perf_counter() - started_all:.0f} s"
    )
    assert sent > 10 * len(operations)
    assert not failures, "\n\n".join(failures)
