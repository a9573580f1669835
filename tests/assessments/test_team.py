"""The team grid: direct reports × a role's requirements, saved cell by cell or all at once."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from skillframe.assessments.models import Rating
from skillframe.assessments.ratings import record_rating
from tests.assessments.review_helpers import add_report, el, manager_ratings, submitted

HX = {"HTTP_HX_REQUEST": "true"}
TEAM = reverse("assessments:team")


def prefix(person: Any, code: str) -> str:
    return f"r{person.pk}-e{el(code).pk}"


def cell_url(person: Any, code: str, role: str = "project-manager") -> str:
    return reverse("assessments:team_cell", args=[role, person.pk, el(code).pk])


def cell_data(person: Any, code: str, value: str, comment: str = "", was: str = "") -> dict:
    p = prefix(person, code)
    return {p: value, f"{p}-comment": comment, f"{p}-was": was}


def test_the_grid_defaults_to_the_most_common_role_of_the_reports(
    client: Client, personas: Any
) -> None:
    record_rating(personas.alice.user, personas.alice, el("PPM-PPL"), "self", level=3)
    client.force_login(personas.bob.user)
    html = client.get(TEAM).content.decode()
    assert "Project manager: your direct reports × the role’s requirements" in html
    assert html.index("PPM-PPL") < html.index("BACM-SMC") < html.index("LP-LTW")
    assert f'id="{prefix(personas.alice, "PPM-PPL")}"' in html
    assert 'data-self="3"' in html and "Self: level 3" in html
    assert '<option value="5">5 Executive</option>' in html
    assert "skillframe/team-grid.js" in html and "Eve" not in html


def test_a_nos_role_rates_units_by_competence(client: Client, personas: Any) -> None:
    client.force_login(personas.bob.user)
    html = client.get(TEAM, {"role": "team-leader"}).content.decode()
    assert f'id="{prefix(personas.alice, "INSML005")}"' in html
    assert '<option value="not-yet">Not yet competent</option>' in html
    assert client.get(TEAM, {"role": "no-such-role"}).status_code == 404


def test_people_without_reports_see_an_empty_grid(client: Client, personas: Any) -> None:
    for who in ("eve", "carol", "alice"):
        client.force_login(getattr(personas, who).user)
        html = client.get(TEAM).content.decode()
        assert "You have no direct reports" in html and "Alice Archer" not in html


def test_htmx_cell_save_agreeing_needs_no_comment(client: Client, personas: Any) -> None:
    record_rating(personas.alice.user, personas.alice, el("PPM-PPL"), "self", level=3)
    client.force_login(personas.bob.user)
    response = client.post(
        cell_url(personas.alice, "PPM-PPL"), cell_data(personas.alice, "PPM-PPL", "3"), **HX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<td id="cell-{prefix(personas.alice, "PPM-PPL")}"')
    assert "Saved" in html and 'data-was="3"' in html
    (rating,) = manager_ratings(personas.alice, "PPM-PPL")
    assert (rating.level, rating.rater) == (3, personas.bob.user)
    assert rating.next_review_on is not None


def test_htmx_cell_that_differs_needs_a_comment(client: Client, personas: Any) -> None:
    record_rating(personas.alice.user, personas.alice, el("PPM-PPL"), "self", level=3)
    client.force_login(personas.bob.user)
    url = cell_url(personas.alice, "PPM-PPL")
    html = client.post(url, cell_data(personas.alice, "PPM-PPL", "2"), **HX).content.decode()
    assert "Not saved — Comment: a comment is required" in html
    assert "Comment (required)" in html and '<option value="2" selected>' in html
    assert not manager_ratings(personas.alice, "PPM-PPL")
    data = cell_data(personas.alice, "PPM-PPL", "2", comment="still learning")
    html = client.post(url, data, **HX).content.decode()
    assert "Saved" in html and "Not saved" not in html
    assert manager_ratings(personas.alice, "PPM-PPL")[0].comment == "still learning"


def test_an_unchanged_or_blank_cell_records_nothing(client: Client, personas: Any) -> None:
    record_rating(personas.bob.user, personas.alice, el("PPM-PPL"), "manager", level=2)
    client.force_login(personas.bob.user)
    url = cell_url(personas.alice, "PPM-PPL")
    client.post(url, cell_data(personas.alice, "PPM-PPL", "2", was="2"), **HX)
    html = client.post(url, cell_data(personas.alice, "PPM-PPL", "", was="2"), **HX).content
    assert '<option value="2" selected>' in html.decode()  # blank never removes a rating
    assert len(manager_ratings(personas.alice, "PPM-PPL")) == 1


def test_cells_outside_the_managers_team_are_refused(client: Client, personas: Any) -> None:
    data = cell_data(personas.alice, "PPM-PPL", "3")
    # Who may not see Alice gets 404; who sees her but is not her manager, 403.
    for who, refusal in (("eve", 404), ("carol", 403), ("dave", 403), ("alice", 403)):
        client.force_login(getattr(personas, who).user)
        response = client.post(cell_url(personas.alice, "PPM-PPL"), data, **HX)
        assert response.status_code == refusal, who
    client.force_login(personas.bob.user)
    # An element that is not a requirement of the role is not a cell either.
    assert client.post(cell_url(personas.alice, "BC-FIN"), data, **HX).status_code == 404
    assert not Rating.objects.filter(source="manager").exists()


def test_the_plain_form_saves_all_changed_cells_atomically(client: Client, personas: Any) -> None:
    alice, frank = personas.alice, add_report(personas, "frank")
    record_rating(alice.user, alice, el("PPM-PPL"), "self", level=3)
    record_rating(frank.user, frank, el("BACM-SMC"), "self", level=1)
    client.force_login(personas.bob.user)
    form = {
        "role": "project-manager",
        "action": "save",  # the deliberate "Save N changes" (issue 11: nothing saves before it)
        **cell_data(alice, "PPM-PPL", "3"),  # agrees: fine alone
        **cell_data(frank, "BACM-SMC", "4"),  # differs from Frank's 1 and has no comment
        **cell_data(frank, "LP-LTW", ""),  # untouched
    }
    response = client.post(TEAM, form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved: 1 cell needs attention" in html
    bad = html[html.index(f'id="cell-{prefix(frank, "BACM-SMC")}"') :]
    assert bad.index("a comment is required") < bad.index("</td>")
    good = html[html.index(f'id="cell-{prefix(alice, "PPM-PPL")}"') :]
    assert "Not saved" not in good[: good.index("</td>")]
    assert not Rating.objects.filter(source="manager").exists()

    form[f"{prefix(frank, 'BACM-SMC')}-comment"] = "runs the service desk"
    response = client.post(TEAM, form)
    assert response.status_code == 302
    assert response["Location"] == f"{TEAM}?role=project-manager&saved=2"
    assert manager_ratings(alice, "PPM-PPL")[0].level == 3
    assert manager_ratings(frank, "BACM-SMC")[0].comment == "runs the service desk"
    assert "2 ratings saved" in client.get(response["Location"]).content.decode()


def test_rating_in_the_grid_completes_a_submitted_review(client: Client, personas: Any) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3})
    client.force_login(personas.bob.user)
    client.post(
        cell_url(personas.alice, "PPM-PPL"), cell_data(personas.alice, "PPM-PPL", "3"), **HX
    )
    assessment.refresh_from_db()
    assert assessment.status == "reviewed"


def test_the_grid_query_count_does_not_grow_with_reports(client: Client, personas: Any) -> None:
    client.force_login(personas.bob.user)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(TEAM).status_code == 200
        return len(queries)

    small = count()
    for n in range(5):
        report = add_report(personas, f"report{n}")
        for code in ("PPM-PPL", "BACM-SMC", "LP-LTW"):
            record_rating(report.user, report, el(code), "self", level=2)
            record_rating(personas.bob.user, report, el(code), "manager", level=2)
    # The access rule and the page header cost a handful; people and elements cost none each.
    assert count() == small <= 22
