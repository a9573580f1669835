"""`skillframe people import|anonymise|list|show|assign-role|units|permissions`.

The CLI is run by whoever operates the server, so it acts with superuser scope unless `--as`
names the user whose scope (and name in the audit log) it should use: an HR admin for imports
and changes, anyone for reading (people/cli_support.py).
"""

from __future__ import annotations

from argparse import ArgumentParser, _SubParsersAction
from pathlib import Path
from typing import Any, BinaryIO

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.db import transaction

from skillframe.audit.models import record
from skillframe.importing.command import ImportCommand
from skillframe.importing.output import add_format_argument, render_object, render_rows, write
from skillframe.people.access import is_hr_admin
from skillframe.people.cli_support import (
    acting_user,
    add_as_argument,
    errors_line,
    find_person,
    find_role,
    find_unit,
    people_for,
    required_user,
)
from skillframe.people.forms import UnitForm
from skillframe.people.models import OrgUnit, Person
from skillframe.people.people_import import import_people
from skillframe.people.records import PersonFields, anonymise, set_permissions, update_person

PERSON_COLUMNS = [
    "employee_id", "name", "email", "job_title", "unit", "manager", "current_role", "target_role",
]  # fmt: skip


def person_row(p: Person) -> dict[str, Any]:
    return {
        "employee_id": p.employee_id,
        "username": p.user.get_username(),
        "name": p.name,
        "email": p.user.email,
        "job_title": p.job_title,
        "unit": p.unit.code,
        "manager": p.manager.employee_id if p.manager else None,
        "current_role": p.current_role.code if p.current_role else None,
        "target_role": p.target_role.code if p.target_role else None,
    }


