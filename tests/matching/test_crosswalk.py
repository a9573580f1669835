"""The AXELOS ↔ NOS crosswalk: suggested links with evidence, decisions by HR (web, API, CLI),
confirmed links on element pages and in CASE packages, exported and imported."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from skillframe.frameworks import exchange
from skillframe.frameworks.associations import Association
from skillframe.frameworks.models import Element, Framework
from skillframe.matching import crosswalk
from tests.api.api_helpers import send, signed_in

pytestmark = pytest.mark.django_db


def _conflict_link() -> Association:
    crosswalk.run(origins={"LP-CNF"})
    return Association.objects.get(origin__code="LP-CNF", destination__code="INSML033")


def test_a_run_suggests_links_with_score_and_matched_sentences() -> None:
    result = crosswalk.run(origins={"LP-CNF"})
    link = Association.objects.get(origin__code="LP-CNF", destination__code="INSML033")
    assert result.created >= 1
    assert link.status == "suggested" and link.kind == "isRelatedTo"
    assert link.score is not None and link.score >= crosswalk.THRESHOLD
    assert link.method.startswith("bm25s")
    pair = link.evidence[0]
    skill_text = [
        e.title + " " + e.statement for e in Element.objects.filter(code__startswith="LP-CNF")
    ]
    unit_text = [
        e.title + " " + e.statement for e in Element.objects.filter(code__startswith="INSML033")
    ]
    assert any(pair["origin"] in text for text in skill_text)
    assert any(pair["destination"] in text for text in unit_text)


def test_decided_links_survive_a_new_run_and_rejected_ones_are_not_suggested_again() -> None:
    link = _conflict_link()
    crosswalk.decide(link, "reject", _anon())
    again = crosswalk.run(origins={"LP-CNF"})
    link.refresh_from_db()
    assert link.status == "rejected" and again.kept_decided >= 1


def _anon() -> Any:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_hr_confirms_through_the_api_and_others_are_refused(personas: Any) -> None:
    link = _conflict_link()
    path = f"/api/crosswalk/{link.uuid}/decision"
    body = {"decision": "confirm", "kind": "exactMatchOf", "note": "same work"}
    assert send(signed_in(personas.alice), "post", path, body).status_code == 403
    assert (
        send(
            signed_in(personas.carol),
            "post",
            "/api/crosswalk/00000000-0000-4000-8000-000000000000/decision",
            body,
        ).status_code
        == 404
    )
    answer = send(signed_in(personas.carol), "post", path, body)
    assert answer.status_code == 200, answer.content
    out = answer.json()
    assert (out["status"], out["kind"], out["decided_by"], out["note"]) == (
        "confirmed",
        "exactMatchOf",
        "carol",
        "same work",
    )
    listed = signed_in(personas.alice).get("/api/crosswalk?status=confirmed").json()
    assert [row["uuid"] for row in listed] == [str(link.uuid)]
    assert send(signed_in(personas.carol), "post", path, {"decision": "maybe"}).status_code == 422


def test_hr_decides_on_the_web_page_and_the_link_shows_on_both_element_pages(personas: Any) -> None:
    link = _conflict_link()
    carol = signed_in(personas.carol)
    page = carol.get("/crosswalk/").content.decode()
    assert "LP-CNF" in page and "INSML033" in page
    response = carol.post(
        f"/crosswalk/{link.uuid}/decide/",
        {"decision": "confirm", "kind": "isRelatedTo", "status": "suggested"},
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.status == "confirmed" and link.decided_by == personas.carol.user and link.decided_at
    for slug, code, other in (("axelos", "LP-CNF", "INSML033"), ("nos-ml", "INSML033", "LP-CNF")):
        html = carol.get(f"/frameworks/{slug}/{code}/").content.decode()
        assert "Linked elements" in html and other in html


def test_a_suggested_link_is_not_shown_on_element_pages(personas: Any) -> None:
    _conflict_link()
    html = signed_in(personas.alice).get("/frameworks/axelos/LP-CNF/").content.decode()
    assert "Linked elements" not in html


def test_cli_lists_and_decides() -> None:
    link = _conflict_link()
    out = io.StringIO()
    call_command("crosswalk", "list", "--format", "json", stdout=out)
    assert str(link.uuid) in {row["uuid"] for row in json.loads(out.getvalue())}
    call_command(
        "crosswalk",
        "decide",
        str(link.uuid),
        "confirm",
        "--kind",
        "exactMatchOf",
        stdout=io.StringIO(),
    )
    link.refresh_from_db()
    assert (link.status, link.kind) == ("confirmed", "exactMatchOf")
    with pytest.raises(CommandError, match="no crosswalk link"):
        call_command("crosswalk", "decide", "00000000-0000-4000-8000-000000000000", "reject")


def test_confirmed_links_travel_in_case_packages_and_come_back_as_imported() -> None:
    link = _conflict_link()
    crosswalk.decide(link, "confirm", _anon(), "exactMatchOf")
    axelos = Framework.objects.get(slug="axelos")
    package = json.loads(exchange.export(axelos, "case").content)
    mine = [a for a in package["CFAssociations"] if a["associationType"] == "exactMatchOf"]
    assert [
        (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"]) for a in mine
    ] == [(str(link.origin.uuid), str(link.destination.uuid))]
    suggested_only = Association.objects.filter(status="suggested").count()
    assert suggested_only and len(mine) == 1  # suggestions never leave in a package
    link.delete()
    exchange.import_file(io.BytesIO(json.dumps(package).encode()), "case", replace_existing=True)
    back = Association.objects.get(
        origin__code="LP-CNF", destination__code="INSML033", kind="exactMatchOf"
    )
    assert back.status == "imported" and back.method == "import"
