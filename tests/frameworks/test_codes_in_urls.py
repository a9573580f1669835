"""Codes are data, not URL syntax: any code an importer accepts has working pages, links and API.

Every shape of issue 12 goes through the real importers (CSV and CASE) and then through the
framework page, the element page, search and the API, for everyone who may read the catalogue.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from urllib.parse import quote, unquote

import pytest
from django.test import Client
from django.urls import resolve, reverse
from hypothesis import given
from hypothesis import strategies as st

from skillframe.frameworks import exchange
from skillframe.frameworks.codes import code_to_segment, segment_to_code
from skillframe.frameworks.models import Element
from tests.frameworks.case_schema import check

LONG = "L" * 60 + "/" + "é" * 30 + "?#%" + "x" * 34  # 128 characters: the longest code we store
ODD_CODES = [
    "A/1",
    "A/1/compare",  # not the compare page of "A/1"
    "with spaces",
    "Grüße.ü1",
    "100%",
    "what?",
    "#1",
    "~tilde~2F",  # looks like our escape: must stay itself
    ".",
    "..",
    "a//b/",
    "http://example.org/std/1",
    LONG,
]


def csv_file(codes: list[str]) -> io.BytesIO:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["framework", "code", "parent_code", "kind", "title", "statement"])
    writer.writerow(["odd", "odd", "", "framework", "Odd codes", ""])
    parent = ""
    for number, code in enumerate(codes, start=1):
        writer.writerow(["odd", code, parent, "item", f"Item {number}", f"zebracorn item {number}"])
        parent = code  # a chain: every code is also some element's parent and ancestor
    return io.BytesIO(buffer.getvalue().encode())


def case_file() -> io.BytesIO:
    """A CASE 1.1 package as other providers publish them: a slashed humanCodingScheme, and
    items with URL identifiers and no humanCodingScheme (the codes we then generate hold
    "http://…")."""
    document = "c6a1f1f0-5e0b-4c3c-9c1e-2f5d3c1a0001"
    items = [
        {"identifier": "c6a1f1f0-5e0b-4c3c-9c1e-2f5d3c1a0002", "humanCodingScheme": "RL.K/1.1"},
        {"identifier": "http://example.org/standards/ccss/ela/1"},
        {"identifier": "http://example.org/standards/ccss/ela/2"},
    ]
    for item in items:
        item.update(
            uri=f"https://provider.example/CFItems/{item['identifier']}",
            fullStatement=f"zebracorn standard {item.get('humanCodingScheme', 'generated')}",
            lastChangeDateTime="2024-01-01T00:00:00Z",
        )
    package = {
        "CFDocument": {
            "identifier": document,
            "uri": f"https://provider.example/CFDocuments/{document}",
            "creator": "Provider",
            "title": "Slashed standards",
            "lastChangeDateTime": "2024-01-01T00:00:00Z",
        },
        "CFItems": items,
        "CFAssociations": [],
    }
    return io.BytesIO(json.dumps(package).encode())


@pytest.fixture
def odd(db: Any) -> list[Element]:
    exchange.import_file(csv_file(ODD_CODES), "csv")
    exchange.import_file(case_file(), "case", slug="slashed")
    return list(Element.objects.filter(framework__slug__in=["odd", "slashed"]).select_related())


def test_the_importers_keep_every_shape(odd: list[Element]) -> None:
    codes = {e.code for e in odd}
    assert set(ODD_CODES) <= codes
    assert "RL.K/1.1" in codes
    assert any(code.startswith("http:") for code in codes), codes  # generated from identifiers


@pytest.mark.parametrize("slug", ["odd", "slashed"])
def test_framework_page_links_every_element(client: Client, odd: list[Element], slug: str) -> None:
    response = client.get(f"/frameworks/{slug}/")
    assert response.status_code == 200  # was a NoReverseMatch: 500 for everyone
    html = response.content.decode()
    for element in (e for e in odd if e.framework.slug == slug):
        link = reverse("frameworks:element", args=[slug, element.code])
        assert f'href="{link}"' in html


def test_element_pages_answer_at_their_links(client: Client, odd: list[Element]) -> None:
    for element in odd:
        link = reverse("frameworks:element", args=[element.framework.slug, element.code])
        response = client.get(link)
        assert response.status_code == 200, (element.code, link)
        assert response.context["element"] == element
        # Breadcrumbs and children link back with the same spelling.
        for child in element.children.all():
            assert reverse("frameworks:element", args=[element.framework.slug, child.code]) in (
                response.content.decode()
            )


def test_search_links_every_hit(client: Client, odd: list[Element]) -> None:
    response = client.get("/search/", {"q": "zebracorn"})
    assert response.status_code == 200  # was 500 as soon as one hit had a "/" in its code
    html = response.content.decode()
    hits = response.context["results"].hits
    assert hits
    for hit in hits:
        assert reverse("frameworks:element", args=[hit.framework, hit.code]) in html
    htmx = client.get("/search/", {"q": "zebracorn"}, headers={"HX-Request": "true"})
    assert htmx.status_code == 200


def test_api_element_by_any_code(client: Client, odd: list[Element]) -> None:
    for element in odd:
        base = f"/api/frameworks/{element.framework.slug}/elements/"
        # As a client sends it: percent-encoded ("/" as %2F, which the server decodes).
        response = client.get(base + quote(element.code, safe=""))
        assert response.status_code == 200, (element.code, response.content)
        assert response.json()["code"] == element.code
        if "/" in element.code and element.code not in (".", ".."):
            assert client.get(base + quote(element.code, safe="/")).json()["code"] == element.code
    listed = client.get("/api/frameworks/odd/elements", {"parent": "A/1", "limit": 5})
    assert [e["code"] for e in listed.json()["items"]] == ["A/1/compare"]


def test_unknown_codes_are_404_not_500(client: Client, odd: list[Element]) -> None:
    assert client.get(reverse("frameworks:element", args=["odd", "A/2"])).status_code == 404
    assert client.get("/frameworks/odd/A/1/").status_code == 404  # a "/" is never a code's
    assert client.get("/api/frameworks/odd/elements/A%2F2").status_code == 404


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("frameworks:element", {"slug": "s"}),
        ("frameworks:compare", {"slug": "s"}),
        ("assessments:step", {"pk": 1}),
        ("assessments:history", {"employee_id": "E1"}),
    ],
)
@pytest.mark.parametrize("code", ODD_CODES)
def test_every_code_route_round_trips(name: str, kwargs: dict[str, Any], code: str) -> None:
    url = reverse(name, kwargs=kwargs | {"code": code})
    # One path segment whatever the code, even once the server has percent-decoded the path.
    path = unquote(url)
    assert "/./" not in url and "/../" not in url  # browsers would resolve those away
    assert path.count("/") == reverse(name, kwargs=kwargs | {"code": "X"}).count("/")
    match = resolve(path)
    assert (match.view_name, match.kwargs["code"]) == (name, code)


@given(st.text(min_size=1, max_size=128))
def test_segments_round_trip(code: str) -> None:
    segment = code_to_segment(code)
    assert "/" not in segment and segment not in (".", "..")
    assert segment_to_code(segment) == code


def test_plain_codes_keep_their_urls() -> None:
    for code in ("INSML001.P1", "PPM-BCD.L3.2", "INSML001.K-general"):
        assert code_to_segment(code) == code
    assert (
        reverse("frameworks:element", args=["nos-ml", "INSML001"]) == "/frameworks/nos-ml/INSML001/"
    )


def test_case_provider_serves_slashed_codes(client: Client, odd: list[Element]) -> None:
    for element in odd:
        path = f"CFItems/{element.uuid}"
        response = client.get(f"/ims/case/v1p1/{path}")
        assert response.status_code == 200
        check(path, 200, response.json())
        if element.framework.slug == "slashed" and element.code.startswith("http:"):
            # Generated from a foreign item's identifier: the source had no humanCodingScheme,
            # and a lossless provider does not invent one (issue 12, item 3).
            assert "humanCodingScheme" not in response.json()
        else:
            assert response.json()["humanCodingScheme"] == element.code
