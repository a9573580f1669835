"""The access matrix: every named URL of the app × every persona, with the expected outcome.

Data-driven on purpose: `test_every_url_is_in_the_matrix` walks Django's URL resolver and fails
on any named URL without a row here, so a new page cannot ship without an access decision.
Outcomes: an HTTP status, or LOGIN (a redirect to the sign-in page). The refusal convention of
people/access.py: 404 means the object is hidden from that persona (they may not know it
exists); 403 means they may see the object but not do this, or that the page belongs to a role
they lack (HR pages, refused before anything is looked up). `test_refusals_follow_the_convention`
checks every row against it. For POST rows, refused personas must leave the database unchanged
(checked by counting rows of every model the row names in `unchanged`).
The REST API has its own generic test (tests/api/test_api_auth.py) over the OpenAPI schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

LOGIN = "login"
PERSONAS = ("anonymous", "alice", "bob", "carol", "dave", "eve", "iris")


@dataclass(frozen=True)
class Row:
    path: Callable[[Any], str]
    expect: dict[str, int | str]  # persona -> status or LOGIN
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] = field(default=lambda ctx: {})
    unchanged: tuple[str, ...] = ()  # model labels whose row counts refused personas must keep


def everyone(status: int | str, anonymous: int | str = LOGIN, **others: int | str) -> dict:
    result: dict[str, int | str] = dict.fromkeys(PERSONAS[1:], status)
    result["anonymous"] = anonymous
    result.update(others)
    return result


def only(
    allowed: dict[str, int], refused: int, anonymous: int | str = LOGIN, **others: int
) -> dict:
    result: dict[str, int | str] = dict.fromkeys(PERSONAS[1:], refused)
    result["anonymous"] = anonymous
    result.update(allowed)
    result.update(others)
    return result


HR_PAGE = only({"carol": 200}, 403)
# The framework editor: carol holds the "HR framework editors" role (authoring/access.py).
EDITOR_PAGE = only({"carol": 200}, 403)
EDITOR_POST = only({"carol": 302}, 403)


def with_draft(ctx: Any, path: str) -> str:
    """`path`, after making sure AXELOS has a draft (the editor's pages need one)."""
    from skillframe.authoring.drafts import start_draft
    from skillframe.frameworks.models import Framework
    from skillframe.frameworks.versions import draft_of

    axelos = Framework.objects.get(slug="axelos")
    if draft_of(axelos) is None:
        start_draft(axelos, None)
    return path


# Organisation views: Bob manages Alice, Carol is HR; the others have no organisation view.
ORG_VIEW = only({"bob": 200, "carol": 200}, 403)
# Alice's own objects: she, her manager, HR and her assessor may read; Eve must not know.
ALICE_READERS = only({"alice": 200, "bob": 200, "carol": 200, "dave": 200}, 404)
# Alice's development plans: she, her manager and HR read them (not her assessor); only she
# changes them, so readers who may not are told 403.
PLAN_READERS = only({"alice": 200, "bob": 200, "carol": 200}, 404)
PLAN_OWNER = only({"alice": 200}, 404, bob=403, carol=403)
PLAN_OWNER_POST = only({"alice": 302}, 404, bob=403, carol=403)

MATRIX: dict[str, Row] = {
    # Catalogue (public by default: SKILLFRAME_PUBLIC_CATALOGUE).
    "frameworks:home": Row(lambda c: "/frameworks/", everyone(200, 200)),
    "frameworks:search": Row(lambda c: "/search/?q=stakeholder", everyone(200, 200)),
    "frameworks:framework": Row(lambda c: "/frameworks/axelos/", everyone(200, 200)),
    "frameworks:element": Row(lambda c: "/frameworks/nos-ml/INSML005/", everyone(200, 200)),
    "frameworks:compare": Row(
        lambda c: "/frameworks/axelos/BACM-SMC/compare/?lower=3&higher=4", everyone(200, 200)
    ),
    "frameworks:download": Row(lambda c: "/frameworks/axelos/export/json/", everyone(200, 200)),
    "frameworks:import": Row(lambda c: "/frameworks/import/", everyone(403)),
    # Versions (public with the catalogue) and the framework editor (framework editors only:
    # carol's HR role; 403 for others before any lookup). Draft pages start a draft first.
    "authoring:versions": Row(lambda c: "/frameworks/axelos/versions/", everyone(200, 200)),
    "authoring:diff": Row(
        lambda c: "/frameworks/axelos/versions/diff/?from=1&to=1", everyone(200, 200)
    ),
    "authoring:tailor": Row(lambda c: "/frameworks/axelos/tailor/", EDITOR_PAGE),
    "authoring:start": Row(
        lambda c: "/frameworks/axelos/draft/start/",
        EDITOR_POST,
        method="post",
        unchanged=("frameworks.Element",),
    ),
    "authoring:import": Row(lambda c: "/frameworks/axelos/draft/import/", EDITOR_PAGE),
    "authoring:draft": Row(lambda c: with_draft(c, "/frameworks/axelos/draft/"), EDITOR_PAGE),
    "authoring:element": Row(
        lambda c: with_draft(c, "/frameworks/axelos/draft/elements/PPM-PPL/"), EDITOR_PAGE
    ),
    "authoring:mapping": Row(
        lambda c: with_draft(c, "/frameworks/axelos/draft/mapping/"), EDITOR_PAGE
    ),
    "authoring:publish": Row(
        lambda c: with_draft(c, "/frameworks/axelos/draft/publish/"), EDITOR_PAGE
    ),
    "authoring:discard": Row(
        lambda c: with_draft(c, "/frameworks/axelos/draft/discard/"), EDITOR_PAGE
    ),
    "authoring:add": Row(
        lambda c: with_draft(c, "/frameworks/axelos/draft/add/"),
        EDITOR_POST,
        method="post",
        data=lambda c: {"add-code": "NEW-1", "add-kind": "skill", "add-title": "New"},
        unchanged=("frameworks.Element",),
    ),
    "authoring:move": Row(
        lambda c: with_draft(c, "/frameworks/axelos/draft/move/"),
        EDITOR_POST,
        method="post",
        data=lambda c: {"down": "PPM-PPL"},
    ),
    "authoring:retire": Row(
        lambda c: with_draft(c, "/frameworks/axelos/draft/retire/"),
        EDITOR_POST,
        method="post",
        data=lambda c: {"code": "PPM-PPL.L2.1"},
        unchanged=("frameworks.Element",),
    ),
    "authoring:scale": Row(
        lambda c: with_draft(c, "/frameworks/axelos/draft/scale/"),
        EDITOR_POST,
        method="post",
        data=lambda c: {"number": 1, "name": "Entry", "description": "First steps"},
    ),
    "authoring:details": Row(
        lambda c: with_draft(c, "/frameworks/axelos/draft/details/"),
        EDITOR_POST,
        method="post",
        data=lambda c: {"details-title": "AXELOS Skills Framework", "details-notes": "Draft"},
    ),
    # The home page: the catalogue for visitors, what to do now for a signed-in person.
    "home": Row(lambda c: "/", everyone(200, 200)),
    "help": Row(lambda c: "/help/", everyone(200, 200)),
    # Sign-in and account.
    "login": Row(lambda c: "/login/", everyone(302, 200)),
    "logout": Row(lambda c: "/logout/", everyone(302, 302), method="post"),
    "password_change": Row(lambda c: "/account/password/", everyone(200)),
    "password_change_done": Row(lambda c: "/account/password/done/", everyone(200)),
    "password_reset": Row(lambda c: "/account/reset/", everyone(200, 200)),
    "password_reset_done": Row(lambda c: "/account/reset/sent/", everyone(200, 200)),
    "password_reset_confirm": Row(
        lambda c: "/account/reset/MQ/not-a-token/",
        everyone(200, 200),  # says: invalid link
    ),
    "password_reset_complete": Row(lambda c: "/account/reset/done/", everyone(200, 200)),
    "tokens": Row(lambda c: "/account/tokens/", everyone(200)),
    # Single sign-on (off in the tests' settings: back to the sign-in page) and invitations.
    "sso:login": Row(lambda c: "/login/sso/", everyone(302, LOGIN)),
    "sso:callback": Row(lambda c: "/login/sso/callback/?code=x&state=y", everyone(302, LOGIN)),
    "sso:invitations": Row(lambda c: "/invitations/", HR_PAGE),
    "sso:accept": Row(
        lambda c: f"/invitations/{c.invitation.pk}/not-a-token/",
        everyone(403, 403),  # anyone may hold the link; this one is not valid
    ),
    # Issue 11: revoking is a confirmation step (GET); the POST needs its token.
    "token_revoke": Row(
        lambda c: f"/account/tokens/{c.token.pk}/revoke/", only({"alice": 200}, 404)
    ),
    # Reminder settings: each person's own (issue 17).
    "reminders:settings": Row(lambda c: "/account/reminders/", everyone(200)),
    # Notifications.
    "notifications:inbox": Row(lambda c: "/notifications/", everyone(200)),
    "notifications:open": Row(
        lambda c: f"/notifications/{c.note.pk}/open/", only({"bob": 302}, 404), method="post"
    ),
    "notifications:read_all": Row(
        lambda c: "/notifications/read-all/", everyone(302), method="post"
    ),
    # A person's own pages.
    "assessments:me": Row(lambda c: "/me/", everyone(200)),
    "assessments:my_ratings": Row(lambda c: "/me/ratings/", everyone(200)),
    "report": Row(lambda c: "/me/report/", everyone(200)),
    # People and units (HR).
    "people:list": Row(lambda c: "/people/", HR_PAGE),
    "people:create": Row(lambda c: "/people/new/", HR_PAGE),
    "people:import": Row(lambda c: "/people/import/", HR_PAGE),
    "people:detail": Row(lambda c: "/people/E-alice/", ALICE_READERS),
    # HR-only pages answer 403 to every non-HR user before looking anyone up (no leak).
    "people:edit": Row(lambda c: "/people/E-alice/edit/", HR_PAGE),
    "people:permissions": Row(lambda c: "/people/E-alice/permissions/", HR_PAGE),
    "people:units": Row(lambda c: "/units/", HR_PAGE),
    "people:unit_create": Row(lambda c: "/units/new/", HR_PAGE),
    "people:unit_edit": Row(lambda c: "/units/delivery/edit/", HR_PAGE),
    # The audit trail: organisation-wide HR only (people.access.reads_audit).
    "people:audit": Row(lambda c: "/audit/", HR_PAGE),
    "people:audit_export": Row(lambda c: "/audit/export.csv", HR_PAGE),
    # Role profiles and goals: everyone signed in reads, HR changes.
    "people:roles": Row(lambda c: "/roles/", everyone(200)),
    "people:role": Row(lambda c: "/roles/project-manager/", everyone(200)),
    "people:role_create": Row(lambda c: "/roles/new/", HR_PAGE),
    "people:roles_import": Row(lambda c: "/roles/import/", HR_PAGE),
    "people:target_role": Row(lambda c: "/roles/target/", everyone(200)),
    "people:role_edit": Row(lambda c: "/roles/project-manager/edit/", HR_PAGE),
    "people:requirement_add": Row(lambda c: "/roles/project-manager/requirements/add/", HR_PAGE),
    "people:requirement_edit": Row(
        lambda c: f"/roles/project-manager/requirements/{c.requirement.pk}/edit/", HR_PAGE
    ),
    "people:requirement_delete": Row(
        lambda c: f"/roles/project-manager/requirements/{c.requirement.pk}/delete/",
        # A bare POST is answered with the confirmation step (issue 11); only its token removes.
        only({"carol": 400}, 403),
        method="post",
        unchanged=("people.RoleRequirement",),
    ),
    "people:requirement_move": Row(
        lambda c: f"/roles/project-manager/requirements/{c.requirement.pk}/move/",
        only({"carol": 302}, 403),
        method="post",
        data=lambda c: {"direction": "down"},
    ),
    "people:goals": Row(lambda c: "/goals/", everyone(200)),
    "people:goal": Row(lambda c: f"/goals/{c.goal.pk}/", everyone(200)),
    "people:goal_create": Row(lambda c: "/goals/new/", HR_PAGE),
    "people:goals_import": Row(lambda c: "/goals/import/", HR_PAGE),
    "people:goal_edit": Row(lambda c: f"/goals/{c.goal.pk}/edit/", HR_PAGE),
    "people:goal_weight_set": Row(
        lambda c: f"/goals/{c.goal.pk}/weights/",
        only({"carol": 302}, 403),
        method="post",
        data=lambda c: {"element": "LP-NEG", "weight": "2"},
        unchanged=("people.OrgGoalWeight",),
    ),
    "people:goal_weight_delete": Row(
        lambda c: f"/goals/{c.goal.pk}/weights/{c.goal_weight.pk}/delete/",
        only({"carol": 302}, 403),
        method="post",
        unchanged=("people.OrgGoalWeight",),
    ),
    # Cycles (HR) and the self-assessment wizard (the person only).
    "assessments:cycles": Row(lambda c: "/cycles/", HR_PAGE),
    "assessments:cycle_create": Row(lambda c: "/cycles/new/", HR_PAGE),
    "assessments:cycle": Row(lambda c: f"/cycles/{c.cycle.pk}/", HR_PAGE),
    # Issue 11: closing is a confirmation step (GET); the POST without its token closes nothing
    # (tests/assessments/test_cycle_close.py). Reopening the open cycle is a no-op redirect.
    "assessments:cycle_close": Row(lambda c: f"/cycles/{c.cycle.pk}/close/", HR_PAGE),
    "assessments:cycle_reopen": Row(
        lambda c: f"/cycles/{c.cycle.pk}/reopen/",
        only({"carol": 302}, 403),
        method="post",
        data=lambda c: {"ends_on": "2099-01-01"},
    ),
    "assessments:start": Row(
        lambda c: f"/cycles/{c.cycle.pk}/start/",
        only({"alice": 302, "bob": 302, "carol": 302, "dave": 302, "eve": 302, "iris": 302}, 404),
        method="post",
    ),
    "assessments:wizard": Row(lambda c: f"/assessments/{c.draft.pk}/", only({"alice": 200}, 404)),
    "assessments:step": Row(
        lambda c: f"/assessments/{c.draft.pk}/steps/PPM-PPL/", only({"alice": 200}, 404)
    ),
    "assessments:submit": Row(
        lambda c: f"/assessments/{c.draft.pk}/submit/",
        # Alice may submit, but her steps are not done: refused with the list (400).
        only({"alice": 400}, 404),
        method="post",
        unchanged=("notifications.Notification",),
    ),
    "assessments:add_element": Row(
        lambda c: f"/assessments/{c.draft.pk}/add/",
        only({"alice": 302}, 404),
        method="post",
        data=lambda c: {"element": c.neg.pk},
    ),
    # Manager validation, ratings, history, replies, team grid.
    # Alice knows her self-assessment exists (403); only her manager reviews it.
    "assessments:review": Row(
        lambda c: f"/assessments/{c.submitted.pk}/review/", only({"bob": 200}, 404, alice=403)
    ),
    "assessments:person_ratings": Row(lambda c: "/people/E-alice/ratings/", ALICE_READERS),
    # Personal reports (docs/report.md): whoever may see the person; the team page lists the
    # user's direct reports (an empty list for those without any).
    "person_report": Row(lambda c: "/people/E-alice/report/", ALICE_READERS),
    "person_report_pdf": Row(lambda c: "/people/E-alice/report.pdf", ALICE_READERS),
    "team_reports": Row(lambda c: "/team/reports/", everyone(200)),
    "assessments:history": Row(
        lambda c: "/people/E-alice/history/PPM-PPL/?framework=axelos", ALICE_READERS
    ),
    "assessments:reply": Row(
        lambda c: f"/ratings/{c.manager_rating.pk}/reply/",
        only({"alice": 302, "bob": 302}, 404, carol=403, dave=403),
        method="post",
        data=lambda c: {"text": "I led the March release plan myself."},
        unchanged=("assessments.RatingReply",),
    ),
    "assessments:team": Row(lambda c: "/team/", everyone(200)),
    "assessments:team_cell": Row(
        lambda c: f"/team/project-manager/{c.alice.pk}/{c.ppl.pk}/",
        # A plain POST saves and returns to the grid; who sees Alice but is not her manager: 403.
        only({"bob": 302}, 404, alice=403, carol=403, dave=403),
        method="post",
        data=lambda c: {"value": "3", "comment": "Seen it on the billing project"},
        unchanged=("assessments.Rating",),
    ),
    # Gaps, priorities and the role explorer (docs/insights.md); HR's priority weights.
    "insights:my_gaps": Row(lambda c: "/me/gaps/", everyone(200)),
    "insights:my_roles": Row(lambda c: "/me/roles/", everyone(200)),
    "insights:person_gaps": Row(lambda c: "/people/E-alice/gaps/", ALICE_READERS),
    "insights:person_roles": Row(lambda c: "/people/E-alice/roles/", ALICE_READERS),
    "insights:weights": Row(
        lambda c: "/insights/weights/",
        only({"carol": 302}, 403),
        method="post",
        data=lambda c: {
            "gap": 4,
            "essential": 2,
            "desirable": 0.5,
            "target_role": 1.5,
            "goal": 2,
            "interest": 3,
            "stale": 1,
        },
        unchanged=("insights.PriorityWeightSettings", "audit.AuditEvent"),
    ),
    # Development plans (docs/plans.md).
    "development:my_plans": Row(lambda c: "/me/plans/", everyone(200)),
    "insights:plan_create": Row(lambda c: "/plans/new/", everyone(200)),
    # Organisation views (issue 13, docs/org-insights.md): line managers (their reporting
    # subtree) and HR admins (their units); everyone else lacks the role, 403.
    "insights:org_heatmap": Row(lambda c: "/insights/org/heatmap/", ORG_VIEW),
    "insights:org_heatmap_export": Row(lambda c: "/insights/org/heatmap.csv", ORG_VIEW),
    "insights:org_who": Row(lambda c: "/insights/org/who/?q=PPM-PPL%3E%3D2", ORG_VIEW),
    "insights:org_search_save": Row(
        lambda c: "/insights/org/who/save/",
        only({"bob": 302, "carol": 302}, 403),
        method="post",
        data=lambda c: {"q": "PPM-PPL>=3", "name": "Planners", "validated": "1"},
        unchanged=("insights.SavedSearch",),
    ),
    # Bob's own saved search: the confirmation step; nobody else may know it exists.
    "insights:org_search_delete": Row(
        lambda c: f"/insights/org/who/{_saved_search(c).pk}/delete/", only({"bob": 200}, 404)
    ),
    "insights:org_bench": Row(lambda c: "/insights/org/bench/", ORG_VIEW),
    "insights:org_calibration": Row(lambda c: "/insights/org/calibration/", ORG_VIEW),
    "insights:org_trends": Row(lambda c: "/insights/org/trends/", ORG_VIEW),
    # Dave sees Alice (he assesses her) but not her plans: 403.
    "development:person_plans": Row(
        lambda c: "/people/E-alice/plans/",
        only({"alice": 200, "bob": 200, "carol": 200}, 403, eve=404, iris=404),
    ),
    "development:plan": Row(lambda c: f"/plans/{c.plan.pk}/", PLAN_READERS),
    "development:plan_edit": Row(lambda c: f"/plans/{c.plan.pk}/edit/", PLAN_OWNER),
    "development:submit": Row(
        lambda c: f"/plans/{c.plan.pk}/submit/",
        PLAN_OWNER_POST,
        method="post",
        unchanged=("development.PlanVersion", "notifications.Notification"),
    ),
    "development:review": Row(
        lambda c: f"/plans/{c.submitted_plan.pk}/review/",
        only({"bob": 200}, 404, alice=403, carol=403),
    ),
    "development:revise": Row(
        lambda c: f"/plans/{c.approved_plan.pk}/revise/",
        PLAN_OWNER_POST,
        method="post",
        unchanged=("audit.AuditEvent",),
    ),
    # Issue 11: closing is a confirmation step (GET) for the owner; the POST needs its token.
    "development:close": Row(
        lambda c: f"/plans/{c.plan.pk}/close/",
        only({"alice": 200}, 404, bob=403, carol=403),
        unchanged=("development.PlanVersion", "notifications.Notification"),
    ),
    "development:objective_create": Row(
        lambda c: f"/plans/{c.plan.pk}/objectives/new/",
        PLAN_OWNER_POST,
        method="post",
        data=lambda c: {
            "element": "LP-LTW",
            "target_level": "3",
            "measure": "Bob validates LP-LTW at level 3",
            "due_on": "2099-01-31",
        },
        unchanged=("development.Objective",),
    ),
    "development:objective_edit": Row(
        lambda c: f"/objectives/{c.plan.objectives.first().pk}/edit/", PLAN_OWNER
    ),
    "development:objective_status": Row(
        lambda c: f"/objectives/{c.plan.objectives.first().pk}/status/",
        PLAN_OWNER_POST,
        method="post",
        data=lambda c: {"status": "done"},
        unchanged=("notifications.Notification",),
    ),
    "development:progress_add": Row(
        lambda c: f"/objectives/{c.plan.objectives.first().pk}/progress/",
        PLAN_OWNER_POST,
        method="post",
        data=lambda c: {"text": "Finished the first module"},
        unchanged=("development.ProgressUpdate",),
    ),
    "development:activity_create": Row(
        lambda c: f"/objectives/{c.plan.objectives.first().pk}/activities/new/",
        PLAN_OWNER_POST,
        method="post",
        data=lambda c: {"kind": "reading", "title": "The Lean Startup", "status": "planned"},
        unchanged=("development.Activity",),
    ),
    "development:activity_edit": Row(
        lambda c: f"/activities/{c.plan.objectives.first().activities.first().pk}/edit/",
        PLAN_OWNER,
    ),
    "development:activity_status": Row(
        lambda c: f"/activities/{c.plan.objectives.first().activities.first().pk}/status/",
        PLAN_OWNER_POST,
        method="post",
        data=lambda c: {"status": "in-progress"},
    ),
    # Suggestions from text: any signed-in user; the feedback export and the crosswalk are HR's.
    "matching:suggest": Row(lambda c: "/suggest/", everyone(200)),
    "matching:feedback": Row(
        lambda c: "/suggest/feedback/",
        everyone(302),
        method="post",
        data=lambda c: {
            "text": "Planned the office move",
            "framework": "axelos",
            "code": "PPM-PPL",
            "decision": "accepted",
        },
        unchanged=("matching.SuggestionFeedback",),
    ),
    "matching:feedback_export": Row(lambda c: "/suggest/feedback/export/", HR_PAGE),
    "matching:crosswalk": Row(lambda c: "/crosswalk/", HR_PAGE),
    "matching:role_draft": Row(lambda c: f"/roles/{c.pm.code}/draft/", HR_PAGE),
    # Only the person's own self-assessment (404 for anyone else: they may not know it exists).
    "matching:from_cv": Row(
        lambda c: f"/assessments/{c.draft.pk}/from-cv/", only({"alice": 200}, 404)
    ),
    "matching:crosswalk_decide": Row(
        lambda c: f"/crosswalk/{c.link.uuid}/decide/",
        only({"carol": 302}, 403),
        method="post",
        data=lambda c: {"decision": "confirm", "kind": "isRelatedTo"},
    ),
}


# Internal quality assurance (docs/quality.md): IQA (iris) and HR pages, refused with 403 to
# everyone else before anything is looked up; a sampled decision is seen only by those who may
# see the sample (the IQA, HR of the person) and, once reviewed, by its rater.
QUALITY_STAFF = only({"carol": 200, "iris": 200}, 403)
MATRIX.update(
    {
        "quality:home": Row(lambda c: "/quality/", QUALITY_STAFF),
        "quality:plan_create": Row(lambda c: "/quality/plans/new/", QUALITY_STAFF),
        "quality:plan": Row(lambda c: f"/quality/plans/{c.quality_plan.pk}/", QUALITY_STAFF),
        "quality:plan_rule": Row(
            lambda c: f"/quality/plans/{c.quality_plan.pk}/rules/",
            only({"carol": 302, "iris": 302}, 403),
            method="post",
            data=lambda c: {"rater": "dave", "rate": "30"},
            unchanged=("quality.PlanRule",),
        ),
        "quality:draw": Row(
            lambda c: f"/quality/plans/{c.quality_plan.pk}/draw/",
            only({"carol": 302, "iris": 302}, 403),
            method="post",
            data=lambda c: {"starts_on": c.today.replace(day=1), "ends_on": c.today},
            unchanged=("quality.Draw", "quality.Sample"),
        ),
        "quality:samples": Row(lambda c: "/quality/samples/", QUALITY_STAFF),
        "quality:export": Row(lambda c: "/quality/samples/export.csv", QUALITY_STAFF),
        # Dave's sampled decision, not reviewed yet: its rater does not see it until it is.
        "quality:sample": Row(
            lambda c: f"/quality/samples/{c.quality_sample.pk}/",
            only({"carol": 200, "iris": 200}, 404),
        ),
        "quality:review": Row(
            lambda c: f"/quality/samples/{c.quality_sample.pk}/review/",
            only({"iris": 302}, 404, carol=403),
            method="post",
            data=lambda c: {"outcome": "agree"},
            unchanged=("quality.Review", "notifications.Notification"),
        ),
        "quality:my_reviews": Row(lambda c: "/quality/reviews/", everyone(200)),
        # A file of the evidence the sampled decision relied on: whoever sees the sample.
        "quality:evidence_file": Row(
            lambda c: f"/quality/samples/{c.quality_sample.pk}/files/{c.quality_file.pk}/",
            only({"carol": 200, "iris": 200}, 404),
        ),
    }
)


def _saved_search(c: Any) -> Any:
    from skillframe.insights.models import SavedSearch

    saved, _ = SavedSearch.objects.get_or_create(owner=c.bob.user, name="Bob's", query="PPM-PPL>=2")
    return saved


# CASE 1.1 provider (issue 12): public catalogue, so everyone reads; tests/frameworks/
# test_case_provider.py and test_case_service.py check the payloads, 401s and CORS.
def _case(collection: str, identifier: Callable[[], object]) -> Row:
    return Row(lambda c: f"/ims/case/v1p1/{collection}/{identifier()}", everyone(200, 200))


def _case_framework(slug: str = "axelos") -> Any:
    from skillframe.frameworks.models import Framework

    return Framework.objects.get(slug=slug)


def _case_definition(kind: str) -> object:
    """uuid5 of what a definition describes, as the CASE writer derives it."""
    from skillframe.frameworks.formats.case_bytes import uuid5_text

    return uuid5_text(f"case:{kind}")


def _case_item() -> object:
    from skillframe.frameworks.models import Element

    return Element.objects.get(framework__slug="axelos", code="PPM-PPL").uuid


def _case_association() -> object:
    from skillframe.frameworks.formats.case import association_uuid
    from skillframe.frameworks.models import Element

    element = Element.objects.select_related("parent").get(code="PPM-PPL")
    assert element.parent is not None
    return association_uuid(str(element.uuid), "isChildOf", str(element.parent.uuid))


def _case_imported(collection: str, title: str) -> object:
    """The seeds have no concepts, subjects or association groupings (imports of other
    providers' CASE bring them): one stands in the provider's index, as an import puts it."""
    from skillframe.frameworks import case_index
    from skillframe.frameworks.models import CaseRecord

    identifier = _case_definition(f"{collection}:{title}")
    framework = _case_framework()
    case_index.refresh()
    payload = {
        "identifier": str(identifier),
        "uri": f"https://skillframe.invalid/ims/case/v1p1/{collection}/{identifier}",
        "title": title,
        "hierarchyCode": "1",
        "lastChangeDateTime": "2024-01-01T00:00:00Z",
    }
    CaseRecord.objects.get_or_create(
        framework=framework, collection=collection, identifier=identifier, payload=payload
    )
    return identifier


MATRIX.update(
    {
        "case:documents": Row(lambda c: "/ims/case/v1p1/CFDocuments?limit=1", everyone(200, 200)),
        "case:document": _case("CFDocuments", lambda: _case_framework().uuid),
        "case:package": _case("CFPackages", lambda: _case_framework().uuid),
        "case:item": _case("CFItems", _case_item),
        "case:item-associations": _case("CFItemAssociations", _case_item),
        "case:association": _case("CFAssociations", _case_association),
        "case:item-type": _case("CFItemTypes", lambda: _case_definition("item-type:skill")),
        "case:license": _case(
            "CFLicenses", lambda: _case_definition(f"license:{_case_framework().uuid}")
        ),
        "case:rubric": _case(
            "CFRubrics", lambda: _case_definition(f"rubric:{_case_framework().uuid}")
        ),
        "case:rubric-criterion": _case(
            "CFRubricCriteria",
            lambda: _case_definition(f"rubric-criterion:{_case_framework().uuid}"),
        ),
        "case:rubric-criterion-level": _case(
            "CFRubricCriterionLevels", lambda: _case_framework().scale_levels.first().uuid
        ),
        "case:concept": _case("CFConcepts", lambda: _case_imported("CFConcepts", "Risk")),
        "case:subject": _case("CFSubjects", lambda: _case_imported("CFSubjects", "Projects")),
        "case:association-grouping": _case(
            "CFAssociationGroupings",
            lambda: _case_imported("CFAssociationGroupings", "Crosswalk"),
        ),
    }
)

# Who knows that the object a URL names exists: the personas a row lets in (its readers), or
# the personas listed. Rows not listed name no hidden object (or, like the HR pages, refuse
# before looking anything up), so any refusal of a signed-in persona there is a 403.
ALICE = "people:detail"  # Alice herself: whoever may see her
PLAN = "development:plan"  # one of her plans: she, her manager and HR
KNOWN_BY: dict[str, str | tuple[str, ...]] = {
    "token_revoke": ("alice",),
    "insights:org_search_delete": ("bob",),
    "notifications:open": ("bob",),
    "people:detail": ALICE,
    "assessments:person_ratings": ALICE,
    "assessments:history": ALICE,
    "assessments:reply": ALICE,
    "assessments:team_cell": ALICE,
    "person_report": ALICE,
    "person_report_pdf": ALICE,
    "insights:person_gaps": ALICE,
    "insights:person_roles": ALICE,
    "development:person_plans": ALICE,
    # A draft self-assessment is its person's alone; a submitted one her manager knows too.
    "assessments:wizard": ("alice",),
    "assessments:step": ("alice",),
    "assessments:submit": ("alice",),
    "assessments:add_element": ("alice",),
    "matching:from_cv": ("alice",),
    "assessments:review": ("alice", "bob"),
    "quality:sample": ("carol", "iris"),
    "quality:review": ("carol", "iris"),
    "quality:evidence_file": ("carol", "iris"),
    **{
        name: PLAN
        for name in (
            "development:plan",
            "development:plan_edit",
            "development:submit",
            "development:review",
            "development:revise",
            "development:close",
            "development:objective_create",
            "development:objective_edit",
            "development:objective_status",
            "development:progress_add",
            "development:activity_create",
            "development:activity_edit",
            "development:activity_status",
        )
    },
}
# Issue 14, evidence and NOS sign-off: rows in their own module (tests/evidence/matrix.py).
from tests.evidence import matrix as evidence_matrix  # noqa: E402

MATRIX.update(evidence_matrix.ROWS)
KNOWN_BY.update(evidence_matrix.KNOWN_BY)
REFUSED = (LOGIN, 403, 404)


def knowing(name: str) -> set[str]:
    known = KNOWN_BY[name]
    if isinstance(known, tuple):
        return set(known)
    return {p for p in PERSONAS[1:] if MATRIX[known].expect[p] not in REFUSED}


def test_refusals_follow_the_convention() -> None:
    """404 exactly for signed-in personas who may not know the object exists, 403 for those who
    do (or on pages of a role they lack): the convention of people/access.py, row by row."""
    assert set(KNOWN_BY) <= set(MATRIX), sorted(set(KNOWN_BY) - set(MATRIX))
    problems = []
    for name, row in sorted(MATRIX.items()):
        readers = knowing(name) if name in KNOWN_BY else set(PERSONAS[1:])
        for persona in PERSONAS[1:]:
            expected = row.expect[persona]
            if expected in (403, 404) and expected != (403 if persona in readers else 404):
                problems.append(f"{name}: {persona} expects {expected}")
    assert not problems, "refusals against the convention:\n" + "\n".join(problems)


# Named URLs deliberately outside the matrix, with the reason.
EXEMPT_PREFIXES = (
    "admin:",  # Django's admin: staff only, its own permission system
    "api:",  # REST API: tests/api/test_api_auth.py walks the OpenAPI schema
)


def named_urls() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns, "")
    return names


