"""The self-assessment wizard: start, save as you go (HTMX and plain POST), resume, access."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from skillframe.assessments.models import Cycle, Interest, Rating, SelfAssessment
from tests.assessments.wizard_helpers import HX, PPL_L3, cycle, login, start, step_url

__all__ = ["cycle"]  # the fixture


def test_start_creates_the_assessment_once_and_resumes_it(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    first = start(client, cycle)
    assert (first.person, first.cycle, first.role) == (personas.alice, cycle, personas.pm)
    assert start(client, cycle) == first
    page = client.get(f"/assessments/{first.pk}/").content.decode()
    assert "3 of 3 steps left" in page
    for code in ("PPM-PPL", "BACM-SMC", "LP-LTW"):
        assert step_url(first, code) in page


def test_start_is_404_for_a_cycle_out_of_scope_or_closed(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "eve")  # Operations: not in a Delivery cycle
    assert client.post(f"/cycles/{cycle.pk}/start/").status_code == 404
    cycle.status = Cycle.Status.CLOSED
    cycle.save()
    login(client, personas, "alice")
    assert client.post(f"/cycles/{cycle.pk}/start/").status_code == 404
    assert not SelfAssessment.objects.exists()


def test_axelos_step_shows_every_level_headline_and_statements(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    page = client.get(step_url(assessment, "PPM-PPL")).content.decode()
    assert "Plans a small to medium scale project." in page  # level 3 headline
    assert 'value="PPM-PPL.L4.4"' in page  # a "You can" statement to tick
    assert page.count("Not defined at this level for this skill.") == 2  # levels 1 and 5
    assert 'name="level" value="2"' in page and 'name="level" value="1"' not in page


def test_htmx_save_returns_the_step_partial_and_records_the_rating(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    data = {
        "statements": PPL_L3,
        "level": "3",
        "confidence": "4",
        "comment": "Planned the office move",
        "wants": "yes",
    }
    response = client.post(step_url(assessment, "PPM-PPL"), data, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="step-form"' in html
    assert "Saved at" in html
    assert 'hx-swap-oob="true">2 of 3 steps left' in html
    assert "Your ticks suggest <strong>level 3</strong>" in html
    rating = Rating.objects.get(person=personas.alice)
    assert (rating.element.code, rating.level, rating.confidence, rating.source) == (
        "PPM-PPL",
        3,
        4,
        "self",
    )
    assert rating.statements_met == PPL_L3
    assert (rating.assessment, rating.cycle, rating.comment) == (
        assessment,
        cycle,
        "Planned the office move",
    )
    assert Interest.objects.get(person=personas.alice).wants_to_develop is True
    # Saving the same values again appends nothing to the append-only history.
    client.post(step_url(assessment, "PPM-PPL"), data, **HX)
    assert Rating.objects.filter(person=personas.alice).count() == 1
    assert Interest.objects.filter(person=personas.alice).count() == 1


def test_plain_post_saves_and_redirects_to_the_next_step(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    response = client.post(step_url(assessment, "PPM-PPL"), {"statements": PPL_L3, "level": "3"})
    assert response.status_code == 302
    assert response["Location"] == step_url(assessment, "BACM-SMC")
    response = client.post(step_url(assessment, "LP-LTW"), {"level": "2", "wants": "no"})
    assert response["Location"] == f"/assessments/{assessment.pk}/"  # the last step
    assert Rating.objects.filter(assessment=assessment).count() == 2
    assert Interest.objects.get(person=personas.alice).wants_to_develop is False


def test_missing_or_undefined_level_is_refused_and_nothing_saved(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    url = step_url(assessment, "PPM-PPL")
    html = client.post(url, {"statements": PPL_L3, "wants": "yes"}, **HX).content.decode()
    assert "choose the level that fits you" in html and "Nothing was saved" in html
    html = client.post(url, {"level": "5"}).content.decode()  # PPM-PPL stops at level 4
    assert "Select a valid choice" in html
    html = client.post(url, {"level": "3", "statements": ["BACM-SMC.L3.1"]}).content.decode()
    assert "Select a valid choice" in html
    assert not Rating.objects.exists() and not Interest.objects.exists()


def test_suggest_preselects_the_supported_level_without_saving(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    data = {"statements": PPL_L3, "action": "suggest"}
    html = client.post(step_url(assessment, "PPM-PPL"), data).content.decode()
    assert "Your ticks suggest <strong>level 3</strong>" in html
    assert 'name="level" value="3" id="level-3" checked' in html
    # With HTMX (ticking a box), the partial comes back with the suggestion; still nothing saved.
    ticks = {"statements": ["PPM-PPL.L2.1", "PPM-PPL.L2.2"], "action": "suggest"}
    html = client.post(step_url(assessment, "PPM-PPL"), ticks, **HX).content.decode()
    assert "<html" not in html and "Your ticks suggest <strong>level 2</strong>" in html
    assert "Saved at" not in html
    assert not Rating.objects.exists()


def test_resuming_shows_saved_answers_and_what_is_left(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    client.post(
        step_url(assessment, "PPM-PPL"), {"statements": PPL_L3, "level": "3", "confidence": "2"}
    )
    client.logout()
    login(client, personas, "alice")
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "2 of 3 steps left" in page
    assert page.count("Done</td>") == 1 and page.count("Not started</td>") == 2
    step = client.get(step_url(assessment, "PPM-PPL")).content.decode()
    assert 'value="PPM-PPL.L3.2" id="st-PPM-PPL.L3.2" checked' in step
    assert 'value="PPM-PPL.L3.4" id="st-PPM-PPL.L3.4">' in step  # not ticked
    assert 'name="level" value="3" id="level-3" checked' in step
    assert '<option value="2" selected>' in step


def test_nos_unit_step_rates_each_criterion_and_knowledge_item(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    # Alice assesses against her target role here (team leader: NOS units INSML005, INSML011).
    assessment = SelfAssessment.objects.create(
        person=personas.alice, cycle=cycle, role=personas.leader
    )
    login(client, personas, "alice")
    url = step_url(assessment, "INSML005")
    page = client.get(url).content.decode()
    assert 'name="judgement-INSML005.P24"' in page and 'name="judgement-INSML005.K19"' in page
    assert "Context specific knowledge and understanding" in page
    data = {
        "judgement-INSML005.P1": "competent",
        "judgement-INSML005.K1": "not-yet",
        "judgement-INSML005.K2": "not-applicable",
    }
    html = client.post(url, data, **HX).content.decode()
    assert "Saved at" in html and 'value="not-yet" id="judgement-INSML005.K1-not-yet"' in html
    saved = dict(
        Rating.objects.filter(assessment=assessment).values_list("element__code", "competence")
    )
    assert saved == {
        "INSML005.P1": "competent",
        "INSML005.K1": "not-yet",
        "INSML005.K2": "not-applicable",
    }
    overview = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Partly done (3 of " in overview
    # One bad value: the whole form is refused and nothing more is saved.
    bad = {"judgement-INSML005.P2": "competent", "judgement-INSML005.P3": "brilliant"}
    html = client.post(url, bad, **HX).content.decode()
    assert "Nothing was saved" in html
    assert Rating.objects.filter(assessment=assessment).count() == 3


def test_others_cannot_open_or_fill_in_alices_self_assessment(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    for name in ("bob", "eve", "carol", "dave"):
        login(client, personas, name)
        assert client.get(f"/assessments/{assessment.pk}/").status_code == 404
        assert client.get(step_url(assessment, "PPM-PPL")).status_code == 404
        assert client.post(step_url(assessment, "PPM-PPL"), {"level": "3"}).status_code == 404
        assert client.post(f"/assessments/{assessment.pk}/submit/").status_code == 404
        assert client.post(f"/assessments/{assessment.pk}/add/").status_code == 404
    assert not Rating.objects.exists()
    client.logout()
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 302  # to sign in


def test_unknown_step_is_404(client: Client, personas: Any, cycle: Cycle) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    assert client.get(step_url(assessment, "NO-SUCH")).status_code == 404
    assert client.get(step_url(assessment, "PPM-PPL.L3")).status_code == 404  # not a step kind


def test_nos_step_sections_fold_and_open_where_work_is_left(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    """Issue 11, defect 5: each section is a <details> with its progress; open are the first
    section with something unanswered, any with an error, all once everything is answered."""
    assessment = SelfAssessment.objects.create(
        person=personas.alice, cycle=cycle, role=personas.leader
    )
    login(client, personas, "alice")
    url = step_url(assessment, "INSML005")

    def sections(html: str) -> list[tuple[bool, str]]:
        parts = html.split('<details class="judgements" data-section')[1:]
        return [
            (part.startswith(" open>"), part.split("data-section-progress", 1)[1].split("<", 1)[0])
            for part in parts
        ]

    names = re.findall(r'name="(judgement-[^"]+)" value="competent"', client.get(url).text)
    shown = sections(client.get(url).content.decode())
    assert len(shown) == 4
    assert [opened for opened, _ in shown] == [True, False, False, False]
    assert shown[0][1].endswith(">0 of 24 answered")
    # Every criterion answered: the first knowledge section opens instead.
    criteria = {name: "competent" for name in names if ".P" in name}
    client.post(url, {**criteria, "action": "save"})
    assert [opened for opened, _ in sections(client.get(url).content.decode())] == [
        False,
        True,
        False,
        False,
    ]
    # An error in the last section opens it too (nothing is saved).
    last = [name for name in names if ".K" in name][-1]
    html = client.post(url, {**criteria, last: "brilliant"}, **HX).content.decode()
    assert [opened for opened, _ in sections(html)] == [False, True, False, True]
    # Everything answered: every section is open.
    client.post(url, {name: "competent" for name in names})
    shown = sections(client.get(url).content.decode())
    assert all(opened for opened, _ in shown)
    assert shown[1][1].endswith(">13 of 13 answered")
