"""The journey of issue 16 through the web pages, as HR (carol): edit AXELOS in a draft, see
the impact, map the removed level, publish; Alice's history shows the carried rating with its
provenance; version 1 stays readable and exportable."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from skillframe.assessments.models import Rating
from skillframe.assessments.ratings import record_rating
from skillframe.audit.models import AuditEvent
from skillframe.authoring.models import CarriedRating
from skillframe.frameworks.models import Element, Framework
from skillframe.people.models import RoleRequirement

pytestmark = pytest.mark.django_db

STATEMENT = "PPM-PPL.L2.1"


@pytest.fixture
def rated(personas: Any) -> Any:
    ppl = Element.objects.get(framework__slug="axelos", code="PPM-PPL")
    record_rating(personas.alice.user, personas.alice, ppl, "self", level=3, comment="My own view")
    record_rating(personas.bob.user, personas.alice, ppl, "manager", level=2, comment="Nearly")
    return personas


def carol(personas: Any) -> Client:
    client = Client()
    client.force_login(personas.carol.user)
    return client


def test_hr_edits_axelos_sees_the_impact_maps_and_publishes(rated: Any) -> None:
    web = carol(rated)
    base = "/frameworks/axelos/draft/"
    assert web.post(base + "start/").status_code == 302
    old_text = Element.objects.get(framework__slug="axelos", code=STATEMENT).statement
    # Reword a statement, add a skill, remove the level Alice's role requires.
    page = web.get(f"{base}elements/{STATEMENT}/")
    assert page.status_code == 200
    reworded = old_text + " and keep it current"
    assert web.post(f"{base}elements/{STATEMENT}/", {"statement": reworded}).status_code == 302
    added = web.post(
        base + "add/",
        {
            "add-parent": "PPM",
            "add-code": "PPM-AGL",
            "add-kind": "skill",
            "add-title": "Agile delivery",
        },
    )
    assert added.status_code == 302
    assert web.post(base + "retire/", {"code": "PPM-PPL.L3"}).status_code == 302
    # The published version did not change.
    axelos = Framework.objects.get(slug="axelos")
    assert Element.objects.get(framework=axelos, code=STATEMENT).statement == old_text
    assert Element.objects.filter(framework=axelos, code="PPM-PPL.L3").exists()
    # The diff shows the word-level change.
    diff = web.get("/frameworks/axelos/versions/diff/?from=1&to=draft")
    assert "<ins>and keep it current</ins>" in diff.content.decode()
    # The impact: the removed level is used by 1 role requirement and 1 current rating
    # (Alice's own L3; Bob's rating is at level 2).
    impact = web.get(base + "publish/")
    text = impact.content.decode()
    row = re.search(
        r"<tr class=\"in-use\">\s*<td><a [^>]*><code>PPM-PPL\.L3</code>.*?</tr>", text, re.S
    )
    assert row is not None, text
    cells = re.findall(r"<td>(.*?)</td>", row.group(0), re.S)
    assert cells[3] == "1"  # current ratings
    assert cells[4].startswith("1: ") and "/roles/project-manager/" in cells[4]
    assert "Publishing is not possible yet" in text  # suggestions undecided, L3 unmapped
    # Map the removed level to level 2, confirm the suggestions, publish through the token.
    mapped = web.post(
        base + "mapping/", {"old": "PPM-PPL.L3", "new": "PPM-PPL.L2", "action": "map"}
    )
    assert mapped.status_code == 302
    assert web.post(base + "mapping/", {"action": "confirm-all"}).status_code == 302
    bare = web.post(base + "publish/", {"notes": "no token"})
    assert bare.status_code == 400 and Framework.objects.get(slug="axelos").edition == 1
    page = web.get(base + "publish/").content.decode()
    token = re.search(r'name="confirm" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    done = web.post(base + "publish/", {"confirm": token, "notes": "Second edition"})
    assert done.status_code == 302
    axelos.refresh_from_db()
    assert axelos.edition == 2
    # Role requirement moved to the new PPM-PPL at level 2.
    requirement = RoleRequirement.objects.get(role=rated.pm, element__code="PPM-PPL")
    assert requirement.element.framework == axelos and requirement.target_level == 2
    # Alice's ratings: carried as new rows, the originals untouched on version 1.
    carried = CarriedRating.objects.select_related("rating")
    assert sorted((c.rating.source, c.rating.level) for c in carried) == [
        ("manager", 2),
        ("self", 2),
    ]
    assert Rating.objects.filter(person=rated.alice, element__framework=axelos).count() == 2
    assert Rating.objects.filter(person=rated.alice).count() == 4
    alice = Client()
    alice.force_login(rated.alice.user)
    history = alice.get("/people/E-alice/history/PPM-PPL/?framework=axelos").content.decode()
    assert "carried from version 1 element PPM-PPL (level 3 there)" in history
    # Version 1 is still readable and exportable by its permalink.
    old = Client().get("/frameworks/axelos/PPM-PPL.L3/?version=1")
    assert old.status_code == 200 and "version 1 of this framework" in old.content.decode()
    assert Client().get("/frameworks/axelos/PPM-PPL.L3/").status_code == 404
    export = Client().get("/frameworks/axelos/export/case/?version=1")
    package = json.loads(export.content)
    assert package["CFDocument"]["version"] == "1"
    codes = {item["humanCodingScheme"] for item in package["CFItems"]}
    assert "PPM-PPL.L3" in codes and "PPM-AGL" not in codes
    assert any(a["associationType"] == "replacedBy" for a in package["CFAssociations"])
    event = AuditEvent.objects.get(action="framework.publish")
    assert event.actor == rated.carol.user and event.data["ratings_carried"] == 2


def test_others_cannot_edit(rated: Any) -> None:
    alice = Client()
    alice.force_login(rated.alice.user)
    assert alice.post("/frameworks/axelos/draft/start/").status_code == 403
    assert not Framework.everything.filter(edition_status="draft").exists()