def test_every_url_is_in_the_matrix() -> None:
    missing = sorted(
        name for name in named_urls() if name not in MATRIX and not name.startswith(EXEMPT_PREFIXES)
    )
    assert not missing, f"URLs without an access decision in the matrix: {missing}"
    stale = sorted(set(MATRIX) - named_urls())
    assert not stale, f"matrix rows for URLs that no longer exist: {stale}"


@pytest.fixture
def ctx(personas: Any) -> SimpleNamespace:
    """Objects the matrix rows point at, all belonging to Alice's side of the organisation."""
    from datetime import timedelta

    from django.utils import timezone

    from skillframe.api.models import ApiToken
    from skillframe.assessments.models import Cycle, SelfAssessment
    from skillframe.assessments.ratings import record_rating
    from skillframe.frameworks.associations import Association
    from skillframe.frameworks.models import Element
    from skillframe.notifications.models import notify
    from skillframe.people.models import OrgGoal, OrgGoalWeight
    from skillframe.sso.models import Invitation

    today = timezone.localdate()
    p = personas
    cycle = Cycle.objects.create(
        name="2026 review", starts_on=today - timedelta(days=5), ends_on=today + timedelta(days=30)
    )
    cycle.units.add(p.org)
    submitted = SelfAssessment.objects.create(
        person=p.alice, cycle=cycle, role=p.pm, status="submitted", submitted_at=timezone.now()
    )
    draft = SelfAssessment.objects.create(person=p.alice, role=p.pm, status="draft")
    ppl = Element.objects.select_related("framework").get(code="PPM-PPL")
    record_rating(p.alice.user, p.alice, ppl, "self", level=3, assessment=submitted, cycle=cycle)
    manager_rating = record_rating(
        p.bob.user, p.alice, ppl, "manager", level=2, comment="One more plan first", cycle=cycle
    )
    goal = OrgGoal.objects.create(
        title="Service transition", starts_on=today, ends_on=today + timedelta(days=300)
    )
    goal_weight = OrgGoalWeight.objects.create(
        goal=goal, element=Element.objects.get(code="ITSM-TR"), weight=2
    )
    token, _secret = ApiToken.issue(p.alice.user, "laptop")
    (note,) = notify([p.bob.user], "Alice submitted her self-assessment", "/me/")
    from skillframe.development.plans import approve
    from tests.development.helpers import alice_plan

    approved_plan = alice_plan(p, title="Approved plan", submitted=True)
    approve(p.bob.user, approved_plan)
    quality_plan, quality_sample, quality_file = _quality(p)
    return SimpleNamespace(
        **vars(p),
        **evidence_matrix.context(p),
        cycle=cycle,
        submitted=submitted,
        draft=draft,
        ppl=ppl,
        manager_rating=manager_rating,
        goal=goal,
        goal_weight=goal_weight,
        token=token,
        note=note,
        plan=alice_plan(p),
        submitted_plan=alice_plan(p, title="Submitted plan", submitted=True),
        approved_plan=approved_plan,
        requirement=p.pm.requirements.first(),
        neg=Element.objects.get(code="LP-NEG"),
        invitation=Invitation.objects.create(person=p.alice, email=p.alice.user.email),
        quality_plan=quality_plan,
        quality_sample=quality_sample,
        quality_file=quality_file,
        today=today,
        link=Association.objects.create(
            kind="isRelatedTo",
            origin=ppl,
            destination=Element.objects.get(code="INSML045"),
            status="suggested",
            method="test",
            score=0.7,
        ),
    )


