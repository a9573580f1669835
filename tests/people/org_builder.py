"""A generated organisation for tests of the access rule at size (no frameworks needed).

A reporting tree `depth` levels below the CEO with `fanout` reports per manager; everyone down
to the third level heads a unit below their manager's unit, deeper people sit in their manager's
unit. Carol-like `hr` administers the top unit (everyone), `hr_one` the first division only,
`assessor` has three learners deep in the tree. Everything is inserted in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from skillframe.people.models import OrgUnit, Person

UNIT_LEVELS = 3


@dataclass
class Org:
    ceo: Person
    hr: Person
    hr_one: Person
    assessor: Person
    division: OrgUnit  # hr_one's unit: the first below the top
    deepest: Person  # a person on the lowest level, in the first division
    size: int  # people in the tree (not counting the HR admins and the assessor)


def build_org(fanout: int, depth: int, prefix: str = "g") -> Org:
    top = OrgUnit.objects.create(code=f"{prefix}-top", name="Top")
    counter = iter(range(10**9))

    def people(
        level: list[tuple[Person | None, OrgUnit]], count: int
    ) -> list[tuple[Person, OrgUnit]]:
        """`count` new people below each (manager, unit) of `level`, with units where due."""
        users = User.objects.bulk_create(
            [
                User(username=f"{prefix}{n}", first_name="P", last_name=f"{n:07d}")
                for n in (next(counter) for _ in range(len(level) * count))
            ]
        )
        rows = []
        for index, user in enumerate(users):
            manager, unit = level[index // count]
            rows.append(Person(user=user, employee_id=f"{prefix.upper()}-{user.username}",
                               unit=unit, manager=manager))  # fmt: skip
        return [(person, person.unit) for person in Person.objects.bulk_create(rows)]

    (ceo, _), = people([(None, top)], 1)  # fmt: skip
    level = [(ceo, top)]
    everyone = [ceo]
    for depth_now in range(1, depth + 1):
        level = people(level, fanout)
        everyone += [person for person, _ in level]
        if depth_now < UNIT_LEVELS:
            units = OrgUnit.objects.bulk_create(
                [
                    OrgUnit(code=f"{prefix}-u{person.pk}", name=f"Unit {person.pk}", parent=unit)
                    for person, unit in level
                ]
            )
            for (person, _), unit in zip(level, units, strict=True):
                person.unit = unit
            Person.objects.bulk_update([person for person, _ in level], ["unit"])
            level = [(person, person.unit) for person, _ in level]
    division = everyone[1].unit
    (hr, _), (hr_one, _), (assessor, _) = people([(None, top)], 3)
    hr.hr_units.add(top)
    hr_one.hr_units.add(division)
    deepest = level[0][0]  # below the first division's head
    assessor.learners.add(*[p for p, _ in level[:3]])
    return Org(ceo, hr, hr_one, assessor, division, deepest, len(everyone))
