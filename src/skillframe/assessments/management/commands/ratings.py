"""`skillframe ratings list|history|rate|assessments|start|submit|review`.

Ratings and self-assessment from the command line, through the same domain functions as the
web (ratings.record_rating, wizard.submit, review.agree / adjust / agree_section) and the same
access rules. Reading acts as the operator unless `--as USERNAME`; everything that records a
rating acts for someone and needs `--as`: the person (self), their line manager (manager), their
assessor (assessor).
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import timezone

from skillframe.assessments import review, wizard
from skillframe.assessments.access import get_assessment_for_review
from skillframe.assessments.cycles import open_cycles_for
from skillframe.assessments.models import Rating, SelfAssessment
from skillframe.assessments.ratings import record_rating
from skillframe.assessments.standing import element_history
from skillframe.frameworks.models import Element, ElementLookupError
from skillframe.importing.output import add_format_argument, render_rows, write
from skillframe.people.access import person_of
from skillframe.people.cli_support import (
    acting_user,
    add_as_argument,
    errors_line,
    find_person,
    required_user,
)
from skillframe.people.models import Person

CURRENT_COLUMNS = ["code", "self", "validated", "validated_by", "review_on", "disagrees"]


def _value(rating: Rating | None) -> str | None:
    return rating.value_label if rating is not None else None


def _element(code: str, framework: str | None) -> Element:
    try:
        return Element.objects.find(code, framework)
    except ElementLookupError as exc:
        raise CommandError(errors_line(exc.message_dict)) from None


def _failed(exc: Exception) -> CommandError:
    if isinstance(exc, ValidationError):
        return CommandError(
            errors_line(exc.message_dict) if hasattr(exc, "error_dict") else "; ".join(exc.messages)
        )
    return CommandError(str(exc) or "not allowed")


class Command(BaseCommand):
    help = "Ratings, self-assessments and their review."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="a person's current ratings: own and validated")
        listing.add_argument("person", metavar="PERSON", help="employee id or username")
        add_as_argument(listing)
        add_format_argument(listing)
        history = actions.add_parser("history", help="every rating of one element, newest first")
        history.add_argument("person", metavar="PERSON")
        history.add_argument("code", metavar="CODE", help="element code")
        history.add_argument("--framework", metavar="SLUG")
        add_as_argument(history)
        add_format_argument(history)
        rate = actions.add_parser("rate", help="record a rating (append-only)")
        rate.add_argument("person", metavar="PERSON")
        rate.add_argument("code", metavar="CODE", help="element code")
        rate.add_argument("--framework", metavar="SLUG")
        value = rate.add_mutually_exclusive_group(required=True)
        value.add_argument("--level", type=int)
        value.add_argument("--competence", choices=["competent", "not-yet", "not-applicable"])
        rate.add_argument("--source", choices=["self", "manager", "assessor"], default="manager")
        rate.add_argument("--comment", default="")
        rate.add_argument("--confidence", type=int, choices=range(1, 6), metavar="1-5")
        add_as_argument(rate, required=True)
        mine = actions.add_parser("assessments", help="self-assessments (own or of PERSON)")
        mine.add_argument("person", metavar="PERSON", nargs="?")
        add_as_argument(mine)
        add_format_argument(mine)
        start = actions.add_parser("start", help="start (or resume) your self-assessment")
        start.add_argument("cycle_id", metavar="CYCLE", type=int)
        add_as_argument(start, required=True)
        submit = actions.add_parser("submit", help="submit your self-assessment to your manager")
        submit.add_argument("assessment_id", metavar="ID", type=int)
        add_as_argument(submit, required=True)
        rev = actions.add_parser(
            "review", help="a report's submitted self-assessment: rows, or agree / adjust"
        )
        rev.add_argument("assessment_id", metavar="ID", type=int)
        rev.add_argument("--agree", metavar="CODE", help="agree with the person's value")
        rev.add_argument("--agree-section", metavar="KEY", help="agree with a whole section")
        rev.add_argument("--adjust", metavar="CODE", help="record your own value (--to, --comment)")
        rev.add_argument("--to", metavar="VALUE", help="level number or competence")
        rev.add_argument("--comment", default="", help="why (required to adjust)")
        add_as_argument(rev, required=True)
        add_format_argument(rev)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"do_{options['action']}")(options)
        except (ValidationError, PermissionDenied, Http404) as exc:
            raise _failed(exc) from None

    def do_list(self, options: dict[str, Any]) -> None:
        person = find_person(options["person"], acting_user(options["as_user"]))
        current = Rating.objects.current([person.pk])
        codes = dict(
            Element.objects.filter(pk__in=[e for _, e in current]).values_list("pk", "code")
        )
        rows = []
        for (_, element_id), c in sorted(current.items(), key=lambda kv: codes[kv[0][1]]):
            v = c.validated
            rows.append(
                {
                    "code": codes[element_id],
                    "self": _value(c.self_rating),
                    "validated": _value(v),
                    "validated_by": v.rater.get_username() if v and v.rater else None,
                    "review_on": v.next_review_on.isoformat() if v and v.next_review_on else None,
                    "disagrees": c.disagrees,
                }
            )
        write(self.stdout, render_rows(rows, CURRENT_COLUMNS, options["format"], "No ratings."))

    def do_history(self, options: dict[str, Any]) -> None:
        person = find_person(options["person"], acting_user(options["as_user"]))
        element = _element(options["code"], options["framework"])
        rows = [
            {
                "id": r.pk,
                "when": f"{r.created_at:%Y-%m-%d %H:%M}",
                "source": r.source,
                "value": r.value_label,
                "rater": r.rater.get_username() if r.rater else None,
                "comment": r.comment,
            }
            for r in element_history(person, element)
        ]
        columns = ["id", "when", "source", "value", "rater", "comment"]
        write(self.stdout, render_rows(rows, columns, options["format"], "No ratings."))

    def do_rate(self, options: dict[str, Any]) -> None:
        user = required_user(options["as_user"], "a rating records who gave it")
        person = find_person(options["person"], user)
        element = _element(options["code"], options["framework"])
        rating = record_rating(
            user,
            person,
            element,
            options["source"],
            level=options["level"],
            competence=options["competence"] or "",
            comment=options["comment"],
            confidence=options["confidence"],
        )
        self.stdout.write(
            f"rating {rating.pk}: {person.employee_id} {element.code} {rating.value_label} "
            f"({rating.source}, by {user.get_username()})"
        )

    def do_assessments(self, options: dict[str, Any]) -> None:
        viewer = acting_user(options["as_user"])
        if options["person"]:
            person: Person | None = find_person(options["person"], viewer)
        else:
            if viewer is None:
                raise CommandError("give PERSON, or --as USERNAME for their own")
            person = person_of(viewer)
            if person is None:
                raise CommandError(f"{viewer.get_username()!r} has no person record")
        found = SelfAssessment.objects.filter(person=person).select_related("cycle", "role")
        rows = [
            {
                "id": a.pk,
                "cycle": a.cycle.name if a.cycle else None,
                "role": a.role.code if a.role else None,
                "status": a.status,
                "started": f"{a.started_at:%Y-%m-%d}",
                "submitted": f"{a.submitted_at:%Y-%m-%d}" if a.submitted_at else None,
            }
            for a in found
        ]
        columns = ["id", "cycle", "role", "status", "started", "submitted"]
        write(self.stdout, render_rows(rows, columns, options["format"], "No self-assessments."))

    def _own(self, user: User) -> Person:
        person = person_of(user)
        if person is None:
            raise CommandError(f"{user.get_username()!r} has no person record")
        return person

    def do_start(self, options: dict[str, Any]) -> None:
        user = required_user(options["as_user"], "a self-assessment is the person's own")
        person = self._own(user)
        # As the wizard's start page: an open cycle whose scope includes the person.
        cycles = open_cycles_for(person, timezone.localdate())
        cycle = next((c for c in cycles if c.pk == options["cycle_id"]), None)
        if cycle is None:
            raise CommandError(f"no open cycle {options['cycle_id']} for {person.employee_id}")
        assessment, created = SelfAssessment.objects.get_or_create(
            person=person, cycle=cycle, role_id=person.current_role_id
        )
        left = wizard.overview(assessment).left
        self.stdout.write(
            f"self-assessment {assessment.pk} {'started' if created else 'resumed'}: "
            f"{left} step(s) left; rate with `ratings rate {person.employee_id} CODE --source "
            f"self --as {user.get_username()}`"
        )

    def do_submit(self, options: dict[str, Any]) -> None:
        user = required_user(options["as_user"], "a self-assessment is the person's own")
        assessment = (
            SelfAssessment.objects.select_related("person__manager__user", "cycle")
            .filter(pk=options["assessment_id"], person__user_id=user.pk)
            .first()
        )
        if assessment is None:
            raise CommandError(f"no self-assessment {options['assessment_id']} of yours")
        wizard.ensure_editable(assessment)
        wizard.submit(user, assessment)
        self.stdout.write(f"self-assessment {assessment.pk} submitted to your line manager")

    def do_review(self, options: dict[str, Any]) -> None:
        user = required_user(options["as_user"], "the line manager reviews")
        assessment = get_assessment_for_review(user, options["assessment_id"])
        rows = review.review_rows(assessment)
        by_code = {row.element.code: row for row in rows}

        def row_for(code: str) -> review.ReviewRow:
            if code not in by_code:
                raise CommandError(f"{code!r} is not rated in self-assessment {assessment.pk}")
            return by_code[code]

        if options["agree"]:
            review.agree(user, assessment, row_for(options["agree"]))
            self.stdout.write(f"agreed: {options['agree']}")
        elif options["agree_section"]:
            section = review.find_section(rows, options["agree_section"])
            if section is None:
                raise CommandError(f"no section {options['agree_section']!r} in this review")
            count = review.agree_section(user, assessment, section)
            self.stdout.write(f"agreed with {count} rating(s) in {section.key}")
        elif options["adjust"]:
            if not options["to"]:
                raise CommandError("--adjust needs --to VALUE and --comment")
            review.adjust(
                user, assessment, row_for(options["adjust"]), options["to"], options["comment"]
            )
            self.stdout.write(f"adjusted: {options['adjust']} to {options['to']}")
        else:
            table = [
                {
                    "section": section.key,
                    "code": row.element.code,
                    "self": row.self_rating.value_label,
                    "manager": _value(row.manager_rating),
                    "reviewed": row.reviewed,
                }
                for group in review.group_rows(rows)
                for section in group.sections
                for row in section.rows
            ]
            columns = ["section", "code", "self", "manager", "reviewed"]
            write(self.stdout, render_rows(table, columns, options["format"], "Nothing to review."))
            return
        done, total = review.progress(review.review_rows(assessment))
        self.stdout.write(f"{done} of {total} reviewed")
