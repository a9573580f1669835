"""Property-based checks of the whole API against its own OpenAPI document (Schemathesis).

Every operation of /api/openapi.json is called with examples generated from its schema, as a line
manager (bob) and as the organisation-wide HR admin (carol), both with a bearer token, through the
real WSGI application and the test database. Each answer must not be a 5xx and must match the
schema: status code documented, body valid, content type right. The examples are bounded
(`MAX_EXAMPLES` per operation, no shrinking-heavy phases) so the two tests take about a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# A handful of examples per operation catches the 500s of malformed input (NUL, huge numbers,
# missing optional fields) while keeping the suite quick on two cores.
MAX_EXAMPLES = 6

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

# Part of the normal suite; `-m "not schemathesis"` leaves it out of a quick local run.
pytestmark = pytest.mark.schemathesis

_settings = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure reproduces
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as found
    suppress_health_check=list(HealthCheck),
    database=None,
)


# No 5xx, and every answer as documented. (Schemathesis' other checks are about authentication
# and HTTP methods the schema does not describe: the public catalogue answers without a token.)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Schemathesis calls the real WSGI handler, whose request signals close the database
    connection after each request; on PostgreSQL that is the test's transaction. Django's test
    client detaches the same receiver while it runs a request: do as it does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _token_header(person: Any) -> dict[str, str]:
    from skillframe.api.models import ApiToken

    _, secret = ApiToken.issue(person.user, "schemathesis")
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def bob_headers(personas: Any) -> dict[str, str]:
    return _token_header(personas.bob)


@pytest.fixture
def carol_headers(personas: Any) -> dict[str, str]:
    return _token_header(personas.carol)


@schema.parametrize()
@_settings
def test_api_as_manager(case: Any, bob_headers: dict[str, str]) -> None:
    case.call_and_validate(headers=bob_headers, checks=CHECKS)


@schema.parametrize()
@_settings
def test_api_as_hr_admin(case: Any, carol_headers: dict[str, str]) -> None:
    case.call_and_validate(headers=carol_headers, checks=CHECKS)
