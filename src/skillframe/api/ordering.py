"""The API's one way to order a list: `order=<field>` or `order=-<field>` (descending).

Each list names the fields it can be ordered by (what a client sees in its rows, mapped to
database columns); anything else is a 422 naming `order` and listing the choices. The list's
own default order applies when `order` is not given, and the primary key always ends the order,
so pages of `limit`/`offset` never skip or repeat a row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def ordered(
    rows: QuerySet[M], order: str | None, fields: Mapping[str, Sequence[str]]
) -> QuerySet[M]:
    """`rows` ordered by `order` (a key of `fields`, optionally with a leading `-`)."""
    if not order:
        return rows
    descending = order.startswith("-")
    columns = fields.get(order.removeprefix("-"))
    if columns is None:
        choices = ", ".join(sorted(fields))
        raise ValidationError({"order": f"cannot order by {order!r}; choose one of: {choices}"})
    sign = "-" if descending else ""
    return rows.order_by(*(f"{sign}{column}" for column in columns), f"{sign}pk")
