"""Who an organisation view covers, decided once for pages, the API and the command line.

The access rule of `people/access.py`, narrowed to the two relations that give an organisation
view: a line manager sees their whole reporting subtree, an HR admin the units they administer
(and every unit below); an active superuser (and the command line) everything. Everyone else
has no organisation view at all (403: a role they lack, decided before anything is looked up).
A unit or manager outside the viewer's reach answers 404, like a hidden person.

Aggregates over a unit are shown to a viewer outside that unit only when it has at least
`settings.MIN_GROUP_SIZE` people (`hidden_groups`), so that a small unit's figures cannot
reveal an individual. People are always selected by subqueries, never by lists of ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from skillframe.people.access import Reach, Viewer, is_active_superuser, is_hr_admin, person_of
from skillframe.people.models import OrgUnit, Person
from skillframe.people.querysets import PersonQuerySet, subtree_of

ORG_REACH = Reach.REPORTS | Reach.HR


def has_org_view(user: Viewer) -> bool:
    """HR admins, line managers (someone reports to them) and active superusers."""
    if not user.is_authenticated:
        return False
    if is_hr_admin(user):
        return True
    return Person.objects.filter(manager__user_id=user.pk).exists()


def ensure_org_view(user: Viewer) -> None:
    if not has_org_view(user):
        raise PermissionDenied("organisation views are for line managers and HR admins")


def reach(user: Viewer) -> PersonQuerySet:
    """Everyone whose ratings `user` may see aggregated: reports (whole subtree) and HR scope."""
    return Person.objects.reachable_by(user, ORG_REACH)


@dataclass
class Scope:
    """The people a view covers and how its unit rows group them."""

    kind: str  # "unit", "manager" or "org"
    label: str
    people: PersonQuerySet
    unit: OrgUnit | None = None
    manager: Person | None = None

    def query(self) -> dict[str, str]:
        """The scope as URL query parameters (links that drill down or export keep it)."""
        if self.unit is not None:
            return {"unit": self.unit.code}
        if self.manager is not None:
            return {"manager": self.manager.employee_id}
        return {"org": "1"}

    def bucket_roots(self) -> QuerySet[OrgUnit]:
        """Units whose children (each with its subtree) are the rows of a by-unit view: the
        chosen unit, or for a manager or the organisation the top units above the people."""
        if self.unit is not None:
            return OrgUnit.objects.filter(pk=self.unit.pk)
        return OrgUnit.objects.filter(parent__isnull=True)


def resolve(user: Viewer | None, *, unit: str = "", manager: str = "", org: bool = False) -> Scope:
    """The scope asked for, within the viewer's reach: exactly one of unit, manager, org.
    `user` None is the command line, which sees the whole organisation.

    PermissionDenied when the viewer has no organisation view; Http404 for a unit or manager
    they do not reach (or that does not exist); ValueError for a wrong combination."""
    if user is not None:
        ensure_org_view(user)
    if sum((bool(unit), bool(manager), bool(org))) != 1:
        raise ValueError("give exactly one of unit, manager or org")
    people = reach(user) if user is not None else Person.objects.all()
    if unit:
        found = OrgUnit.objects.filter(code=unit).first()
        if found is None:
            raise Http404("no such unit")
        inside = people.filter(unit_id__in=subtree_of(found.pk))
        administered = user is None or (
            OrgUnit.objects.administered_by(user).filter(pk=found.pk).exists()
        )
        if not administered and not inside.exists():
            raise Http404("no such unit")
        return Scope("unit", found.name, inside, unit=found)
    if manager:
        boss = (
            Person.objects.select_related("user")
            .filter(employee_id=manager)
            .filter(Q(pk__in=people.values("pk")) | Q(user_id=user.pk if user else None))
            .first()
        )
        if boss is None:
            raise Http404("no such manager")
        team = people.filter(pk__in=Person.objects.reports_of(boss).values("pk"))
        return Scope("manager", f"Team of {boss.name}", team, manager=boss)
    return Scope("org", "Organisation", people)


def min_group_size() -> int:
    return int(settings.MIN_GROUP_SIZE)


def hidden_groups(user: Viewer, sizes: dict[int, int]) -> set[int]:
    """Unit ids (of `sizes`: unit id → people aggregated) whose aggregate `user` may not see:
    fewer than MIN_GROUP_SIZE people, and the viewer neither in that unit (or one below) nor
    its HR admin. Two queries, whatever the number of units."""
    small = {unit for unit, n in sizes.items() if n < min_group_size()}
    if not small or is_active_superuser(user):
        return set()
    me = person_of(user)
    inside: set[int] = set()
    if me is not None:
        inside = set(OrgUnit.objects.above(me.unit_id).values_list("pk", flat=True))
    administered = set(
        OrgUnit.objects.administered_by(user).filter(pk__in=small).values_list("pk", flat=True)
    )
    return small - inside - administered
