"""The organisation's scopes as SQL: units below units, people below people, and who reaches whom.

Every scope is one subquery with a fixed number of parameters: a recursive common table
expression (WITH RECURSIVE, run by SQLite and PostgreSQL alike) walks the unit tree or the
reporting chain inside the database. A list filtered by a scope therefore costs one query and
sends the same few parameters whether the organisation has ten people or a hundred thousand;
no list of ids ever travels from the database to Python and back. The walks use UNION, not
UNION ALL, so they stop even if bad data made a loop.

Two directions, for two jobs:
- down (`subtree`, `reports_of`, `reachable_by`): the set of units or people below someone,
  for list pages and for filtering other tables by person (`person__in=...`);
- up (`reached_by`, `person_check`, `relation_q`, `OrgUnitQuerySet.above`): from each row to
  the few managers and units above it, for one person or a few (`people.access.get_person_for`,
  `manages`), which then cost the depth of the trees per row, not the size of the organisation.

Who may see what is described in `people/access.py`; the querysets here are its SQL.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Sequence
from functools import cache, reduce
from typing import TYPE_CHECKING, Any, NamedTuple

from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.db.models.expressions import RawSQL

if TYPE_CHECKING:
    from skillframe.people.models import OrgUnit, Person

# The signed-in user (or an anonymous visitor) whose access is being decided.
Viewer = User | AnonymousUser


def is_active_superuser(user: Viewer) -> bool:
    """Superusers see and change everything, while their account is active."""
    return bool(user.is_superuser and user.is_active)


class Reach(enum.Flag):
    """The ways a user reaches a person (see people/access.py)."""

    SELF = enum.auto()  # their own record
    REPORTS = enum.auto()  # direct and indirect reports: the line manager
    HR = enum.auto()  # people in the units they administer and every unit below: HR admin
    LEARNERS = enum.auto()  # their assigned learners: the assessor

    @classmethod
    def everything(cls) -> Reach:
        return cls.SELF | cls.REPORTS | cls.HR | cls.LEARNERS


class _Tables(NamedTuple):
    """Table and column names, read from the models so the SQL follows any rename."""

    person: str
    person_user: str
    person_manager: str
    person_unit: str
    unit: str
    unit_parent: str
    hr: str  # person ⇄ administered unit
    hr_person: str
    hr_unit: str


@cache
def _tables() -> _Tables:
    from django.apps import apps

    person = apps.get_model("people", "Person")
    unit = apps.get_model("people", "OrgUnit")
    hr_units = person._meta.get_field("hr_units")
    return _Tables(
        person=person._meta.db_table,
        person_user=person._meta.get_field("user").column,
        person_manager=person._meta.get_field("manager").column,
        person_unit=person._meta.get_field("unit").column,
        unit=unit._meta.db_table,
        unit_parent=unit._meta.get_field("parent").column,
        hr=hr_units.m2m_db_table(),
        hr_person=hr_units.m2m_column_name(),
        hr_unit=hr_units.m2m_reverse_name(),
    )


def _subtree_sql(roots: str) -> str:
    """Unit ids: the units `roots` (SQL selecting unit ids) selects and every unit below them."""
    t = _tables()
    return (
        f"WITH RECURSIVE subtree(id) AS ({roots} "
        f"UNION SELECT u.id FROM {t.unit} u JOIN subtree s ON u.{t.unit_parent} = s.id) "
        "SELECT id FROM subtree"
    )


def _hr_roots_sql() -> str:
    """Unit ids a user administers directly (parameter: the user id)."""
    t = _tables()
    return (
        f"SELECT h.{t.hr_unit} FROM {t.hr} h JOIN {t.person} me ON me.id = h.{t.hr_person} "
        f"WHERE me.{t.person_user} = %s"
    )


def _reports_sql(boss: str) -> str:
    """Person ids below the people `boss` (SQL selecting person ids) selects, not themselves."""
    t = _tables()
    return (
        f"WITH RECURSIVE boss(id) AS ({boss}), chain(id) AS ("
        f"SELECT p.id FROM {t.person} p JOIN boss b ON p.{t.person_manager} = b.id "
        f"UNION SELECT p.id FROM {t.person} p JOIN chain c ON p.{t.person_manager} = c.id) "
        "SELECT id FROM chain WHERE id NOT IN (SELECT id FROM boss)"
    )


# Where a walk up or down the unit tree starts: one unit id, or a one-column queryset of them.
Start = int | models.QuerySet[Any]


def _start_sql(start: Start) -> tuple[str, Sequence[Any]]:
    if isinstance(start, int):
        # Read from the table, so the id has the column's type (PostgreSQL's recursive UNION
        # refuses an integer literal where the walk yields bigints).
        return f"SELECT id FROM {_tables().unit} WHERE id = %s", (start,)
    sql, params = start.order_by().query.sql_with_params()
    return sql, params


def subtree_of(roots: Start) -> RawSQL:
    """The units `roots` names with every unit below them, for `unit_id__in=`."""
    sql, params = _start_sql(roots)
    return RawSQL(_subtree_sql(sql), params)


def administered_units(user: Viewer) -> RawSQL:
    """Units `user` administers as HR, with every unit below them, for `unit_id__in=`."""
    return RawSQL(_subtree_sql(_hr_roots_sql()), [user.pk])


def reports_of_user(user: Viewer) -> RawSQL:
    """Direct and indirect reports of `user`'s person, for `pk__in=`."""
    t = _tables()
    return RawSQL(_reports_sql(f"SELECT id FROM {t.person} WHERE {t.person_user} = %s"), [user.pk])


