"""The main pages of each persona, for the layout suite (test_persona_layout.py), found in the
demo organisation (skillframe.demo) so the pages hold realistic amounts of data."""

from __future__ import annotations

from dataclasses import dataclass

from skillframe.assessments.models import Cycle, SelfAssessment
from skillframe.assessments.wizard import overview
from skillframe.people.models import Person
from skillframe.quality.models import Sample, SamplingPlan

# Pages whose content the `uxflows` part of issue 11 rewrites (wizard, team grid, manager
# review, cycle pages): their overflow is reported, but does not fail this suite.
UXFLOWS = "uxflows (issue 11: wizard, team grid, manager review, cycle pages)"


@dataclass(frozen=True)
class Visit:
    path: str
    status: int = 200
    owner: str = ""  # the part that owns the page's content, when it is not the layout's


CATALOGUE = [
    Visit("/"),
    Visit("/frameworks/"),
    Visit("/search/?q=stakeholder"),
    Visit("/frameworks/axelos/"),
    Visit("/frameworks/nos-ml/"),
    Visit("/frameworks/nos-ml/INSML005/"),
    Visit("/frameworks/axelos/PPM-PPL/"),
    Visit("/frameworks/axelos/BACM-SMC/compare/?lower=3&higher=4"),
]
SIGNED_IN = [
    Visit("/me/"),
    Visit("/me/ratings/"),
    Visit("/me/gaps/"),
    Visit("/me/roles/"),
    Visit("/me/plans/"),
    Visit("/plans/new/"),
    Visit("/me/report/"),
    Visit("/roles/"),
    Visit("/roles/project-manager/"),
    Visit("/goals/"),
    Visit("/notifications/"),
    Visit("/account/tokens/"),
    Visit("/account/password/"),
    Visit("/help/"),
]


def employee_id(username: str) -> str:
    return Person.objects.get(user__username=username).employee_id


def visits(persona: str) -> list[Visit]:
    """Every main page `persona` uses, with the status it must answer."""
    if persona == "anonymous":
        return [*CATALOGUE, Visit("/login/"), Visit("/account/reset/"), Visit("/help/")]
    pages = [*CATALOGUE, *SIGNED_IN]
    alice = employee_id("alice")
    if persona == "alice":
        draft = SelfAssessment.objects.filter(person__user__username="alice", status="draft")
        wizard = draft.select_related("cycle", "role", "person").first()
        assert wizard is not None, "the demo gives Alice a draft self-assessment"
        # The overview's own defect (1443 px wide at 1280: the "Also assess" select) was the
        # stylesheet's, so this page must fit whoever owns its content.
        pages.append(Visit(f"/assessments/{wizard.pk}/"))
        steps = overview(wizard).steps
        pages += [
            Visit(f"/assessments/{wizard.pk}/steps/{step.code}/", owner=UXFLOWS)
            for step in steps[:2]
        ]
        pages.append(Visit("/people/", status=403))
    elif persona == "bob":
        submitted = SelfAssessment.objects.filter(
            person__user__username="alice", status="submitted"
        ).first()
        assert submitted is not None, "the demo leaves Alice's assessment awaiting Bob"
        pages += [
            Visit("/team/", owner=UXFLOWS),
            Visit("/team/reports/"),
            Visit(f"/assessments/{submitted.pk}/review/", owner=UXFLOWS),
            Visit(f"/people/{alice}/"),
            Visit(f"/people/{alice}/ratings/"),
            Visit(f"/people/{alice}/gaps/"),
            Visit(f"/people/{alice}/report/"),
        ]
    elif persona == "carol":
        cycle = Cycle.objects.order_by("-starts_on").first()
        assert cycle is not None
        pages += [
            Visit("/people/"),
            Visit(f"/people/{alice}/"),
            Visit(f"/people/{alice}/edit/"),
            Visit("/units/"),
            Visit("/cycles/", owner=UXFLOWS),
            Visit(f"/cycles/{cycle.pk}/", owner=UXFLOWS),
            Visit("/cycles/new/", owner=UXFLOWS),
            Visit("/insights/weights/"),
            Visit("/people/import/"),
            Visit("/roles/import/"),
            Visit("/roles/new/"),
            Visit("/goals/import/"),
        ]
    elif persona == "dave":
        pages += [Visit(f"/people/{alice}/"), Visit(f"/people/{alice}/ratings/")]
    elif persona == "eve":
        # Refusals are pages too: branded, with navigation, and as usable on a phone.
        pages += [Visit("/people/", status=403), Visit(f"/people/{alice}/", status=404)]
    elif persona == "iris":
        # The IQA's pages (docs/quality.md): her plan, the samples, one sampled decision.
        plan = SamplingPlan.objects.filter(kind="assessor").first()
        sample = Sample.objects.filter(plan=plan).first()
        assert plan is not None and sample is not None, "the demo gives Iris a sampling plan"
        pages += [
            Visit("/quality/"),
            Visit("/quality/plans/new/"),
            Visit(f"/quality/plans/{plan.pk}/"),
            Visit("/quality/samples/"),
            Visit(f"/quality/samples/{sample.pk}/"),
            Visit(f"/people/{alice}/", status=404),
        ]
    return pages
