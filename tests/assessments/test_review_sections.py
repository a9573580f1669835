"""Issue 11: the manager reviews a NOS standard section by section: what needs a decision first,
what is reviewed or unchanged folded away, progress per section, bulk agreement per section only
with what it records."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from skillframe.assessments import review
from skillframe.assessments.ratings import record_rating
from tests.assessments.review_helpers import el, submitted

HX = {"HTTP_HX_REQUEST": "true"}


def nos_assessment(personas: Any) -> Any:
    ratings: dict[str, int | str] = {f"INSML005.P{n}": "competent" for n in range(1, 6)}
    ratings["INSML005.P6"] = "not-yet"
    ratings |= {"INSML005.K1": "competent", "INSML005.K2": "not-applicable"}
    return submitted(personas, ratings)


def section_html(html: str, title: str) -> str:
    start = html.index(f"<summary>{title} — ")
    ends = [html.find(mark, start) for mark in ('<details class="review-section"', "</section>")]
    return html[start : min(end for end in ends if end != -1)]


def test_rows_are_grouped_by_standard_and_section_with_progress(
    client: Client, personas: Any
) -> None:
    assessment = nos_assessment(personas)
    groups = review.group_rows(review.review_rows(assessment))
    (group,) = groups
    assert [s.title for s in group.sections][:1] == ["Performance criteria"]
    assert sum(len(s.rows) for s in group.sections) == 8
    assert len(group.sections[0].rows) == 6
    client.force_login(personas.bob.user)
    url = reverse("assessments:review", args=[assessment.pk])
    html = client.get(url).content.decode()
    assert "0 of 8 elements reviewed" in html
    criteria = section_html(html, "Performance criteria")
    assert "0 of 6 reviewed, 6 to decide" in criteria
    assert "Agree with the 6 remaining in Performance criteria" in criteria
    assert "Records 6 manager ratings with Alice Archer’s own values: " in criteria
    assert "5 competent, 1 not yet competent." in criteria
    assert "Agree with all" not in html  # never the whole self-assessment at once


def test_reviewed_and_unchanged_rows_are_folded_away(client: Client, personas: Any) -> None:
    # Bob rated P2 competent before this self-assessment: the same value is not new to him.
    record_rating(
        personas.bob.user, personas.alice, el("INSML005.P2"), "manager", competence="competent"
    )
    assessment = nos_assessment(personas)
    client.force_login(personas.bob.user)
    url = reverse("assessments:review", args=[assessment.pk])
    client.post(url, {"action": "agree", "element": el("INSML005.P1").pk})
    html = client.get(url).content.decode()
    criteria = section_html(html, "Performance criteria")
    assert "1 of 6 reviewed, 4 to decide" in criteria
    to_decide = criteria[: criteria.index('<details class="folded">')]
    assert len(re.findall(r"data-to-review", to_decide)) == 4
    assert "INSML005.P1" not in to_decide and "INSML005.P2" not in to_decide
    assert "<summary>1 rated as you rated it before</summary>" in criteria
    assert "<summary>1 reviewed</summary>" in criteria
    assert "1 of 8 elements reviewed" in html


def test_an_htmx_decision_updates_the_overall_progress(client: Client, personas: Any) -> None:
    assessment = nos_assessment(personas)
    client.force_login(personas.bob.user)
    url = reverse("assessments:review", args=[assessment.pk])
    html = client.post(url, {"action": "agree", "element": el("INSML005.P1").pk}, **HX)
    text = html.content.decode()
    assert 'id="review-progress"' in text and 'hx-swap-oob="true"' in text
    assert "1 of 8 elements reviewed" in text
    page = client.get(url).content.decode()
    assert "skillframe/review-flow.js" in page