def ancestors_sql(start: Start) -> RawSQL:
    """The units `start` names with every unit above them (the tree's depth, not its size)."""
    t = _tables()
    sql, params = _start_sql(start)
    return RawSQL(
        f"WITH RECURSIVE up(id) AS ({sql} "
        f"UNION SELECT u.{t.unit_parent} FROM {t.unit} u JOIN up ON u.id = up.id "
        f"WHERE u.{t.unit_parent} IS NOT NULL) SELECT id FROM up",
        params,
    )


class _WalkUp(models.Expression):
    """EXISTS (...) true when walking up from a column of the row (its manager, or its unit)
    reaches the viewer. The walk is correlated to the row, so the database walks once per row:
    the depth of the tree for one person or a page of them. For a whole organisation use the
    set form (`reachable_by`), which walks down once."""

    output_field = models.BooleanField()

    def __init__(self, template: str, columns: Sequence[Any], user_id: int) -> None:
        super().__init__()
        self.template, self.columns, self.user_id = template, list(columns), user_id

    def get_source_expressions(self) -> list[Any]:
        return self.columns

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.columns = list(exprs)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        compiled = [compiler.compile(column) for column in self.columns]
        # Columns compile to plain column names, so the viewer's id is the only parameter.
        assert not any(params for _, params in compiled), "columns only"
        return self.template.format(*(sql for sql, _ in compiled)), (self.user_id,)


def _managed_by(manager: Any, row: Any, user_id: int) -> _WalkUp:
    """The viewer is in the chain of managers above the row ({0}: its manager, {1}: itself)."""
    t = _tables()
    return _WalkUp(
        "EXISTS (WITH RECURSIVE up(id) AS (SELECT {0} "
        f"UNION SELECT p.{t.person_manager} FROM {t.person} p JOIN up ON p.id = up.id) "
        f"SELECT 1 FROM {t.person} me WHERE me.{t.person_user} = %s AND me.id <> {{1}} "
        "AND me.id IN (SELECT id FROM up))",
        [manager, row],
        user_id,
    )


def _administered_by(unit: Any, user_id: int) -> _WalkUp:
    """The viewer administers the row's unit ({0}) or a unit above it."""
    t = _tables()
    return _WalkUp(
        "EXISTS (WITH RECURSIVE up(id) AS (SELECT {0} "
        f"UNION SELECT u.{t.unit_parent} FROM {t.unit} u JOIN up ON u.id = up.id "
        f"WHERE u.{t.unit_parent} IS NOT NULL) SELECT 1 FROM {t.hr} h "
        f"JOIN {t.person} me ON me.id = h.{t.hr_person} WHERE me.{t.person_user} = %s "
        f"AND h.{t.hr_unit} IN (SELECT id FROM up))",
        [unit],
        user_id,
    )


