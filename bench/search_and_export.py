"""Benchmark: catalogue search latency and CASE package export, each against its named limit.

    .venv/bin/python bench/search_and_export.py [--rounds N]

Database: SKILLFRAME_DATABASE_URL if set, else a fresh SQLite file in a temporary data dir
(both seed frameworks are loaded first).
- search: p50/p95 of skillframe.frameworks.search.search() over a fixed query mix, compared with
  a bare indexed query (FTS5 MATCH / tsvector @@ returning only ids) for the same queries.
  Target (issue 4): p95 < 50 ms.
- export: the NOS framework as a CASE 1.1 CFPackage (dump_framework + format), compared with
  serialising the same element rows with plain json.dumps. Target: within 2x.
  Both sides include the database fetch and read the same rows and columns (the ones
  dump_framework reads: id, parent, uuid, code, kind, title, statement, level, metadata); both
  start from the Framework object already loaded. They are timed alternately, best of N each,
  so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

QUERIES = [
    "stakeholder",
    "stakeholder management",
    "risk",
    "budget",
    "redeploy",
    "team performance",
    "communicate",
    "quality audit",
    "supplier",
    "coach",
    "change control",
    "customer service",
    "information security",
    "wellbeing",
    "strategy",
    "leadership",
]

# What dump_framework reads of each element row: the plain-json limit reads exactly these too.
EXPORT_COLUMNS = (
    "id",
    "parent_id",
    "uuid",
    "code",
    "kind",
    "title",
    "statement",
    "level",
    "metadata",
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("SKILLFRAME_DATA_DIR", tempfile.mkdtemp(prefix="skillframe-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillframe.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from skillframe.frameworks.formats import get_format
    from skillframe.frameworks.loading import dump_framework, load_framework
    from skillframe.frameworks.models import Element, Framework
    from skillframe.frameworks.search import search, tokens
    from skillframe.frameworks.seeds import seed_specs

    call_command("migrate", verbosity=0)
    for spec in seed_specs():
        load_framework(spec)

    def bare(query: str) -> None:
        words = tokens(query)
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                match = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
                cursor.execute(
                    "SELECT rowid FROM frameworks_element_fts WHERE frameworks_element_fts"
                    " MATCH %s LIMIT 20",
                    [match],
                )
            else:
                cursor.execute(
                    "SELECT id FROM frameworks_element WHERE"
                    " (setweight(to_tsvector('english', title), 'A')"
                    " || setweight(to_tsvector('english', statement), 'B'))"
                    " @@ to_tsquery('english', %s) LIMIT 20",
                    [" & ".join([*words[:-1], f"{words[-1]}:*"])],
                )
            cursor.fetchall()

    for query in QUERIES:  # warm caches
        search(query)
        bare(query)
    full: list[float] = []
    raw: list[float] = []
    for _ in range(args.rounds):
        for query in QUERIES:
            started = time.perf_counter()
            search(query)
            full.append(time.perf_counter() - started)
            started = time.perf_counter()
            bare(query)
            raw.append(time.perf_counter() - started)

    framework = Framework.objects.get(slug="nos-ml")
    case = get_format("case")

    def export_case() -> bytes:
        return case.dump(dump_framework(framework))

    def plain_json() -> bytes:
        rows = list(
            Element.objects.filter(framework=framework).order_by("ordinal").values(*EXPORT_COLUMNS)
        )
        return json.dumps(rows, default=str).encode()

    def best(runs: list[Callable[[], bytes]], repeat: int = 9) -> list[float]:
        """Best time of each run, taking turns so that load on the machine hits every run."""
        times: list[list[float]] = [[] for _ in runs]
        for _ in range(repeat):
            for run, measured in zip(runs, times, strict=True):
                started = time.perf_counter()
                run()
                measured.append(time.perf_counter() - started)
        return [min(measured) for measured in times]

    t_case, t_json = best([export_case, plain_json])
    p50, p95 = percentile(full, 0.5) * 1000, percentile(full, 0.95) * 1000
    r50, r95 = percentile(raw, 0.5) * 1000, percentile(raw, 0.95) * 1000
    n = Element.objects.count()
    print(f"Search and export benchmark on {connection.vendor} ({n} elements)")
    print(f"  search  p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  ({len(full)} queries)")
    print(f"  bare    p50 {r50:6.2f} ms  p95 {r95:6.2f} ms  (index lookup, ids only)")
    verdict = "met" if p95 < 50 else "MISSED"
    print(f"  ratio   p95 {p95 / r95:5.1f}x the bare indexed query; target p95 < 50 ms: {verdict}")
    size = len(export_case())
    print(f"  export  CASE package of nos-ml {t_case * 1000:7.1f} ms ({size / 1024:.0f} KiB)")
    print(f"  limit   plain json of the rows {t_json * 1000:7.1f} ms")
    verdict = "met" if t_case <= 2 * t_json else "MISSED"
    print(f"  ratio   {t_case / t_json:5.1f}x plain json; target <= 2x: {verdict}")
    print("  (stats: stdev of search ms", f"{statistics.pstdev(full) * 1000:.2f})")


if __name__ == "__main__":
    main()
