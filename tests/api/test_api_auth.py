"""Every non-catalogue operation of the API refuses anonymous callers, found generically from
the OpenAPI schema (so a new endpoint is covered the day it is added), and the schema lists
every endpoint of the people and assessment API."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from skillframe.api.models import ApiToken

# The catalogue may be public (SKILLFRAME_PUBLIC_CATALOGUE); the exchange endpoints live under
# /api/frameworks too and keep their own rules (export public with the catalogue, import for
# signed-in users with a permission, tested in test_catalogue_api).
CATALOGUE_PREFIXES = ("/api/frameworks", "/api/search", "/api/elements")

EXPECTED = {
    ("get", "/api/people"),
    ("get", "/api/people/{employee_id}"),
    ("patch", "/api/people/{employee_id}"),
    ("get", "/api/org-units"),
    ("get", "/api/roles"),
    ("get", "/api/roles/{code}"),
    ("post", "/api/roles/{code}/requirements"),
    ("put", "/api/roles/{code}/requirements/{requirement_id}"),
    ("delete", "/api/roles/{code}/requirements/{requirement_id}"),
    ("get", "/api/goals"),
    ("get", "/api/cycles"),
    ("post", "/api/cycles"),
    ("get", "/api/cycles/{cycle_id}/progress"),
    ("post", "/api/people/{employee_id}/ratings"),
    ("get", "/api/people/{employee_id}/ratings/current"),
    ("get", "/api/people/{employee_id}/ratings/history"),
    ("get", "/api/notifications"),
    ("post", "/api/notifications/{notification_id}/read"),
    ("post", "/api/notifications/read-all"),
    ("get", "/api/people/{employee_id}/gaps"),
    ("get", "/api/people/{employee_id}/priorities"),
    ("get", "/api/people/{employee_id}/role-fit"),
    ("get", "/api/plans"),
    ("post", "/api/plans"),
    ("get", "/api/plans/{plan_id}"),
    ("patch", "/api/plans/{plan_id}"),
    ("get", "/api/plans/{plan_id}/versions"),
    ("post", "/api/plans/{plan_id}/objectives"),
    ("patch", "/api/plans/{plan_id}/objectives/{objective_id}"),
    ("post", "/api/plans/{plan_id}/objectives/{objective_id}/activities"),
    ("patch", "/api/plans/{plan_id}/objectives/{objective_id}/activities/{activity_id}"),
    ("post", "/api/plans/{plan_id}/objectives/{objective_id}/progress"),
    ("post", "/api/plans/{plan_id}/submit"),
    ("post", "/api/plans/{plan_id}/approve"),
    ("post", "/api/plans/{plan_id}/return"),
    ("get", "/api/audit"),
    ("get", "/api/invitations"),
    ("post", "/api/invitations"),
    ("post", "/api/authoring/frameworks/{slug}/draft"),
    ("post", "/api/authoring/frameworks/{slug}/draft/elements"),
    ("patch", "/api/authoring/frameworks/{slug}/draft/elements/{code}"),
    ("delete", "/api/authoring/frameworks/{slug}/draft/elements/{code}"),
    ("post", "/api/authoring/frameworks/{slug}/draft/moves/{code}"),
    ("post", "/api/authoring/frameworks/{slug}/draft/mapping"),
    ("get", "/api/authoring/frameworks/{slug}/draft/impact"),
    ("post", "/api/authoring/frameworks/{slug}/draft/publish"),
    ("post", "/api/authoring/frameworks/{slug}/tailor"),
    ("get", "/api/authoring/frameworks/{slug}/draft"),
    ("delete", "/api/authoring/frameworks/{slug}/draft"),
    ("put", "/api/authoring/frameworks/{slug}/draft/details"),
    ("put", "/api/authoring/frameworks/{slug}/draft/scale/{number}"),
    ("delete", "/api/authoring/frameworks/{slug}/draft/scale/{number}"),
    ("post", "/api/authoring/frameworks/{slug}/draft/import"),
    ("get", "/api/authoring/frameworks/{slug}/draft/mapping"),
    # Issue 14: evidence, coverage, the assessor workflow, sign-off, portfolios.
    ("get", "/api/evidence"),
    ("post", "/api/evidence"),
    ("get", "/api/evidence/{evidence_id}"),
    ("delete", "/api/evidence/{evidence_id}"),
    ("put", "/api/evidence/{evidence_id}/elements"),
    ("post", "/api/evidence/{evidence_id}/files"),
    ("put", "/api/evidence/{evidence_id}/sharing"),
    ("get", "/api/evidence/{evidence_id}/files/{file_id}"),
    ("get", "/api/people/{employee_id}/coverage/{code}"),
    ("post", "/api/people/{employee_id}/submissions"),
    ("get", "/api/submissions"),
    ("post", "/api/submissions/{submission_id}/judgements"),
    ("post", "/api/submissions/{submission_id}/answer"),
    ("post", "/api/people/{employee_id}/sign-offs/{code}"),
    ("get", "/api/people/{employee_id}/portfolio"),
    ("get", "/api/assessor-assignments"),
    ("post", "/api/assessor-assignments"),
    ("post", "/api/assessor-qualifications"),
    ("get", "/api/me/reminders"),
    ("put", "/api/me/reminders"),
    # Issue 17, API parity (docs/parity.md).
    ("post", "/api/people/import"),
    ("post", "/api/roles/import"),
    ("post", "/api/goals/import"),
    ("post", "/api/people"),
    ("post", "/api/org-units"),
    ("post", "/api/roles"),
    ("patch", "/api/roles/{code}"),
    ("post", "/api/goals"),
    ("delete", "/api/plans/{plan_id}/objectives/{objective_id}"),
    ("delete", "/api/plans/{plan_id}/objectives/{objective_id}/activities/{activity_id}"),
    ("post", "/api/plans/{plan_id}/revise"),
    ("post", "/api/plans/{plan_id}/close"),
    ("get", "/api/people/{employee_id}/permissions"),
    ("put", "/api/people/{employee_id}/permissions"),
    ("get", "/api/org-units/scope"),
    ("patch", "/api/org-units/{code}"),
    ("post", "/api/roles/{code}/requirements/{requirement_id}/move"),
    ("get", "/api/goals/{goal_id}"),
    ("patch", "/api/goals/{goal_id}"),
    ("post", "/api/goals/{goal_id}/weights"),
    ("delete", "/api/goals/{goal_id}/weights/{weight_id}"),
    ("get", "/api/cycles/{cycle_id}"),
    ("post", "/api/cycles/{cycle_id}/close"),
    ("post", "/api/cycles/{cycle_id}/reopen"),
    ("get", "/api/self-assessments"),
    ("post", "/api/cycles/{cycle_id}/self-assessment"),
    ("get", "/api/self-assessments/{assessment_id}"),
    ("get", "/api/self-assessments/{assessment_id}/steps/{code}"),
    ("put", "/api/self-assessments/{assessment_id}/steps/{code}"),
    ("post", "/api/self-assessments/{assessment_id}/submit"),
    ("get", "/api/self-assessments/{assessment_id}/review"),
    ("post", "/api/self-assessments/{assessment_id}/review"),
    ("post", "/api/self-assessments/{assessment_id}/review/agree-section"),
    ("post", "/api/ratings/{rating_id}/replies"),
    ("get", "/api/people/{employee_id}/interests"),
    ("get", "/api/team"),
    ("post", "/api/team"),
    ("get", "/api/people/{employee_id}/report"),
    ("get", "/api/people/{employee_id}/report.pdf"),
    ("get", "/api/team/reports"),
    ("get", "/api/insights/weights"),
    ("put", "/api/insights/weights"),
    ("get", "/api/tokens"),
    ("post", "/api/tokens"),
    ("post", "/api/tokens/{token_id}/revoke"),
    ("get", "/api/quality/plans"),
    ("post", "/api/quality/plans"),
    ("get", "/api/quality/plans/{plan_id}"),
    ("post", "/api/quality/plans/{plan_id}/rules"),
    ("post", "/api/quality/plans/{plan_id}/draws"),
    ("get", "/api/quality/samples"),
    ("get", "/api/quality/samples/export.csv"),
    ("get", "/api/quality/samples/{sample_id}"),
    ("get", "/api/quality/samples/{sample_id}/files/{file_id}"),
    ("get", "/api/quality/my-reviews"),
    ("post", "/api/quality/samples/{sample_id}/review"),
    ("get", "/api/quality/agreement"),
    ("get", "/api/insights/heatmap"),
    ("get", "/api/insights/who"),
    ("get", "/api/insights/saved-searches"),
    ("post", "/api/insights/saved-searches"),
    ("delete", "/api/insights/saved-searches/{search_id}"),
    ("get", "/api/insights/bench"),
    ("get", "/api/insights/calibration"),
    ("get", "/api/insights/trends"),
    ("post", "/api/suggest"),
    ("post", "/api/suggest/upload"),
    ("post", "/api/suggest/feedback"),
    ("get", "/api/suggest/feedback/export"),
    ("get", "/api/crosswalk"),
    ("post", "/api/crosswalk/{link_uuid}/decision"),
}
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def _schema(client: Client) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


def _protected(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [op for op in _operations(schema) if not op[1].startswith(CATALOGUE_PREFIXES)]


def _concrete(path: str, operation: dict[str, Any]) -> str:
    """The path with each parameter filled by a value of its type (an existing id or not)."""
    types = {
        p["name"]: p.get("schema", {}).get("type")
        for p in operation.get("parameters", [])
        if p.get("in") == "path"
    }

    def value(match: re.Match[str]) -> str:
        return "1" if types.get(match.group(1)) == "integer" else "E-alice"

    return re.sub(r"\{(\w+)\}", value, path)


def test_the_schema_lists_every_endpoint(client: Client, db: None) -> None:
    listed = {(method, path) for method, path, _ in _operations(_schema(client))}
    assert listed >= EXPECTED, sorted(EXPECTED - listed)
    # Nothing outside the catalogue escaped this list: a new endpoint is added to it knowingly.
    protected = {(method, path) for method, path, _ in _protected(_schema(client))}
    assert protected == EXPECTED, sorted(protected ^ EXPECTED)


def test_every_operation_is_documented(client: Client, db: None) -> None:
    for method, path, operation in _protected(_schema(client)):
        where = f"{method.upper()} {path}"
        assert operation.get("summary"), where
        assert operation.get("tags"), where
        assert operation.get("security"), f"{where} documents no authentication"
        schemes = {name for requirement in operation["security"] for name in requirement}
        assert schemes == {"TokenAuth", "SessionAuth"}, where
        assert any(code.startswith("2") for code in operation["responses"]), where


@pytest.mark.parametrize("public", [True, False])
def test_anonymous_callers_are_refused_everywhere_but_the_catalogue(
    personas: Any, client: Client, settings: Any, public: bool
) -> None:
    settings.PUBLIC_CATALOGUE = public
    operations = _protected(_schema(client))
    assert len(operations) >= len(EXPECTED)
    for method, path, operation in operations:
        url = _concrete(path, operation)
        call = getattr(client, method)
        response = call(url, {}, content_type="application/json") if method != "get" else call(url)
        assert response.status_code == 401, f"{method.upper()} {url}: {response.status_code}"
        assert response.json() == {"detail": "Unauthorized"}


def test_a_wrong_or_revoked_token_is_refused(personas: Any, client: Client) -> None:
    token, secret = ApiToken.issue(personas.alice.user, "script")
    ok = client.get("/api/people/E-alice", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert ok.status_code == 200
    wrong = client.get("/api/people/E-alice", HTTP_AUTHORIZATION="Bearer sf_not-a-token")
    assert wrong.status_code == 401
    token.revoke()
    revoked = client.get("/api/people/E-alice", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert revoked.status_code == 401
    personas.bob.user.is_active = False
    personas.bob.user.save()
    _, bobs = ApiToken.issue(personas.bob.user, "script")
    assert client.get("/api/people", HTTP_AUTHORIZATION=f"Bearer {bobs}").status_code == 401
