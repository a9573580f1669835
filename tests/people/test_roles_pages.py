"""Role profile pages: reading, HR editing of roles and requirements, the element picker."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from skillframe.audit.models import AuditEvent
from skillframe.frameworks.models import Element
from skillframe.http import confirm_token
from skillframe.people.models import RoleProfile, RoleRequirement


def login(client: Client, person: Any) -> Client:
    client.force_login(person.user)
    return client


def codes(role: RoleProfile) -> list[str]:
    return [
        r.element.code for r in RoleRequirement.objects.filter(role=role).order_by("position", "id")
    ]


# Reading ---------------------------------------------------------------------------------


ANONYMOUS_PAGES = [
    ("people:roles", []),
    ("people:role", ["project-manager"]),
    ("people:role_create", []),
    ("people:role_edit", ["project-manager"]),
    ("people:requirement_add", ["project-manager"]),
    ("people:roles_import", []),
    ("people:target_role", []),
    ("people:goals", []),
    ("people:goal_create", []),
]


def test_anonymous_visitors_are_sent_to_login(client: Client, personas: Any) -> None:
    # One test for all pages: the personas fixture loads both frameworks, which is slow.
    for name, args in ANONYMOUS_PAGES:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login") + "?next="), name


def test_role_list_shows_roles_with_counts_and_own_marks(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    login(client, personas.alice)
    with django_assert_max_num_queries(8):
        response = client.get("/roles/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/roles/project-manager/">Project manager</a>' in html
    assert '<a href="/roles/team-leader/">Team leader</a>' in html
    assert "your role" in html and "your target" in html
    assert '<td class="num">3</td>' in html  # project-manager's three requirements
    assert "New role profile" not in html  # alice is not an HR admin


def test_role_list_query_count_does_not_grow_with_roles(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        RoleProfile.objects.create(code=f"role-{n}", title=f"Role {n}")
    login(client, personas.carol)
    with django_assert_max_num_queries(8):
        assert client.get("/roles/").status_code == 200


def test_role_detail_groups_requirements_and_links_the_catalogue(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    leader = personas.leader
    RoleRequirement.objects.create(
        role=leader,
        element=Element.objects.get(code="PPM-PPL"),
        target_level=4,
        importance="desirable",
        weight=2.5,
        position=3,
    )
    login(client, personas.bob)
    with django_assert_max_num_queries(18):
        response = client.get("/roles/team-leader/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 requirements" in html and "1 requirement<" in html
    assert html.index("INSML005") < html.index("PPM-PPL")  # NOS group first: used first
    assert 'href="/frameworks/nos-ml/INSML005/"' in html
    assert 'href="/frameworks/axelos/PPM-PPL/"' in html
    assert "level 4 (" in html and "competent" in html
    assert "Desirable" in html and "2.5" in html
    # Bob manages alice, whose target role this is.
    assert "Alice Archer" in html


def test_role_detail_shows_only_people_the_viewer_may_see(client: Client, personas: Any) -> None:
    login(client, personas.eve)
    html = client.get("/roles/project-manager/").content.decode()
    assert "Eve Evans" in html  # herself
    assert "Alice Archer" not in html and "Bob Baker" not in html
    assert client.get("/roles/no-such-role/").status_code == 404
    login(client, personas.carol)
    html = client.get("/roles/project-manager/").content.decode()
    for name in ("Alice Archer", "Bob Baker", "Eve Evans"):
        assert name in html


# Role create / edit ----------------------------------------------------------------------


def test_hr_admin_creates_and_edits_a_role(client: Client, personas: Any) -> None:
    login(client, personas.carol)
    assert client.get("/roles/new/").status_code == 200
    response = client.post(
        "/roles/new/", {"title": "Change analyst", "code": "change-analyst", "description": "x"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/roles/change-analyst/"
    role = RoleProfile.objects.get(code="change-analyst")
    assert AuditEvent.objects.filter(action="role.create", target=f"people.roleprofile:{role.pk}")
    response = client.post(
        "/roles/change-analyst/edit/",
        {"title": "Senior change analyst", "code": "senior-change-analyst", "description": ""},
    )
    assert response["Location"] == "/roles/senior-change-analyst/"
    role.refresh_from_db()
    assert role.title == "Senior change analyst"
    assert AuditEvent.objects.filter(action="role.update").count() == 1
    # A page with errors still shows the saved title and links to the saved code.
    response = client.post(
        "/roles/senior-change-analyst/edit/", {"title": "", "code": "other-code"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Edit Senior change analyst</h1>" in html
    assert 'href="/roles/senior-change-analyst/"' in html


ROLE_FORM_ERRORS = [
    ({"title": "", "code": "x"}, "title"),
    ({"title": "X", "code": "not a slug"}, "code"),
    ({"title": "X", "code": "import"}, "code"),
    ({"title": "X", "code": "team-leader"}, "code"),  # taken
]


def test_role_form_errors_name_the_field(client: Client, personas: Any) -> None:
    login(client, personas.carol)
    for data, field in ROLE_FORM_ERRORS:
        response = client.post("/roles/new/", data)
        assert response.status_code == 400
        assert list(response.context["form"].errors) == [field], data
        label = response.context["form"][field].label
        assert f'<a href="#id_{field}">{label}</a>:' in response.content.decode()
    assert RoleProfile.objects.count() == 2


def test_alice_may_not_edit_roles(client: Client, personas: Any) -> None:
    login(client, personas.alice)
    requirement = RoleRequirement.objects.filter(role=personas.pm).first()
    assert requirement is not None
    pk = requirement.pk
    assert client.get("/roles/new/").status_code == 403
    assert client.post("/roles/new/", {"title": "X", "code": "x"}).status_code == 403
    assert client.get("/roles/project-manager/edit/").status_code == 403
    assert (
        client.post("/roles/project-manager/edit/", {"title": "X", "code": "x"}).status_code == 403
    )
    url = "/roles/project-manager/requirements/"
    assert client.get(url + "add/").status_code == 403
    assert client.post(url + "add/", {"element": "LP-LTW"}).status_code == 403
    assert client.post(f"{url}{pk}/edit/", {"element": "LP-LTW"}).status_code == 403
    assert client.post(f"{url}{pk}/delete/").status_code == 403
    assert client.post(f"{url}{pk}/move/", {"direction": "down"}).status_code == 403
    assert client.get("/roles/import/").status_code == 403
    assert RoleProfile.objects.get(code="project-manager").title == "Project manager"
    assert codes(personas.pm) == ["PPM-PPL", "BACM-SMC", "LP-LTW"]
    assert not AuditEvent.objects.exists()


# Requirements ----------------------------------------------------------------------------


def test_hr_admin_adds_a_requirement_by_code(client: Client, personas: Any) -> None:
    login(client, personas.carol)
    response = client.post(
        "/roles/team-leader/requirements/add/",
        {"element": "PPM-BCD", "target_level": "4", "importance": "desirable", "weight": "2"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/roles/team-leader/#requirements"
    added = RoleRequirement.objects.get(role=personas.leader, element__code="PPM-BCD")
    assert (added.target_level, added.importance, added.weight, added.position) == (
        4,
        "desirable",
        2.0,
        3,
    )
    event = AuditEvent.objects.get(action="role.requirement.add")
    assert event.data["element"] == "PPM-BCD" and event.data["target_level"] == 4
    # A NOS criterion takes no level ("competent"); the weight defaults to 1.
    response = client.post(
        "/roles/project-manager/requirements/add/",
        {"element": "insml005.p1", "framework": "nos-ml", "importance": "essential"},
    )
    assert response.status_code == 302
    added = RoleRequirement.objects.get(role=personas.pm, element__code="INSML005.P1")
    assert added.target_level is None and added.weight == 1.0 and added.position == 4


REQUIREMENT_ERRORS = [
    ({"element": "NOPE-X", "target_level": "3"}, "element", "no element has the code"),
    ({"element": "", "target_level": "3"}, "element", "required"),
    ({"element": "PPM", "target_level": "3"}, "element", "is a family"),
    ({"element": "PPM-BCD.L3", "target_level": "3"}, "element", "is a level"),
    ({"element": "PPM-BCD", "target_level": "7"}, "target_level", "not on the scale"),
    ({"element": "PPM-BCD", "target_level": ""}, "target_level", "needs a level"),
    ({"element": "PPM-BCD", "target_level": "two"}, "target_level", "whole number"),
    ({"element": "INSML001", "target_level": "2"}, "target_level", "no level scale"),
    ({"element": "PPM-BCD", "target_level": "3", "weight": "0"}, "weight", "greater than 0"),
    ({"element": "PPM-BCD", "target_level": "3", "weight": "-1"}, "weight", "greater than 0"),
    ({"element": "PPM-BCD", "target_level": "3", "importance": "vital"}, "importance", "valid"),
    ({"element": "INSML005", "framework": "nope"}, "framework", "valid choice"),
    ({"element": "PPM-BCD", "framework": "nos-ml", "target_level": "3"}, "element", "nos-ml"),
    ({"element": "INSML011"}, "element", "already requires INSML011"),
]


def test_requirement_errors_name_the_field_and_save_nothing(client: Client, personas: Any) -> None:
    login(client, personas.carol)
    for data, field, words in REQUIREMENT_ERRORS:
        response = client.post(
            "/roles/team-leader/requirements/add/", {"importance": "essential", **data}
        )
        assert response.status_code == 400, data
        errors = response.context["form"].errors
        assert field in errors, (data, errors)
        assert words in " ".join(errors[field]), (data, errors)
        assert f'<a href="#id_{field}">' in response.content.decode()
    assert codes(personas.leader) == ["INSML005", "INSML011"]
    assert not AuditEvent.objects.exists()


def test_hr_admin_edits_a_requirement(client: Client, personas: Any) -> None:
    requirement = RoleRequirement.objects.get(role=personas.pm, element__code="LP-LTW")
    url = f"/roles/project-manager/requirements/{requirement.pk}/edit/"
    login(client, personas.carol)
    page = client.get(url).content.decode()
    assert 'value="LP-LTW"' in page
    response = client.post(
        url, {"element": "LP-LTW", "target_level": "2", "importance": "essential", "weight": "1.5"}
    )
    assert response.status_code == 302
    requirement.refresh_from_db()
    assert (requirement.target_level, requirement.importance, requirement.weight) == (
        2,
        "essential",
        1.5,
    )
    assert requirement.position == 3  # editing keeps the place
    assert AuditEvent.objects.filter(action="role.requirement.update").count() == 1
    other = RoleRequirement.objects.filter(role=personas.leader).first()
    assert other is not None
    assert client.get(f"/roles/project-manager/requirements/{other.pk}/edit/").status_code == 404


def test_hr_admin_removes_and_reorders_requirements(client: Client, personas: Any) -> None:
    login(client, personas.carol)
    pm = personas.pm
    ltw = RoleRequirement.objects.get(role=pm, element__code="LP-LTW")
    response = client.post(
        f"/roles/project-manager/requirements/{ltw.pk}/move/", {"direction": "up"}
    )
    assert response.status_code == 302
    assert codes(pm) == ["PPM-PPL", "LP-LTW", "BACM-SMC"]
    first = RoleRequirement.objects.get(role=pm, element__code="PPM-PPL")
    client.post(f"/roles/project-manager/requirements/{first.pk}/move/", {"direction": "up"})
    assert codes(pm) == ["PPM-PPL", "LP-LTW", "BACM-SMC"]  # already first: unchanged
    bad = client.post(f"/roles/project-manager/requirements/{first.pk}/move/", {"direction": "x"})
    assert bad.status_code == 400
    # Removing needs the confirmation's token (issue 11; tests/people/test_requirement_remove.py).
    token = confirm_token("role.requirement.delete", f"requirement:{first.pk}")
    response = client.post(
        f"/roles/project-manager/requirements/{first.pk}/delete/", {"confirm": token}
    )
    assert response.status_code == 302
    assert codes(pm) == ["LP-LTW", "BACM-SMC"]
    assert list(RoleRequirement.objects.filter(role=pm).values_list("position", flat=True)) == [
        1,
        2,
    ]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert actions == {"role.requirement.move", "role.requirement.delete"}
    assert client.get(f"/roles/project-manager/requirements/{first.pk}/delete/").status_code == 404
    # From HTMX, a move answers with the requirements partial, not a redirect.
    response = client.post(
        f"/roles/project-manager/requirements/{ltw.pk}/move/",
        {"direction": "down"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="requirements"')
    assert "<html" not in html
    assert html.index("BACM-SMC") < html.index("LP-LTW")
    assert codes(pm) == ["BACM-SMC", "LP-LTW"]


# Element picker --------------------------------------------------------------------------


def test_picker_from_htmx_returns_only_the_partial(client: Client, personas: Any) -> None:
    login(client, personas.carol)
    response = client.get(
        "/roles/team-leader/requirements/add/", {"q": "planning"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html
    assert "PPM-PPL" in html  # Project and programme planning
    assert "?element=PPM-PPL&amp;framework=axelos#requirement-form" in html
    assert "<mark>" in html
    # Codes match by their start; groups and levels are not offered (no target of a role).
    html = client.get(
        "/roles/team-leader/requirements/add/", {"q": "ITSM-T"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert '<span class="hit-code">ITSM-TTM</span>' in html
    assert '<span class="hit-code">ITSM-TR</span>' not in html

    # Without JavaScript the same search shows in the full page.
    response = client.get("/roles/team-leader/requirements/add/", {"q": "INSML01"})
    html = response.content.decode()
    assert "<html" in html and "INSML010" in html
    # Following a result fills in the plain code input of the full form.
    html = client.get(
        "/roles/team-leader/requirements/add/", {"element": "INSML010", "framework": "nos-ml"}
    ).content.decode()
    assert 'name="element" value="INSML010"' in html
    assert '<option value="nos-ml" selected>' in html
