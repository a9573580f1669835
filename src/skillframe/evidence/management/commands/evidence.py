"""`skillframe evidence ACTION …`: evidence, coverage and the assessor workflow from a shell.

Reading (`list`, `coverage`) is done with the operator's full view unless `--as` names a user.
Every change is made as a named user (`--as USERNAME`) through the same domain functions as the
web pages and the API, so the same rules apply (only the learner adds and submits their
evidence, only the assigned assessor judges, HR assigns) and the audit trail names them.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from skillframe.evidence import assignments, workflow
from skillframe.evidence.access import OPERATOR, get_submission_for, visible_evidence
from skillframe.evidence.coverage import coverage
from skillframe.evidence.models import EvidenceKind
from skillframe.evidence.records import EvidenceInput, create_evidence
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, ElementLookupError
from skillframe.people.models import Person


def find_person(key: str) -> Person:
    found = Person.objects.select_related("user").filter(employee_id=key).first()
    if found is None:
        found = Person.objects.select_related("user").filter(user__username=key).first()
    if found is None:
        raise CommandError(f"no person with employee id or username {key!r}")
    return found


def find_user(username: str | None) -> User:
    if not username:
        raise CommandError("--as USERNAME is required: changes are made as a named user")
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"--as: no active user {username!r}")
    return user


def find_standard(code: str) -> Element:
    try:
        element = Element.objects.get(pk=Element.objects.find(code).pk)
    except ElementLookupError as error:
        raise CommandError(f"{code}: {'; '.join(error.messages)}") from None
    if element.kind != ElementKind.UNIT:
        raise CommandError(f"{code} is a {element.kind}, not a standard")
    return element


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: {value!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Evidence, coverage maps and the assessor workflow (docs/evidence.md)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help="a person's evidence")
        listing.add_argument("person", metavar="PERSON")
        coverage_ = actions.add_parser("coverage", help="a learner's coverage map of a standard")
        coverage_.add_argument("person", metavar="PERSON")
        coverage_.add_argument("standard", metavar="CODE")
        for sub in (listing, coverage_):
            sub.add_argument("--format", choices=("table", "json"), default="table")
            sub.add_argument("--as", dest="as_user", metavar="USERNAME")
        add = actions.add_parser("add", help="add a piece of evidence (as its owner)")
        add.add_argument("--kind", choices=EvidenceKind.values, required=True)
        add.add_argument("--title", required=True)
        add.add_argument("--date", dest="occurred_on", help="YYYY-MM-DD (default: today)")
        add.add_argument("--description", default="")
        add.add_argument("--text", default="", help="account, statement or notes")
        add.add_argument("--url", default="")
        add.add_argument("--witness-name", default="")
        add.add_argument("--witness-role", default="")
        add.add_argument("--witness-contact", default="")
        add.add_argument("--file", action="append", default=[], metavar="PATH")
        add.add_argument("--element", action="append", default=[], metavar="CODE")
        add.add_argument("--share", action="store_true", help="let the line manager see it")
        submit = actions.add_parser("submit", help="submit a standard to your assessor")
        submit.add_argument("standard", metavar="CODE")
        submit.add_argument("--item", action="append", default=[], metavar="CODE")
        submit.add_argument("--note", default="")
        judge = actions.add_parser("judge", help="judge one item of a submission (assessor)")
        judge.add_argument("submission", type=int, metavar="SUBMISSION_ID")
        judge.add_argument("item", metavar="CODE")
        judge.add_argument("competence", choices=("competent", "not-yet"))
        judge.add_argument("--feedback", default="")
        judge.add_argument("--evidence", action="append", type=int, default=[], metavar="ID")
        answer = actions.add_parser("answer", help="ask for more or accept (assessor)")
        answer.add_argument("submission", type=int, metavar="SUBMISSION_ID")
        answer.add_argument("outcome", choices=("more", "accepted"))
        answer.add_argument("--feedback", default="")
        sign = actions.add_parser("sign-off", help="make your sign-off declaration")
        sign.add_argument("person", metavar="PERSON")
        sign.add_argument("standard", metavar="CODE")
        sign.add_argument("--yes", action="store_true", help="I make the declaration")
        qualify = actions.add_parser("qualify", help="an assessor is qualified for a standard")
        qualify.add_argument("assessor", metavar="PERSON")
        qualify.add_argument("standard", metavar="CODE")
        qualify.add_argument("--on", help="YYYY-MM-DD")
        assign = actions.add_parser("assign", help="assign a learner to an assessor (HR)")
        assign.add_argument("assessor", metavar="ASSESSOR")
        assign.add_argument("learner", metavar="LEARNER")
        assign.add_argument("standard", metavar="CODE")
        assign.add_argument("--from", dest="starts_on", help="YYYY-MM-DD (default: today)")
        assign.add_argument("--to", dest="ends_on", help="YYYY-MM-DD")
        for sub in (add, submit, judge, answer, sign, qualify, assign):
            sub.add_argument("--as", dest="as_user", metavar="USERNAME", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"].replace("-", "_")
        try:
            getattr(self, f"do_{action}")(options)
        except ValidationError as error:
            problems = [f"{field}: {'; '.join(m)}" for field, m in error.message_dict.items()]
            raise CommandError("; ".join(problems)) from None
        except PermissionDenied as refusal:
            raise CommandError(f"refused: {refusal}") from None

    def _viewer(self, options: dict[str, Any]) -> Any:
        return find_user(options["as_user"]) if options.get("as_user") else OPERATOR

    def do_list(self, options: dict[str, Any]) -> None:
        person = find_person(options["person"])
        rows = (
            visible_evidence(self._viewer(options))
            .filter(owner=person)
            .prefetch_related("links__element", "files")
        )
        data = [
            {
                "id": e.pk,
                "date": e.occurred_on.isoformat(),
                "kind": e.kind,
                "title": e.title,
                "elements": [link.element.code for link in e.links.all()],
                "files": [f.name for f in e.files.all()],
            }
            for e in rows
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        for row in data:
            codes = ", ".join(row["elements"]) or "not mapped"
            self.stdout.write(f"{row['id']:>6}  {row['date']}  {row['kind']:<11} {row['title']}")
            self.stdout.write(f"        maps to {codes}; {len(row['files'])} file(s)")
        self.stdout.write(f"{len(data)} piece(s) of evidence")

    def do_coverage(self, options: dict[str, Any]) -> None:
        person = find_person(options["person"])
        cov = coverage(self._viewer(options), person, find_standard(options["standard"]))
        rows = [
            {
                "code": row.element.code,
                "evidence": row.evidence_count,
                "state": row.state,
                "decision": row.decision.competence if row.decision else None,
            }
            for row in cov.rows
        ]
        if options["format"] == "json":
            data = {"standard": cov.standard.code, "signed_off": cov.signed_off, "items": rows}
            self.stdout.write(json.dumps({**data, "counts": cov.counts}, indent=2))
            return
        for row in rows:
            self.stdout.write(f"{row['code']:<16} {row['evidence']:>3}  {row['state']}")
        counts = ", ".join(f"{n} {state}" for state, n in cov.counts.items())
        signed = "signed off" if cov.signed_off else "not signed off"
        self.stdout.write(f"{cov.standard.code}: {counts}; {signed}")

    def do_add(self, options: dict[str, Any]) -> None:
        user = find_user(options["as_user"])
        owner = Person.objects.filter(user=user).first()
        if owner is None:
            raise CommandError(f"{user.username} has no person record")
        files = []
        for name in options["file"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"--file: no such file: {path}")
            files.append((path.name, path.read_bytes()))
        data = EvidenceInput(
            kind=options["kind"],
            title=options["title"],
            occurred_on=parse_date(options["occurred_on"], "--date") or date.today(),
            description=options["description"],
            text=options["text"],
            url=options["url"],
            witness_name=options["witness_name"],
            witness_role=options["witness_role"],
            witness_contact=options["witness_contact"],
            shared_with_manager=options["share"],
            elements=options["element"],
            files=files,
        )
        evidence = create_evidence(user, owner, data)
        self.stdout.write(f"added evidence {evidence.pk}: {evidence.title}")

    def do_submit(self, options: dict[str, Any]) -> None:
        user = find_user(options["as_user"])
        learner = find_person(user.username)
        standard = find_standard(options["standard"])
        items = list(Element.objects.items_of([standard.pk]).filter(code__in=options["item"]))
        if len(items) != len(set(options["item"])):
            raise CommandError(f"--item: not all are items of {standard.code}")
        submission = workflow.submit(user, learner, standard, items, options["note"])
        self.stdout.write(
            f"submission {submission.pk}: {standard.code} to {submission.assessor.name}"
        )

    def do_judge(self, options: dict[str, Any]) -> None:
        user = find_user(options["as_user"])
        submission = get_submission_for(user, options["submission"])
        element = (
            Element.objects.items_of([submission.standard_id]).filter(code=options["item"]).first()
        )
        if element is None:
            raise CommandError(f"{options['item']} is not an item of {submission.standard.code}")
        relied = list(submission.evidence.filter(pk__in=options["evidence"]))
        workflow.judge(
            user, submission, element, options["competence"], options["feedback"], relied
        )
        self.stdout.write(f"{element.code}: {options['competence']}")

    def do_answer(self, options: dict[str, Any]) -> None:
        user = find_user(options["as_user"])
        submission = get_submission_for(user, options["submission"])
        workflow.answer(user, submission, options["outcome"], options["feedback"])
        self.stdout.write(f"submission {submission.pk}: {submission.get_status_display()}")

    def do_sign_off(self, options: dict[str, Any]) -> None:
        user = find_user(options["as_user"])
        learner = find_person(options["person"])
        standard = find_standard(options["standard"])
        if not options["yes"]:
            statement = (
                workflow.LEARNER_DECLARATION
                if learner.user_id == user.pk
                else workflow.ASSESSOR_DECLARATION
            )
            raise CommandError(
                f"the declaration is: “{statement}” — add --yes to make it (it cannot be "
                "withdrawn); nothing was changed"
            )
        sign_off = workflow.declare(user, learner, standard, confirmed=True)
        state = "signed off" if sign_off.complete else "declaration recorded"
        self.stdout.write(f"{standard.code} for {learner.name}: {state}")

    def do_qualify(self, options: dict[str, Any]) -> None:
        user = find_user(options["as_user"])
        assessor = find_person(options["assessor"])
        standard = find_standard(options["standard"])
        assignments.qualify(user, assessor, standard, parse_date(options["on"], "--on"))
        self.stdout.write(f"{assessor.name} is qualified to assess {standard.code}")

    def do_assign(self, options: dict[str, Any]) -> None:
        user = find_user(options["as_user"])
        assessor = find_person(options["assessor"])
        learner = find_person(options["learner"])
        standard = find_standard(options["standard"])
        starts = parse_date(options["starts_on"], "--from") or date.today()
        ends = parse_date(options["ends_on"], "--to")
        assignments.assign(user, assessor, learner, standard, starts, ends)
        self.stdout.write(f"{assessor.name} assesses {learner.name} on {standard.code}")
