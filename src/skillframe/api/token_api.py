"""Personal access tokens over the API: the caller's own only (someone else's token is a 404),
through the same rule as the tokens page (`api/tokens.py`). No __future__ import: ninja reads the
annotations."""

from datetime import datetime
from typing import Any, cast

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from skillframe.api import tokens
from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.models import ApiToken
from skillframe.api.ordering import ordered
from skillframe.api.pagination import Paged
from skillframe.api.schemas import ErrorOut

router = Router(auth=USER_AUTH, tags=["tokens"])


class TokenOut(Schema):
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str  # the secret: shown this once, never stored


class TokenIn(Schema):
    name: str = Field(max_length=tokens.NAME_MAX)


class TokenFilters(Schema):
    active: bool | None = None
    order: str | None = Field(None, max_length=64)  # a field, or -field: see docs/api.md


def _own(request: HttpRequest) -> QuerySet[ApiToken]:
    # Every operation here needs a signed-in caller (USER_AUTH): the user is a real one.
    return ApiToken.objects.filter(user=cast(User, request.user))


def _out(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }


@router.get("/tokens", response=list[TokenOut], summary="Your API tokens, newest first")
@paginate(Paged)
def list_tokens(request: HttpRequest, filters: Query[TokenFilters]) -> Any:
    rows = _own(request).order_by("-created_at", "-id")
    if filters.active is not None:
        rows = rows.filter(revoked_at__isnull=filters.active)
    return ordered(rows, filters.order, {"name": ("name",), "created_at": ("created_at",)})


@router.post(
    "/tokens",
    response={201: TokenCreatedOut, 422: FieldErrorsOut},
    summary="Create a token; the answer holds its secret, shown only this once",
)
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
    token, secret = tokens.create_token(request.user, payload.name)  # type: ignore[arg-type]
    return Status(201, {**_out(token), "token": secret})


@router.post(
    "/tokens/{token_id}/revoke",
    response={200: TokenOut, 404: ErrorOut},
    summary="Revoke one of your tokens at once (again: no change); cannot be undone",
)
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    token = get_object_or_404(_own(request), pk=token_id)
    tokens.revoke_token(cast(User, request.user), token)
    return _out(token)
