"""Tailoring: an organisation's own framework derived from a published one (derivedFrom),
edited and published like any other, still shows what the publisher changed upstream."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client

from skillframe.authoring import editing, mapping
from skillframe.authoring.drafts import derive, start_draft
from skillframe.authoring.editing import ElementInput
from skillframe.authoring.publish import publish
from skillframe.frameworks import exchange
from skillframe.frameworks.models import Element, Framework
from tests.authoring.small import build

pytestmark = pytest.mark.django_db


def _publish(framework: Framework, change: Any) -> None:
    draft = start_draft(framework, None)
    change(draft)
    mapping.confirm_all(framework, draft, AnonymousUser())
    publish(framework, draft, None)


def test_a_tailored_framework_sees_the_upstream_diff(personas: Any) -> None:
    small = build()
    mine = derive(small.mini, "acme-mini", "Acme's mini", None)
    assert (mine.derived_from, mine.derived_from_edition) == (small.mini, 1)
    assert Element.objects.filter(framework=mine).count() == 6
    # Our own skill and our own level text, published as our version 2.
    _publish(
        mine,
        lambda d: (
            editing.add_element(d, ElementInput("ACME-1", "skill", title="Our way"), "FAM"),
            editing.edit_element(d, "SK1.L2", title="Level 2", statement="Plans our projects"),
        ),
    )
    mine = Framework.objects.get(slug="acme-mini")
    assert mine.edition == 2 and mine.derived_from == small.mini
    # The publisher releases version 2 of mini.
    _publish(
        small.mini,
        lambda d: editing.edit_element(d, "SK2", title="Manage risks", statement="Handle risk"),
    )
    page = Client().get("/frameworks/acme-mini/versions/").content.decode()
    assert "The publisher has released version 2" in page
    upstream = Client().get("/frameworks/acme-mini/versions/diff/?upstream=1").content.decode()
    assert "Upstream changes" in upstream and "<ins>risks</ins>" in upstream
    # Exports say where it came from.
    package = json.loads(exchange.export(mine, "case").content)
    assert (
        package["CFDocument"]["extensions"]["skillframe:metadata"]["skillframe_version"][
            "derived_from"
        ]["slug"]
        == "mini"
    )


def test_tailoring_needs_a_free_valid_slug(personas: Any) -> None:
    small = build()
    with pytest.raises(ValidationError, match="already exists"):
        derive(small.mini, "other", "x", None)
    with pytest.raises(ValidationError, match="not a valid slug"):
        derive(small.mini, "a--b", "x", None)


def test_tailor_page(personas: Any) -> None:
    carol = Client()
    carol.force_login(personas.carol.user)
    answer = carol.post(
        "/frameworks/axelos/tailor/", {"slug": "acme-axelos", "title": "Acme AXELOS"}
    )
    assert answer.status_code == 302 and answer["Location"] == "/frameworks/acme-axelos/versions/"
    assert Framework.objects.get(slug="acme-axelos").derived_from.slug == "axelos"
