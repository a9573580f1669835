"""The other operations added for parity with the pages (issue 17): cycles close and reopen,
plan revise/close and deletes, reports as JSON and PDF with a bearer token, the team grid and
team reports, priority weights, level comparison with ETag, and token management."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from skillframe.api.models import ApiToken
from skillframe.assessments.models import Cycle, Rating
from skillframe.audit.models import AuditEvent
from skillframe.development import plans
from skillframe.development.models import Activity, Objective, Plan
from skillframe.insights.models import PriorityWeightSettings
from tests.api.api_helpers import fields, send, signed_in
from tests.development.helpers import alice_plan


def _bearer(person: Any) -> dict[str, str]:
    _, secret = ApiToken.issue(person.user, "script")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def cycle(personas: Any) -> Cycle:
    today = timezone.localdate()
    cycle = Cycle.objects.create(
        name="Spring", starts_on=today - timedelta(days=5), ends_on=today + timedelta(days=10)
    )
    cycle.units.add(personas.delivery)
    return cycle


def test_hr_closes_and_reopens_a_cycle(personas: Any, cycle: Cycle) -> None:
    carol = signed_in(personas.carol)
    assert carol.get(f"/api/cycles/{cycle.pk}").json()["status"] == "open"
    closed = carol.post(f"/api/cycles/{cycle.pk}/close").json()
    assert closed["changed"] and closed["cycle"]["status"] == "closed"
    assert closed["not_started"] == 2 and closed["days_early"] == 10  # Alice and Bob
    assert carol.post(f"/api/cycles/{cycle.pk}/close").json()["changed"] is False
    url = f"/api/cycles/{cycle.pk}/reopen"
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert "ends_on" in fields(send(carol, "post", url, {"ends_on": yesterday}))
    later = (timezone.localdate() + timedelta(days=7)).isoformat()
    reopened = send(carol, "post", url, {"ends_on": later}).json()
    assert reopened["changed"] and reopened["cycle"]["ends_on"] == later
    assert AuditEvent.objects.filter(action__in=["cycle.close", "cycle.reopen"]).count() == 2


@pytest.mark.parametrize("who", ["alice", "bob", "dave", "eve"])
def test_only_hr_reads_closes_or_reopens_cycles(personas: Any, cycle: Cycle, who: str) -> None:
    client = signed_in(getattr(personas, who))
    assert client.get(f"/api/cycles/{cycle.pk}").status_code == 403
    assert client.post(f"/api/cycles/{cycle.pk}/close").status_code == 403
    body = {"ends_on": "2099-01-01"}
    assert send(client, "post", f"/api/cycles/{cycle.pk}/reopen", body).status_code == 403
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.OPEN
    assert signed_in(personas.carol).get("/api/cycles/999999").status_code == 404


def test_plan_revise_close_and_delete(personas: Any) -> None:
    plan = alice_plan(personas, submitted=True)
    plans.approve(personas.bob.user, plan, "Good")
    alice, bob = signed_in(personas.alice), signed_in(personas.bob)
    objective = plan.objectives.order_by("id").first()
    activity = objective.activities.order_by("id").first()
    base = f"/api/plans/{plan.pk}"
    # Approved: nothing can be deleted before it is revised.
    assert send(alice, "delete", f"{base}/objectives/{objective.pk}").status_code == 422
    assert bob.post(f"{base}/revise").status_code == 403
    assert signed_in(personas.eve).post(f"{base}/revise").status_code == 404
    assert alice.post(f"{base}/revise").json()["status"] == "draft"
    activity_url = f"{base}/objectives/{objective.pk}/activities/{activity.pk}"
    assert send(bob, "delete", activity_url).status_code == 403
    assert send(alice, "delete", activity_url).status_code == 200
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert send(alice, "delete", f"{base}/objectives/{objective.pk}").status_code == 200
    assert not Objective.objects.filter(pk=objective.pk).exists()
    assert send(alice, "delete", f"{base}/objectives/{objective.pk}").status_code == 404
    assert send(bob, "post", f"{base}/close", {"comment": "x"}).status_code == 403
    closed = send(alice, "post", f"{base}/close", {"comment": "Done for now"})
    assert closed.json()["status"] == "closed"
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.CLOSED


def test_report_json_and_pdf_answer_a_bearer_token(personas: Any, client: Client) -> None:
    report = client.get("/api/people/E-alice/report", **_bearer(personas.bob))
    assert report.status_code == 200
    body = report.json()
    assert body["employee_id"] == "E-alice"
    assert [r["which"] for r in body["roles"]] == ["Current role", "Target role"]
    pdf = client.get("/api/people/E-alice/report.pdf", **_bearer(personas.bob))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "skills-report-E-alice.pdf" in pdf["Content-Disposition"]
    for path in ("/api/people/E-alice/report", "/api/people/E-alice/report.pdf"):
        assert client.get(path, **_bearer(personas.eve)).status_code == 404
        assert client.get(path).status_code == 401  # not a redirect to the sign-in page


def test_team_reports_and_grid(personas: Any) -> None:
    bob = signed_in(personas.bob)
    rows = bob.get("/api/team/reports").json()["items"]
    assert [row["employee_id"] for row in rows] == ["E-alice"]
    assert rows[0]["current"]["role"] == "project-manager"
    assert signed_in(personas.eve).get("/api/team/reports").json()["count"] == 0

    grid = bob.get("/api/team", {"role": "project-manager"}).json()
    assert [c["element"] for c in grid["columns"]] == ["PPM-PPL", "BACM-SMC", "LP-LTW"]
    assert [r["employee_id"] for r in grid["rows"]] == ["E-alice"]
    body = {
        "role": "project-manager",
        "ratings": [{"person": "E-alice", "element": "PPM-PPL", "value": "3"}],
    }
    checked = send(bob, "post", "/api/team", {**body, "dry_run": True}).json()
    assert checked["saved"] == 1 and Rating.objects.filter(source="manager").count() == 0
    saved = send(bob, "post", "/api/team", body).json()
    assert saved["saved"] == 1 and saved["grid"]["rows"][0]["cells"][0]["value"] == "3"
    bad = {
        "role": "project-manager",
        "ratings": [{"person": "E-alice", "element": "PPM-PPL", "value": "9"}],
    }
    assert "ratings.0.value" in fields(send(bob, "post", "/api/team", bad))
    # Eve has no reports: Alice is not in her grid, and nothing is recorded.
    assert "ratings.0" in fields(send(signed_in(personas.eve), "post", "/api/team", body))
    assert Rating.objects.filter(source="manager").count() == 1
    assert bob.get("/api/team", {"role": "nope"}).status_code == 404


def test_priority_weights_hr_only(personas: Any) -> None:
    carol = signed_in(personas.carol)
    defaults = carol.get("/api/insights/weights").json()["defaults"]
    changed = send(carol, "put", "/api/insights/weights", {"gap": 2.5}).json()["weights"]
    assert changed["gap"] == 2.5 and changed["essential"] == defaults["essential"]
    assert "gap" in fields(send(carol, "put", "/api/insights/weights", {"gap": -1}))
    reset = send(carol, "put", "/api/insights/weights", {"reset": True}).json()
    assert reset["weights"] == defaults
    assert AuditEvent.objects.filter(action="insights.weights.update").count() == 2
    for who in ("alice", "bob", "dave", "eve"):
        client = signed_in(getattr(personas, who))
        assert client.get("/api/insights/weights").status_code == 403
        assert send(client, "put", "/api/insights/weights", {"gap": 9}).status_code == 403
    assert PriorityWeightSettings.objects.get(pk=1).gap == defaults["gap"]


def test_compare_levels_with_etag(client: Client, personas: Any) -> None:
    url = "/api/frameworks/axelos/compare"
    response = client.get(url, {"skill": "BACM-SMC", "lower": 3, "higher": 4})
    assert response.status_code == 200
    assert any(s["added"] for s in response.json()["headline"])
    tag = response["ETag"]
    again = client.get(url, {"skill": "BACM-SMC", "lower": 3, "higher": 4}, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, {"skill": "BACM-SMC", "lower": 4, "higher": 3}).status_code == 404
    assert client.get(url, {"skill": "NOPE", "lower": 3}).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/frameworks",
        "/api/frameworks/axelos",
        "/api/frameworks/axelos/elements",
        "/api/frameworks/axelos/elements/PPM-PPL",
        "/api/search?q=stakeholder",
        "/api/frameworks/axelos/export?format=json",
    ],
)
def test_catalogue_reads_answer_if_none_match(client: Client, seeded: Any, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200 and first["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(path, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_tokens_create_list_revoke(personas: Any, client: Client) -> None:
    alice = signed_in(personas.alice)
    created = send(alice, "post", "/api/tokens", {"name": "nightly"})
    assert created.status_code == 201
    secret, token_id = created.json()["token"], created.json()["id"]
    assert "name" in fields(send(alice, "post", "/api/tokens", {"name": "nightly"}))
    assert "name" in fields(send(alice, "post", "/api/tokens", {"name": " "}))
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    listed = client.get("/api/tokens", **bearer).json()
    assert [row["name"] for row in listed["items"]] == ["nightly"] and "token" not in listed[
        "items"
    ][0]
    # Someone else's token does not exist for Eve.
    assert signed_in(personas.eve).post(f"/api/tokens/{token_id}/revoke").status_code == 404
    assert signed_in(personas.eve).get("/api/tokens").json()["count"] == 0
    revoked = alice.post(f"/api/tokens/{token_id}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert client.get("/api/tokens", **bearer).status_code == 401
    assert alice.get("/api/tokens", {"active": True}).json()["count"] == 0
    assert AuditEvent.objects.filter(action__in=["token.create", "token.revoke"]).count() == 2


def test_the_pdf_report_page_answers_a_bearer_token(personas: Any, client: Client) -> None:
    # Issue 17: the page answered a script's token with a redirect to the sign-in page.
    pdf = client.get("/people/E-alice/report.pdf", **_bearer(personas.bob))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    own = client.get("/me/report/", {"format": "pdf"}, **_bearer(personas.alice))
    assert own.status_code == 200 and own.content.startswith(b"%PDF")
    assert client.get("/people/E-alice/report.pdf", **_bearer(personas.eve)).status_code == 404
    wrong = {"HTTP_AUTHORIZATION": "Bearer sf_not-a-token"}
    assert client.get("/people/E-alice/report.pdf", **wrong).status_code == 401
    # Other pages stay browser pages: a token does not sign anyone in there.
    html = client.get("/people/E-alice/report/", **_bearer(personas.bob))
    assert html.status_code == 302 and "/login/" in html["Location"]
    assert client.get("/people/E-alice/report.pdf").status_code == 302  # no token: sign in


def test_lists_order_the_same_way_everywhere(personas: Any) -> None:
    carol = signed_in(personas.carol)

    def ids(path: str, **params: Any) -> list[str]:
        response = carol.get(path, params)
        assert response.status_code == 200, response.content
        return [row.get("employee_id") or row.get("code") for row in response.json()["items"]]

    ascending = ids("/api/people", order="employee_id")
    assert (
        ascending == sorted(ascending)
        and ids("/api/people", order="-employee_id") == ascending[::-1]
    )
    assert ids("/api/roles", order="-code") == ["team-leader", "project-manager"]
    for path in (
        "/api/people",
        "/api/roles",
        "/api/goals",
        "/api/cycles",
        "/api/plans",
        "/api/self-assessments",
        "/api/tokens",
    ):
        assert "order" in fields(carol.get(path, {"order": "password"})), path
    # The HR list of the pages: people whose record the caller may change.
    personas.bob.hr_units.add(personas.delivery)
    assert ids("/api/people", editable="true") == ascending
    bob_people = signed_in(personas.bob).get(
        "/api/people", {"editable": "true", "order": "employee_id"}
    )
    assert [r["employee_id"] for r in bob_people.json()["items"]] == ["E-alice", "E-bob"]


def test_new_lists_cost_a_fixed_number_of_queries(
    personas: Any, django_assert_max_num_queries: Any
) -> None:
    from tests.assessments.review_helpers import submitted

    for _ in range(3):
        submitted(personas, {"PPM-PPL": 3})
        ApiToken.issue(personas.bob.user, "t")
    bob = signed_in(personas.bob)
    carol = signed_in(personas.carol)
    with django_assert_max_num_queries(8):
        assert bob.get("/api/self-assessments", {"whose": "reports"}).json()["count"] == 3
    with django_assert_max_num_queries(8):
        assert bob.get("/api/tokens").json()["count"] == 3
    with django_assert_max_num_queries(8):
        assert carol.get("/api/org-units/scope").json()["count"] == 3
