"""A framework's elements staged in a temporary table, then switched in with a few set queries.

Why: a large import written straight into `frameworks_element` inside one transaction held
SQLite's single write lock for as long as it took to write (34,000 elements: 3 to 15 s), and every
other writer (a rating, a login) waited past its busy timeout and failed. Here the rows are first
written, in batches, into a TEMPORARY table: it belongs to this connection alone (on SQLite it
lives in the connection's own temp database, so writing it takes no lock on the main database;
on PostgreSQL no other session sees it), and it disappears with the connection if the process
dies, so an interrupted import leaves nothing behind. The caller then opens one short transaction
and calls `Stage.switch`, which moves the rows over with set-based SQL (insert the new codes,
update the changed ones, delete the stale ones): the other writers wait for that part only.

A background job queue was not chosen: it would move the work out of the request, but the job
would hold the same lock for the same time; the length of the write transaction is the problem.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from skillframe.database.bulk import write_temp_batch
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.spec import FrameworkSpec, element_uuid

TABLE = "skillframe_element_stage"
# Rows per INSERT batch into the temporary table: big enough to amortise the round trip, small
# enough that memory stays flat whatever the size of the framework.
BATCH_ROWS = 2000
_COLUMNS = (
    "code",
    "parent_code",
    "depth",
    "kind",
    "title",
    "statement",
    "position",
    "ordinal",
    "level",
    "metadata",
    "uuid",
)
# The element columns a re-load may change (uuid and code identify the element and never do).
_CHANGING = ("kind", "title", "statement", "position", "ordinal", "level", "metadata")


@dataclass(frozen=True)
class SwitchCounts:
    created: int
    updated: int
    deleted: int
    unchanged: int


def _ddl() -> str:
    postgres = connection.vendor == "postgresql"
    uuid_type = "uuid" if postgres else "char(32)"
    json_type = "jsonb" if postgres else "text"
    return (
        f"CREATE TEMPORARY TABLE {TABLE} ("
        " code varchar(128) NOT NULL PRIMARY KEY, parent_code varchar(128) NULL,"
        " depth integer NOT NULL, kind varchar(64) NOT NULL, title varchar(500) NOT NULL,"
        " statement text NOT NULL, position integer NOT NULL, ordinal integer NOT NULL,"
        f" level smallint NULL, metadata {json_type} NOT NULL, uuid {uuid_type} NOT NULL,"
        " parent_id bigint NULL)"
    )


class Stage:
    """The staged elements of one framework on this connection (see `staged`)."""

    def __init__(self, spec: FrameworkSpec) -> None:
        self.spec = spec
        self.rows = len(spec.elements)

    def _rows(self) -> Iterator[tuple[Any, ...]]:
        uuid_field = Element._meta.get_field("uuid")
        positions: dict[str | None, int] = {}
        depth: dict[str, int] = {}
        postgres = connection.vendor == "postgresql"
        for ordinal, item in enumerate(self.spec.elements, start=1):
            positions[item.parent_code] = positions.get(item.parent_code, 0) + 1
            depth[item.code] = 0 if item.parent_code is None else depth[item.parent_code] + 1
            uuid = item.uuid or element_uuid(self.spec.slug, item.code)
            yield (
                item.code,
                item.parent_code,
                depth[item.code],
                item.kind,
                item.title,
                item.statement,
                positions[item.parent_code],
                ordinal,
                item.level,
                # As Django's JSONField writes it, so an unchanged element compares equal.
                json.dumps(item.metadata),
                uuid if postgres else uuid_field.get_db_prep_value(uuid, connection),
            )

    def fill(self) -> None:
        columns = ", ".join(_COLUMNS)
        if connection.vendor == "postgresql":
            # COPY: the fastest way in, and no global lock to spare (see the module's doc).
            with transaction.atomic(), connection.cursor() as cursor:
                raw = cursor.cursor  # psycopg's own cursor
                with raw.copy(f"COPY {TABLE} ({columns}) FROM STDIN") as copy:
                    for row in self._rows():
                        copy.write_row(row)
            return
        sql = f"INSERT INTO {TABLE} ({columns}) VALUES ({', '.join(['%s'] * len(_COLUMNS))})"
        batch: list[tuple[Any, ...]] = []
        with connection.cursor() as cursor:
            for row in self._rows():
                batch.append(row)
                if len(batch) == BATCH_ROWS:
                    write_temp_batch(cursor, sql, batch)
                    batch = []
            if batch:
                write_temp_batch(cursor, sql, batch)

    def switch(self, framework: Framework, *, new: bool) -> SwitchCounts:
        """Make the framework's elements exactly the staged ones. Call inside the (short)
        transaction that also writes the framework row: the moment other readers see it.
        `new`: the framework row was created in this transaction, so it has no elements yet
        and only the inserts are needed (the common case of a big import, kept lean)."""
        fw = framework.pk
        # Inserted and changed elements are stamped (CASE lastChangeDateTime); raw SQL skips
        # the model's auto_now.
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        deleted = existing = updated = 0
        with connection.cursor() as cursor:
            if not new:
                # Stale elements go first: a file may give a kept UUID a new code. Deleting
                # through the ORM applies the CASCADE rules of the rows that point at them.
                stale = Element.objects.filter(framework=framework).exclude(
                    code__in=RawSQL(f"SELECT code FROM {TABLE}", [])
                )
                deleted = stale.delete()[1].get(Element._meta.label, 0)
                existing = self._count(cursor, fw)
            missing = (
                ""
                if new
                else (
                    " AND NOT EXISTS (SELECT 1 FROM frameworks_element e"
                    " WHERE e.framework_id = %s AND e.code = s.code)"
                )
            )
            created = 0
            # Parents precede children: one insert per tree depth resolves every parent id.
            cursor.execute(f"SELECT COALESCE(MAX(depth), -1) FROM {TABLE}")
            deepest = cursor.fetchone()[0]
            for depth in range(deepest + 1):
                cursor.execute(
                    "INSERT INTO frameworks_element (framework_id, parent_id, uuid, code,"
                    f" updated_at, {', '.join(_CHANGING)})"
                    f" SELECT %s, p.id, s.uuid, s.code, %s,"
                    f" {', '.join('s.' + c for c in _CHANGING)}"
                    f" FROM {TABLE} s LEFT JOIN frameworks_element p"
                    " ON p.framework_id = %s AND p.code = s.parent_code"
                    f" WHERE s.depth = %s{missing} ORDER BY s.ordinal",
                    [fw, now, fw, depth] + ([] if new else [fw]),
                )
                created += cursor.rowcount
            if existing:
                updated = self._update_changed(cursor, fw, now)
        return SwitchCounts(
            created=created, updated=updated, deleted=deleted, unchanged=existing - updated
        )

    @staticmethod
    def _count(cursor: Any, fw: int) -> int:
        cursor.execute("SELECT COUNT(*) FROM frameworks_element WHERE framework_id = %s", [fw])
        return int(cursor.fetchone()[0])

    @staticmethod
    def _update_changed(cursor: Any, fw: int, now: Any) -> int:
        cursor.execute(
            f"UPDATE {TABLE} SET parent_id = (SELECT p.id FROM frameworks_element p"
            f" WHERE p.framework_id = %s AND p.code = {TABLE}.parent_code)",
            [fw],
        )
        differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
        changed = " OR ".join(
            f"frameworks_element.{name} {differs} s.{name}" for name in ("parent_id", *_CHANGING)
        )
        cursor.execute(
            "UPDATE frameworks_element SET parent_id = s.parent_id, updated_at = %s, "
            + ", ".join(f"{name} = s.{name}" for name in _CHANGING)
            + f" FROM {TABLE} s WHERE frameworks_element.framework_id = %s"
            f" AND frameworks_element.code = s.code AND ({changed})",
            [now, fw],
        )
        return int(cursor.rowcount)


@contextmanager
def staged(spec: FrameworkSpec) -> Iterator[Stage]:
    """Stage `spec`'s elements in this connection's temporary table, dropped on the way out
    (also when the import fails, and by the database itself if the connection dies)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(_ddl())
    try:
        stage = Stage(spec)
        stage.fill()
        yield stage
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
