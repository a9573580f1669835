"""The audit trail you can read (issue 10 item 7): framework imports and replacements, tokens
made at the command line and sign-ins are recorded; organisation-wide HR reads them on /audit/
(filters, paging, CSV), through GET /api/audit and with `skillframe audit export`; nobody else."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from skillframe.api.models import ApiToken
from skillframe.audit.models import AuditEvent, record
from skillframe.frameworks import exchange
from skillframe.frameworks.models import Framework
from tests.api.api_helpers import signed_in
from tests.people.helpers import ops_hr


def _nos_json() -> io.BytesIO:
    return io.BytesIO(exchange.export(Framework.objects.get(slug="nos-ml"), "json").content)


def test_framework_imports_and_replacements_are_recorded(personas: Any) -> None:
    exchange.import_file(_nos_json(), "json", slug="nos-copy", actor=personas.carol.user)
    exchange.import_file(
        _nos_json(), "json", slug="nos-copy", replace_existing=True, actor=personas.carol.user
    )
    found = list(
        AuditEvent.objects.filter(action__startswith="framework.")
        .order_by("id")
        .values_list("action", "actor__username", "data__slug", "data__format")
    )
    assert found == [
        ("framework.import", "carol", "nos-copy", "json"),
        ("framework.replace", "carol", "nos-copy", "json"),
    ]
    assert AuditEvent.objects.filter(action="framework.import").get().data["created"] > 3000


def test_tokens_made_at_the_command_line_are_recorded(personas: Any) -> None:
    call_command("tokens", "create", "alice", "--name", "ci", stdout=io.StringIO())
    token = ApiToken.objects.get(user=personas.alice.user, name="ci")
    event = AuditEvent.objects.get(action="token.create")
    assert (event.actor, event.target, event.data) == (
        None,
        f"skillframe_api.apitoken:{token.pk}",
        {"name": "ci", "via": "cli"},
    )
    call_command("tokens", "revoke", str(token.pk), stdout=io.StringIO())
    assert AuditEvent.objects.filter(action="token.revoke", target=event.target).exists()


def test_sign_ins_are_recorded_success_and_failure(client: Client, personas: Any) -> None:
    client.post("/login/", {"username": "alice", "password": "wrong"})
    client.post("/login/", {"username": "nobody-here", "password": "wrong"})
    client.post("/login/", {"username": "alice", "password": personas.password})
    events = list(
        AuditEvent.objects.filter(action__startswith="login.")
        .order_by("id")
        .values_list("action", "actor__username", "target", "data__address")
    )
    alice = f"auth.user:{personas.alice.user.pk}"
    assert events == [
        ("login.failure", "alice", alice, "127.0.0.1"),
        ("login.failure", None, "unknown account", "127.0.0.1"),
        ("login.success", "alice", alice, "127.0.0.1"),
    ]
    assert "nobody-here" not in json.dumps(list(AuditEvent.objects.values("data", "target")))


@pytest.fixture
def trail(personas: Any) -> list[AuditEvent]:
    """A few events: one a week ago, one whose target a spreadsheet would run as a formula."""
    old = record(personas.carol.user, "person.update", personas.alice, fields=["job_title"])
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=7))
    return [
        old,
        record(None, "people.import", '=HYPERLINK("http://x")', created=1),
        record(personas.bob.user, "rating.create", personas.alice, level=3),
    ]


def test_hr_reads_the_trail_with_filters_and_pages(trail: Any, personas: Any) -> None:
    carol = signed_in(personas.carol)
    page = carol.get("/audit/")
    assert page.status_code == 200
    assert [e.action for e in page.context["page"].object_list][:3] == [
        "rating.create",
        "people.import",
        "person.update",
    ]
    only = carol.get("/audit/", {"who": "bob", "action": "rating."})
    assert [e.pk for e in only.context["page"].object_list] == [trail[2].pk]
    assert [e.pk for e in carol.get("/audit/", {"who": "-"}).context["page"].object_list] == [
        trail[1].pk
    ]
    week_ago = (timezone.localdate() - timedelta(days=7)).isoformat()
    dated = carol.get("/audit/", {"until": week_ago, "target": "people.person:"})
    assert [e.pk for e in dated.context["page"].object_list] == [trail[0].pk]
    for n in range(60):
        record(None, "bulk.test", f"thing:{n}")
    paged = carol.get("/audit/", {"action": "bulk."})
    assert paged.context["page"].paginator.num_pages == 2
    assert len(carol.get("/audit/", {"action": "bulk.", "page": 2}).context["page"]) == 10


def test_the_csv_export_is_formula_safe_and_follows_the_filters(trail: Any, personas: Any) -> None:
    response = signed_in(personas.carol).get("/audit/export.csv", {"who": "-"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["id", "when", "actor", "action", "target", "data"]
    assert [row[3:5] for row in rows[1:]] == [["people.import", '\'=HYPERLINK("http://x")']]
    assert json.loads(rows[1][5]) == {"created": 1}


def test_only_organisation_wide_hr_reads_the_trail(trail: Any, personas: Any) -> None:
    olga = ops_hr(personas)  # HR admin of Operations only
    for person in (personas.alice, personas.bob, personas.eve, personas.dave, olga):
        client = signed_in(person)
        assert client.get("/audit/").status_code == 403, person
        assert client.get("/audit/export.csv").status_code == 403, person
        assert client.get("/api/audit").status_code == 403, person
    assert Client().get("/audit/").status_code == 302
    assert Client().get("/api/audit").status_code == 401


def test_the_api_lists_events_to_hr_paged(trail: Any, personas: Any) -> None:
    carol = signed_in(personas.carol)
    body = carol.get("/api/audit", {"limit": 2}).json()
    assert body["count"] >= 3 and len(body["items"]) == 2
    assert body["items"][0]["action"] == "rating.create" and body["items"][0]["actor"] == "bob"
    only = carol.get("/api/audit", {"who": "-", "action": "people."}).json()
    assert [item["target"] for item in only["items"]] == ['=HYPERLINK("http://x")']


def test_the_export_command_writes_csv_or_json_since_a_day(trail: Any, tmp_path: Any) -> None:
    out = io.StringIO()
    since = timezone.localdate().isoformat()
    call_command("audit", "export", "--since", since, "--format", "json", stdout=out)
    exported = json.loads(out.getvalue())
    assert [e["id"] for e in exported] == [trail[1].pk, trail[2].pk]  # oldest first
    target = tmp_path / "audit.csv"
    call_command("audit", "export", "-o", str(target))
    rows = list(csv.reader(target.open(encoding="utf-8", newline="")))
    assert rows[0][0] == "id" and len(rows) == 4
    with pytest.raises(CommandError, match="not a date"):
        call_command("audit", "export", "--since", "last tuesday")


def test_the_people_page_links_the_trail_for_its_readers_only(personas: Any) -> None:
    assert b'href="/audit/"' in signed_in(personas.carol).get("/people/").content
    assert b'href="/audit/"' not in signed_in(ops_hr(personas)).get("/people/").content
