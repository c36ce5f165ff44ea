"""The OpenAPI schema holds: schemathesis drives every operation against the WSGI app.

Checks: no server error, documented status code, content type and body schema.
Runtime is bounded by ``MAX_EXAMPLES`` per operation (a minute or two in all).
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.tokens import token_create

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


def _exercise(operation, headers):
    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    run()


@pytest.fixture
def keep_test_connection():
    """The real WSGI app closes "old" connections around each request; inside the test's
    transaction that closes the test's own connection (PostgreSQL). Django's test client
    disconnects the same handler; so does this fixture, for the duration of the test."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("username", ["diego.editor", "ana.saude"])
def test_every_operation_conforms_to_the_schema(demo, username, settings, keep_test_connection):
    settings.API_THROTTLE_USER = "100000/hour"
    _token, secret = token_create(by=demo[username], name="schemathesis")
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    headers = {"Authorization": f"Bearer {secret}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    for operation in operations:
        _exercise(operation, headers)
