"""Updating many rows of a table at once, through a temporary table.

Django's `bulk_update` writes one `CASE WHEN pk = … THEN …` expression per field and batch:
building and running it grows with the square of the batch, and a people import of 5,000 rows
spent most of its time (inside its write transaction) there; 100,000 rows took minutes. Here
the new values go into a per-connection temporary table, and one `UPDATE … FROM` joins them in:
linear, and a fraction of the time. SQLite 3.33+ and PostgreSQL both have UPDATE … FROM.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from django.db import connection
from django.db.models import Field, Model

BATCH_ROWS = 2000


def write_temp_batch(cursor: Any, sql: str, batch: list[tuple[Any, ...]]) -> None:
    """One batch of rows into a connection's own SQLite temporary table (the staged imports):
    inside the caller's transaction if there is one; else in a plain (deferred) BEGIN, which,
    unlike atomic()'s BEGIN IMMEDIATE, takes no lock on the main database (autocommit would
    commit row by row, ten times slower). This transaction only ever writes the temp table."""
    if connection.in_atomic_block:
        cursor.executemany(sql, batch)
        return
    cursor.execute("BEGIN")
    try:
        cursor.executemany(sql, batch)
    except BaseException:
        cursor.execute("ROLLBACK")
        raise
    cursor.execute("COMMIT")


def quote(name: str | None) -> str:
    return str(connection.ops.quote_name(str(name)))


def update_rows(model: type[Model], field_names: Sequence[str], objects: Iterable[Model]) -> int:
    """Write `field_names` of every object in `objects` (each with its pk) to the database;
    the number of rows updated. Saves no other field, sends no signal (as bulk_update)."""
    meta = model._meta
    fields = [cast("Field[Any, Any]", meta.get_field(name)) for name in field_names]
    pk = meta.pk
    assert pk is not None
    table = quote(meta.db_table)
    stage = f"skillframe_update_{meta.db_table}"
    columns = [pk, *fields]
    definition = ", ".join(
        f"{quote(field.column)} {field.db_type(connection)}" for field in columns
    )
    rows = [
        tuple(field.get_db_prep_save(getattr(obj, field.attname), connection) for field in columns)
        for obj in objects
    ]
    if not rows:
        return 0
    names = ", ".join(quote(field.column) for field in columns)
    marks = ", ".join(["%s"] * len(columns))
    assignments = ", ".join(f"{quote(f.column)} = s.{quote(f.column)}" for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {stage}")
        cursor.execute(f"CREATE TEMPORARY TABLE {stage} ({definition})")
        try:
            for start in range(0, len(rows), BATCH_ROWS):
                cursor.executemany(
                    f"INSERT INTO {stage} ({names}) VALUES ({marks})",
                    rows[start : start + BATCH_ROWS],
                )
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM {stage} s"
                f" WHERE {table}.{quote(pk.column)} = s.{quote(pk.column)}"
            )
            updated: int = cursor.rowcount
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {stage}")
    return updated


def insert_rows(model: type[Model], objects: Sequence[Model]) -> int:
    """INSERT `objects` (without their primary keys, which the database assigns) with one
    prepared statement run for many rows. Like bulk_create without RETURNING: the caller looks
    the new rows up by a unique field. bulk_create compiles every value through the query
    machinery; inside an import's write transaction that was most of its length."""
    meta = model._meta
    fields = [
        field
        for field in meta.concrete_fields
        if not field.primary_key or not getattr(field, "db_returning", False)
    ]
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"
    rows = [
        tuple(field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields)
        for obj in objects
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_ROWS):
            cursor.executemany(sql, rows[start : start + BATCH_ROWS])
    return len(rows)
