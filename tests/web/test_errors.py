"""Branded refusal and error pages (skillframe/web/errors.py, templates 403/404/500.html)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import get_resolver

from skillframe.web import errors

pytestmark = pytest.mark.django_db
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def test_a_page_of_a_role_one_lacks_says_why_with_navigation(client: Client, personas: Any) -> None:
    client.force_login(personas.eve.user)
    response = client.get("/people/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You may not see this page: it belongs to HR admins." in html
    assert '<nav aria-label="Main"' in html
    assert "<title>Not allowed · Skillframe</title>" in html


def test_a_refused_action_says_nothing_was_changed(client: Client, personas: Any) -> None:
    client.force_login(personas.eve.user)
    response = client.post("/insights/weights/", {"gap": 1})
    assert response.status_code == 403
    assert "You may not do this: only HR admins may change the priority weights. Nothing" in (
        response.content.decode()
    )


def test_hidden_and_missing_pages_answer_the_same_branded_404(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.eve.user)
    hidden = client.get("/people/E-alice/")
    missing = client.get("/people/E-nobody/")
    assert hidden.status_code == missing.status_code == 404
    html = hidden.content.decode()
    # Identical but for the sign-out form's CSRF token, which changes on every page.
    assert CSRF.sub("", html) == CSRF.sub("", missing.content.decode())
    assert "Page not found" in html and '<nav aria-label="Main"' in html
    assert "no such person" in html


def test_django_model_names_do_not_show_on_the_404(client: Client, seeded: Any) -> None:
    html = client.get("/frameworks/no-such-framework/").content.decode()
    assert "matches the given query" not in html
    assert "There is no page at this address" in html


def test_the_500_page_renders_without_the_database(
    django_assert_num_queries: Any, seeded: Any
) -> None:
    request = RequestFactory().get("/me/")
    with django_assert_num_queries(0):
        response = errors.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html and '<nav aria-label="Main"' in html


def test_the_handlers_are_ours() -> None:
    resolver = get_resolver()
    assert resolver.resolve_error_handler(403) is errors.permission_denied
    assert resolver.resolve_error_handler(404) is errors.page_not_found
    assert resolver.resolve_error_handler(500) is errors.server_error


def test_the_help_page_explains_priorities_and_pages_link_to_it(
    client: Client, personas: Any
) -> None:
    help_page = client.get("/help/")
    assert help_page.status_code == 200
    assert 'id="priorities"' in help_page.content.decode()
    for persona, path in (("alice", "/me/gaps/"), ("carol", "/insights/weights/")):
        client.force_login(getattr(personas, persona).user)
        html = client.get(path).content.decode()
        assert "docs/" not in html, path  # no repository paths in the UI
        assert 'href="/help/#priorities"' in html, path
