"""The maintained current-rating table (LatestRating) equals `Rating.objects.current` always.

Random histories (hypothesis): ratings appended one by one through `Rating.save` (the per-write
refresh), some back-dated afterwards onto a few shared instants (ties, out-of-order history,
as the demo does) and then refreshed per person or rebuilt; after every step the table must
hold exactly what `current` derives from the history.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillframe.assessments import latest
from skillframe.assessments.models import CurrentRating, LatestRating, Rating, Source
from skillframe.assessments.ratings import record_rating
from skillframe.frameworks.models import Element

LEVEL_CODES = ["PPM-PPL", "BACM-SMC"]
ITEM_CODES = ["INSML005.P1"]
SOURCES = [Source.SELF, Source.MANAGER, Source.ASSESSOR, Source.IMPORT]
BASE = datetime(2026, 1, 1, 9, 0)


def expected(person_ids: list[int]) -> dict[tuple[int, int], tuple[Any, ...]]:
    """What `Rating.objects.current` says, as the table's columns."""

    def row(entry: CurrentRating) -> tuple[Any, ...]:
        own, checked, best = entry.self_rating, entry.validated, entry.best
        assert best is not None
        return (
            own.pk if own else None,
            own.level if own else None,
            own.competence if own else "",
            own.created_at if own else None,
            checked.pk if checked else None,
            checked.level if checked else None,
            checked.competence if checked else "",
            checked.source if checked else "",
            checked.rater_id if checked else None,
            checked.created_at if checked else None,
            best.level,
            best.competence,
            checked is not None,
            best.next_review_on,
        )

    return {key: row(entry) for key, entry in Rating.objects.current(person_ids).items()}


def stored() -> dict[tuple[int, int], tuple[Any, ...]]:
    fields = [
        "self_rating_id",
        "self_level",
        "self_competence",
        "self_at",
        "validated_rating_id",
        "validated_level",
        "validated_competence",
        "validated_source",
        "validated_by_id",
        "validated_at",
        "best_level",
        "best_competence",
        "is_validated",
        "next_review_on",
    ]
    return {
        (row[0], row[1]): tuple(row[2:])
        for row in LatestRating.objects.values_list("person_id", "element_id", *fields)
    }


def assert_table_is_current(person_ids: list[int]) -> None:
    assert stored() == expected(person_ids)
    assert latest.check().ok


write = st.tuples(
    st.just("write"),
    st.integers(0, 2),  # person
    st.integers(0, 2),  # element (two rated by level, one by competence)
    st.sampled_from(SOURCES),
    st.integers(1, 5),  # level, or competent / not yet
    st.booleans(),  # a next review date or none
)
backdate = st.tuples(
    st.just("backdate"),
    st.integers(0, 30),  # how far back the newest written rating goes
    st.integers(0, 2),  # onto one of three shared instants: ties happen
    st.sampled_from(["people", "rebuild"]),
    st.integers(0, 1),  # 1: every rating written so far onto that instant (all tied)
    st.just(False),
)


@pytest.fixture
def cast(personas: Any) -> tuple[list[Any], list[Element]]:
    people = [personas.alice, personas.bob, personas.eve]
    elements = [Element.objects.get(code=code) for code in LEVEL_CODES + ITEM_CODES]
    return people, elements


@settings(
    deadline=None,
    max_examples=80,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.one_of(write, backdate), min_size=1, max_size=25))
def test_table_equals_current_after_random_writes(
    cast: tuple[list[Any], list[Element]], personas: Any, steps: list[tuple[Any, ...]]
) -> None:
    people, elements = cast
    ids = [p.pk for p in people]
    with transaction.atomic():
        written: list[Rating] = []
        for kind, a, b, c, d, e in steps:
            if kind == "write":
                element = elements[b]
                by_level = element.code in LEVEL_CODES
                written.append(
                    Rating.objects.create(
                        person=people[a],
                        element=element,
                        source=c,
                        level=d if by_level else None,
                        competence="" if by_level else ("competent" if d > 2 else "not-yet"),
                        rater=personas.bob.user if c != Source.SELF else people[a].user,
                        next_review_on=date(2027, 1, d) if e else None,
                    )
                )
            elif written:
                # As the demo's back-dating: a plain QuerySet (Rating's own refuses updates).
                plain: models.QuerySet[Rating] = models.QuerySet(model=Rating)
                when = timezone.make_aware(BASE + timedelta(minutes=b))
                chosen = written if d else [written[-1 - min(a, len(written) - 1)]]
                plain.filter(pk__in=[r.pk for r in chosen]).update(created_at=when)
                if c == "people":
                    latest.refresh_people(ids)
                else:
                    latest.rebuild()
            assert_table_is_current(ids)
        transaction.set_rollback(True)


