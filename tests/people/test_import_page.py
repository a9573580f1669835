"""The HR upload page for people files."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from skillframe.people.models import Person
from tests.people.helpers import ops_hr

HEADER = b"employee_id,name,email,job_title,unit,manager_employee_id\n"


def upload(body: bytes, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, HEADER + body, content_type="text/csv")


def test_upload_shows_the_summary(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    assert client.get(reverse("people:import")).status_code == 200
    response = client.post(
        reverse("people:import"),
        {
            "file": upload(
                b"E-21,Amy Ash,amy@example.org,Analyst,delivery,E-bob\n"
                b"E-eve,Eve Evans,eve@example.org,Service manager,operations,\n"
            )
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Imported: 1 created, 0 updated, 1 unchanged." in html
    assert "<code>amy</code>" in html
    assert Person.objects.filter(employee_id="E-21").exists()


def test_upload_with_problems_lists_them_and_changes_nothing(client: Client, personas: Any) -> None:
    client.force_login(ops_hr(personas).user)
    response = client.post(
        reverse("people:import"),
        {
            "file": upload(
                b"E-22,Bea Bell,bea@example.org,,delivery,\nE-23,Cal Cole,bad,,operations,E-ghost\n"
            )
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "3 problems found; nothing was imported." in html
    assert "<td>row 2</td><td>unit</td><td><code>delivery</code></td>" in html
    assert "<td>row 3</td><td>email</td><td><code>bad</code></td>" in html
    assert "<td>row 3</td><td>manager_employee_id</td><td><code>E-ghost</code></td>" in html
    assert not Person.objects.filter(employee_id__in=["E-22", "E-23"]).exists()


def test_upload_dry_run_and_htmx_fragment(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    response = client.post(
        reverse("people:import"),
        {"file": upload(b"E-24,Dan Day,dan@example.org,,delivery,\n"), "dry_run": "on"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Importing it would create 1" in html and "nothing was changed" in html
    assert "<h1>" not in html  # the fragment only
    assert not Person.objects.filter(employee_id="E-24").exists()


def test_upload_without_a_file(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    response = client.post(reverse("people:import"), {})
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
