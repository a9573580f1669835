"""`skillframe demo --people N`: an organisation at scale, written set-based, obeying the rules
`record_rating` checks."""

from __future__ import annotations

from collections import Counter
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from skillframe.assessments import latest
from skillframe.assessments.models import Cycle, LatestRating, Rating, SelfAssessment
from skillframe.demo.scale import ROOT, build, build_tree
from skillframe.frameworks.models import Element
from skillframe.people.models import OrgUnit, Person, RoleRequirement


def test_tree_has_teams_of_about_eight() -> None:
    import random

    tree = build_tree(1000, random.Random(1))
    reports = Counter(m for m in tree.manager if m >= 0)
    sizes = sorted(reports.values())
    assert all(5 <= size <= 11 for size in sizes[1:])  # the last manager may have fewer
    assert 7 <= 999 / len(reports) <= 9
    assert len(tree.heads) == len(reports) + (0 not in reports)  # every manager heads a unit
    for person, boss in enumerate(tree.manager):
        if boss < 0:
            continue
        unit = tree.unit[person]
        if person in reports:  # a manager heads their own unit, below their manager's
            assert tree.heads[unit] == person and tree.parent[unit] == tree.unit[boss]
        else:  # anyone else is in their manager's unit
            assert unit == tree.unit[boss]


def test_demo_people_builds_an_organisation_that_follows_the_rules(seeded: Any) -> None:
    out, err = StringIO(), StringIO()
    call_command("demo", "--people", "120", "--seed", "4", stdout=out, stderr=err)
    assert "Built an organisation of 120 people" in out.getvalue()
    assert "ratings" in err.getvalue() and "120/120" in err.getvalue()  # the progress bar
    root = OrgUnit.objects.get(code=ROOT)
    people = Person.objects.filter(employee_id__startswith="SC-")
    assert people.count() == 120
    assert people.filter(manager__isnull=True).count() == 1
    assert list(Person.objects.filter(hr_units=root).values_list("employee_id", flat=True)) == [
        "SC-000000"
    ]
    units = OrgUnit.objects.filter(code__startswith="scale")
    assert units.count() == people.filter(reports__isnull=False).distinct().count()
    # Ratings: on the elements of the person's role (AXELOS skills at defined levels, NOS
    # items), manager ratings by the line manager, a comment wherever the manager adjusted.
    requirements: dict[int, set[int]] = {}
    for role_id, element_id in RoleRequirement.objects.values_list("role_id", "element_id"):
        requirements.setdefault(role_id, set()).add(element_id)
    items = Element.objects.item_ids_by_unit({e for s in requirements.values() for e in s})
    defined = Element.objects.defined_levels({e for s in requirements.values() for e in s})
    role_of = dict(people.values_list("pk", "current_role_id"))
    manager_user = dict(people.values_list("pk", "manager__user_id"))
    own = dict(people.values_list("pk", "user_id"))
    selves: dict[tuple[int, int, int | None], Rating] = {}
    ratings = list(Rating.objects.filter(person__in=people).order_by("created_at", "pk"))
    assert len(ratings) > 120 * 8
    for r in ratings:
        allowed = requirements[role_of[r.person_id]]
        ratable = allowed | {i for e in allowed for i in items.get(e, [])}
        assert r.element_id in ratable
        if r.level is not None:
            assert r.level in defined[r.element_id] and r.competence == ""
        else:
            assert r.competence in ("competent", "not-yet")
        if r.source == "self":
            assert r.rater_id == own[r.person_id]
            selves[(r.person_id, r.element_id, r.cycle_id)] = r
        else:
            assert r.source == "manager" and r.rater_id == manager_user[r.person_id]
            mine = selves[(r.person_id, r.element_id, r.cycle_id)]
            assert mine.created_at < r.created_at and r.next_review_on is not None
            if (mine.level, mine.competence) != (r.level, r.competence):
                assert r.comment
    cycles = Cycle.objects.filter(name__startswith="Scale review")
    assert sorted(cycles.values_list("status", flat=True)) == ["closed", "closed", "open"]
    states = set(SelfAssessment.objects.filter(person__in=people).values_list("status", flat=True))
    assert states == {"draft", "submitted", "reviewed"}
    assert latest.check().ok and LatestRating.objects.filter(person__in=people).count() > 0
    # New rows after the build get fresh ids (the sequences were reset).
    Rating.objects.create(person=people[0], element=ratings[0].element, source="import", level=2)
    with pytest.raises(CommandError, match="already loaded"):
        call_command("demo", "--people", "5", stdout=StringIO(), stderr=StringIO())


def test_queries_do_not_grow_with_the_number_of_people(seeded: Any) -> None:
    counts = []
    for size in (40, 400):
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                build(size, seed=2)
            counts.append(len(queries))
            transaction.set_rollback(True)
    # Ten times the people: the same statements (plus one per 5,000 rows written on SQLite),
    # nothing per person.
    assert counts[1] - counts[0] < 10
