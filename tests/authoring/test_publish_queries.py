"""Publishing costs a fixed number of queries however many ratings it carries (set-based
INSERT … SELECT), and the carried rows match the originals one to one."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from skillframe.assessments.models import Rating
from skillframe.authoring import mapping
from skillframe.authoring.drafts import start_draft
from skillframe.authoring.models import CarriedRating
from skillframe.authoring.publish import publish
from skillframe.frameworks.models import Element
from skillframe.people.models import Person
from tests.authoring.small import build

pytestmark = pytest.mark.django_db


def _more_people(small: Any, n: int) -> None:
    unit = small.p1.unit
    sk1, sk2 = small.code["SK1"], small.code["SK2"]
    for i in range(n):
        user = User.objects.create_user(f"extra{i}")
        person = Person.objects.create(user=user, employee_id=f"x{i}", unit=unit)
        Rating.objects.bulk_create(
            [
                Rating(person=person, element=sk1, level=1 + i % 3, source="self"),
                Rating(person=person, element=sk2, level=2, source="manager"),
            ]
        )


def _publish_queries(small: Any) -> int:
    draft = start_draft(small.mini, None)
    mapping.confirm_all(small.mini, draft, AnonymousUser())
    with CaptureQueriesContext(connection) as queries:
        publish(small.mini, draft, None)
    return len(queries)


@pytest.mark.parametrize("extra", [0, 40])
def test_publish_query_count_is_constant(extra: int) -> None:
    small = build()
    _more_people(small, extra)
    before = Rating.objects.count()
    count = _publish_queries(small)
    assert count <= 50, count
    # One new row per (person, element, source) newest rating: 4 - 1 older self + 2 per extra.
    assert Rating.objects.count() == before + 3 + 2 * extra
    assert CarriedRating.objects.count() == 3 + 2 * extra
    pairs = CarriedRating.objects.values_list(
        "rating__person_id",
        "from_rating__person_id",
        "rating__level",
        "from_rating__level",
        "rating__source",
        "from_rating__source",
        "rating__element__code",
        "from_element__code",
    )
    for new_p, old_p, new_l, old_l, new_s, old_s, new_c, old_c in pairs:
        assert (new_p, new_l, new_s, new_c) == (old_p, old_l, old_s, old_c)


def test_the_count_does_not_grow() -> None:
    """Version 2 with the small set of ratings, then version 3 with 120 more: same count."""
    small = build()
    first = _publish_queries(small)
    small2 = build_again()
    _more_people(small2, 60)
    assert _publish_queries(small2) == first


def build_again() -> Any:
    """A second small framework set-up in a fresh transaction is not possible here: reuse the
    published one by drafting version 3 after adding ratings on version 2."""
    from types import SimpleNamespace

    from skillframe.frameworks.models import Framework

    mini = Framework.objects.get(slug="mini")
    code = {e.code: e for e in Element.objects.filter(framework=mini)}
    p1 = Person.objects.get(employee_id="p1")
    return SimpleNamespace(mini=mini, code=code, p1=p1)
