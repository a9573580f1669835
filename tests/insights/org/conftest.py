"""The hand-computed small organisation of the organisation views (docs/org-insights.md).

    acme (Acme)                    hana: HR admin of acme (person in acme, no role)
    ├── eng (Engineering)          mia: manager of ann, ben, cal; role dev-lead
    │   │                          ann: role dev-lead
    │   └── platform (Platform)    ben, cal: role dev-lead; dan: role dev-lead, manager cal
    └── sales (Sales)              sam: role dev-lead, no manager

Role dev-lead: PPM-PPL level 3, BACM-SMC level 3, NOS INSML005 (every item competent).
Role head (nobody holds it): PPM-PPL level 4, BACM-SMC level 3.

Current ratings (self → validated by manager; "—" none):
    person  PPM-PPL        BACM-SMC        INSML005
    ann     3 → 3 (mia)    4 → 2 (mia)     unit judged competent by mia
    ben     2 (self only)  3 → 3 (mia)     one item competent, one not yet, by mia
    cal     2 → 4 (mia)    — → 3 (mia)     —
    dan     3 → 2 (cal)    3 (self only)   —
    sam     3 (self only)  —               —
    mia, hana: nothing.
INSML005 has ITEMS items (criteria and knowledge items; counted from the catalogue in the
tests, `items` fixture), so ben's share is 1/ITEMS with ITEMS − 1 missing.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import User

from skillframe.assessments.ratings import record_rating
from skillframe.frameworks.models import Element
from skillframe.people.models import OrgUnit, Person, RoleProfile, RoleRequirement

PASSWORD = "correct-horse-battery-staple"


def make_person(username: str, unit: OrgUnit, **fields: Any) -> Person:
    first = username.capitalize()
    user = User.objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=first, last_name="Test"
    )
    return Person.objects.create(user=user, employee_id=f"E-{username}", unit=unit, **fields)


@pytest.fixture
def org(seeded: Any) -> SimpleNamespace:
    return build_org()


def build_org() -> SimpleNamespace:
    """The organisation of this module's docstring (frameworks loaded)."""
    acme = OrgUnit.objects.create(code="acme", name="Acme")
    eng = OrgUnit.objects.create(code="eng", name="Engineering", parent=acme)
    platform = OrgUnit.objects.create(code="platform", name="Platform", parent=eng)
    sales = OrgUnit.objects.create(code="sales", name="Sales", parent=acme)
    ppl, smc, ins = (Element.objects.get(code=c) for c in ("PPM-PPL", "BACM-SMC", "INSML005"))
    lead = RoleProfile.objects.create(code="dev-lead", title="Development lead")
    for position, (element, level) in enumerate([(ppl, 3), (smc, 3), (ins, None)], start=1):
        RoleRequirement.objects.create(
            role=lead, element=element, target_level=level, position=position
        )
    head = RoleProfile.objects.create(code="head", title="Head of engineering")
    for position, (element, level) in enumerate([(ppl, 4), (smc, 3)], start=1):
        RoleRequirement.objects.create(
            role=head, element=element, target_level=level, position=position
        )
    hana = make_person("hana", acme)
    hana.hr_units.add(acme)
    mia = make_person("mia", eng, current_role=lead)
    ann = make_person("ann", eng, manager=mia, current_role=lead)
    ben = make_person("ben", platform, manager=mia, current_role=lead)
    cal = make_person("cal", platform, manager=mia, current_role=lead)
    dan = make_person("dan", platform, manager=cal, current_role=lead)
    sam = make_person("sam", sales, current_role=lead)
    items = list(Element.objects.items_of([ins.pk]))

    def rate(rater: Person, person: Person, element: Element, **value: Any) -> None:
        source = "self" if rater == person else "manager"
        record_rating(rater.user, person, element, source, comment="agreed", **value)

    rate(ann, ann, ppl, level=3)
    rate(mia, ann, ppl, level=3)
    rate(ann, ann, smc, level=4)
    rate(mia, ann, smc, level=2)
    rate(mia, ann, ins, competence="competent")
    rate(ben, ben, ppl, level=2)
    rate(ben, ben, smc, level=3)
    rate(mia, ben, smc, level=3)
    rate(mia, ben, items[0], competence="competent")
    rate(mia, ben, items[1], competence="not-yet")
    rate(cal, cal, ppl, level=2)
    rate(mia, cal, ppl, level=4)
    rate(mia, cal, smc, level=3)
    rate(dan, dan, ppl, level=3)
    rate(cal, dan, ppl, level=2)
    rate(dan, dan, smc, level=3)
    rate(sam, sam, ppl, level=3)
    return SimpleNamespace(
        acme=acme,
        eng=eng,
        platform=platform,
        sales=sales,
        lead=lead,
        head=head,
        hana=hana,
        mia=mia,
        ann=ann,
        ben=ben,
        cal=cal,
        dan=dan,
        sam=sam,
        items=len(items),
        ppl=ppl,
        smc=smc,
        ins=ins,
    )
