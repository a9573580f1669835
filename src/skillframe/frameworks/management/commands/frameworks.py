"""`skillframe frameworks list|show|search|export|import|diff|load-seeds`: the catalogue CLI."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from skillframe.frameworks import exchange, versions
from skillframe.frameworks.formats import FORMAT_NAMES
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.loading import SpecError, load_framework
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.outline import element_lines, framework_lines
from skillframe.frameworks.search import search
from skillframe.importing.output import render_rows


class Command(BaseCommand):
    help = "Browse, search and load competency frameworks."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = sub.add_parser("list", help="list frameworks with element counts by kind")
        listing.add_argument("--format", choices=["table", "json", "csv"], default="table")
        show = sub.add_parser("show", help="show a framework, or one element and its subtree")
        show.add_argument("slug")
        show.add_argument("code", nargs="?")
        find = sub.add_parser("search", help="full-text search across frameworks")
        find.add_argument("query")
        find.add_argument("--framework", metavar="SLUG")
        find.add_argument("--kind", action="append", choices=[k.value for k in ElementKind])
        find.add_argument("--limit", type=int, default=20)
        find.add_argument("--format", choices=["table", "json", "csv"], default="table")
        exporting = sub.add_parser("export", help="export a framework to a file")
        exporting.add_argument("slug")
        exporting.add_argument("--format", required=True, choices=FORMAT_NAMES)
        exporting.add_argument("-o", "--output", metavar="FILE", help="default: standard output")
        exporting.add_argument(
            "--version", type=int, metavar="N", help="an older published version (default: current)"
        )
        differ = sub.add_parser("diff", help="what changed between two versions of a framework")
        differ.add_argument("slug")
        differ.add_argument(
            "--from", dest="old", required=True, metavar="V1", help='a version number or "draft"'
        )
        differ.add_argument(
            "--to", dest="new", required=True, metavar="V2", help='a version number or "draft"'
        )
        differ.add_argument("--format", choices=["table", "json"], default="table")
        importing = sub.add_parser("import", help="import a framework from a file (atomic)")
        importing.add_argument("file")
        importing.add_argument("--format", required=True, choices=FORMAT_NAMES)
        importing.add_argument("--slug", help="slug of the new framework (default: from the file)")
        importing.add_argument(
            "--replace",
            action="store_true",
            help="replace an existing framework with this slug at once (no confirmation step: "
            "this flag is the explicit choice; elements in use are never deleted)",
        )
        seeds = sub.add_parser("load-seeds", help="load (or refresh) the shipped seed frameworks")
        seeds.add_argument("--only", metavar="SLUG", help="load just this seed")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"].replace("-", "_")
        getattr(self, f"do_{action}")(options)

    def _framework(self, slug: str) -> Framework:
        try:
            return Framework.objects.get(slug=slug)
        except Framework.DoesNotExist:
            known = ", ".join(Framework.objects.values_list("slug", flat=True)) or "none loaded"
            raise CommandError(f"unknown framework {slug!r} (known: {known})") from None

    def do_list(self, options: dict[str, Any]) -> None:
        frameworks = Framework.objects.all()
        counts = frameworks.element_counts()
        # JSON-ready rows: printed as JSON, or as a table below.
        rows: list[dict[str, Any]] = [
            {
                "slug": f.slug,
                "title": f.title,
                "version": f.version,
                "publisher": f.publisher,
                "counts": dict(sorted(counts.get(f.pk, {}).items())),
            }
            for f in frameworks
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        if options["format"] == "csv":
            flat = [
                r | {"counts": "; ".join(f"{k}={n}" for k, n in r["counts"].items())} for r in rows
            ]
            columns = ["slug", "title", "version", "publisher", "counts"]
            self.stdout.write(render_rows(flat, columns, "csv"))
            return
        if not rows:
            self.stdout.write("No frameworks loaded. Run: skillframe frameworks load-seeds")
            return
        for row in rows:
            self.stdout.write(f"{row['slug']:<10} {row['title']} (version {row['version']})")
            summary = ", ".join(f"{kind}: {n}" for kind, n in row["counts"].items())
            self.stdout.write(f"{'':<10} {summary}")

    def do_show(self, options: dict[str, Any]) -> None:
        framework = self._framework(options["slug"])
        code = options["code"]
        if code is None:
            lines = framework_lines(framework)
        else:
            try:
                element = Element.objects.get(framework=framework, code=code)
            except Element.DoesNotExist:
                raise CommandError(
                    f"framework {framework.slug!r} has no element with code {code!r}"
                ) from None
            lines = element_lines(element)
        for line in lines:
            self.stdout.write(line)

    def do_search(self, options: dict[str, Any]) -> None:
        if options["framework"]:
            self._framework(options["framework"])
        if not 1 <= options["limit"] <= 100:
            raise CommandError(f"--limit must be between 1 and 100, got {options['limit']}")
        results = search(
            options["query"],
            framework=options["framework"],
            kinds=options["kind"],
            limit=options["limit"],
        )
        if options["format"] == "json":
            payload = {
                "query": results.query,
                "total": results.total,
                "hits": [
                    {
                        "framework": hit.framework,
                        "code": hit.code,
                        "kind": hit.kind,
                        "title": hit.title,
                        "statement": hit.statement,
                        "rank": round(hit.rank, 6),
                    }
                    for hit in results.hits
                ],
            }
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
            return
        if options["format"] == "csv":
            hits = [
                {"framework": h.framework, "code": h.code, "kind": h.kind,
                 "title": h.title or h.statement, "rank": round(h.rank, 6)}
                for h in results.hits
            ]  # fmt: skip
            self.stdout.write(
                render_rows(hits, ["framework", "code", "kind", "title", "rank"], "csv")
            )
            return
        self.stdout.write(f"{results.total} match(es) for {results.query!r}")
        for hit in results.hits:
            text = hit.title or hit.statement
            if len(text) > 90:
                text = text[:89] + "…"
            self.stdout.write(f"{hit.framework:<8} {hit.code:<22} {hit.kind:<22} {text}")

    def _version(self, framework: Framework, raw: str) -> Framework:
        if raw == "draft":
            draft = versions.draft_of(framework)
            if draft is None:
                raise CommandError(f"{framework.slug} has no draft")
            return draft
        try:
            return versions.published_version(framework, versions.version_number(raw))
        except ValueError:
            raise CommandError(f'{raw!r} is not a version: give a number or "draft"') from None
        except versions.UnknownVersion as exc:
            raise CommandError(str(exc)) from None

    def do_diff(self, options: dict[str, Any]) -> None:
        framework = self._framework(options["slug"])
        old = self._version(framework, options["old"])
        new = self._version(framework, options["new"])
        diff = versions.diff_versions(old, new)
        if options["format"] == "json":
            payload = {
                "slug": framework.slug,
                "from": old.edition,
                "to": new.edition,
                **diff.as_json(),
            }
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
            return
        counts = diff.counts()
        self.stdout.write(
            f"{framework.slug} {old.edition} -> {new.edition}: "
            + ", ".join(f"{n} {name}" for name, n in counts.items())
        )
        for change in diff.elements:
            words = " ".join(
                f"[-{w.text}-]"
                if w.op == "delete"
                else f"{{+{w.text}+}}"
                if w.op == "insert"
                else w.text
                for w in (change.title or change.statement)
            )
            detail = words if {"reworded"} & set(change.changes) else change.label
            self.stdout.write(f"{','.join(change.changes):<18} {change.code:<22} {detail}")
        for level in diff.scale:
            self.stdout.write(f"{'scale ' + level.change:<18} level {level.number}")

    def do_export(self, options: dict[str, Any]) -> None:
        framework = self._framework(options["slug"])
        if options.get("version") is not None:
            framework = self._version(framework, str(options["version"]))
        result = exchange.export(framework, options["format"])
        if options["output"]:
            try:
                Path(options["output"]).write_bytes(result.content)
            except OSError as exc:
                raise CommandError(f"cannot write {options['output']}: {exc.strerror}") from None
            self.stderr.write(f"wrote {len(result.content)} bytes to {options['output']}")
        elif result.media_type.startswith(("text/", "application/json")):
            self.stdout.write(result.content.decode("utf-8"), ending="")
        else:
            raise CommandError(f"{options['format']} is a binary format: give -o FILE")

    def do_import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        with handle:
            try:
                result = exchange.import_file(
                    handle,
                    options["format"],
                    slug=options["slug"],
                    replace_existing=options["replace"],
                )
            except exchange.FormatError as exc:
                problems = "\n".join(f"  {problem}" for problem in exc.reported)
                if exc.unreported:
                    problems += f"\n  {exc.more}"
                raise CommandError(
                    f"{path}: {len(exc.problems)} problem(s); nothing was imported:\n{problems}"
                ) from None
            except exchange.ImportRefused as exc:
                raise CommandError(f"{path}: {exc}") from None
        self.stdout.write(f"imported {path} as {result.summary()}")

    def do_load_seeds(self, options: dict[str, Any]) -> None:
        from skillframe.frameworks.seeds import SEED_BUILDERS

        only = options["only"]
        if only is not None and only not in SEED_BUILDERS:
            raise CommandError(f"unknown seed {only!r} (known: {', '.join(SEED_BUILDERS)})")
        for slug, build in SEED_BUILDERS.items():
            if only is not None and slug != only:
                continue
            try:
                result = load_framework(build())
            except (SpecError, ValueError) as exc:
                raise CommandError(f"seed {slug!r} could not be loaded: {exc}") from None
            self.stdout.write(result.summary())
