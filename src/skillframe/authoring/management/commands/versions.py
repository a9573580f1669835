"""`skillframe versions list|draft|import|map|confirm-all|impact|publish|discard|tailor`: framework
versions from the command line (an administrator's tool: no permission check, audited as the
command line). `skillframe frameworks diff SLUG --from V1 --to V2` shows a diff."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from skillframe.authoring import drafts, mapping
from skillframe.authoring.impact import element_impact, totals
from skillframe.authoring.publish import blockers, publish
from skillframe.frameworks.exchange import FormatError, ImportRefused
from skillframe.frameworks.formats import FORMAT_NAMES
from skillframe.frameworks.models import Framework
from skillframe.frameworks.versions import diff_versions, draft_of, published_versions


class Command(BaseCommand):
    help = "Framework versions: drafts, mapping, impact, publishing, tailoring."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = sub.add_parser("list", help="a framework's versions")
        listing.add_argument("slug")
        listing.add_argument("--format", choices=["table", "json"], default="table")
        draft = sub.add_parser("draft", help="start the draft of the next version (a copy)")
        draft.add_argument("slug")
        importing = sub.add_parser("import", help="load a newer edition from a file as the draft")
        importing.add_argument("file")
        importing.add_argument("--format", required=True, choices=FORMAT_NAMES)
        importing.add_argument("--slug", help="the framework (default: the file's slug)")
        mapped = sub.add_parser("map", help="map an old element to a draft element (or none)")
        mapped.add_argument("slug")
        mapped.add_argument("old")
        mapped.add_argument("new", nargs="?", help="draft element code; leave out: removed")
        confirm = sub.add_parser("confirm-all", help="confirm every suggested mapping")
        confirm.add_argument("slug")
        impact = sub.add_parser("impact", help="what publishing the draft would touch")
        impact.add_argument("slug")
        impact.add_argument("--format", choices=["table", "json"], default="table")
        publishing = sub.add_parser("publish", help="publish the draft (cannot be undone)")
        publishing.add_argument("slug")
        publishing.add_argument("--notes", default="")
        publishing.add_argument("--yes", action="store_true", help="do it (without: say what)")
        discard = sub.add_parser("discard", help="throw the draft away (cannot be undone)")
        discard.add_argument("slug")
        discard.add_argument("--yes", action="store_true", help="do it (without: say what)")
        tailor = sub.add_parser("tailor", help="a framework of your own derived from this one")
        tailor.add_argument("slug")
        tailor.add_argument("new_slug")
        tailor.add_argument("--title", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"].replace("-", "_")
        try:
            getattr(self, f"do_{action}")(options)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None

    def _framework(self, slug: str) -> Framework:
        framework = Framework.objects.filter(slug=slug).first()
        if framework is None:
            raise CommandError(f"unknown framework {slug!r}")
        return framework

    def _draft(self, slug: str) -> tuple[Framework, Framework]:
        framework = self._framework(slug)
        draft = draft_of(framework)
        if draft is None:
            raise CommandError(f"{slug} has no draft: `skillframe versions draft {slug}`")
        return framework, draft

    def do_list(self, options: dict[str, Any]) -> None:
        framework = self._framework(options["slug"])
        draft = draft_of(framework)
        rows = [
            {
                "version": v.edition,
                "current": v.pk == framework.pk,
                "published_at": v.edition_published_at.isoformat()
                if v.edition_published_at
                else None,
                "notes": v.edition_notes,
            }
            for v in published_versions(framework)
        ]
        if options["format"] == "json":
            payload = {"slug": framework.slug, "draft": draft.edition if draft else None}
            self.stdout.write(json.dumps({**payload, "versions": rows}, indent=2))
            return
        for row in rows:
            mark = " (current)" if row["current"] else ""
            self.stdout.write(
                f"{row['version']}{mark}\t{row['published_at'] or '-'}\t{row['notes']}"
            )
        if draft:
            self.stdout.write(f"{draft.edition} (draft)")

    def do_draft(self, options: dict[str, Any]) -> None:
        framework = self._framework(options["slug"])
        draft = drafts.start_draft(framework, None)
        self.stdout.write(
            f"{framework.slug}: draft of version {draft.edition} started; "
            f"{mapping.undecided(framework, draft)} mapping suggestion(s) to decide"
        )

    def do_import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        with handle:
            try:
                draft = drafts.import_draft(handle, options["format"], None, slug=options["slug"])
            except (FormatError, ImportRefused) as exc:
                raise CommandError(f"{path}: {exc}") from None
        self.stdout.write(f"{path}: loaded as the draft of version {draft.edition}")

    def do_map(self, options: dict[str, Any]) -> None:
        framework, draft = self._draft(options["slug"])
        mapping.decide(framework, draft, options["old"], options["new"], AnonymousUser())
        target = options["new"] or "nothing (removed)"
        self.stdout.write(f"{options['old']} -> {target}")

    def do_confirm_all(self, options: dict[str, Any]) -> None:
        framework, draft = self._draft(options["slug"])
        n = mapping.confirm_all(framework, draft, AnonymousUser())
        self.stdout.write(f"{n} suggestion(s) confirmed")

    def do_impact(self, options: dict[str, Any]) -> None:
        framework, draft = self._draft(options["slug"])
        changes = diff_versions(framework, draft)
        mapped = {r.old.code: r.new.code for r in mapping.mapping_rows(framework, draft) if r.new}
        items = element_impact(framework, changes, mapped)
        payload: dict[str, Any] = {
            "slug": framework.slug,
            "from": framework.edition,
            "to": draft.edition,
            "counts": changes.counts(),
            "totals": totals(items),
            "elements": [item.as_json() for item in items],
            "blockers": blockers(framework, draft),
        }
        if options["format"] == "json":
            self.stdout.write(json.dumps(payload, indent=2))
            return
        self.stdout.write(
            f"{framework.slug} {framework.edition} -> draft {draft.edition}: "
            + ", ".join(f"{n} {k}" for k, n in payload["totals"].items())
        )
        for item in items:
            counts = " ".join(f"{k}={n}" for k, n in item.counts.items())
            self.stdout.write(
                f"{item.element.code:<22} {','.join(item.changes):<18} "
                f"-> {item.mapped_to or '-':<22} {counts}"
            )
        for problem in payload["blockers"]:
            self.stdout.write(f"blocked: {problem}")

    def do_publish(self, options: dict[str, Any]) -> None:
        framework, draft = self._draft(options["slug"])
        if not options["yes"]:
            problems = blockers(framework, draft)
            self.stdout.write(
                f"Publishing makes draft {draft.edition} the current version of "
                f"{framework.slug} and cannot be undone. Nothing changed: add --yes."
            )
            for problem in problems:
                self.stdout.write(f"blocked: {problem}")
            raise CommandError("not confirmed")
        result = publish(framework, draft, None, options["notes"])
        self.stdout.write(
            f"{framework.slug}: version {result.edition} published; {result.ratings} rating(s) "
            f"carried, {result.requirements} requirement(s), {result.objectives} objective(s), "
            f"{result.evidence} evidence mapping(s) and {result.crosswalks} crosswalk link(s) moved"
        )

    def do_discard(self, options: dict[str, Any]) -> None:
        framework, draft = self._draft(options["slug"])
        if not options["yes"]:
            self.stdout.write(
                f"Discarding throws away draft {draft.edition} of {framework.slug} and its "
                "mapping; it cannot be undone. Nothing changed: add --yes."
            )
            raise CommandError("not confirmed")
        n = drafts.discard_draft(framework, None)
        self.stdout.write(f"{framework.slug}: draft {draft.edition} discarded ({n} elements)")

    def do_tailor(self, options: dict[str, Any]) -> None:
        upstream = self._framework(options["slug"])
        mine = drafts.derive(upstream, options["new_slug"], options["title"], None)
        self.stdout.write(f"{mine.slug}: derived from {upstream.slug} version {upstream.edition}")
