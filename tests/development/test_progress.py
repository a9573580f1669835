"""Progress on a plan: updates, activity status, done objectives (manager told, re-assessment
prompted), overdue flags, and the query count of the plan lists."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from skillframe.assessments.models import SelfAssessment
from skillframe.assessments.ratings import record_rating
from skillframe.development import objectives, plans
from skillframe.development.models import Objective, ProgressUpdate
from skillframe.notifications.models import Notification
from tests.development.helpers import alice_plan, element, first_objective, in_days


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


@pytest.fixture
def approved(personas: Any) -> Any:
    plan = alice_plan(personas, submitted=True)
    plans.approve(personas.bob.user, plan)
    return plan


def test_progress_updates_are_appended_on_an_approved_plan(personas: Any, approved: Any) -> None:
    alice = _client(personas.alice)
    objective = first_objective(approved)
    for text in ("Booked the course", "Finished module one"):
        assert (
            alice.post(f"/objectives/{objective.pk}/progress/", {"text": text}).status_code == 302
        )
    page = alice.get(f"/plans/{approved.pk}/").content.decode()
    assert page.index("Finished module one") < page.index("Booked the course")  # newest first
    empty = alice.post(f"/objectives/{objective.pk}/progress/", {"text": "  "})
    assert empty.status_code == 400
    assert "text: write what happened" in empty.content.decode()
    assert ProgressUpdate.objects.filter(objective=objective).count() == 2
    update = ProgressUpdate.objects.first()
    from skillframe.assessments.models import AppendOnly

    with pytest.raises(AppendOnly):
        update.save()
    with pytest.raises(AppendOnly):
        ProgressUpdate.objects.all().delete()


def test_activity_status_changes_on_an_approved_plan_over_htmx(
    personas: Any, approved: Any
) -> None:
    alice = _client(personas.alice)
    activity = first_objective(approved).activities.order_by("id").first()
    response = alice.post(
        f"/activities/{activity.pk}/status/", {"status": "in-progress"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<article class="card objective"')
    assert "<html" not in fragment
    assert '<option value="in-progress" selected>' in fragment
    activity.refresh_from_db()
    assert activity.status == "in-progress"


def test_done_tells_the_manager_and_prompts_a_reassessment(personas: Any, approved: Any) -> None:
    alice = _client(personas.alice)
    objective = first_objective(approved)
    before = Notification.objects.filter(recipient=personas.bob.user).count()
    done = alice.post(f"/objectives/{objective.pk}/status/", {"status": "done"})
    assert done.status_code == 302
    assert done["Location"] == f"/plans/{approved.pk}/?done=objective-done#objective-{objective.pk}"
    objective.refresh_from_db()
    assert objective.status == "done" and objective.completed_at is not None
    told = Notification.objects.filter(recipient=personas.bob.user)
    assert told.count() == before + 1
    note = told.first()
    assert "Alice Archer completed the objective PPM-PPL" in note.text
    history = "/people/E-alice/history/PPM-PPL/?framework=axelos"
    assert note.url == history

    # No self-assessment draft: the prompt leads to the rating history.
    page = alice.get(done["Location"]).content.decode()
    assert f'<a href="{history}">Re-assess this now</a>' in page
    # With a draft self-assessment open, it leads to the wizard step for the element.
    draft = SelfAssessment.objects.create(person=personas.alice, role=personas.pm)
    page = alice.get(f"/plans/{approved.pk}/").content.decode()
    assert f'<a href="/assessments/{draft.pk}/steps/PPM-PPL/">Re-assess this now</a>' in page
    # Bob sees the history link, not Alice's wizard.
    bobs = _client(personas.bob).get(f"/plans/{approved.pk}/").content.decode()
    assert f'<a href="{history}">see the rating history of PPM-PPL</a>' in bobs

    # Once Alice rates the element again the prompt goes away.
    record_rating(personas.alice.user, personas.alice, element("PPM-PPL"), "self", level=4)
    page = alice.get(f"/plans/{approved.pk}/").content.decode()
    assert "Re-assess this now" not in page


def test_a_nos_criterion_is_reassessed_in_its_units_step(personas: Any) -> None:
    plan = plans.create_plan(personas.alice.user, "NOS")
    objective = objectives.add_objective(
        personas.alice.user,
        plan,
        element=element("INSML005.P1"),
        target_level=None,
        measure="Assessed",
        due_on=in_days(10),
    )
    draft = SelfAssessment.objects.create(person=personas.alice, role=personas.pm)
    objectives.set_objective_status(personas.alice.user, objective, "done")
    urls = objectives.reassess_links(personas.alice.user, plan, plans.objectives_of(plan))
    assert urls == {objective.pk: f"/assessments/{draft.pk}/steps/INSML005/"}


def test_overdue_objectives_are_flagged(personas: Any) -> None:
    plan = alice_plan(personas)
    late = first_objective(plan)
    Objective.objects.filter(pk=late.pk).update(due_on=in_days(-2))  # the due date has passed
    alice = _client(personas.alice)
    listing = alice.get("/me/plans/").content.decode()
    assert '<strong class="overdue stale">1 overdue</strong>' in listing
    page = alice.get(f"/plans/{plan.pk}/").content.decode()
    assert "1 objective overdue" in page
    assert page.count('<strong class="overdue stale">Overdue</strong>') == 1
    # Done objectives are not overdue any more; neither are dropped ones.
    objectives.set_objective_status(personas.alice.user, late, "done")
    assert "overdue stale" not in alice.get(f"/plans/{plan.pk}/").content.decode()
    # Submitting a plan with an overdue objective is refused until its date moves.
    objectives.set_objective_status(personas.alice.user, late, "open")
    refused = alice.post(f"/plans/{plan.pk}/submit/")
    assert refused.status_code == 400
    assert "due in the past: PPM-PPL" in refused.content.decode()


def test_the_plan_lists_take_a_fixed_number_of_queries(
    personas: Any, django_assert_max_num_queries: Any
) -> None:
    alice, bob = _client(personas.alice), _client(personas.bob)
    alice_plan(personas)
    with django_assert_max_num_queries(12) as few:
        assert alice.get("/me/plans/").status_code == 200
    with django_assert_max_num_queries(16) as few_for_bob:
        assert bob.get("/people/E-alice/plans/").status_code == 200
    for n in range(4):
        alice_plan(personas, title=f"Plan {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = alice.get("/me/plans/")
    assert page.content.decode().count('<th scope="row"><a href="/plans/') == 5
    with django_assert_max_num_queries(len(few_for_bob.captured_queries)):
        assert bob.get("/people/E-alice/plans/").status_code == 200


def test_the_plan_page_takes_a_fixed_number_of_queries(
    personas: Any, django_assert_max_num_queries: Any
) -> None:
    plan = alice_plan(personas)
    objectives.add_progress(personas.alice.user, first_objective(plan), "Booked")
    alice = _client(personas.alice)
    with django_assert_max_num_queries(20) as few:
        assert alice.get(f"/plans/{plan.pk}/").status_code == 200
    for n in range(3):
        objective = objectives.add_objective(
            personas.alice.user,
            plan,
            element=element("LP-LTW"),
            target_level=3,
            measure=f"Measure {n}",
            due_on=in_days(20),
        )
        objectives.add_activity(personas.alice.user, objective, kind="reading", title="Book")
        objectives.add_progress(personas.alice.user, objective, "Started")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert alice.get(f"/plans/{plan.pk}/").status_code == 200
