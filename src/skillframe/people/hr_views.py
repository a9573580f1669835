"""What every HR page shares: the HR-admin gate and fetching a person an HR admin may change."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from skillframe.people.access import is_hr_admin
from skillframe.people.models import Person

View = Callable[..., HttpResponse]


def hr_required(view: View) -> View:
    """Signed-in HR admins (and superusers) only; anyone else gets 403.

    These pages exist for every HR admin, so refusing with 403 tells nobody anything they may
    not know; records inside them are fetched through the access rule and 404 when out of reach.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_hr_admin(request.user):
            raise PermissionDenied("HR admins only")
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def editable_person(request: HttpRequest, employee_id: str) -> Person:
    """The person, if the user may change their record.

    404 when the user may not even see them (they must not learn the person exists), 403 when
    they can see them but the person is outside their HR scope.
    """
    people = Person.objects.select_related("user", "unit", "manager__user")
    person = people.editable_by(request.user).filter(employee_id=employee_id).first()
    if person is not None:
        return person
    if Person.objects.visible_to(request.user).filter(employee_id=employee_id).exists():
        raise PermissionDenied("this person is outside your HR scope")
    raise Http404("no such person")


def form_data(request: HttpRequest) -> Any:
    """The POST data to bind a form to (even when empty, so a blank post shows its errors)."""
    return request.POST if request.method == "POST" else None


def form_files(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None