def relation_q(user: Viewer, reach: Reach, field: str = "") -> models.Q:
    """A condition on each row: `user` stands in one of the relations of `reach` to the person
    the row is (`field` "") or points at (`field` "person", "plan__person"), found by walking up
    from that person, so it costs the depth of the trees per row. No superuser's power here:
    relations only (see `person_check`)."""
    from django.apps import apps

    person = apps.get_model("people", "Person")
    nobody = models.Q(pk__in=[])
    viewer: int | None = user.pk
    if viewer is None:  # anonymous: no relations
        return nobody
    path = f"{field}__" if field else ""
    row = f"{field}_id" if field else "pk"
    ways: list[models.Q] = []
    if Reach.SELF in reach:
        ways.append(models.Q(**{f"{path}user_id": viewer}))
    if Reach.REPORTS in reach:
        manager = models.F(f"{path}manager_id")
        ways.append(models.Q(_managed_by(manager, models.F(row), viewer)))
    if Reach.HR in reach:
        ways.append(models.Q(_administered_by(models.F(f"{path}unit_id"), viewer)))
    if Reach.LEARNERS in reach:
        assessor = person.learners.through.objects.filter(
            from_person__user_id=viewer, to_person_id=models.OuterRef(row)
        )
        ways.append(models.Q(models.Exists(assessor)))
    return reduce(operator.or_, ways, nobody)


def person_check(user: Viewer, reach: Reach, field: str = "") -> models.Q:
    """`person_scope` asked row by row, walking up from each row's person: for one row or a
    few (a lookup by id, a page), whatever the size of the organisation."""
    if is_active_superuser(user):
        return models.Q()
    if not user.is_authenticated:
        return models.Q(pk__in=[])
    return relation_q(user, reach, field)


def person_scope(user: Viewer, reach: Reach, field: str = "person") -> models.Q:
    """A filter for rows of another table (ratings, plans) whose `field` is a person `user`
    reaches in one of the ways of `reach`: one subquery; no condition for a superuser."""
    if is_active_superuser(user):
        return models.Q()
    from django.apps import apps

    person = apps.get_model("people", "Person")
    people = person.objects.reachable_by(user, reach).order_by().values("pk")
    return models.Q(**{f"{field}__in": people})


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def subtree(self, roots: Start) -> OrgUnitQuerySet:
        """The unit (or units: a one-column queryset of ids) and every unit below."""
        return self.filter(pk__in=subtree_of(roots))

    def administered_by(self, user: Viewer) -> OrgUnitQuerySet:
        """Units `user` may put people and units into: their HR units and all units below."""
        if is_active_superuser(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=administered_units(user))

    def above(self, start: Start) -> OrgUnitQuerySet:
        """The unit (or units: a one-column queryset of ids) and their ancestors to the top."""
        return self.filter(pk__in=ancestors_sql(start))


class PersonQuerySet(models.QuerySet["Person"]):
    def reachable_by(self, user: Viewer, reach: Reach) -> PersonQuerySet:
        """People `user` reaches in any of the ways in `reach`; superusers reach everyone."""
        if is_active_superuser(user):
            return self
        if not user.is_authenticated or not reach:
            return self.none()
        ways: list[models.Q] = []
        if Reach.SELF in reach:
            ways.append(models.Q(user_id=user.pk))
        if Reach.REPORTS in reach:
            ways.append(models.Q(pk__in=reports_of_user(user)))
        if Reach.HR in reach:
            ways.append(models.Q(unit_id__in=administered_units(user)))
        if Reach.LEARNERS in reach:
            learners = self.model.learners.through.objects.filter(from_person__user_id=user.pk)
            ways.append(models.Q(pk__in=learners.values("to_person_id")))
        return self.filter(reduce(operator.or_, ways))

    def visible_to(self, user: Viewer) -> PersonQuerySet:
        """People whose records and ratings `user` may read (people/access.py)."""
        return self.reachable_by(user, Reach.everything())

    def editable_by(self, user: Viewer) -> PersonQuerySet:
        """People whose records (name, unit, manager, roles) `user` may change: HR scope only."""
        return self.reachable_by(user, Reach.HR)

    def reached_by(self, user: Viewer, reach: Reach) -> PersonQuerySet:
        """The people of this queryset `user` reaches in one of the ways of `reach`, checked row
        by row walking up from each: the question `reachable_by` answers for lists, for one
        person or a few (a lookup by employee id, a page's links)."""
        return self.filter(person_check(user, reach))

    def reports_of(self, person: Person) -> PersonQuerySet:
        """The person's direct and indirect reports (not the person)."""
        return self.filter(pk__in=RawSQL(_reports_sql("SELECT %s"), [person.pk]))

    def in_unit_subtree(self, unit: OrgUnit) -> PersonQuerySet:
        """People in the unit or any unit below it."""
        return self.filter(unit_id__in=subtree_of(unit.pk))
