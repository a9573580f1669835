"""Personal report pages: content, access, PDF download, the manager's team reports."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from skillframe.assessments.ratings import record_rating
from skillframe.development.models import Objective, Plan
from skillframe.frameworks.models import Element
from skillframe.people.models import Person

pytestmark = pytest.mark.django_db


def el(code: str) -> Element:
    return Element.objects.select_related("framework").get(code=code)


def rate(p: Any) -> None:
    """Alice: PPM-PPL self 2 and Bob agrees at 2; BACM-SMC self 4; Dave judges INSML005.P1."""
    record_rating(p.alice.user, p.alice, el("PPM-PPL"), "self", level=2)
    record_rating(p.bob.user, p.alice, el("PPM-PPL"), "manager", level=2, comment="Agreed")
    record_rating(p.alice.user, p.alice, el("BACM-SMC"), "self", level=4)
    record_rating(p.dave.user, p.alice, el("INSML005.P1"), "assessor", competence="competent")


def plan_for(person: Person, status: str = "approved") -> Plan:
    plan = Plan.objects.create(person=person, title="Grow into team leadership", status=status)
    today = timezone.localdate()
    Objective.objects.create(
        plan=plan,
        element=el("PPM-PPL"),
        target_level=3,
        measure="Plan a release alone",
        due_on=today + timedelta(days=60),
    )
    Objective.objects.create(
        plan=plan,
        element=el("BACM-SMC"),
        target_level=3,
        measure="Run the steering group",
        due_on=today - timedelta(days=1),
        status="done",
    )
    return plan


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_alice_sees_her_report(client: Client, personas: Any) -> None:
    rate(personas)
    client.force_login(personas.alice.user)
    response = client.get("/me/report/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skills report: Alice Archer" in html
    assert "Current role: Project manager" in html
    assert "Target role: Team leader" in html
    # One accessible chart per role, each followed by its data table.
    assert html.count('role="img"') == 2
    assert 'aria-labelledby="chart-current-title chart-current-desc"' in html
    assert "Gaps against Project manager (the chart’s figures)" in html
    assert "one level below target" in html  # PPM-PPL: validated 2, target 3
    assert "met, 1 above target" in html  # BACM-SMC: self 4, target 3
    assert "1 of 47 competent" in html  # INSML005 rolled up from its items
    assert "essential for your target role" in html  # a priority reason
    assert "No plan yet." in html
    assert "Agreed" in html  # Bob's comment in the rating history
    assert "@page { size: A4" in html


def test_history_lists_the_newest_twenty_ratings(client: Client, personas: Any) -> None:
    p = personas
    for n in range(25):
        record_rating(
            p.alice.user, p.alice, el("PPM-PPL"), "self", level=1 + n % 5, comment=f"note {n:02d}"
        )
    client.force_login(p.alice.user)
    html = client.get("/me/report/").content.decode()
    assert "The 20 most recent ratings" in html
    assert "note 24" in html and "note 05" in html
    assert "note 04" not in html


def test_plan_status_for_readers_of_plans_only(client: Client, personas: Any) -> None:
    p = personas
    plan_for(p.alice)
    client.force_login(p.bob.user)
    html = client.get("/people/E-alice/report/").content.decode()
    assert "Grow into team leadership" in html
    assert "Approved" in html and "1 of 2 objectives done" in html
    # Dave assesses Alice: he reads her ratings and report, not her plan (nor that one exists).
    client.force_login(p.dave.user)
    html = client.get("/people/E-alice/report/").content.decode()
    assert "Grow into team leadership" not in html
    assert "shared with the person, their line managers and HR only" in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [("alice", 200), ("bob", 200), ("carol", 200), ("dave", 200), ("eve", 404)],
)
def test_who_may_see_alices_report(
    client: Client, personas: Any, persona: str, status: int
) -> None:
    client.force_login(getattr(personas, persona).user)
    for path in (
        "/people/E-alice/report/",
        "/people/E-alice/report.pdf",
        "/people/E-alice/report/?format=pdf",
    ):
        response = client.get(path)
        assert response.status_code == status, path
        if status == 404:
            assert b"Alice" not in response.content


def test_unknown_person_and_anonymous(client: Client, personas: Any) -> None:
    assert client.get("/people/E-alice/report/")["Location"].startswith("/login/")
    client.force_login(personas.carol.user)
    assert client.get("/people/E-nobody/report/").status_code == 404


def test_pdf_download(client: Client, personas: Any) -> None:
    rate(personas)
    plan_for(personas.alice)
    client.force_login(personas.bob.user)
    response = client.get("/people/E-alice/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="skills-report-E-alice.pdf"'
    pages, text = pdf_text(response.content)
    # 5 requirements, 4 priorities, a plan and 4 ratings fit on one A4 page.
    assert pages == 1
    assert "Skills report: Alice Archer" in text
    assert "Current role: Project manager" in text
    assert "Target role: Team leader" in text
    assert "essential for your target role" in text  # a priority reason
    assert "Grow into team leadership" in text
    assert "page 1 of 1" in text
    # The same document from the page's own URL.
    same = client.get("/people/E-alice/report/?format=pdf")
    assert pdf_text(same.content) == (pages, text)


def test_staff_account_without_person(client: Client, db: None) -> None:
    admin = User.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    response = client.get("/me/report/")
    assert response.status_code == 200
    assert b"no person record" in response.content


def _add_reports(p: Any, count: int) -> None:
    """More direct reports of Bob with different current and target roles, rated and planned."""
    for n in range(count):
        user = User.objects.create_user(f"r{n}", first_name=f"Report{n}", last_name="Smith")
        roles = [(p.pm, p.leader), (p.leader, None), (None, p.pm)][n % 3]
        person = Person.objects.create(
            user=user,
            employee_id=f"E-r{n}",
            unit=p.delivery,
            manager=p.bob,
            current_role=roles[0],
            target_role=roles[1],
        )
        if p.pm in roles:
            record_rating(user, person, el("PPM-PPL"), "self", level=1 + n % 5)
        if p.leader in roles:
            record_rating(user, person, el("INSML011.P1"), "self", competence="competent")
        if n % 2:
            plan_for(person, status="submitted")


def test_team_reports(client: Client, personas: Any, django_assert_max_num_queries: Any) -> None:
    rate(personas)
    plan_for(personas.alice)
    client.force_login(personas.bob.user)
    # Session, user, person, the team's rows (8), the navigation flags (1) and notifications.
    with django_assert_max_num_queries(13) as small:
        response = client.get("/team/reports/")
    html = response.content.decode()
    assert "Alice Archer" in html
    assert "Approved" in html
    assert "Project manager: <strong>" in html  # role fit against her current role
    assert "target Team leader:" in html
    # Top three priorities only, with their reasons.
    assert html.count("essential for their target role, Team leader") >= 1
    assert "for your" not in html  # the manager reads about Alice, not about himself
    assert "4 in all" in html
    assert "/people/E-alice/report/" in html
    _add_reports(personas, 6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/team/reports/")
    assert response.content.decode().count("/report.pdf") == 7


def test_team_reports_without_reports(client: Client, personas: Any) -> None:
    client.force_login(personas.eve.user)
    response = client.get("/team/reports/")
    assert response.status_code == 200
    assert b"no direct reports" in response.content
