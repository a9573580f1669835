"""Career moves: a person sets their own target role; HR admins set anyone's in their scope."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from skillframe.audit.models import AuditEvent
from skillframe.people.models import Person


def target_of(person: Person) -> str | None:
    person.refresh_from_db()
    return person.target_role.code if person.target_role else None


def test_a_person_sets_and_clears_their_own_target_role(client: Client, personas: Any) -> None:
    alice = personas.alice
    client.force_login(alice.user)
    page = client.get("/roles/target/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Your target role" in html
    assert '<option value="team-leader" selected>' in html
    response = client.post("/roles/target/", {"role": ""})
    assert response.status_code == 302 and response["Location"] == "/roles/target/"
    assert target_of(alice) is None
    event = AuditEvent.objects.get(action="person.target_role")
    assert event.actor == alice.user
    assert event.data == {"employee_id": "E-alice", "before": "team-leader", "after": None}
    assert "Your target role is now none." in client.get("/roles/target/").content.decode()
    # Errors name the field and change nothing.
    for data, words in [
        ({"role": "project-manager"}, "already the current role"),
        ({"role": "no-such-role"}, "valid choice"),
    ]:
        response = client.post("/roles/target/", data)
        assert response.status_code == 400
        assert words in " ".join(response.context["form"].errors["role"])
        assert '<a href="#id_role">Target role</a>:' in response.content.decode()
    assert target_of(alice) is None


def test_role_page_offers_the_career_move(client: Client, personas: Any) -> None:
    eve = personas.eve
    client.force_login(eve.user)
    html = client.get("/roles/team-leader/").content.decode()
    assert "Make this my target role" in html
    assert "Make this my target role" not in client.get("/roles/project-manager/").content.decode()
    response = client.post("/roles/target/", {"role": "team-leader"})
    assert response.status_code == 302
    assert target_of(eve) == "team-leader"
    assert "This is your target role." in client.get("/roles/team-leader/").content.decode()


def test_only_the_person_or_hr_may_set_a_target_role(client: Client, personas: Any) -> None:
    alice = personas.alice
    # Bob sees alice (his report) but a career move is not his to set: 403.
    client.force_login(personas.bob.user)
    assert client.get("/roles/target/?person=E-alice").status_code == 403
    assert client.post("/roles/target/?person=E-alice", {"role": ""}).status_code == 403
    # Eve and alice may not even know the other person: 404.
    client.force_login(personas.eve.user)
    assert client.post("/roles/target/?person=E-alice", {"role": ""}).status_code == 404
    client.force_login(alice.user)
    assert client.get("/roles/target/?person=E-bob").status_code == 404
    assert client.get("/roles/target/?person=E-alice").status_code == 200  # herself
    assert target_of(alice) == "team-leader"
    # Carol administers the whole organisation.
    client.force_login(personas.carol.user)
    page = client.get("/roles/target/?person=E-alice")
    assert page.status_code == 200 and "Target role of Alice Archer" in page.content.decode()
    response = client.post("/roles/target/?person=E-alice", {"role": ""})
    assert response["Location"] == "/roles/target/?person=E-alice"
    assert target_of(alice) is None
    assert AuditEvent.objects.get(action="person.target_role").actor == personas.carol.user


def test_an_account_without_person_record_has_no_target_role(client: Client, db: None) -> None:
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw-123456789"))
    assert client.get("/roles/target/").status_code == 404
