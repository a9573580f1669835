"""`skillframe quality plan|draw|list|export|assurers …`: quality assurance at the command line.

The CLI is run by whoever operates the server: it acts without a role check unless `--as` names
the user whose role and scope (and name in the audit log) it should use, as the pages would.

  skillframe quality plan create NAME --kind assessor|manager --unit CODE [--rate N …] [--as USER]
  skillframe quality plan list
  skillframe quality plan rule PLAN (--rater USER | --standard CODE | --method KIND) --rate N
  skillframe quality draw PLAN --from DATE --to DATE [--seed N] [--as USER]
  skillframe quality list [--plan PLAN] [--draw DRAW] [--pending | --reviewed]
  skillframe quality export [--plan PLAN] [-o FILE]
  skillframe quality assurers add|remove|list [USERNAME]
"""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q

from skillframe.audit.models import record
from skillframe.people.models import OrgUnit, Person
from skillframe.quality.draws import draw_samples
from skillframe.quality.models import Assurer, Kind, Sample, SamplingPlan
from skillframe.quality.plans import create_plan, set_rule
from skillframe.quality.records import csv_lines, export_queryset


def _day(option: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} {text!r} is not a date (use YYYY-MM-DD)") from None


def _problem(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)


class Command(BaseCommand):
    help = "Internal quality assurance: sampling plans, draws, samples and their records."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        plan = sub.add_parser("plan", help="create, list or add rules to sampling plans")
        plans = plan.add_subparsers(dest="plan_action", required=True, metavar="PLAN_ACTION")
        create = plans.add_parser("create", help="create a sampling plan")
        create.add_argument("name")
        create.add_argument("--kind", choices=Kind.values, required=True)
        create.add_argument("--unit", required=True, help="code of the unit it covers")
        create.add_argument("--rate", type=int, default=10, help="base rate, percent")
        create.add_argument("--new-rate", type=int, default=50, help="percent for new raters")
        create.add_argument(
            "--new-threshold", type=int, default=20, help="a rater is new below this many decisions"
        )
        create.add_argument(
            "--disagreement-rate", type=int, default=100, help="percent after a disagreement"
        )
        create.add_argument("--disagreement-days", type=int, default=180)
        create.add_argument("--as", dest="as_user", metavar="USERNAME")
        plans.add_parser("list", help="list the sampling plans")
        rule = plans.add_parser("rule", help="give a rater or a standard its own rate")
        rule.add_argument("plan", type=int)
        target = rule.add_mutually_exclusive_group(required=True)
        target.add_argument("--rater", help="username of the rater")
        target.add_argument("--standard", help="code of the standard")
        target.add_argument("--method", help="an evidence method (witness, observation, file…)")
        rule.add_argument("--rate", type=int, required=True)
        rule.add_argument("--as", dest="as_user", metavar="USERNAME")
        draw = sub.add_parser("draw", help="draw samples of a plan for a period")
        draw.add_argument("plan", type=int)
        draw.add_argument("--from", dest="starts_on", required=True, help="YYYY-MM-DD")
        draw.add_argument("--to", dest="ends_on", required=True, help="YYYY-MM-DD")
        draw.add_argument("--seed", type=int, help="repeat a draw with its seed (default: new)")
        draw.add_argument("--as", dest="as_user", metavar="USERNAME")
        listing = sub.add_parser("list", help="list samples")
        listing.add_argument("--plan", type=int)
        listing.add_argument("--draw", type=int)
        status = listing.add_mutually_exclusive_group()
        status.add_argument("--pending", action="store_true")
        status.add_argument("--reviewed", action="store_true")
        export = sub.add_parser("export", help="write the sampling records as CSV")
        export.add_argument("--plan", type=int)
        export.add_argument("-o", "--output", help="write to this file instead of stdout")
        assurers = sub.add_parser("assurers", help="grant, withdraw or list the IQA role")
        assurers.add_argument("assurer_action", choices=("add", "remove", "list"))
        assurers.add_argument("username", nargs="?")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "plan":
                getattr(self, f"_plan_{options['plan_action']}")(options)
            else:
                getattr(self, f"_{action}")(options)
        except ValidationError as exc:
            raise CommandError(_problem(exc)) from None
        except PermissionDenied as exc:
            raise CommandError(f"refused: {exc}") from None

    def _actor(self, username: str | None) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"--as {username!r}: no active user with that username")
        return user

    def _plan(self, pk: int) -> SamplingPlan:
        plan = SamplingPlan.objects.select_related("unit").filter(pk=pk).first()
        if plan is None:
            raise CommandError(f"no sampling plan {pk}")
        return plan

    def _plan_create(self, options: dict[str, Any]) -> None:
        unit = OrgUnit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"--unit {options['unit']!r}: no unit with that code")
        actor = self._actor(options["as_user"])
        plan = create_plan(
            actor,
            name=options["name"],
            kind=options["kind"],
            unit=unit,
            base_rate=options["rate"],
            new_rate=options["new_rate"],
            new_threshold=options["new_threshold"],
            disagreement_rate=options["disagreement_rate"],
            disagreement_days=options["disagreement_days"],
        )
        self.stdout.write(f"Created sampling plan {plan.pk}: {plan.name}")

    def _plan_list(self, options: dict[str, Any]) -> None:
        plans = SamplingPlan.objects.select_related("unit").annotate(
            sampled=Count("samples", distinct=True),
            reviewed=Count("samples", filter=Q(samples__review__isnull=False), distinct=True),
        )
        for plan in plans:
            self.stdout.write(
                f"{plan.pk}\t{plan.kind}\t{plan.unit.code}\t{plan.base_rate}%\t"
                f"{plan.sampled} sampled, {plan.reviewed} reviewed\t{plan.name}"
            )

    def _plan_rule(self, options: dict[str, Any]) -> None:
        plan = self._plan(options["plan"])
        actor = self._actor(options["as_user"])
        rule = set_rule(
            actor,
            plan,
            rate=options["rate"],
            rater=options["rater"] or "",
            standard=options["standard"] or "",
            method=options["method"] or "",
        )
        self.stdout.write(f"Plan {plan.pk}: {rule}")

    def _draw(self, options: dict[str, Any]) -> None:
        plan = self._plan(options["plan"])
        starts_on = _day("--from", options["starts_on"])
        ends_on = _day("--to", options["ends_on"])
        actor = self._actor(options["as_user"])
        made = draw_samples(actor, plan, starts_on, ends_on, options["seed"])
        sampled = made.samples.count()
        self.stdout.write(
            f"Draw {made.pk} of plan {plan.pk}: {sampled} of {made.population} decisions "
            f"sampled (seed {made.seed}, {len(made.strata)} strata)"
        )
        for stratum in made.strata:
            self.stdout.write(
                f"  {stratum['rater']}\t{stratum['standard']}\t{stratum['drawn']} of "
                f"{stratum['decisions']} at {stratum['rate']}% ({stratum['reason']})"
            )

    def _list(self, options: dict[str, Any]) -> None:
        rows = Sample.objects.select_related(
            "rater", "person", "rating__element", "review"
        ).order_by("draw_id", "pk")
        if options["plan"]:
            rows = rows.filter(plan_id=options["plan"])
        if options["draw"]:
            rows = rows.filter(draw_id=options["draw"])
        if options["pending"]:
            rows = rows.pending()
        if options["reviewed"]:
            rows = rows.reviewed()
        for sample in rows:
            review = getattr(sample, "review", None)
            rater = sample.rater.get_username() if sample.rater else ""
            self.stdout.write(
                f"{sample.pk}\t{sample.rating.element.code}\t{sample.rating.value_label}\t"
                f"{sample.person.employee_id}\t{rater}\t{review.outcome if review else 'pending'}"
            )

    def _export(self, options: dict[str, Any]) -> None:
        rows = Sample.objects.all()
        if options["plan"]:
            rows = rows.filter(plan_id=options["plan"])
        lines = csv_lines(export_queryset(rows).iterator())
        if options["output"]:
            path = Path(options["output"])
            try:
                with path.open("w", encoding="utf-8", newline="") as handle:
                    handle.writelines(lines)
            except OSError as exc:
                raise CommandError(f"cannot write {path}: {exc.strerror}") from None
        else:
            for line in lines:
                self.stdout.write(line, ending="")

    def _assurers(self, options: dict[str, Any]) -> None:
        what, username = options["assurer_action"], options["username"]
        if what == "list":
            for assurer in Assurer.objects.select_related("person__user").order_by("pk"):
                self.stdout.write(f"{assurer.person.user.get_username()}\t{assurer.person.name}")
            return
        if not username:
            raise CommandError(f"assurers {what} needs a USERNAME")
        person = Person.objects.filter(user__username=username).first()
        if person is None:
            raise CommandError(f"no person with the username {username!r}")
        if what == "add":
            Assurer.objects.get_or_create(person=person)
            record(None, "quality.assurer.add", person)
            self.stdout.write(f"{username} is an internal quality assurer")
        else:
            Assurer.objects.filter(person=person).delete()
            record(None, "quality.assurer.remove", person)
            self.stdout.write(f"{username} is no longer an internal quality assurer")
