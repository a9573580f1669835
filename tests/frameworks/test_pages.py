"""Catalogue pages over the real seed frameworks (texts checked against the source)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

from skillframe.frameworks.models import Element
from skillframe.frameworks.spec import FrameworkSpec


@pytest.fixture
def business_case(seeded: tuple[FrameworkSpec, ...]) -> Element:
    return Element.objects.get(
        framework__slug="axelos", kind="skill", title="Business case development"
    )


def test_framework_page_shows_tree_with_counts(client: Client, seeded: Any) -> None:
    html = client.get("/frameworks/axelos/").content.decode()
    assert "Levels of responsibility" in html
    assert "Project Portfolio Management" in html or "Project portfolio management" in html
    assert "Business case development" in html
    # Business case development is defined at levels 3, 4 and 5 with 5 + 2 + 2 statements.
    assert "3 levels defined · 9 statements" in html


def test_framework_page_query_count_is_bounded(
    client: Client, seeded: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(8):
        assert client.get("/frameworks/nos-ml/").status_code == 200


def test_skill_page_level_grid(client: Client, business_case: Element) -> None:
    response = client.get(f"/frameworks/axelos/{business_case.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Not defined at this level") == 2  # levels 1 and 2 are "–" in the source
    assert (
        "Designs the business case for a small to medium scale project or business change." in html
    )
    assert "Work with the project sponsor to understand project objectives" in html
    assert "Executive" in html  # scale names head the columns
    assert "?lower=3&amp;higher=4" in html


def test_compare_highlights_what_the_higher_level_adds(
    client: Client, business_case: Element
) -> None:
    response = client.get(f"/frameworks/axelos/{business_case.code}/compare/?lower=3&higher=4")
    html = response.content.decode()
    assert response.status_code == 200
    assert "level 3 compared with level 4" in html
    assert "<mark>" in html
    assert "Leads business case development for a complex project or change programme." not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("lower=1&higher=2", "not defined at level 1"),
        ("lower=x", "must be level numbers"),
        ("lower=3&higher=9", "level 9 is not on this framework"),
        ("lower=4&higher=3", "must be above"),
    ],
)
def test_compare_rejects_bad_levels(
    client: Client, business_case: Element, query: str, message: str
) -> None:
    response = client.get(f"/frameworks/axelos/{business_case.code}/compare/?{query}")
    assert response.status_code == 404


def test_standard_page_has_every_part(client: Client, seeded: Any) -> None:
    html = client.get("/frameworks/nos-ml/INSML001/").content.decode()
    assert "<h1>Manage yourself to achieve your work and personal objectives</h1>" in html
    for heading in (
        "Overview",
        "Performance criteria",
        "Knowledge and understanding",
        "Skills",
        "Details",
    ):
        assert f">{heading}</h2>" in html
    assert "General knowledge and understanding" in html
    assert "Context specific knowledge and understanding" in html
    assert (
        'id="INSML001.P29"' in html and 'id="INSML001.K29"' in html and 'id="INSML001.S15"' in html
    )
    assert "CFAM&amp;LAA1" in html
    assert "@media print" not in html  # print rules live in the stylesheet


def test_unknown_framework_and_code_are_404(client: Client, seeded: Any) -> None:
    assert client.get("/frameworks/nope/").status_code == 404
    assert client.get("/frameworks/nos-ml/INSML999/").status_code == 404


def test_search_page_full_and_htmx_fragment(client: Client, seeded: Any) -> None:
    full = client.get("/search/", {"q": "stakeholder"}).content.decode()
    assert "<html" in full and "<mark>Stakeholder</mark>" in full
    fragment = client.get("/search/", {"q": "stakeholder"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    assert "result" in fragment and "<mark>" in fragment


def test_search_page_filters(client: Client, seeded: Any) -> None:
    html = client.get(
        "/search/", {"q": "budget", "framework": "nos-ml", "kind": "unit"}
    ).content.decode()
    assert "INSML037" in html  # "Manage budgets"
    assert "kind-performance-criterion" not in html


@override_settings(PUBLIC_CATALOGUE=False)
@pytest.mark.parametrize(
    "url", ["/", "/search/?q=x", "/frameworks/nos-ml/", "/frameworks/nos-ml/INSML001/"]
)
def test_private_catalogue_pages_need_login(client: Client, seeded: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("format_name", "filename"),
    [
        ("csv", "nos-ml.csv"),
        ("moodle", "nos-ml.moodle.csv"),
        ("json", "nos-ml.json"),
        ("case", "nos-ml.case.json"),
    ],
)
def test_every_download_has_a_file_name_of_its_own(
    client: Client, seeded: Any, format_name: str, filename: str
) -> None:
    # Issue 11: the CSV and Moodle downloads shared one file name.
    response = client.get(f"/frameworks/nos-ml/export/{format_name}/")
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
