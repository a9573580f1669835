"""Manager validation of a submitted self-assessment: agree, adjust, agree-all, completion."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from skillframe.assessments import review
from skillframe.assessments.models import Rating, SelfAssessment
from skillframe.notifications.models import Notification
from tests.assessments.review_helpers import add_report, el, manager_ratings, submitted

HX = {"HTTP_HX_REQUEST": "true"}


def url(assessment: SelfAssessment) -> str:
    return reverse("assessments:review", args=[assessment.pk])


def as_user(client: Client, persona: Any) -> Client:
    client.force_login(persona.user)
    return client


def test_the_manager_sees_self_ratings_with_confidence_comment_and_statements(
    client: Client, personas: Any
) -> None:
    assessment = submitted(
        personas,
        {"PPM-PPL": 3, "INSML005.P1": "competent", "INSML005.K1": "not-yet"},
        statements={"PPM-PPL": ["PPM-PPL.L3.1", "PPM-PPL.L3.2"]},
    )
    html = as_user(client, personas.bob).get(url(assessment)).content.decode()
    assert "Review Alice Archer’s self-assessment" in html
    assert "level 3" in html and "Confidence 4 of 5" in html and "my view of PPM-PPL" in html
    assert "2 statements ticked" in html and "Develop work and product breakdown" in html
    # NOS criteria and knowledge items are grouped under their unit, once.
    assert html.count("<h2>INSML005 Provide leadership to your team</h2>") == 1
    assert "0 of 3 elements reviewed" in html
    # Issue 11: bulk agreement is per section only, saying what it records.
    assert "Agree with all" not in html
    assert "Agree with the 1 remaining in Performance criteria" in html


@pytest.mark.parametrize("who", ["alice", "dave", "eve", "carol"])
def test_only_line_managers_see_or_post_the_review(client: Client, personas: Any, who: str) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3})
    as_user(client, getattr(personas, who))
    # Alice knows her self-assessment exists: 403. Anyone else must not learn of it: 404.
    refusal = 403 if who == "alice" else 404
    assert client.get(url(assessment)).status_code == refusal
    posted = client.post(url(assessment), {"action": "agree", "element": el("PPM-PPL").pk})
    assert posted.status_code == refusal
    assert not manager_ratings(personas.alice, "PPM-PPL")


def test_a_manager_above_the_line_manager_may_review(client: Client, personas: Any) -> None:
    boss = add_report(personas, "zoe", manager=None)
    personas.bob.manager = boss
    personas.bob.save()
    assessment = submitted(personas, {"PPM-PPL": 3})
    assert as_user(client, boss).get(url(assessment)).status_code == 200


def test_agree_over_htmx_returns_the_row_and_records_the_same_value(
    client: Client, personas: Any
) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3, "BACM-SMC": 2})
    element = el("PPM-PPL")
    response = as_user(client, personas.bob).post(
        url(assessment), {"action": "agree", "element": element.pk}, **HX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="row-{element.pk}"') and "<html" not in html
    (rating,) = manager_ratings(personas.alice, "PPM-PPL")
    assert (rating.level, rating.rater, rating.assessment) == (3, personas.bob.user, assessment)
    assert rating.next_review_on == timezone.localdate() + timedelta(days=30 * 12)
    assessment.refresh_from_db()
    assert assessment.status == "submitted"  # BACM-SMC is still open
    assert not Notification.objects.filter(recipient=personas.alice.user).exists()


def test_agree_without_htmx_redirects_to_the_row(client: Client, personas: Any) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3, "BACM-SMC": 2})
    element = el("PPM-PPL")
    response = as_user(client, personas.bob).post(
        url(assessment), {"action": "agree", "element": element.pk}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#row-{element.pk}")
    assert "1 of 2 elements reviewed" in client.get(url(assessment)).content.decode()


@pytest.mark.parametrize("htmx", [True, False])
def test_adjust_without_a_comment_names_the_comment_and_saves_nothing(
    client: Client, personas: Any, htmx: bool
) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3})
    element = el("PPM-PPL")
    response = as_user(client, personas.bob).post(
        url(assessment),
        {"action": "adjust", "element": element.pk, "value": "2", "comment": "  "},
        **(HX if htmx else {}),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Comment: a comment is required when you adjust a rating" in html
    assert '<option value="2" selected>' in html  # the submitted value is kept
    assert not manager_ratings(personas.alice, "PPM-PPL")
    assert ("<html" in html) is not htmx


def test_adjust_with_a_bad_value_names_the_value(client: Client, personas: Any) -> None:
    assessment = submitted(personas, {"INSML005.P1": "competent"})
    response = as_user(client, personas.bob).post(
        url(assessment),
        {"action": "adjust", "element": el("INSML005.P1").pk, "value": "7", "comment": "why"},
        **HX,
    )
    assert "is not one of competent" in response.content.decode()
    assert not manager_ratings(personas.alice, "INSML005.P1")


def test_adjust_records_the_new_value_and_tells_the_person_once_per_session(
    client: Client, personas: Any
) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3, "BACM-SMC": 3, "LP-LTW": 2})
    as_user(client, personas.bob)
    for code, value in (("PPM-PPL", "2"), ("BACM-SMC", "4")):
        client.post(
            url(assessment),
            {"action": "adjust", "element": el(code).pk, "value": value, "comment": "seen it"},
            **HX,
        )
    ppm = manager_ratings(personas.alice, "PPM-PPL")[0]
    assert (ppm.level, ppm.comment) == (2, "seen it")
    adjusted = Notification.objects.filter(
        recipient=personas.alice.user, text__contains="adjusted ratings"
    )
    assert adjusted.count() == 1  # one per review session, not one per element
    adjusted.update(read_at=timezone.now())
    client.post(
        url(assessment),
        {"action": "adjust", "element": el("LP-LTW").pk, "value": "1", "comment": "less so"},
        **HX,
    )
    assert adjusted.count() == 2  # the person had read the first: a new session


def test_finishing_the_review_marks_it_reviewed_and_notifies_the_person(
    client: Client, personas: Any
) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3, "BACM-SMC": 2})
    as_user(client, personas.bob)
    client.post(
        url(assessment),
        {"action": "adjust", "element": el("PPM-PPL").pk, "value": "2", "comment": "not yet"},
        **HX,
    )
    response = client.post(url(assessment), {"action": "agree", "element": el("BACM-SMC").pk}, **HX)
    assert response["HX-Refresh"] == "true"
    assessment.refresh_from_db()
    assert assessment.status == "reviewed" and assessment.reviewed_at is not None
    done = Notification.objects.get(recipient=personas.alice.user, text__contains="reviewed")
    assert "1 agreed, 1 adjusted" in done.text
    assert done.url == reverse("assessments:my_ratings")
    assert "2 of 2 elements reviewed" in client.get(url(assessment)).content.decode()


def test_agree_with_a_section_is_one_post_and_keeps_adjustments(
    client: Client, personas: Any
) -> None:
    # Issue 11 replaced "agree with all" by agreeing with what is left of one section.
    assessment = submitted(personas, {"PPM-PPL": 3, "BACM-SMC": 2, "INSML005.P1": "competent"})
    as_user(client, personas.bob)
    client.post(
        url(assessment),
        {"action": "adjust", "element": el("PPM-PPL").pk, "value": "4", "comment": "better"},
    )
    assert client.post(url(assessment), {"action": "agree_all"}).status_code == 400
    response = client.post(url(assessment), {"action": "agree_section", "section": "axelos/Skills"})
    assert response.status_code == 302 and "?agreed=1&section=Skills" in response["Location"]
    assert [r.level for r in manager_ratings(personas.alice, "PPM-PPL")] == [4]
    assert manager_ratings(personas.alice, "BACM-SMC")[0].level == 2
    assert not manager_ratings(personas.alice, "INSML005.P1")  # another section: untouched
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    page = client.get(response["Location"]).content.decode()
    assert "You agreed with 1 rating in Skills" in page
    client.post(
        url(assessment), {"action": "agree_section", "section": "INSML005/Performance criteria"}
    )
    assert manager_ratings(personas.alice, "INSML005.P1")[0].competence == "competent"
    assessment.refresh_from_db()
    assert assessment.status == "reviewed"
    missing = {"action": "agree_section", "section": "INSML005/Nothing"}
    assert client.post(url(assessment), missing).status_code == 404


def test_an_older_manager_rating_does_not_count_as_reviewed(personas: Any) -> None:
    from skillframe.assessments.ratings import record_rating

    record_rating(personas.bob.user, personas.alice, el("PPM-PPL"), "manager", level=2)
    assessment = submitted(personas, {"PPM-PPL": 2})
    (row,) = review.review_rows(assessment)
    assert row.manager_rating is not None and not row.reviewed


def test_a_draft_cannot_be_reviewed(client: Client, personas: Any) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3}, status="draft")
    as_user(client, personas.bob)
    html = client.get(url(assessment)).content.decode()
    assert "has not submitted this self-assessment yet" in html
    assert 'name="action" value="agree"' not in html
    response = client.post(url(assessment), {"action": "agree", "element": el("PPM-PPL").pk})
    assert "has not been submitted yet" in response.content.decode()
    assert not manager_ratings(personas.alice, "PPM-PPL")


def test_hr_cannot_record_manager_ratings_for_people_she_does_not_manage(
    personas: Any,
) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3})
    (row,) = review.review_rows(assessment)
    with pytest.raises(PermissionDenied):
        review.agree(personas.carol.user, assessment, row)
    with pytest.raises(ValidationError) as missing:
        review.adjust(personas.bob.user, assessment, row, "2", "")
    assert "comment" in missing.value.message_dict
    assert not Rating.objects.filter(source="manager").exists()


def test_an_unknown_action_or_element_is_refused(client: Client, personas: Any) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3})
    as_user(client, personas.bob)
    assert client.post(url(assessment), {"action": "explode"}).status_code == 400
    other = el("BACM-SMC").pk
    assert client.post(url(assessment), {"action": "agree", "element": other}).status_code == 404


def test_the_review_page_query_count_does_not_grow_with_rows(client: Client, personas: Any) -> None:
    from tests.assessments.review_helpers import queries

    as_user(client, personas.bob)
    small = submitted(personas, {"PPM-PPL": 3}, statements={"PPM-PPL": ["PPM-PPL.L3.1"]})
    few = queries(client, url(small))
    codes = ["PPM-PPL", "BACM-SMC", "LP-LTW", "INSML005.P1", "INSML005.P2", "INSML011.P1"]
    ratings: dict[str, int | str] = {c: (3 if "." not in c else "competent") for c in codes}
    large = submitted(
        personas,
        ratings,
        person=add_report(personas, "frank"),
        statements={"PPM-PPL": ["PPM-PPL.L3.1"], "BACM-SMC": ["BACM-SMC.L3.1"]},
    )
    client.post(url(large), {"action": "agree", "element": el("PPM-PPL").pk})
    # The access rule and the page header cost a handful; the rows cost none each.
    assert queries(client, url(large)) == few <= 20
