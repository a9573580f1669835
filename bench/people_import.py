"""Benchmark: the people import's write-lock hold, and rating writes made meanwhile.

    .venv/bin/python bench/people_import.py [--people 10000] [--writers 4] [--skip-old] [--json]

Database: SKILLFRAME_DATABASE_URL if set (e.g. PostgreSQL), else a fresh SQLite file in a
temporary data dir (WAL, as deployed). The import runs in its own process (as `skillframe people
import` would), importing N new people and then re-importing them with every job title changed;
writers are threads posting self-ratings through the real API (bench/write_availability.py).
Phases:
- idle:     writers alone, for 5 s;
- staged:   writers during the import as it runs now (read, check and stage outside the lock,
            then one short switch transaction; `ImportSummary.switch_seconds`);
- one-txn:  the same import inside one transaction, as imports ran before: the lock is held for
            the whole of it (`--skip-old` leaves it out).
Prints per phase the writes, failures (any status but 201) and latencies, and for each import
(create, re-import) its length and the lock hold as a ratio to the 1 s limit.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
LOCK_LIMIT_SECONDS = 1.0
UNIT = "pi-bench"


def people_file(count: int, prefix: str, title: str) -> io.BytesIO:
    """`count` people, each reporting to the person ten places before them."""
    lines = ["employee_id,name,email,job_title,unit,manager_employee_id"]
    for n in range(count):
        boss = f"{prefix}{(n - 1) // 10:06d}" if n else ""
        lines.append(f"{prefix}{n:06d},Person {n},{prefix}{n}@bench.example,{title},{UNIT},{boss}")
    return io.BytesIO(("\n".join(lines) + "\n").encode())


def import_in_process(people: int, prefix: str, one_transaction: bool) -> dict[str, Any]:
    """Create, then re-import with every person changed; the lock hold of each."""
    from django.db import transaction

    from skillframe.people.people_import import import_people

    figures: dict[str, Any] = {}
    for name, title in (("create", "Engineer"), ("reimport", "Lead")):
        data = people_file(people, prefix, title)
        started = time.perf_counter()
        if one_transaction:
            with transaction.atomic():  # everything under one lock: how imports ran before
                summary = import_people(data, actor=None, scope_user=None)
            lock = time.perf_counter() - started
        else:
            summary = import_people(data, actor=None, scope_user=None)
            lock = summary.switch_seconds
        figures[name] = {
            "seconds": time.perf_counter() - started,
            "lock_seconds": lock,
            "counts": [summary.created, summary.updated, summary.unchanged],
        }
    return figures


def during_import(clients: list[Any], people: int, prefix: str, old: bool) -> dict[str, Any]:
    from write_availability import write_while

    busy = threading.Event()
    busy.set()
    outcome: dict[str, Any] = {}

    def importer() -> None:
        command = [sys.executable, __file__, "--import-only", prefix, "--people", str(people)]
        try:
            done = subprocess.run(
                command + (["--one-transaction"] if old else []),
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode:
                outcome["error"] = done.stderr.strip().splitlines()[-1:]
            else:
                outcome["imports"] = json.loads(done.stdout)
        finally:
            busy.clear()

    thread = threading.Thread(target=importer)
    thread.start()
    outcome["writes"] = write_while(clients, busy)
    thread.join()
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--skip-old", action="store_true", help="leave out the one-txn phase")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--import-only", metavar="PREFIX", help=argparse.SUPPRESS)
    parser.add_argument("--one-transaction", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    os.environ.setdefault("SKILLFRAME_DATA_DIR", tempfile.mkdtemp(prefix="skillframe-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillframe.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if args.import_only:
        figures = import_in_process(args.people, args.import_only, args.one_transaction)
        print(json.dumps(figures))
        return
    from write_availability import idle, setup_people, summarise

    from skillframe.people.models import OrgUnit

    call_command("migrate", verbosity=0)
    OrgUnit.objects.get_or_create(code=UNIT, defaults={"name": "People bench"})
    clients = setup_people(args.writers)
    run = f"p{os.getpid()}x{int(time.time()) % 100000}-"
    phases = [summarise("idle", idle(clients, 5.0))]
    phases.append(summarise("staged", during_import(clients, args.people, run + "s", False)))
    if not args.skip_old:
        phases.append(summarise("one-txn", during_import(clients, args.people, run + "o", True)))
    report = {"database": connection.vendor, "people": args.people, "phases": phases}
    if args.json:
        print(json.dumps(report))
        return
    print(f"{connection.vendor}, {args.people} people, {args.writers} writer threads")
    for p in phases:
        print(
            f"{p['phase']:>8}: {p['writes']:5d} writes, {p['failed']} failed"
            f" {p['failed_statuses']}, latency p50 {p['p50'] * 1000:7.1f} ms"
            f"  p95 {p['p95'] * 1000:7.1f} ms  max {p['max'] * 1000:7.1f} ms"
            + (f"  ERROR {p['error']}" if "error" in p else "")
        )
        for name, figures in p.get("imports", {}).items():
            lock = figures["lock_seconds"]
            print(
                f"{'':>10}{name:>8} {figures['counts']} (created, updated, unchanged):"
                f" import {figures['seconds']:.2f} s, lock held {lock:.3f} s"
                f" = {lock / LOCK_LIMIT_SECONDS:.2f}x the {LOCK_LIMIT_SECONDS:.0f} s limit"
            )


if __name__ == "__main__":
    main()
