"""The versions and authoring API: the editing flow as carol (an editor), and refusals: others
403 on every write (the framework is public), anonymous 401, a missing draft 404, a bad edit
422 naming the field and changing nothing; the draft is hidden from non-editors."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from skillframe.assessments.models import Rating
from skillframe.frameworks.models import Element, Framework
from tests.api.api_helpers import fields, send, signed_in

pytestmark = pytest.mark.django_db
A = "/api/authoring/frameworks/axelos"


def test_the_editing_flow_by_api(personas: Any) -> None:
    carol = signed_in(personas.carol)
    started = send(carol, "post", f"{A}/draft")
    assert started.status_code == 201 and started.json()["draft"] == 2
    assert started.json()["undecided_mappings"] == 846
    added = send(
        carol,
        "post",
        f"{A}/draft/elements",
        {"code": "PPM-AGL", "kind": "skill", "parent": "PPM", "title": "Agile"},
    )
    assert added.status_code == 201 and added.json()["parent"] == "PPM"
    edited = send(
        carol, "patch", f"{A}/draft/elements/PPM-PPL.L2.1", {"title": "", "statement": "Plans well"}
    )
    assert edited.status_code == 200
    moved = send(carol, "post", f"{A}/draft/moves/PPM-AGL", {"parent": "PPM", "position": 1})
    assert moved.json()["position"] == 1
    retired = send(carol, "delete", f"{A}/draft/elements/PPM-PPL.L3")
    assert retired.json() == {"removed": 6}
    impact = carol.get(f"{A}/draft/impact").json()
    assert impact["counts"]["added"] == 1 and impact["counts"]["removed"] == 6
    level = next(e for e in impact["elements"] if e["code"] == "PPM-PPL.L3")
    assert level["requirements"] == 1 and level["mapped_to"] is None
    refused = send(carol, "post", f"{A}/draft/publish", {"confirm": True})
    assert refused.status_code == 422 and Framework.objects.get(slug="axelos").edition == 1
    send(carol, "post", f"{A}/draft/mapping", {"old": "PPM-PPL.L3", "new": "PPM-PPL.L4"})
    assert (
        send(carol, "post", f"{A}/draft/mapping", {"confirm_all": True}).json()[
            "undecided_mappings"
        ]
        == 0
    )
    assert fields(send(carol, "post", f"{A}/draft/publish", {"confirm": False})) == {
        "confirm": "publishing cannot be undone: send confirm: true"
    }
    done = send(carol, "post", f"{A}/draft/publish", {"confirm": True, "notes": "v2"})
    assert done.status_code == 200 and done.json()["version"] == 2
    assert done.json()["requirements_moved"] >= 1
    listing = Client().get("/api/frameworks/axelos/versions").json()
    assert [v["number"] for v in listing["versions"]] == [2, 1]
    diff = Client().get("/api/frameworks/axelos/diff?from=1&to=2").json()
    # PPM-AGL is new: placed first, it is added, not moved.
    assert diff["counts"] == {"added": 1, "removed": 6, "moved": 0, "reworded": 1}
    words = next(e for e in diff["elements"] if e["code"] == "PPM-PPL.L2.1")["statement"]
    assert ["insert", "Plans well"] in words


def test_invalid_edits_are_422_and_change_nothing(personas: Any) -> None:
    carol = signed_in(personas.carol)
    send(carol, "post", f"{A}/draft")
    before = Element.objects.count()
    bad = send(carol, "post", f"{A}/draft/elements", {"code": "PPM-PPL", "kind": "skill"})
    assert "already has an element" in fields(bad)["code"]
    unknown = send(
        carol, "post", f"{A}/draft/elements", {"code": "N", "kind": "skill", "parent": "NOPE"}
    )
    assert "no element 'NOPE'" in fields(unknown)["parent"]
    assert Element.objects.count() == before
    again = send(carol, "post", f"{A}/draft")
    assert "already has a draft" in fields(again)["framework"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", f"{A}/draft", None),
        ("post", f"{A}/draft/elements", {"code": "X", "kind": "skill"}),
        ("patch", f"{A}/draft/elements/PPM-PPL", {"title": "t", "statement": "s"}),
        ("delete", f"{A}/draft/elements/PPM-PPL", None),
        ("post", f"{A}/draft/moves/PPM-PPL", {"position": 2}),
        ("post", f"{A}/draft/mapping", {"confirm_all": True}),
        ("get", f"{A}/draft/impact", None),
        ("post", f"{A}/draft/publish", {"confirm": True}),
        ("post", f"{A}/tailor", {"slug": "mine"}),
    ],
)
def test_refusals(personas: Any, method: str, path: str, body: Any) -> None:
    carol = signed_in(personas.carol)
    if path != f"{A}/draft":
        send(carol, "post", f"{A}/draft")
    counts = (Element.objects.count(), Rating.objects.count(), Framework.everything.count())
    for persona in ("alice", "bob", "dave", "eve"):
        answer = send(signed_in(getattr(personas, persona)), method, path, body)
        assert answer.status_code == 403, (persona, answer.content)
    assert send(Client(), method, path, body).status_code == 401
    missing = send(carol, method, path.replace("axelos", "nope"), body)
    assert missing.status_code == 404
    assert (Element.objects.count(), Rating.objects.count(), Framework.everything.count()) == counts


def test_the_draft_is_hidden_from_non_editors(personas: Any) -> None:
    send(signed_in(personas.carol), "post", f"{A}/draft")
    assert (
        signed_in(personas.alice).get("/api/frameworks/axelos/diff?from=1&to=draft").status_code
        == 404
    )
    assert (
        signed_in(personas.carol).get("/api/frameworks/axelos/diff?from=1&to=draft").status_code
        == 200
    )
    assert Client().get("/api/frameworks/axelos/versions").json()["draft"] is None
    assert signed_in(personas.carol).get("/api/frameworks/axelos/versions").json()["draft"] == 2


def test_no_draft_is_404(personas: Any) -> None:
    assert signed_in(personas.carol).get(f"{A}/draft/impact").status_code == 404
