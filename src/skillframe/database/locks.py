"""Telling lock conflicts from other database errors, and answering them with 503.

SQLite: "database is locked" (another connection holds the write lock past every retry of
`base.py`). PostgreSQL: serialization failure, deadlock and lock-not-available (SQLSTATE 40001,
40P01, 55P03): the transaction was rolled back whole, so the client may simply try again.
Either way nothing was written, and the right answer is "busy, retry shortly", not a 500.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 2
_POSTGRESQL_CONFLICTS = {"40001", "40P01", "55P03"}
T = TypeVar("T")


def is_sqlite_locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database table is locked" in text


def is_lock_conflict(exc: BaseException) -> bool:
    """Whether `exc` (or the driver error it wraps) is a lock or serialization conflict."""
    seen: BaseException | None = exc
    while seen is not None:
        if is_sqlite_locked(seen):
            return True
        if getattr(seen, "sqlstate", None) in _POSTGRESQL_CONFLICTS:
            return True
        seen = seen.__cause__
    return False


def retry_locked(
    attempt: Callable[[], T],
    *,
    wait_seconds: float,
    is_locked: Callable[[BaseException], bool] = is_sqlite_locked,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Call `attempt` until it does not fail on a lock, for at most `wait_seconds`, waiting a
    little longer (with jitter, so waiting writers do not retry in step) after each failure."""
    deadline = time.monotonic() + wait_seconds
    pause = 0.02
    while True:
        try:
            return attempt()
        except Exception as exc:
            if not is_locked(exc) or time.monotonic() + pause > deadline:
                raise
            logger.info("database locked; retrying in %.2f s", pause)
        sleep(pause * random.uniform(0.5, 1.5))
        pause = min(pause * 2, 1.0)


class LockConflictMiddleware:
    """A view that still meets a lock after the retries gets 503 + Retry-After, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DatabaseError) or not is_lock_conflict(exception):
            return None
        logger.warning("%s %s: database busy (%s)", request.method, request.path, exception)
        message = "The database is busy with another change; nothing was saved. Try again."
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message}, status=503)
        else:
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
