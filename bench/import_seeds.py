"""Benchmark: parse and load both seed frameworks, against the limits they are compared with.

    .venv/bin/python bench/import_seeds.py [--repeat N]

Database: SKILLFRAME_DATABASE_URL if set (e.g. PostgreSQL), else a fresh SQLite file in a
temporary data dir. Prints, per phase, the best of N runs and its ratio to the named limit:
- parse  vs. reading the text and one regex pass over it (re.findall of all words);
- load   vs. a raw-SQL bulk insert (executemany in one transaction) of the same element rows
          into the same table, with explicit ids, parents and the same search-index triggers.
Targets (issue 3): full load (parse + load, both seeds) < 2 s on SQLite, load within 3x raw.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def best_of(
    repeat: int, run: Callable[[], object], before: Callable[[], object] | None = None
) -> float:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    os.environ.setdefault("SKILLFRAME_DATA_DIR", tempfile.mkdtemp(prefix="skillframe-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillframe.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from skillframe.frameworks.data import seed_text
    from skillframe.frameworks.loading import load_framework
    from skillframe.frameworks.models import Element, Framework
    from skillframe.frameworks.parsing.axelos import parse_axelos
    from skillframe.frameworks.parsing.nos import parse_nos
    from skillframe.frameworks.seeds import AXELOS_SLUG, NOS_SLUG, axelos_spec, nos_spec
    from skillframe.frameworks.spec import element_uuid

    call_command("migrate", verbosity=0)
    texts = {AXELOS_SLUG: seed_text(AXELOS_SLUG), NOS_SLUG: seed_text(NOS_SLUG)}
    word = re.compile(r"\w+")

    def read_and_scan() -> None:
        for name in texts:
            word.findall(seed_text(name))

    def parse_both() -> list[object]:
        return [
            axelos_spec(parse_axelos(seed_text(AXELOS_SLUG))),
            nos_spec(parse_nos(seed_text(NOS_SLUG))),
        ]

    specs = parse_both()
    rows = sum(len(spec.elements) for spec in specs)  # type: ignore[attr-defined]

    def wipe() -> None:
        with transaction.atomic():
            Element.objects.all().delete()
            Framework.objects.all().delete()

    def load_both() -> None:
        for spec in specs:
            load_framework(spec)  # type: ignore[arg-type]

    def full_load() -> None:
        for spec in parse_both():
            load_framework(spec)  # type: ignore[arg-type]

    def raw_insert() -> None:
        # The same rows, written the cheapest way we know: one executemany per framework.
        with transaction.atomic(), connection.cursor() as cursor:
            next_id = 1
            for spec in specs:
                framework = Framework.objects.create(
                    slug=spec.slug,
                    uuid=element_uuid("raw", spec.slug),
                    title=spec.title,  # type: ignore[attr-defined]
                )
                ids: dict[str, int] = {}
                values = []
                positions: dict[str | None, int] = {}
                for ordinal, item in enumerate(spec.elements, start=1):  # type: ignore[attr-defined]
                    ids[item.code] = next_id
                    positions[item.parent_code] = positions.get(item.parent_code, 0) + 1
                    values.append(
                        (
                            next_id,
                            framework.pk,
                            ids.get(item.parent_code) if item.parent_code else None,
                            str(element_uuid(spec.slug, item.code)).replace("-", "")  # type: ignore[attr-defined]
                            if connection.vendor == "sqlite"
                            else str(element_uuid(spec.slug, item.code)),  # type: ignore[attr-defined]
                            item.kind,
                            item.code,
                            item.title,
                            item.statement,
                            positions[item.parent_code],
                            ordinal,
                            item.level,
                            json.dumps(item.metadata),
                        )
                    )
                    next_id += 1
                cursor.executemany(
                    "INSERT INTO frameworks_element (id, framework_id, parent_id, uuid, kind, code,"
                    " title, statement, position, ordinal, level, metadata)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    values,
                )

    repeat = args.repeat
    t_scan = best_of(repeat, read_and_scan)
    t_parse = best_of(repeat, parse_both)
    t_raw = best_of(repeat, raw_insert, before=wipe)
    t_load = best_of(repeat, load_both, before=wipe)
    t_full = best_of(repeat, full_load, before=wipe)
    wipe()
    load_both()
    t_reload = best_of(repeat, load_both)

    vendor = connection.vendor
    verdict = "met" if t_full < 2 else "MISSED"
    lines = [
        ("limit  read + one regex pass", t_scan, ""),
        ("parse  both seeds", t_parse, f"{t_parse / t_scan:5.1f}x the read+scan limit"),
        ("limit  raw SQL bulk insert", t_raw, ""),
        (
            "load   both specs (fresh db)",
            t_load,
            f"{t_load / t_raw:5.1f}x the raw insert (target <= 3x)",
        ),
        ("total  parse + load (fresh db)", t_full, f"target < 2000 ms on SQLite: {verdict}"),
        ("reload unchanged (idempotent)", t_reload, ""),
    ]
    print(f"Seed import benchmark on {vendor} ({rows} elements, best of {repeat})")
    for label, seconds, note in lines:
        print(f"  {label:<32} {seconds * 1000:8.1f} ms   {note}")


if __name__ == "__main__":
    main()
