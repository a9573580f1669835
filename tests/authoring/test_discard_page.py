"""Discarding a draft on the web (issue 17): a button on the draft page leads to the
confirmation step (docs/irreversible-actions.md) stating what goes; only its token discards,
a bare POST answers the step (400) and changes nothing; others are refused."""

from __future__ import annotations

import re
from typing import Any

import pytest

from skillframe.audit.models import AuditEvent
from skillframe.authoring.drafts import start_draft
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.versions import draft_of
from tests.api.api_helpers import signed_in

pytestmark = pytest.mark.django_db
URL = "/frameworks/axelos/draft/discard/"


@pytest.fixture
def draft(personas: Any) -> Framework:
    return start_draft(Framework.objects.get(slug="axelos"), None)


def test_the_draft_page_offers_the_step_and_the_step_discards(
    personas: Any, draft: Framework
) -> None:
    carol = signed_in(personas.carol)
    page = carol.get("/frameworks/axelos/draft/").content.decode()
    assert f'action="{URL}"' in page and "Discard the draft…" in page
    in_draft = Element.objects.filter(framework=draft).count()
    step = carol.get(URL)
    text = step.content.decode()
    assert step.status_code == 200
    assert f"{in_draft} element(s) of the draft are deleted" in text
    assert "Version 1 stays the current version" in text
    token = re.search(r'name="confirm" value="([^"]+)"', text)
    assert token is not None
    done = carol.post(URL, {"confirm": token.group(1)})
    assert done.status_code == 302 and done["Location"] == "/frameworks/axelos/versions/"
    assert draft_of(Framework.objects.get(slug="axelos")) is None
    assert not Element.objects.filter(framework_id=draft.pk).exists()
    event = AuditEvent.objects.get(action="framework.draft.discard")
    assert event.actor_id == personas.carol.user.pk
    # The draft is gone: its pages, the step included, answer 404.
    assert carol.get(URL).status_code == 404


def test_a_post_without_the_token_changes_nothing(personas: Any, draft: Framework) -> None:
    carol = signed_in(personas.carol)
    elements = Element.objects.count()
    for data in ({}, {"confirm": "forged"}):
        answer = carol.post(URL, data)
        assert answer.status_code == 400
        assert "Nothing has changed yet" in answer.content.decode()
    assert draft_of(Framework.objects.get(slug="axelos")) is not None
    assert Element.objects.count() == elements


def test_others_cannot_discard(personas: Any, draft: Framework) -> None:
    token = re.search(
        r'name="confirm" value="([^"]+)"', signed_in(personas.carol).get(URL).content.decode()
    )
    assert token is not None
    elements = Element.objects.count()
    for persona in ("alice", "bob", "dave", "eve"):
        client = signed_in(getattr(personas, persona))
        assert client.post(URL, {"confirm": token.group(1)}).status_code == 403
    assert Element.objects.count() == elements
