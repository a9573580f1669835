"""GET /api/people/{id}/gaps, /priorities and /role-fit: numbers, errors and access."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.api_helpers import signed_in
from tests.insights.helpers import rate_alice

pytestmark = pytest.mark.django_db


def test_gaps_default_to_the_current_role(
    personas: Any, django_assert_max_num_queries: Any
) -> None:
    rate_alice(personas)
    client = signed_in(personas.bob)
    with django_assert_max_num_queries(12):
        body = client.get("/api/people/E-alice/gaps").json()
    assert body["role"] == {"code": "project-manager", "title": "Project manager"}
    assert body["role_fit"] == pytest.approx(5 / 9, abs=1e-6)
    assert (body["met"], body["requirements"]) == (1, 3)
    assert body["essential_gaps"] == ["PPM-PPL"]
    assert body["strengths"] == ["BACM-SMC"]
    ppl, smc, ltw = body["gaps"]
    assert (ppl["current_level"], ppl["status"], ppl["gap"], ppl["stale"]) == (
        2,
        "validated",
        1.0,
        True,
    )
    assert (smc["status"], smc["levels_above"], smc["met"]) == ("unvalidated", 1, True)
    assert (ltw["status"], ltw["current_level"]) == ("unknown", None)


def test_gaps_against_another_role_name_missing_items(personas: Any) -> None:
    rate_alice(personas)
    body = signed_in(personas.alice).get("/api/people/E-alice/gaps?role=team-leader").json()
    i005 = body["gaps"][0]
    assert (i005["competent_items"], i005["applicable_items"]) == (2, 47)
    assert i005["share_competent"] == pytest.approx(2 / 47, abs=1e-6)
    assert "INSML005.P2" in i005["missing_items"]
    assert "INSML005.P2" not in i005["unrated_items"]
    assert "INSML005.P3" in i005["unrated_items"]
    assert "INSML005.P1" not in i005["missing_items"]


def test_gaps_errors(personas: Any) -> None:
    carol = signed_in(personas.carol)
    unknown = carol.get("/api/people/E-alice/gaps?role=astronaut")
    assert unknown.status_code == 404
    no_role = carol.get("/api/people/E-carol/gaps")
    assert no_role.status_code == 422
    assert no_role.json()["detail"][0]["field"] == "role"


def test_priorities(personas: Any) -> None:
    rate_alice(personas)
    body = signed_in(personas.alice).get("/api/people/E-alice/priorities").json()
    assert body["current_role"]["code"] == "project-manager"
    assert body["target_role"]["code"] == "team-leader"
    assert body["weights"]["gap"] == 4.0
    assert [p["code"] for p in body["priorities"]] == ["INSML005", "INSML011", "LP-LTW", "PPM-PPL"]
    last = body["priorities"][-1]
    assert last["score"] == pytest.approx(4 / 3 + 4, abs=1e-6)
    assert last["reasons"] == [
        "essential for your current role",
        "organisation goal this year",
        "one level below target",
        "validated rating due for review",
    ]
    assert (last["target_level"], last["current_level"], last["roles"]) == (2 + 1, 2, ["current"])


def test_role_fit_ranks_every_role(personas: Any) -> None:
    rate_alice(personas)
    body = signed_in(personas.dave).get("/api/people/E-alice/role-fit").json()
    assert [r["role"]["code"] for r in body] == ["project-manager", "team-leader"]
    assert body[1]["essential_gaps"] == ["INSML005", "INSML011"]


@pytest.mark.parametrize("path", ["gaps", "priorities", "role-fit"])
def test_a_person_out_of_sight_is_not_found(personas: Any, path: str) -> None:
    response = signed_in(personas.eve).get(f"/api/people/E-alice/{path}")
    assert response.status_code == 404
    assert "Alice" not in response.content.decode()
