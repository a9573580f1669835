"""The API's one pagination: ninja's limit/offset, with both ends bounded (skillframe.inputs).

ninja bounds `limit` (NINJA_PAGINATION_MAX_LIMIT) but not `offset`: an offset past what the
database's integers hold was a 500 (SQLite: "Python int too large to convert"). Here it is part
of the schema, so a caller gets a 422 naming `offset` and the OpenAPI document shows the bound.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from skillframe.inputs import PAGE_LIMIT_MAX, PAGE_OFFSET_MAX


class Paged(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=PAGE_LIMIT_MAX)
        offset: int = Field(0, ge=0, le=PAGE_OFFSET_MAX)
