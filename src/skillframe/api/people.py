"""People and org units. Every read goes through the access rule (`Person.objects.visible_to`,
`people.access.get_person_for`): a person the caller may not see is a 404, exactly as in the app."""

from typing import Any, NamedTuple

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.pagination import paginate

from skillframe.api import people_updates
from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.ordering import ordered
from skillframe.api.pagination import Paged
from skillframe.api.people_schemas import OrgUnitOut, PersonFilters, PersonOut, PersonPatch
from skillframe.api.schemas import ErrorOut
from skillframe.people.access import Viewer, get_person_for
from skillframe.people.models import OrgUnit, Person
from skillframe.people.querysets import PersonQuerySet

router = Router(auth=USER_AUTH, tags=["people"])


_RELATED = ("user", "unit", "manager__user", "current_role", "target_role")


ORDER_FIELDS = {
    "employee_id": ("employee_id",),
    "name": ("user__last_name", "user__first_name"),
    "job_title": ("job_title",),
    "unit": ("unit__code",),
}


class _Unit(NamedTuple):
    pk: int
    code: str
    name: str
    parent_id: int | None


def _people(user: Viewer) -> PersonQuerySet:
    return Person.objects.visible_to(user).select_related(*_RELATED)


def visible_person(user: Viewer, employee_id: str) -> Person:
    """The person with this employee id if `user` may see them; 404 otherwise."""
    return get_person_for(user, employee_id, related=_RELATED)


@router.get(
    "/people",
    response=list[PersonOut],
    summary="People the caller may see (self, reports, HR scope, learners)",
)
@paginate(Paged)
def list_people(request: HttpRequest, filters: Query[PersonFilters]) -> QuerySet[Person]:
    people = _people(request.user)
    if filters.editable:
        people = people.filter(pk__in=Person.objects.editable_by(request.user).values("pk"))
    if filters.unit:
        unit = get_object_or_404(OrgUnit, code=filters.unit)
        people = people.in_unit_subtree(unit)
    if filters.manager:
        people = people.filter(manager__employee_id=filters.manager)
    if filters.q:
        words = Q()
        for word in filters.q.split():
            words &= (
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(user__username__icontains=word)
                | Q(employee_id__icontains=word)
                | Q(job_title__icontains=word)
            )
        people = people.filter(words)
    return ordered(people, filters.order, ORDER_FIELDS)


@router.get(
    "/people/{employee_id}",
    response={200: PersonOut, 404: ErrorOut},
    summary="One person (404 when the caller may not see them)",
)
def get_person(request: HttpRequest, employee_id: str) -> Person:
    return visible_person(request.user, employee_id)


@router.patch(
    "/people/{employee_id}",
    response={200: PersonOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Change a person's job title, unit, manager or roles (HR; anyone: own target_role)",
)
def patch_person(request: HttpRequest, employee_id: str, payload: PersonPatch) -> Person:
    person = visible_person(request.user, employee_id)
    people_updates.patch_person(request.user, person, payload.model_dump(exclude_unset=True))
    # Re-read with its related rows: the caller just changed it, so no second access check.
    return Person.objects.select_related(*_RELATED).get(pk=person.pk)


@router.get(
    "/org-units",
    response=list[OrgUnitOut],
    summary="The org unit tree, depth first, each unit with its parent's code",
)
def list_org_units(request: HttpRequest) -> list[dict[str, Any]]:
    fields = ("pk", "code", "name", "parent_id")
    units = [_Unit(*row) for row in OrgUnit.objects.values_list(*fields)]
    by_pk = {unit.pk: unit for unit in units}
    children: dict[int | None, list[_Unit]] = {}
    for unit in units:  # already ordered by name
        children.setdefault(unit.parent_id, []).append(unit)
    rows: list[dict[str, Any]] = []
    stack = [(unit, 0) for unit in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        parent = by_pk.get(unit.parent_id) if unit.parent_id is not None else None
        rows.append(
            {
                "code": unit.code,
                "name": unit.name,
                "parent": parent.code if parent else None,
                "depth": depth,
            }
        )
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.pk, [])))
    return rows
