"""Changing person and unit records: the HR side of the organisation.

Used by the HR pages, the people import and the CLI, so that scope checks, the manager-cycle
rule, username derivation and anonymisation behave the same everywhere. Who may call these is
decided by the access rule (`access.py`, `Person.objects.editable_by`); the scope helpers here
only say *which units* an HR admin may put people and units into.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower

from skillframe.audit.models import record
from skillframe.people.access import Viewer, is_active_superuser
from skillframe.people.admin_guard import guard_for
from skillframe.people.models import OrgUnit, Person, RoleProfile
from skillframe.people.signals import Blanked, person_anonymised

# Usernames are limited to 150 characters by django.contrib.auth; leave room for "-123".
USERNAME_STEM_MAX = 140
# Employee ids appear in URLs (/people/<employee_id>/): no slash, no whitespace.
EMPLOYEE_ID_RE = re.compile(r"^[^/\s]+$")
EMPLOYEE_ID_MAX = 64
# Path segments of the people pages (/people/new/, /people/import/) cannot be employee ids.
RESERVED_EMPLOYEE_IDS = {"new", "import"}


def scope_unit_ids(user: Viewer) -> set[int] | None:
    """Units `user` may put people and units into (HR scope), for checks in Python; None =
    every unit (superuser)."""
    if is_active_superuser(user):
        return None
    return set(OrgUnit.objects.administered_by(user).values_list("pk", flat=True))


def scope_units(user: Viewer) -> models.QuerySet[OrgUnit]:
    """The same units as a lazy queryset (one subquery), for filtering and form choices."""
    return OrgUnit.objects.administered_by(user)


def employee_id_problem(value: str) -> str | None:
    """Why `value` cannot be an employee id, or None when it can."""
    if not value:
        return "required"
    if len(value) > EMPLOYEE_ID_MAX:
        return f"at most {EMPLOYEE_ID_MAX} characters"
    if not EMPLOYEE_ID_RE.match(value):
        return "must not contain spaces or '/'"
    if value.lower() in RESERVED_EMPLOYEE_IDS:
        return f"{value!r} is reserved for a page address"
    return None


def split_name(name: str) -> tuple[str, str]:
    """("Mary", "van der Berg") from "Mary van der Berg": the first word is the first name.

    `user.get_full_name()` joins them back with one space, so the name reads as given.
    """
    parts = name.split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0], parts[1] if len(parts) > 1 else ""


def username_stem(email: str) -> str:
    """The local part of an e-mail address, reduced to the characters usernames allow."""
    local = email.split("@", 1)[0].strip().lower()
    stem = re.sub(r"[^\w.+-]", "", local)[:USERNAME_STEM_MAX]
    return stem or "user"


def unique_username(email: str, taken: set[str]) -> str:
    """`alice`, else `alice-2`, `alice-3` … : not in `taken` (lower-case usernames in use).

    The chosen name is added to `taken`, so one set serves a whole import.
    """
    stem = username_stem(email)
    candidate, n = stem, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(candidate.lower())
    return candidate


def taken_usernames(stems: Iterable[str] | None = None) -> set[str]:
    """Lower-case usernames in use (only those starting with one of `stems`, when given)."""
    users = get_user_model().objects.all()
    if stems is not None:
        query = models.Q()
        for stem in set(stems):
            query |= models.Q(username__istartswith=stem)
        if not query:
            return set()
        users = users.filter(query)
    return {name.lower() for name in users.values_list("username", flat=True)}


def email_owner_ids(email: str) -> set[int]:
    """Ids of users with this e-mail address (compared without case)."""
    User = get_user_model()
    return set(
        User.objects.annotate(e=Lower("email"))
        .filter(e=email.strip().lower())
        .values_list("pk", flat=True)
    )


def save_unit(actor: Viewer, unit: OrgUnit, *, created: bool, changed: Iterable[str] = ()) -> None:
    """Save a unit checked by the HR unit form (scope, no loop) and audit it: `unit.create`, or
    `unit.update` naming the fields changed (nothing is recorded when none changed)."""
    changed = list(changed)
    if not created and not changed:
        return
    with transaction.atomic():
        unit.save()
        if created:
            record(actor, "unit.create", unit, code=unit.code, parent=unit.parent_id)
        else:
            record(actor, "unit.update", unit, fields=changed)


def unit_would_cycle(unit: OrgUnit, parent: OrgUnit | None) -> bool:
    """Whether putting `unit` below `parent` would make the unit tree loop."""
    if parent is None or unit.pk is None:
        return False
    return OrgUnit.objects.subtree(unit.pk).filter(pk=parent.pk).exists()


@dataclass(frozen=True)
class PersonFields:
    """What an HR admin sets on a person (form or import row)."""

    first_name: str
    last_name: str
    email: str
    job_title: str
    unit: OrgUnit
    manager: Person | None
    current_role_id: int | None = None
    target_role_id: int | None = None


def check_person_fields(
    person: Person | None, fields: PersonFields, *, actor: Viewer | None
) -> None:
    """Raise ValidationError({field: messages}) with everything wrong with `fields` for a new
    (`person` None) or existing person: a job title too long, a unit outside the actor's HR
    scope (`actor` None: the system, no scope), a manager that would close a reporting loop.
    The HR form, the API and `create_person` / `update_person` all go through here."""
    errors: dict[str, list[str]] = {}
    longest = Person._meta.get_field("job_title").max_length or 0
    if len(fields.job_title) > longest:
        errors["job_title"] = [f"at most {longest} characters"]
    owners = email_owner_ids(fields.email) - ({person.user_id} if person is not None else set())
    if fields.email and owners:
        errors["email"] = ["This e-mail address belongs to another account."]
    scope = scope_unit_ids(actor) if actor is not None else None
    if scope is not None and fields.unit.pk not in scope:
        errors["unit"] = [f"unit {fields.unit.code!r} is outside your HR scope"]
    if person is not None:
        try:
            person.check_manager(fields.manager)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    for name, message in _guard_problems(person, fields, actor):
        errors.setdefault(name, []).append(message)
    if errors:
        raise ValidationError(errors)


def _guard_problems(
    person: Person | None, fields: PersonFields, actor: Viewer | None
) -> list[tuple[str, str]]:
    """The admin rules (`admin_guard`) on a change of unit or manager by `actor`."""
    guard = guard_for(actor)
    if guard is None:
        return []
    new_manager = fields.manager.pk if fields.manager else None
    unit_changed = person is None or fields.unit.pk != person.unit_id
    manager_changed = person is None or new_manager != person.manager_id
    return guard.change_problems(
        person.pk if person is not None else None,
        unit_changed=unit_changed,
        manager_changed=manager_changed,
        manager_unit_id=fields.manager.unit_id if fields.manager else None,
    )


@transaction.atomic
def create_person(
    employee_id: str, fields: PersonFields, *, actor: Viewer | None, username: str = ""
) -> Person:
    """A new person and their sign-in account.

    The account has an unusable password: nobody can sign in with it until an administrator
    sets one (`skillframe changepassword USERNAME` or the admin site), see docs/people.md.
    """
    check_person_fields(None, fields, actor=actor)
    User = get_user_model()
    if not username:
        username = unique_username(fields.email, taken_usernames([username_stem(fields.email)]))
    user = User(
        username=username,
        email=fields.email,
        first_name=fields.first_name,
        last_name=fields.last_name,
    )
    user.set_unusable_password()
    user.save()
    person = Person.objects.create(
        user=user,
        employee_id=employee_id,
        job_title=fields.job_title,
        unit=fields.unit,
        manager=fields.manager,
        current_role_id=fields.current_role_id,
        target_role_id=fields.target_role_id,
    )
    # No name, e-mail or username in the audit data: anonymising a leaver must erase them.
    record(actor, "person.create", person, employee_id=employee_id)
    return person


@transaction.atomic
def update_person(person: Person, fields: PersonFields, *, actor: Viewer | None) -> list[str]:
    """Apply `fields`; return the names of the fields that changed (audited when any did).

    Raises ValidationError naming the fields (`check_person_fields`) and then changes nothing.
    """
    check_person_fields(person, fields, actor=actor)
    user = person.user
    changed: list[str] = []
    person_before_title = person.job_title
    before = _line_values(person.unit_id, person.manager_id, person.current_role_id,
                          person.target_role_id)  # fmt: skip
    for name in ("first_name", "last_name", "email"):
        if getattr(user, name) != getattr(fields, name):
            setattr(user, name, getattr(fields, name))
            changed.append(name)
    if changed:
        user.save(update_fields=changed)
    person_changes = {
        "job_title": fields.job_title,
        "unit_id": fields.unit.pk,
        "manager_id": fields.manager.pk if fields.manager else None,
        "current_role_id": fields.current_role_id,
        "target_role_id": fields.target_role_id,
    }
    person_changed = [k for k, v in person_changes.items() if getattr(person, k) != v]
    for name in person_changed:
        setattr(person, name, person_changes[name])
    if person_changed:
        person.save(update_fields=person_changed)
    changed += person_changed
    if changed:
        # Old and new values of the record's fields (unit and role codes, the manager's employee
        # id, the job title); names and e-mail by field name only, as anonymisation erases them.
        new_manager = fields.manager.pk if fields.manager else None
        after = _line_values(fields.unit.pk, new_manager,
                             fields.current_role_id, fields.target_role_id)  # fmt: skip
        values = {"job_title": (person_before_title, fields.job_title)} | {
            name: (before[name], after[name]) for name in before
        }
        changes = {
            name.removesuffix("_id"): {"old": old, "new": new}
            for name, (old, new) in values.items()
            if old != new
        }
        record(actor, "person.update", person, fields=changed, changes=changes)
    return changed


def _line_values(
    unit_id: int, manager_id: int | None, current_role_id: int | None, target_role_id: int | None
) -> dict[str, str | None]:
    """The codes an audit event shows for these ids (two queries)."""
    roles = dict(
        RoleProfile.objects.filter(pk__in=[current_role_id, target_role_id]).values_list(
            "pk", "code"
        )
    )
    return {
        "unit_id": OrgUnit.objects.filter(pk=unit_id).values_list("code", flat=True).first(),
        "manager_id": Person.objects.filter(pk=manager_id)
        .values_list("employee_id", flat=True)
        .first()
        if manager_id
        else None,
        "current_role_id": roles.get(current_role_id) if current_role_id else None,
        "target_role_id": roles.get(target_role_id) if target_role_id else None,
    }


@transaction.atomic
def set_permissions(
    person: Person,
    *,
    hr_unit_ids: set[int],
    learner_ids: set[int],
    actor: Viewer,
) -> None:
    """Set the HR-admin units and assessor learners `actor` may grant, keeping the others.

    Grants outside the actor's scope (made by an HR admin of another part of the organisation)
    are kept as they are: an admin can only add or remove what they administer. Nobody changes
    their own permissions or those of an admin above them (`admin_guard`): PermissionDenied.
    """
    guard = guard_for(actor)
    if guard is not None and (problem := guard.line_problem(person.pk)):
        raise PermissionDenied(problem)
    old_units = set(person.hr_units.values_list("pk", flat=True))
    old_learners = set(person.learners.values_list("pk", flat=True))
    kept_units = set(
        person.hr_units.exclude(pk__in=OrgUnit.objects.administered_by(actor)).values_list(
            "pk", flat=True
        )
    )
    new_units = kept_units | hr_unit_ids
    outside = person.learners.exclude(pk__in=Person.objects.editable_by(actor).order_by())
    new_learners = set(outside.values_list("pk", flat=True)) | learner_ids
    if new_units != old_units:
        person.hr_units.set(new_units)
    if new_learners != old_learners:
        person.learners.set(new_learners)
    if new_units != old_units or new_learners != old_learners:
        record(
            actor,
            "people.permissions",
            person,
            hr_units_added=sorted(new_units - old_units),
            hr_units_removed=sorted(old_units - new_units),
            learners_added=sorted(new_learners - old_learners),
            learners_removed=sorted(old_learners - new_learners),
        )


def anonymised_username(employee_id: str) -> str:
    return f"leaver-{employee_id}"[:150]


@dataclass(frozen=True)
class Anonymised:
    username: str
    # What each app blanked (one list per receiver of `person_anonymised`, in app order).
    blanked: tuple[tuple[Blanked, ...], ...]

    def counts(self) -> dict[str, int]:
        """{audit key: count}, e.g. {"ratings_blanked": 2, "replies_blanked": 1}."""
        return {b.key: b.count for group in self.blanked for b in group}

    def summary(self) -> str:
        """What was blanked, in words: one clause per app, e.g. "2 rating comment(s) and 1 reply
        text(s) blanked; 0 plan comment(s) and 1 progress note(s) blanked"."""
        return "; ".join(
            " and ".join(f"{b.count} {b.noun}" for b in group) + " blanked"
            for group in self.blanked
            if group
        )


@transaction.atomic
def anonymise(person: Person, *, actor: Viewer | None) -> Anonymised:
    """Erase a leaver's personal data while keeping the rows that statistics rely on.

    Name and e-mail are blanked, the username becomes `leaver-<employee id>`, the password is
    made unusable and the account deactivated. Then `person_anonymised` is sent: each app blanks
    the free text it holds about the person (assessments: rating comments and replies;
    development: plan comments and progress notes) and keeps levels, sources and dates.
    """
    user = person.user
    username = anonymised_username(person.employee_id)
    User = get_user_model()
    if User.objects.filter(username=username).exclude(pk=user.pk).exists():
        raise ValueError(f"the username {username!r} is already taken by another account")
    user.username = username
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    responses = person_anonymised.send(sender=Person, person=person)
    # django-stubs types a receiver's answer as `str | None`; ours return lists of Blanked.
    blanked = tuple(tuple(cast("list[Blanked]", answer)) for _, answer in responses)
    result = Anonymised(username, blanked)
    record(actor, "people.anonymise", person, **result.counts())
    return result
