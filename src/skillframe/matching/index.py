"""The matcher of the frameworks in the database, built lazily and rebuilt when one changes.

Key: every framework's id, slug, updated_at and its elements' latest updated_at and count (one
aggregate query per call). Editing, importing or deleting anything in a framework changes the
key, so the next suggestion rebuilds the index (about 2-4 s for the two seed frameworks).
"""

from __future__ import annotations

import threading
from typing import Any

from django.db.models import Count, Max

from skillframe.frameworks.loading import dump_framework
from skillframe.frameworks.models import Framework
from skillframe.matching.engine import Matcher

METHOD = "bm25s+lexicon-vectors v1"  # provenance written on suggestions and feedback

_lock = threading.Lock()
_cache: dict[str, Any] = {"key": None, "matcher": None}


def _key() -> tuple[tuple[Any, ...], ...]:
    rows = Framework.objects.annotate(
        latest=Max("elements__updated_at"), size=Count("elements")
    ).values_list("pk", "slug", "updated_at", "latest", "size")
    return tuple(sorted(rows))


def current_matcher() -> Matcher:
    key = _key()
    with _lock:
        if _cache["key"] != key or _cache["matcher"] is None:
            frameworks = Framework.objects.filter(pk__in=[row[0] for row in key])
            _cache["matcher"] = Matcher([dump_framework(f) for f in frameworks.order_by("slug")])
            _cache["key"] = key
        matcher: Matcher = _cache["matcher"]
    return matcher


def forget() -> None:
    """Drop the cached matcher (tests that change frameworks in place)."""
    with _lock:
        _cache.update(key=None, matcher=None)
