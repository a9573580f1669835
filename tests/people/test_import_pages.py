"""The one import page, as people, role profiles and goals use it: check only, limits, htmx."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from skillframe.audit.models import AuditEvent
from skillframe.importing import spreadsheets
from skillframe.people.models import OrgGoal, RoleProfile

ROLES = b"role code,role title,element code,target level\nscrum-master,Scrum master,PPM-PPL,3\n"
GOALS = b"goal title,starts on,ends on,element code\nGrowth,2026-01-01,2026-12-31,BACM\n"
PEOPLE = b"employee id,name,email,unit\nE-31,Ann Ash,ann@example.org,delivery\n"
PAGES = [
    ("/people/import/", PEOPLE, "Import people", "People", "/people/"),
    ("/roles/import/", ROLES, "Import role profiles", "Role profiles", "/roles/"),
    ("/goals/import/", GOALS, "Import organisation goals", "Organisation goals", "/goals/"),
]


def hr(personas: Any) -> Client:
    client = Client()
    client.force_login(personas.carol.user)
    return client


@pytest.mark.parametrize(("url", "body", "title", "parent", "parent_url"), PAGES)
def test_every_import_page_has_the_same_parts(
    personas: Any, url: str, body: bytes, title: str, parent: str, parent_url: str
) -> None:
    html = hr(personas).get(url).content.decode()
    assert f"<h1>{title}</h1>" in html
    assert (
        f'<li><a href="{parent_url}">{parent}</a></li><li aria-current="page">Import</li>' in html
    )
    assert f"{parent} file (CSV or XLSX)" in html
    assert f'hx-post="{url}"' in html and 'name="dry_run"' in html
    assert "A file may have up to 200,000 rows and 20 MB." in html  # issue 10: was 50 MB


def test_checking_roles_and_goals_files_changes_nothing(personas: Any) -> None:
    client = hr(personas)
    roles = client.post(
        "/roles/import/",
        {"file": SimpleUploadedFile("roles.csv", ROLES), "dry_run": "on"},
    )
    assert roles.status_code == 200
    assert (
        "The file is fine. Importing it would create 1 role profile and update 0, "
        "with 1 requirement; nothing was changed." in roles.content.decode()
    )
    assert not RoleProfile.objects.filter(code="scrum-master").exists()
    goals = client.post(
        "/goals/import/",
        {"file": SimpleUploadedFile("goals.csv", GOALS), "dry_run": "on"},
        headers={"HX-Request": "true"},
    )
    html = goals.content.decode()
    assert goals.status_code == 200 and "<h1>" not in html  # the fragment only
    assert "Importing it would create 1 goal and update 0, with 1 weight" in html
    assert not OrgGoal.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("url", "body", "title", "parent", "parent_url"), PAGES)
def test_a_file_over_the_row_limit_is_refused_naming_the_limit(
    personas: Any,
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    body: bytes,
    title: str,
    parent: str,
    parent_url: str,
) -> None:
    monkeypatch.setattr(spreadsheets, "DEFAULT_LIMITS", spreadsheets.Limits(max_rows=2))
    row = body.splitlines()[1]
    response = hr(personas).post(url, {"file": SimpleUploadedFile("big.csv", body + row + b"\n")})
    html = response.content.decode()
    assert response.status_code == 400
    assert "1 problem found; nothing was imported." in html
    assert "<td>row 3</td><td></td><td><code></code></td>" in html
    assert "more than the limit of 2 rows (split the file)" in html
    assert not AuditEvent.objects.exists()
