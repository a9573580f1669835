"""Benchmark: CASE provider lookups through the identifier index, against a named limit.

    .venv/bin/python bench/case_provider.py [--rounds N]

Database: SKILLFRAME_DATABASE_URL if set, else a fresh SQLite file in a temporary data dir
(both seed frameworks are loaded first). Over the test client (the whole Django stack):

- CFAssociations/{unknown id} and CFAssociations/{a NOS isChildOf}: before issue 12 an unknown
  identifier scanned every element (337 ms); limit: within 3x of CFDocuments/{unknown id},
  the cheapest provider request (one indexed query on the framework UUID);
- CFItemTypes/{id}: a definition served from the index, same limit;
- the one-off cost of indexing NOS after a load (paid by the first lookup), printed.

Best of N for each, timed alternately so that a busy machine slows all alike.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
LIMIT = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("SKILLFRAME_DATA_DIR", tempfile.mkdtemp(prefix="skillframe-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillframe.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from skillframe.frameworks import case_index
    from skillframe.frameworks.formats.case import CaseWriter
    from skillframe.frameworks.loading import dump_framework, load_framework
    from skillframe.frameworks.models import Element, Framework
    from skillframe.frameworks.seeds import seed_specs

    call_command("migrate", verbosity=0)
    for spec in seed_specs():
        load_framework(spec)
    nos = Framework.objects.get(slug="nos-ml")
    started = time.perf_counter()
    case_index.refresh()
    indexing = time.perf_counter() - started

    element = Element.objects.filter(framework=nos).order_by("-ordinal").first()
    assert element is not None
    client = Client(HTTP_HOST="127.0.0.1")
    base = "/ims/case/v1p1/"
    items = client.get(f"{base}CFItemAssociations/{element.uuid}").json()
    known = items["CFAssociations"][0]["identifier"]
    writer = CaseWriter(dump_framework(nos), changed=nos.updated_at)
    item_type = writer.item_type_link(element.kind)["identifier"]
    paths = {
        "baseline CFDocuments/{unknown}": f"{base}CFDocuments/{uuid.uuid4()}",
        "CFAssociations/{unknown}": f"{base}CFAssociations/{uuid.uuid4()}",
        "CFAssociations/{NOS isChildOf}": f"{base}CFAssociations/{known}",
        "CFItemTypes/{NOS kind}": f"{base}CFItemTypes/{item_type}",
    }
    best = dict.fromkeys(paths, float("inf"))
    for _ in range(args.rounds):
        for name, path in paths.items():
            started = time.perf_counter()
            response = client.get(path)
            best[name] = min(best[name], time.perf_counter() - started)
            assert response.status_code in (200, 404), (path, response.status_code)
    baseline = best["baseline CFDocuments/{unknown}"]
    print(f"indexing NOS after a load (once): {indexing * 1000:.0f} ms")
    for name, seconds in best.items():
        ratio = seconds / baseline
        verdict = "" if name.startswith("baseline") else f" (limit {LIMIT:.0f}x)"
        print(f"{name:34} {seconds * 1000:7.2f} ms  {ratio:5.2f}x baseline{verdict}")


if __name__ == "__main__":
    main()
