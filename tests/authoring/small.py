"""A small framework, two people and their uses of it, for hand-computed diffs and impacts.

mini (scale 1–3):
  FAM  Family
    SK1  Plan projects          (skill)  levels SK1.L2, SK1.L3 (with statement SK1.L3.1)
    SK2  Manage risk            (skill)
Uses: role "pm" requires SK1 at level 3 (p1 holds it); ratings of SK1: p1 self L3 then self
L2 (current self: L2), p1 manager L3, p2 self L3; p1's plan has an objective on SK2 level 2;
SK2 is an exactMatchOf the element X of framework "other"; p2 maps a piece of evidence to SK1.L2.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from django.contrib.auth.models import User
from django.utils import timezone

from skillframe.assessments.models import Rating
from skillframe.development.models import Objective, Plan
from skillframe.evidence.models import Evidence, EvidenceLink
from skillframe.frameworks.associations import Association
from skillframe.frameworks.loading import load_framework
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec
from skillframe.people.models import OrgUnit, Person, RoleProfile, RoleRequirement

MINI = FrameworkSpec(
    slug="mini",
    title="Mini framework",
    publisher="Test",
    version="2024",
    scale=(
        ScaleLevelSpec(1, "Entry"),
        ScaleLevelSpec(2, "Practitioner"),
        ScaleLevelSpec(3, "Lead"),
    ),
    elements=(
        ElementSpec("FAM", "family", None, title="Family"),
        ElementSpec(
            "SK1", "skill", "FAM", title="Plan projects", statement="Plan the work of projects"
        ),
        ElementSpec(
            "SK1.L2", "level", "SK1", title="Level 2", statement="Plans small projects", level=2
        ),
        ElementSpec(
            "SK1.L3", "level", "SK1", title="Level 3", statement="Plans large projects", level=3
        ),
        ElementSpec("SK1.L3.1", "statement", "SK1.L3", statement="You can plan a programme"),
        ElementSpec(
            "SK2", "skill", "FAM", title="Manage risk", statement="Identify and manage risk"
        ),
    ),
)
OTHER = FrameworkSpec(
    slug="other", title="Other", elements=(ElementSpec("X", "skill", None, title="Risk"),)
)


def build() -> SimpleNamespace:
    mini = load_framework(MINI).framework
    other = load_framework(OTHER).framework
    code = {e.code: e for e in Element.objects.filter(framework__in=[mini, other])}
    unit = OrgUnit.objects.create(code="u", name="Unit")
    role = RoleProfile.objects.create(code="pm", title="PM")
    RoleRequirement.objects.create(role=role, element=code["SK1"], target_level=3)

    def person(name: str) -> Person:
        user = User.objects.create_user(name)
        return Person.objects.create(user=user, employee_id=name, unit=unit, current_role=role)

    p1, p2 = person("p1"), person("p2")
    earlier = timezone.now() - timedelta(days=30)
    rows = [
        Rating.objects.create(person=p1, element=code["SK1"], level=3, source="self"),
        Rating.objects.create(person=p1, element=code["SK1"], level=2, source="self"),
        Rating.objects.create(person=p1, element=code["SK1"], level=3, source="manager"),
        Rating.objects.create(person=p2, element=code["SK1"], level=3, source="self"),
    ]
    # The first self rating is older (the demo loader's way: Rating's own queryset refuses).
    Rating._base_manager.filter(pk=rows[0].pk).update(created_at=earlier)
    plan = Plan.objects.create(person=p1, title="Grow")
    Objective.objects.create(
        plan=plan, element=code["SK2"], target_level=2, measure="m", due_on=date(2030, 1, 1)
    )
    Association.objects.create(
        kind="exactMatchOf", origin=code["SK2"], destination=code["X"], status="confirmed"
    )
    evidence = Evidence.objects.create(
        owner=p2, kind="account", title="Plan of the move", occurred_on=date(2024, 5, 1)
    )
    EvidenceLink.objects.create(evidence=evidence, element=code["SK1.L2"])
    return SimpleNamespace(mini=mini, other=other, code=code, role=role, p1=p1, p2=p2, plan=plan)


def framework(slug: str = "mini") -> Framework:
    return Framework.objects.get(slug=slug)
