"""The grouped main navigation (skillframe/web/navigation.py, base.html): who sees which menu,
the current page marked with aria-current, API links kept off professionals' menus."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def nav_html(client: Client, path: str = "/me/") -> str:
    html = client.get(path).content.decode()
    match = re.search(r'<nav aria-label="Main".*?</nav>', html, re.S)
    assert match, "no main navigation on " + path
    return match.group(0)


def summaries(nav: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>.*", "", s).strip() for s in re.findall(r"<summary>(.*?)</summary>", nav)
    ]


def test_groups_follow_what_the_user_can_use(client: Client, personas: Any) -> None:
    client.force_login(personas.alice.user)
    assert summaries(nav_html(client)) == ["Catalogue", "Me", "Organisation", "alice"]
    client.force_login(personas.bob.user)
    assert summaries(nav_html(client)) == ["Catalogue", "Me", "Team", "Organisation", "bob"]
    client.force_login(personas.carol.user)
    nav = nav_html(client)
    assert summaries(nav) == ["Catalogue", "Me", "Organisation", "Admin", "carol"]
    for url in ("/people/", "/units/", "/cycles/", "/insights/weights/", "/people/import/"):
        assert f'href="{url}"' in nav


def test_professionals_get_no_api_docs_link_and_tokens_sit_under_account(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.alice.user)
    nav = nav_html(client)
    assert "/api/docs" not in nav
    assert "/team/" not in nav and "/people/" not in nav
    account = nav[nav.index("nav-account") :]
    assert 'href="/account/tokens/"' in account
    assert nav.count('href="/account/tokens/"') == 1
    client.force_login(personas.carol.user)
    assert 'href="/api/docs"' in nav_html(client)


def test_the_current_page_and_its_group_are_marked(client: Client, personas: Any) -> None:
    client.force_login(personas.alice.user)
    nav = nav_html(client, "/me/ratings/")
    assert re.findall(r'<a href="([^"]+)" aria-current="page"', nav) == ["/me/ratings/"]
    assert "nav-me is-current" in nav
    assert "(current section)" in nav


def test_anonymous_visitors_see_the_catalogue_and_sign_in(client: Client, seeded: Any) -> None:
    nav = nav_html(client, "/search/")
    assert summaries(nav) == []  # three plain links, no menu
    assert 'href="/frameworks/"' in nav and 'href="/help/"' in nav
    assert 'href="/login/"' in nav
    assert re.findall(r'<a href="([^"]+)" aria-current="page"', nav) == ["/search/"]


def test_menus_are_details_disclosures_with_a_static_script(client: Client, personas: Any) -> None:
    client.force_login(personas.bob.user)
    html = client.get("/me/").content.decode()
    # Keyboard: <summary> is focusable and opens with Enter/Space without any script; the
    # script (Escape, one menu at a time) is a static file, never inline.
    assert html.count('<details class="menu') == 5
    assert re.search(r'<script src="[^"]*nav\.js" defer></script>', html)
    assert not re.search(r"<script>(?!</script>)|<script(?![^>]*src=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_navigation_costs_a_fixed_number_of_queries(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(personas.carol.user)
    client.get("/notifications/")  # warm the session
    with django_assert_max_num_queries(8):
        response = client.get("/notifications/")
    assert response.status_code == 200


def test_an_account_without_a_person_record_gets_no_me_menu(client: Client, seeded: Any) -> None:
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    nav = nav_html(client, "/frameworks/")
    assert summaries(nav) == ["Catalogue", "Organisation", "Admin", "root"]
    assert 'href="/frameworks/import/"' in nav  # superusers may import frameworks
    assert 'href="/help/"' in nav