def _quality(p: Any) -> tuple[Any, Any, Any]:
    """Iris's assessor sampling plan and its one sample: Dave's decision on Alice's
    INSML011.P1, judged in the evidence workflow relying on a file (the evidence rows use
    INSML005), and that file."""
    from django.utils import timezone

    from skillframe.evidence import workflow
    from skillframe.evidence.records import EvidenceInput, create_evidence
    from skillframe.quality.draws import draw_samples
    from skillframe.quality.plans import create_plan
    from tests.evidence.helpers import assign_dave, pdf, standard

    today = timezone.localdate()
    assign_dave(p, "INSML011")
    data = EvidenceInput(
        kind="file",
        title="Operating plan",
        occurred_on=today,
        files=[("plan.pdf", pdf("quality"))],
        elements=["INSML011.P1"],
    )
    evidence = create_evidence(p.alice.user, p.alice, data)
    submission = workflow.submit(p.alice.user, p.alice, standard("INSML011"))
    workflow.judge(
        p.dave.user, submission, standard("INSML011.P1"), "competent", evidence=[evidence]
    )
    plan = create_plan(p.iris.user, name="Assessors 2026", kind="assessor", unit=p.org)
    draw = draw_samples(p.iris.user, plan, today, today, seed=7)
    return plan, draw.samples.get(), evidence.files.get()


def counts(labels: tuple[str, ...]) -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in labels}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(client: Client, ctx: SimpleNamespace, name: str) -> None:
    row = MATRIX[name]
    problems = []
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            client.force_login(getattr(ctx, persona).user)
        path = row.path(ctx)  # may prepare what the row needs (with_draft): before counting
        before = counts(row.unchanged)
        response = getattr(client, row.method)(path, row.data(ctx))
        expected = row.expect[persona]
        if expected == LOGIN:
            ok = response.status_code == 302 and response["Location"].startswith("/login/")
        else:
            ok = response.status_code == expected
        if not ok:
            where = response.get("Location", "")
            problems.append(f"{persona}: got {response.status_code} {where}, expected {expected}")
        refused = expected in (LOGIN, 403, 404)
        if refused and counts(row.unchanged) != before:
            problems.append(f"{persona}: was refused but the database changed")
    assert not problems, f"{row.method.upper()} {name}:\n" + "\n".join(problems)