def test_record_rating_keeps_the_row_current_in_its_transaction(personas: Any) -> None:
    alice, bob = personas.alice, personas.bob
    skill = Element.objects.select_related("framework").get(code="PPM-PPL")
    record_rating(alice.user, alice, skill, "self", level=3)
    row = LatestRating.objects.get(person=alice, element=skill)
    assert (row.self_level, row.best_level, row.is_validated) == (3, 3, False)
    record_rating(bob.user, alice, skill, "manager", level=2, comment="Not yet at 3")
    row.refresh_from_db()
    assert (row.self_level, row.validated_level, row.best_level) == (3, 2, 2)
    assert (row.validated_source, row.validated_by_id, row.is_validated) == (
        "manager",
        bob.user.pk,
        True,
    )
    assert row.next_review_on is not None  # the manager rating's review date
    # A failed write leaves the row as it was (same transaction as the rating).
    with pytest.raises(RuntimeError), transaction.atomic():
        record_rating(alice.user, alice, skill, "self", level=4)
        raise RuntimeError("roll back")
    row.refresh_from_db()
    assert row.self_level == 3
    assert_table_is_current([alice.pk, bob.pk])


def test_an_import_stands_in_only_when_newer_than_the_validated_rating(personas: Any) -> None:
    alice, bob = personas.alice, personas.bob
    skill = Element.objects.get(code="BACM-SMC")
    Rating.objects.create(person=alice, element=skill, source="import", level=2)
    row = LatestRating.objects.get(person=alice, element=skill)
    assert (row.self_level, row.best_level, row.is_validated) == (2, 2, False)
    Rating.objects.create(person=alice, element=skill, source="manager", level=4, rater=bob.user)
    row.refresh_from_db()
    assert (row.self_rating_id, row.best_level) == (None, 4)  # the older import no longer counts
    Rating.objects.create(person=alice, element=skill, source="import", level=1)
    row.refresh_from_db()
    assert (row.self_level, row.validated_level, row.best_level) == (1, 4, 4)
    assert_table_is_current([alice.pk])


def test_rebuild_and_check_commands(personas: Any) -> None:
    alice = personas.alice
    skill = Element.objects.get(code="PPM-PPL")
    Rating.objects.create(person=alice, element=skill, source="self", level=2)
    out = StringIO()
    call_command("current-ratings", "check", stdout=out)
    assert "matches the history: 1 rows" in out.getvalue()
    # Damage the table: check names the pair and fails; rebuild repairs it.
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {latest.TABLE} SET best_level = 5")
        cursor.execute(
            f"INSERT INTO {latest.TABLE} (person_id, element_id, self_competence,"
            " validated_competence, validated_source, best_competence, is_validated, updated_at)"
            " VALUES (%s, %s, '', '', '', '', %s, %s)",
            [personas.eve.pk, skill.pk, False, timezone.now()],
        )
    with pytest.raises(CommandError, match=r"1 row\(s\) missing .* 2 row\(s\) extra .*"):
        call_command("current-ratings", "check", stdout=StringIO())
    out = StringIO()
    call_command("current-ratings", "rebuild", stdout=out)
    assert "Rebuilt the current-rating table: 1 rows" in out.getvalue()
    call_command("current-ratings", "check", stdout=StringIO())
    assert_table_is_current([alice.pk, personas.eve.pk])


def test_column_names_match_the_model() -> None:
    # latest.py spells the table and columns out (it imports no model).
    meta = LatestRating._meta
    assert meta.db_table == latest.TABLE
    assert Rating._meta.db_table == latest.HISTORY
    columns = {f.column for f in meta.concrete_fields} - {"id"}
    assert set(latest.COLUMNS) | {"updated_at"} == columns