class Command(ImportCommand):
    help = "Import people from a CSV/XLSX file, or anonymise a leaver."
    import_help = "create or update people from a CSV or XLSX file (all or nothing)"
    dry_run_help = "check the file and count, change nothing"
    # The wording docs/people.md shows: problems prefixed with the file's name.
    problem_line = "{file}: {problem}"
    refusal = "{count} {problems} found; nothing was imported"

    def add_import_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help="import as this HR admin: rows outside their HR scope are errors "
            "(default: no scope limit)",
        )

    def add_actions(self, actions: _SubParsersAction[ArgumentParser]) -> None:
        leaver = actions.add_parser(
            "anonymise", help="erase a leaver's name, e-mail and comments; deactivate the account"
        )
        leaver.add_argument("employee_id")
        leaver.add_argument(
            "--yes",
            action="store_true",
            help="go ahead: anonymising cannot be undone (without it the command says what it "
            "would do and changes nothing)",
        )
        listing = actions.add_parser("list", help="people (all, or those --as USER may see)")
        listing.add_argument("--unit", metavar="CODE", help="only this unit and the units below")
        add_as_argument(listing)
        add_format_argument(listing)
        show = actions.add_parser("show", help="one person's record and permissions")
        show.add_argument("person", metavar="PERSON", help="employee id or username")
        add_as_argument(show)
        add_format_argument(show)
        assign = actions.add_parser("assign-role", help="set a person's current and target role")
        assign.add_argument("person", metavar="PERSON", help="employee id or username")
        assign.add_argument("--current", metavar="ROLE", help="role profile code ('-' clears)")
        assign.add_argument("--target", metavar="ROLE", help="role profile code ('-' clears)")
        add_as_argument(assign)
        units = actions.add_parser("units", help="the organisation's units, as a tree")
        add_as_argument(units)
        add_format_argument(units)
        for name, text in (
            ("unit-create", "create a unit"),
            ("unit-edit", "rename or move a unit"),
        ):
            unit = actions.add_parser(name, help=f"{text} in your HR scope (as on /units/)")
            unit.add_argument("code", metavar="CODE")
            unit.add_argument("--name", required=name == "unit-create")
            unit.add_argument("--parent", metavar="CODE", help="the unit above ('-': none)")
            add_as_argument(unit, required=True)
        perms = actions.add_parser(
            "permissions", help="show, or set, whom a person administers (HR) and assesses"
        )
        perms.add_argument("person", metavar="PERSON", help="employee id or username")
        perms.add_argument(
            "--hr-units", metavar="CODE,…", help="the HR units within your scope ('' for none)"
        )
        perms.add_argument(
            "--learners", metavar="ID,…", help="the learners within your scope ('' for none)"
        )
        add_as_argument(perms)
        add_format_argument(perms)

    def import_file(self, data: BinaryIO, path: Path, options: dict[str, Any]) -> str:
        actor = self._importer(options["as_user"])
        dry_run = options["dry_run"]
        summary = import_people(
            data, actor=actor, scope_user=actor, source=f"cli {path.name}", dry_run=dry_run
        )
        lines = [
            f"{summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged"
            f" ({summary.total} rows); {'nothing was changed' if dry_run else 'done'}"
        ]
        if summary.accounts:
            lines.append(
                f"Accounts that {'would be' if dry_run else 'were'} created (no password yet):"
            )
            lines += [f"  {employee_id}\t{username}" for employee_id, username in summary.accounts]
        return "\n".join(lines)

    def _importer(self, username: str | None) -> Any:
        """The HR admin named by --as (their scope and name in the audit log), or None."""
        if not username:
            return None
        User = get_user_model()
        try:
            actor = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"no user named {username!r}") from None
        if not actor.is_active or not is_hr_admin(actor):
            raise CommandError(f"{actor.get_username()!r} is not an active HR admin")
        return actor

    def do_anonymise(self, options: dict[str, Any]) -> None:
        employee_id = options["employee_id"]
        person = Person.objects.select_related("user").filter(employee_id=employee_id).first()
        if person is None:
            raise CommandError(f"no person with employee id {employee_id!r}")
        if not options["yes"]:
            # Irreversible (docs/irreversible-actions.md): say what it does, change nothing.
            raise CommandError(
                f"this would anonymise {person.name} ({employee_id}): their name, e-mail and "
                "every free-text comment about them (rating comments, replies, plan comments, "
                "progress notes) are blanked and the account is closed; this cannot be undone. "
                "Nothing was changed: run again with --yes to go ahead."
            )
        try:
            result = anonymise(person, actor=None)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"{employee_id}: anonymised as {result.username}; account deactivated; "
            f"{result.summary() or 'no free text to blank'}"
        )

    def do_list(self, options: dict[str, Any]) -> None:
        viewer = acting_user(options["as_user"])
        people = people_for(viewer).select_related(
            "user", "unit", "manager", "current_role", "target_role"
        )
        if options["unit"]:
            people = people.filter(unit__in=OrgUnit.objects.subtree(find_unit(options["unit"]).pk))
        rows = [person_row(p) for p in people.order_by("employee_id")]
        write(self.stdout, render_rows(rows, PERSON_COLUMNS, options["format"], "No people."))

    def do_show(self, options: dict[str, Any]) -> None:
        person = find_person(options["person"], acting_user(options["as_user"]))
        row = person_row(person) | {
            "hr_units": sorted(person.hr_units.values_list("code", flat=True)),
            "learners": sorted(person.learners.values_list("employee_id", flat=True)),
            "reports": sorted(
                Person.objects.filter(manager=person).values_list("employee_id", flat=True)
            ),
        }
        write(self.stdout, render_object(row, options["format"]))

    def _editable(self, options: dict[str, Any]) -> tuple[Any, Person]:
        """The actor (None: operator) and the person they may change (HR scope)."""
        actor = acting_user(options["as_user"])
        person = find_person(options["person"], actor)
        if (
            actor is not None
            and not Person.objects.editable_by(actor).filter(pk=person.pk).exists()
        ):
            raise CommandError(
                f"{actor.get_username()!r} may not change {person.employee_id}: "
                "outside their HR scope"
            )
        return actor, person

    def do_assign_role(self, options: dict[str, Any]) -> None:
        actor, person = self._editable(options)
        if options["current"] is None and options["target"] is None:
            raise CommandError("give --current ROLE and/or --target ROLE")

        def role_id(value: str | None, now: int | None) -> int | None:
            if value is None:
                return now
            return None if value == "-" else find_role(value).pk

        fields = PersonFields(
            first_name=person.user.first_name,
            last_name=person.user.last_name,
            email=person.user.email,
            job_title=person.job_title,
            unit=person.unit,
            manager=person.manager,
            current_role_id=role_id(options["current"], person.current_role_id),
            target_role_id=role_id(options["target"], person.target_role_id),
        )
        try:
            changed = update_person(person, fields, actor=actor)
        except ValidationError as exc:
            raise CommandError(errors_line(exc.message_dict)) from None
        person.refresh_from_db()
        roles = (
            f"current {person.current_role.code if person.current_role else '-'}, "
            f"target {person.target_role.code if person.target_role else '-'}"
        )
        self.stdout.write(f"{person.employee_id}: {roles}" + ("" if changed else " (unchanged)"))

    def do_units(self, options: dict[str, Any]) -> None:
        viewer = acting_user(options["as_user"])
        units = OrgUnit.objects.select_related("parent").order_by("name")
        if viewer is not None:
            units = units.filter(pk__in=OrgUnit.objects.administered_by(viewer))
        by_parent: dict[int | None, list[OrgUnit]] = {}
        for unit in units:
            by_parent.setdefault(unit.parent_id, []).append(unit)
        shown = {u.pk for u in units}
        rows: list[dict[str, Any]] = []

        def walk(parent: int | None, depth: int) -> None:
            for unit in by_parent.get(parent, []):
                rows.append(
                    {
                        "code": unit.code,
                        "name": unit.name,
                        "depth": depth,
                        "parent": unit.parent.code if unit.parent else None,
                    }
                )
                walk(unit.pk, depth + 1)

        for root in [u for u in units if u.parent_id not in shown]:
            rows.append(
                {
                    "code": root.code,
                    "name": root.name,
                    "depth": 0,
                    "parent": root.parent.code if root.parent else None,
                }
            )
            walk(root.pk, 1)
        if options["format"] == "table":
            for r in rows:
                r["name"] = "  " * r["depth"] + r["name"]
        write(
            self.stdout,
            render_rows(rows, ["code", "name", "parent"], options["format"], "No units."),
        )

    def _unit_form(self, options: dict[str, Any], unit: OrgUnit | None) -> None:
        actor = required_user(options["as_user"], "units are changed by an HR admin")
        if not is_hr_admin(actor):
            raise CommandError(f"{actor.get_username()!r} is not an HR admin")
        if (
            unit is not None
            and not OrgUnit.objects.administered_by(actor).filter(pk=unit.pk).exists()
        ):
            raise CommandError(f"no unit with code {unit.code!r} in your scope")
        parent = options["parent"]
        if parent is None:
            parent_id = unit.parent_id if unit is not None else None
        else:
            parent_id = None if parent == "-" else find_unit(parent).pk
        data = {
            "code": options["code"] if unit is None else unit.code,
            "name": options["name"] or (unit.name if unit is not None else ""),
            "parent": parent_id or "",
        }
        form = UnitForm(data, user=actor, instance=unit)
        if not form.is_valid():
            raise CommandError(errors_line(form.errors))
        with transaction.atomic():
            saved = form.save()
            if unit is None:
                record(actor, "unit.create", saved, code=saved.code, parent=saved.parent_id)
            elif form.has_changed():
                record(actor, "unit.update", saved, fields=form.changed_data)
        self.stdout.write(
            f"unit {saved.code} “{saved.name}”"
            + (f" below {saved.parent.code}" if saved.parent else " at the top")
        )

    def do_unit_create(self, options: dict[str, Any]) -> None:
        self._unit_form(options, None)

    def do_unit_edit(self, options: dict[str, Any]) -> None:
        self._unit_form(options, find_unit(options["code"]))

    def do_permissions(self, options: dict[str, Any]) -> None:
        changing = options["hr_units"] is not None or options["learners"] is not None
        if changing:
            actor = required_user(options["as_user"], "permissions are granted by an HR admin")
            if not is_hr_admin(actor):
                raise CommandError(f"{actor.get_username()!r} is not an HR admin")
            person = find_person(options["person"], actor)
            units = [c for c in (options["hr_units"] or "").split(",") if c.strip()]
            learners = [c for c in (options["learners"] or "").split(",") if c.strip()]
            unit_ids = (
                {find_unit(c.strip()).pk for c in units}
                if options["hr_units"] is not None
                else set(
                    person.hr_units.filter(
                        pk__in=OrgUnit.objects.administered_by(actor)
                    ).values_list("pk", flat=True)
                )
            )
            learner_ids = (
                {find_person(c.strip(), actor).pk for c in learners}
                if options["learners"] is not None
                else set(
                    person.learners.filter(
                        pk__in=Person.objects.editable_by(actor).order_by()
                    ).values_list("pk", flat=True)
                )
            )
            editable = set(
                Person.objects.editable_by(actor).order_by().values_list("pk", flat=True)
            )
            if learner_ids - editable:
                raise CommandError("--learners: a learner is outside your HR scope")
            outside = unit_ids - set(
                OrgUnit.objects.administered_by(actor).values_list("pk", flat=True)
            )
            if outside:
                raise CommandError("--hr-units: a unit is outside your HR scope")
            try:
                set_permissions(person, hr_unit_ids=unit_ids, learner_ids=learner_ids, actor=actor)
            except PermissionDenied as exc:
                raise CommandError(str(exc)) from None
        else:
            person = find_person(options["person"], acting_user(options["as_user"]))
        row = {
            "employee_id": person.employee_id,
            "hr_units": sorted(person.hr_units.values_list("code", flat=True)),
            "learners": sorted(person.learners.values_list("employee_id", flat=True)),
        }
        write(self.stdout, render_object(row, options["format"]))
