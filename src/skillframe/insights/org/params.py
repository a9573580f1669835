"""What a heatmap request asks for, read once from query parameters for pages, the API and the
command line: the scope (unit, manager or organisation), the columns (a role, chosen elements,
or the role most people of the scope hold), rows by person or unit, filters and sorting.
Bad input raises ValidationError naming the parameter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from skillframe.insights.org.columns import (
    default_role,
    element_columns,
    framework_columns,
    role_columns,
)
from skillframe.insights.org.heatmap import Options
from skillframe.insights.org.kernel import SORTS, Column
from skillframe.insights.org.scope import Scope
from skillframe.people.models import RoleProfile

TRUE = ("1", "true", "yes", "on")


@dataclass
class HeatmapQuery:
    unit: str = ""
    manager: str = ""
    org: bool = False
    role: str = ""
    elements: list[str] = field(default_factory=list)
    framework: str = ""
    by: str = "person"
    options: Options = field(default_factory=Options)

    def scope_kwargs(self) -> dict[str, object]:
        return {"unit": self.unit, "manager": self.manager, "org": self.org}


def flag(params: Mapping[str, str], name: str) -> bool:
    return str(params.get(name, "")).strip().lower() in TRUE


def read(params: Mapping[str, str], default_manager: str = "") -> HeatmapQuery:
    """A HeatmapQuery from query parameters; with no scope given, the default manager's team
    (the viewer's own), else the organisation."""
    q = HeatmapQuery(
        unit=str(params.get("unit", "")).strip(),
        manager=str(params.get("manager", "")).strip(),
        org=flag(params, "org"),
        role=str(params.get("role", "")).strip(),
        elements=[c.strip() for c in str(params.get("elements", "")).split(",") if c.strip()],
        by=str(params.get("by", "") or "person").strip(),
        framework=str(params.get("framework", "")).strip(),
    )
    if sum((bool(q.unit), bool(q.manager), q.org)) > 1:
        raise ValidationError({"scope": "give one of unit, manager or org"})
    if not (q.unit or q.manager or q.org):
        if default_manager:
            q.manager = default_manager
        else:
            q.org = True
    if q.by not in ("person", "unit"):
        raise ValidationError({"by": f"{q.by!r} is not one of person, unit"})
    if sum((bool(q.role), bool(q.elements), bool(q.framework))) > 1:
        raise ValidationError({"elements": "give one of a role, elements or a framework"})
    sort = str(params.get("sort", "") or "person")
    if sort not in SORTS:
        raise ValidationError({"sort": f"{sort!r} is not one of {', '.join(SORTS)}"})
    q.options = Options(
        validated_only=flag(params, "validated"),
        stale_only=flag(params, "stale"),
        sort=sort,
        sort_element=str(params.get("element", "")).strip(),
    )
    return q


def columns(q: HeatmapQuery, scope: Scope) -> tuple[list[Column], RoleProfile | None]:
    """The columns asked for (ValidationError on "role" or "elements"), and the role if any."""
    if q.elements:
        return element_columns(q.elements), None
    if q.framework:
        return framework_columns(q.framework), None
    if q.role:
        role = RoleProfile.objects.filter(code=q.role).first()
        if role is None:
            raise ValidationError({"role": f"no role profile with code {q.role!r}"})
    else:
        role = default_role(scope.people)
        if role is None:
            return [], None
    return role_columns(role), role
