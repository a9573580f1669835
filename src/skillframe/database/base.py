"""Django's SQLite backend, with writers that wait for the write lock instead of failing.

SQLite has one write lock per database. Each connection already waits `busy_timeout` for it
inside SQLite; a writer still refused after that ("database is locked") used to surface as a 500.
Here every statement run while no transaction is open is retried with backoff when it meets the
lock, up to `settings.DATABASE_LOCK_WAIT` seconds in all. That covers the two places where a
refusal can happen before anything was written:
- `BEGIN IMMEDIATE`, which every `atomic()` block starts with (conf.py sets that mode): once it
  succeeds the transaction holds the lock, so no later statement in it meets the lock;
- a statement run in autocommit mode (outside `atomic()`): it is its own transaction, and a
  refused one did nothing.
A statement inside an explicit transaction is never retried here: its transaction is not ours to
replay. Past the limit the error goes on, and `locks.LockConflictMiddleware` answers 503.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.backends.sqlite3 import base

from skillframe.database.locks import retry_locked


def _wait_seconds() -> float:
    return float(getattr(settings, "DATABASE_LOCK_WAIT", 30))


class RetryingCursor(base.SQLiteCursorWrapper):
    def execute(self, query: str, params: Any = None) -> Any:
        if self.connection.in_transaction:
            return super().execute(query, params)
        return retry_locked(
            lambda: super(RetryingCursor, self).execute(query, params), wait_seconds=_wait_seconds()
        )

    def executemany(self, query: str, param_list: Any) -> Any:
        if self.connection.in_transaction:
            return super().executemany(query, param_list)
        rows = list(param_list)  # a retry must see the same rows again
        return retry_locked(
            lambda: super(RetryingCursor, self).executemany(query, rows),
            wait_seconds=_wait_seconds(),
        )


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name: str | None = None) -> Any:
        return self.connection.cursor(factory=RetryingCursor)
