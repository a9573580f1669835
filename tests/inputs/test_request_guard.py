"""Control characters, deep JSON and huge offsets sent to the API and the pages: a 4xx naming
the field, never a 500, and nothing changed (issue 10 item 3). On PostgreSQL each NUL case was
a 500 before the guard ("A string literal cannot contain NUL"); run there as well as SQLite."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from skillframe.audit.models import AuditEvent
from skillframe.frameworks import exchange
from skillframe.frameworks.models import Framework
from skillframe.people.models import Person
from tests.api.api_helpers import fields, send, signed_in


def test_nul_in_a_query_parameter_is_a_422_naming_it(personas: Any) -> None:
    carol = signed_in(personas.carol)
    response = carol.get("/api/people", {"q": "al\x00ice"})
    assert "control character (U+0000)" in fields(response)["q"]
    response = carol.get("/api/search", {"q": "lead", "framework": "nos\x00"})
    assert "framework" in fields(response)


def test_nul_in_a_path_parameter_is_a_422(personas: Any) -> None:
    carol = signed_in(personas.carol)
    assert "path" in fields(carol.get("/api/people/E-al%00ice"))
    assert "path" in fields(carol.get("/api/roles/pm%00/requirements"))


def test_nul_in_a_json_field_is_a_422_and_changes_nothing(personas: Any) -> None:
    carol = signed_in(personas.carol)
    response = send(carol, "PATCH", "/api/people/E-alice", {"job_title": "Lead\x00"})
    assert "U+0000" in fields(response)["job_title"]
    response = send(carol, "POST", "/api/cycles", {"name": "Q1\x01", "role_profiles": []})
    assert "U+0001" in fields(response)["name"]
    assert Person.objects.get(pk=personas.alice.pk).job_title == "Project manager"
    assert not AuditEvent.objects.filter(action="person.update").exists()


def test_json_nested_200000_deep_is_refused(personas: Any) -> None:
    carol = signed_in(personas.carol)
    body = "[" * 200_000 + "]" * 200_000
    response = carol.post("/api/plans", body, content_type="application/json")
    assert response.status_code == 422
    assert "nested more than" in fields(response)[None]
    just_too_deep = '{"title": "x", "objectives": ' + "[" * 70 + "]" * 70 + "}"
    response = carol.post("/api/plans", just_too_deep, content_type="application/json")
    ((field, message),) = fields(response).items()
    assert field.startswith("objectives.0.0") and "nested more than 64" in message


def test_a_huge_offset_is_a_422_on_every_list(personas: Any) -> None:
    carol = signed_in(personas.carol)
    for path in ("/api/people", "/api/roles", "/api/frameworks/axelos/elements"):
        response = carol.get(path, {"offset": 10**30})
        assert "offset" in fields(response), path
    assert "offset" in fields(carol.get("/api/search", {"q": "lead", "offset": 10**30}))
    assert "limit" in fields(carol.get("/api/search", {"q": "lead", "limit": 0}))
    assert carol.get("/api/people", {"offset": 10**6}).json()["items"] == []


def test_pages_refuse_control_characters_and_clamp_the_page_number(seeded: Any) -> None:
    client = Client()
    response = client.get("/search/", {"q": "lead\x00"})
    assert response.status_code == 400
    assert b"q contains a control character" in response.content
    assert client.get("/search/", {"q": "lead", "page": 10**30}).status_code == 200


def test_the_framework_import_endpoint_is_reachable(personas: Any) -> None:
    # It was shadowed by GET /frameworks/{slug} and answered 405 whatever was sent. Importing
    # needs the frameworks.add_framework permission (as the web import page does).
    from django.contrib.auth.models import Permission

    importer = personas.carol.user
    importer.user_permissions.add(Permission.objects.get(codename="add_framework"))
    response = signed_in(personas.carol).post("/api/frameworks/import")
    assert response.status_code == 422
    assert {"file", "format"} <= set(fields(response))


def test_no_framework_can_be_called_import(seeded: Any, client: Client) -> None:
    # The import endpoint owns /api/frameworks/import: reading it as a framework is a 404.
    response = client.get("/api/frameworks/import")
    assert response.status_code == 404 and "reserved" in response.json()["detail"]
    data = io.BytesIO(exchange.export(Framework.objects.get(slug="nos-ml"), "json").content)
    with pytest.raises(exchange.ImportRefused, match="reserved"):
        exchange.import_file(data, "json", slug="import")


def test_posted_form_fields_with_control_characters_are_refused(personas: Any) -> None:
    from skillframe.people.models import OrgUnit

    carol = signed_in(personas.carol)
    form = "application/x-www-form-urlencoded"  # as a browser posts a form without files

    def post(**fields: Any) -> Any:
        return carol.post("/units/new/", urlencode(fields), content_type=form)

    response = post(code="ops2", name="Ops\x01", parent=personas.org.pk)
    assert response.status_code == 400
    assert b"name contains a control character (U+0001)" in response.content
    assert not OrgUnit.objects.filter(code="ops2").exists()
    # Tabs and line breaks are text.
    assert post(code="ops3", name="Ops\tthree", parent=personas.org.pk).status_code == 302
    assert OrgUnit.objects.filter(code="ops3").exists()
