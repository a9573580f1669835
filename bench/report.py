"""Benchmark: the personal report page for one demo person, against an empty view.

    .venv/bin/python bench/report.py [--repeat N] [--person USERNAME]

Database: SKILLFRAME_DATABASE_URL if set (e.g. PostgreSQL), else a fresh SQLite file in a
temporary data dir; the seed frameworks and the demo organisation are loaded into it. Both
views are requested through Django's test client with the same signed-in user, so both pay the
same middleware (sessions, authentication, HTMX, axes) and the difference is the report's own
work: its queries, the gap and priority kernels, the SVG and the template.
The test client keeps its database connection between requests (as CONN_MAX_AGE does). Prints the
best and median wall time of N runs, and the best CPU time of the process (on a busy machine
wall time also counts waiting for a core; CPU time does not), for
- empty   a view that returns an empty 200 response (the floor of any page);
- report  GET /me/report/ (HTML with two charts);
- pdf     GET /me/report/?format=pdf (the same data laid out by fpdf2);
and the ratio of each to the empty view. Target (issue 6): report page < 100 ms server time.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

LIMIT_MS = 100.0


def timings(repeat: int, run: Callable[[], object]) -> tuple[float, float, float]:
    """Best and median wall time, and best CPU time of this process, in seconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return min(walls), statistics.median(walls), min(cpus)


def bench_urlconf() -> str:
    """The app's URLs plus one empty view, as a module the settings can point at."""
    from django.http import HttpRequest, HttpResponse
    from django.urls import include, path

    def empty(request: HttpRequest) -> HttpResponse:
        return HttpResponse(b"")

    module = types.ModuleType("bench_report_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("__bench__/empty/", empty),
        path("", include("skillframe.urls")),
    ]
    sys.modules[module.__name__] = module
    return module.__name__


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--person", default="alice", help="demo username (default: alice)")
    args = parser.parse_args()

    os.environ.setdefault("SKILLFRAME_DATA_DIR", tempfile.mkdtemp(prefix="skillframe-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillframe.settings")
    os.environ.setdefault("SKILLFRAME_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from skillframe.frameworks.models import Framework

    settings.ROOT_URLCONF = bench_urlconf()
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    if not Framework.objects.exists():
        call_command("frameworks", "load-seeds", stdout=io.StringIO())
    user = get_user_model().objects.filter(username=args.person).first()
    if user is None:
        call_command("demo", stdout=io.StringIO())
        user = get_user_model().objects.get(username=args.person)

    client = Client()
    client.force_login(user)
    paths = {
        "empty": "/__bench__/empty/",
        "report": "/me/report/",
        "pdf": "/me/report/?format=pdf",
    }
    for path in paths.values():  # warm up: templates, caches, first queries
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(paths["report"])
    # Counted now: the next request's request_started signal empties the connection's log.
    report_queries = len(queries.captured_queries)
    results = {
        name: timings(args.repeat, lambda p=path: client.get(p)) for name, path in paths.items()
    }

    vendor = connection.vendor
    who = user.get_username()
    print(f"Personal report benchmark on {vendor}: {who}, best/median of {args.repeat}")
    empty_best = results["empty"][0]
    for name, (best, median, cpu) in results.items():
        ratio = "" if name == "empty" else f"  {best / empty_best:6.1f}x empty view"
        print(
            f"  {name:<7} best {best * 1000:7.2f} ms  median {median * 1000:7.2f} ms"
            f"  cpu {cpu * 1000:7.2f} ms{ratio}"
        )
    best, _median, cpu = results["report"]
    for label, seconds in (("wall", best), ("cpu", cpu)):
        verdict = "within" if seconds * 1000 < LIMIT_MS else "OVER"
        print(
            f"  report page ({label}): {seconds * 1000:.1f} ms, {verdict} the {LIMIT_MS:.0f} ms "
            f"target ({seconds * 1000 / LIMIT_MS:.2f} of it)"
        )
    print(f"  report page queries: {report_queries}")


if __name__ == "__main__":
    main()
