"""`skillframe insights heatmap|who|bench|calibration|trends`: the organisation views
(docs/org-insights.md) on the command line, over the whole organisation.

    skillframe insights heatmap (--unit CODE | --manager EMPLOYEE_ID | --org)
        [--role CODE | --elements CODE,CODE… | --framework SLUG] [--by person|unit]
        --format csv|json
    skillframe insights who CODE>=LEVEL… [--any-source] [--format table|json]
    skillframe insights bench (--unit CODE | --manager ID | --org) [--role CODE] [--threshold F]
    skillframe insights calibration
    skillframe insights trends (--unit CODE | --manager ID | --org) [--role CODE | --elements …]

heatmap CSV: one row per person (or unit), one column per element with the row's current level
(validated, else self, else empty; NOS: share of items competent, 0–1; a unit: the mean of its
people with a value). Bad input: a message naming the option, exit status 1, nothing changed.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from skillframe.insights.org import exports, heatmap, params, scope, search, serialize
from skillframe.insights.org.bench import DEFAULT_THRESHOLD
from skillframe.insights.org.calibration_data import calibration


def _scope_options(parser: ArgumentParser, required: bool = True) -> None:
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--unit", metavar="CODE", default="", help="a unit and every unit below")
    group.add_argument(
        "--manager", metavar="EMPLOYEE_ID", default="", help="a manager's reporting subtree"
    )
    group.add_argument("--org", action="store_true", help="the whole organisation")


def _column_options(parser: ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--role", metavar="CODE", default="", help="a role's requirements")
    group.add_argument(
        "--elements",
        metavar="CODE,CODE…",
        default="",
        help="elements by code (a family or group: its skills)",
    )
    group.add_argument(
        "--framework", metavar="SLUG", default="", help="every skill or unit of a framework"
    )


class Command(BaseCommand):
    help = "Organisation views: heatmap, skills search, bench strength, calibration, trends."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        hm = sub.add_parser("heatmap", help="people or units × elements")
        _scope_options(hm)
        _column_options(hm)
        hm.add_argument("--by", choices=("person", "unit"), default="person")
        hm.add_argument("--validated", action="store_true", help="validated ratings only")
        hm.add_argument("--format", choices=("csv", "json"), required=True)
        who = sub.add_parser("who", help="who has CODE>=LEVEL … (NOS: CODE)")
        who.add_argument("conditions", nargs="+", metavar="CODE>=LEVEL")
        who.add_argument(
            "--any-source", action="store_true", help="count self ratings too (default: validated)"
        )
        who.add_argument("--format", choices=("table", "json"), default="table")
        bench = sub.add_parser("bench", help="bench strength, single points of failure")
        _scope_options(bench)
        bench.add_argument("--role", metavar="CODE", default="", help="succession for a role")
        bench.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
        sub.add_parser("calibration", help="manager − self differences per manager and unit")
        trends = sub.add_parser("trends", help="validated capability across cycles")
        _scope_options(trends)
        _column_options(trends)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, "_" + options["action"])(options)
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"--{k}: {m}" for k, ms in exc.message_dict.items() for m in ms)
            ) from None
        except Http404 as exc:
            raise CommandError(f"{exc} (check --unit / --manager / --role)") from None

    def _query(self, options: dict[str, Any]) -> tuple[params.HeatmapQuery, scope.Scope]:
        raw = {
            "unit": options.get("unit", ""),
            "manager": options.get("manager", ""),
            "org": "1" if options.get("org") else "",
            "role": options.get("role", ""),
            "elements": options.get("elements", ""),
            "framework": options.get("framework", ""),
            "by": options.get("by", "person"),
            "validated": "1" if options.get("validated") else "",
        }
        q = params.read(raw)
        return q, scope.resolve(None, **q.scope_kwargs())  # type: ignore[arg-type]

    def _json(self, body: Any) -> None:
        self.stdout.write(json.dumps(body, indent=2, ensure_ascii=False))

    def _heatmap(self, options: dict[str, Any]) -> None:
        q, s = self._query(options)
        columns, _role = params.columns(q, s)
        hm = heatmap.build(None, s, columns, q.by, q.options)
        if options["format"] == "json":
            self._json(exports.as_dict(hm))
            return
        for line in exports.csv_lines(hm):
            self.stdout.write(line, ending="")

    def _who(self, options: dict[str, Any]) -> None:
        conditions = search.parse(" ".join(options["conditions"]))
        s = scope.resolve(None, org=True)
        found = search.who(s, conditions, validated_only=not options["any_source"])
        if options["format"] == "json":
            self._json([serialize.match_dict(m) for m in found])
            return
        heads = ["EMPLOYEE_ID", "NAME", "UNIT", "MET", *(str(c) for c in conditions)]
        rows = [heads]
        for m in found:
            values = ["—" if v is None else f"{v:g}" for v in m.values]
            rows.append([m.employee_id, m.name, m.unit, f"{m.met}/{m.conditions}", *values])
        widths = [max(len(r[i]) for r in rows) for i in range(len(heads))]
        for r in rows:
            self.stdout.write(
                "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
            )

    def _bench(self, options: dict[str, Any]) -> None:
        if not 0 < options["threshold"] <= 1:
            raise CommandError("--threshold: give a share between 0 (excluded) and 1")
        _q, s = self._query(options)
        self._json(serialize.bench_dict(s, options["threshold"], options["role"]))

    def _calibration(self, options: dict[str, Any]) -> None:
        self._json(serialize.calibration_dict(calibration(None, scope.resolve(None, org=True))))

    def _trends(self, options: dict[str, Any]) -> None:
        q, s = self._query(options)
        columns, _role = params.columns(q, s)
        self._json(serialize.trends_dict(s, columns))
