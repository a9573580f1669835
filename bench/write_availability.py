"""Benchmark: rating writes while a large framework import runs, against the 1 s lock limit.

    .venv/bin/python bench/write_availability.py [--elements 34000] [--writers 4] [--json]

Database: SKILLFRAME_DATABASE_URL if set (e.g. PostgreSQL), else a fresh SQLite file in a
temporary data dir (WAL, as deployed). Writers are threads posting self-ratings through the real
API (Django's test client, each with its own connection). Phases:
- idle:       writers alone, for 5 s;
- staged:     writers while `load_framework` imports a framework of N elements (the way every
              import runs now: elements staged outside the lock, one short switch-over);
- one-txn:    the same import wrapped in one transaction (the way imports ran before), for
              comparison (`--skip-old` leaves it out).
Prints per phase: writes, failures (any status but 201), p50/p95/max latency; and the import's
lock hold (its write transaction, `LoadResult.switch_seconds`) as a ratio to the 1 s limit.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
LOCK_LIMIT_SECONDS = 1.0
RATING = {"framework": "axelos", "element": "PPM-PPL", "source": "self", "statements_met": []}


def setup_people(writers: int) -> list[Any]:
    """`writers` people whose role asks for AXELOS PPM-PPL, each with a signed-in client."""
    from django.contrib.auth.models import User
    from django.test import Client

    from skillframe.frameworks.loading import load_framework
    from skillframe.frameworks.models import Element, Framework
    from skillframe.frameworks.seeds import seed_specs
    from skillframe.people.models import OrgUnit, Person, RoleProfile, RoleRequirement

    if not Framework.objects.filter(slug="axelos").exists():
        for spec in seed_specs():
            load_framework(spec)
    unit, _ = OrgUnit.objects.get_or_create(code="wa-bench", defaults={"name": "Bench"})
    role, _ = RoleProfile.objects.get_or_create(code="wa-bench", defaults={"title": "Bench"})
    RoleRequirement.objects.get_or_create(
        role=role, element=Element.objects.get(code="PPM-PPL"), defaults={"position": 1}
    )
    clients = []
    for n in range(writers):
        user, _ = User.objects.get_or_create(username=f"wa-writer-{n}")
        Person.objects.get_or_create(
            user=user, defaults={"employee_id": f"WA-{n}", "unit": unit, "current_role": role}
        )
        client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
        client.force_login(user)
        clients.append((client, f"/api/people/WA-{n}/ratings"))
    # Warm up: the first request builds the URL resolver and the API's schemas (seconds).
    for client, path in clients:
        client.post(path, {**RATING, "level": 1}, content_type="application/json")
    return clients


def write_while(clients: list[Any], busy: threading.Event) -> list[tuple[int, float]]:
    """Each client posts ratings in its own thread until `busy` is cleared: (status, seconds)."""
    from django.db import connection

    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def writer(client: Any, path: str) -> None:
        level = 1
        try:
            while busy.is_set():
                body = {**RATING, "level": level}
                started = time.perf_counter()
                response = client.post(path, body, content_type="application/json")
                with lock:
                    results.append((response.status_code, time.perf_counter() - started))
                level = level % 5 + 1
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def big_spec(elements: int, slug: str) -> Any:
    from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec

    per_unit = 33
    items = []
    for u in range(max(1, elements // (per_unit + 1))):
        items.append(ElementSpec(f"U{u}", "unit", None, title=f"Unit {u}", statement="Lead " * 20))
        items += [
            ElementSpec(
                f"U{u}.P{p}", "performance-criterion", f"U{u}", statement=f"Review {p} " * 8
            )
            for p in range(per_unit)
        ]
    return FrameworkSpec(
        slug=slug, title=slug, scale=(ScaleLevelSpec(1, "One"),), elements=tuple(items)
    )


def import_in_process(elements: int, slug: str, one_transaction: bool) -> dict[str, Any]:
    """The import itself (run in its own process, as `skillframe frameworks import` would be:
    threads of one process would also fight over the GIL, which is not what is measured)."""
    from django.db import transaction

    from skillframe.frameworks.loading import load_framework

    spec = big_spec(elements, slug)
    started = time.perf_counter()
    if one_transaction:
        with transaction.atomic():  # everything under one lock: how imports ran before
            result = load_framework(spec)
        lock = time.perf_counter() - started
    else:
        result = load_framework(spec)
        lock = result.switch_seconds
    return {"lock_seconds": lock, "summary": result.summary()}


def during_import(clients: list[Any], elements: int, slug: str, old: bool) -> dict[str, Any]:
    busy = threading.Event()
    busy.set()
    outcome: dict[str, Any] = {}

    def importer() -> None:
        command = [sys.executable, __file__, "--import-only", slug, "--elements", str(elements)]
        started = time.perf_counter()
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
                outcome.update(json.loads(done.stdout))
        finally:
            outcome["import_seconds"] = time.perf_counter() - started
            busy.clear()

    thread = threading.Thread(target=importer)
    thread.start()
    outcome["writes"] = write_while(clients, busy)
    thread.join()
    return outcome


def idle(clients: list[Any], seconds: float) -> dict[str, Any]:
    busy = threading.Event()
    busy.set()
    timer = threading.Timer(seconds, busy.clear)
    timer.start()
    return {"writes": write_while(clients, busy)}


def summarise(name: str, phase: dict[str, Any]) -> dict[str, Any]:
    writes = phase.pop("writes")
    latencies = sorted(seconds for _, seconds in writes) or [0.0]
    failed = [status for status, _ in writes if status != 201]
    return {
        "phase": name,
        **phase,
        "writes": len(writes),
        "failed": len(failed),
        "failed_statuses": sorted(set(failed)),
        "p50": statistics.median(latencies),
        "p95": latencies[int(0.95 * (len(latencies) - 1))],
        "max": latencies[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=34000)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--skip-old", action="store_true", help="leave out the one-txn phase")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--import-only", metavar="SLUG", help=argparse.SUPPRESS)
    parser.add_argument("--one-transaction", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    os.environ.setdefault("SKILLFRAME_DATA_DIR", tempfile.mkdtemp(prefix="skillframe-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillframe.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if args.import_only:
        print(json.dumps(import_in_process(args.elements, args.import_only, args.one_transaction)))
        return
    call_command("migrate", verbosity=0)
    clients = setup_people(args.writers)
    run = f"{os.getpid()}-{int(time.time())}"
    idle_phase = summarise("idle", idle(clients, 5.0))
    staged = summarise("staged", during_import(clients, args.elements, f"wa-{run}", False))
    phases = [idle_phase, staged]
    if not args.skip_old:
        old = during_import(clients, args.elements, f"wa-old-{run}", True)
        phases.append(summarise("one-txn", old))
    report = {"database": connection.vendor, "elements": args.elements, "phases": phases}
    if args.json:
        print(json.dumps(report))
        return
    print(f"{connection.vendor}, {args.elements} elements, {args.writers} writer threads")
    for p in phases:
        line = (
            f"{p['phase']:>8}: {p['writes']:5d} writes,"
            f" {p['failed']} failed {p['failed_statuses']},"
            f" latency p50 {p['p50'] * 1000:7.1f} ms  p95 {p['p95'] * 1000:7.1f} ms"
            f"  max {p['max'] * 1000:7.1f} ms"
        )
        if "lock_seconds" in p:
            line += (
                f"; import {p['import_seconds']:.2f} s, lock held {p['lock_seconds']:.3f} s"
                f" = {p['lock_seconds'] / LOCK_LIMIT_SECONDS:.2f}x the {LOCK_LIMIT_SECONDS:.0f} s"
                " limit"
            )
        print(line + (f"  ERROR {p['error']}" if "error" in p else ""))
    idle_p95 = phases[0]["p95"] or 1e-9
    print(f"write p95 during the staged import / idle: {staged['p95'] / idle_p95:.1f}x")


if __name__ == "__main__":
    main()
