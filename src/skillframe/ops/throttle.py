"""Login throttling per address as well as per username and address.

django-axes counts failures per username+address (settings.AXES_LOCKOUT_PARAMETERS) and compares
them with one limit. Its limit may be a function of the request: this one is
LOGIN_FAILURE_LIMIT, or 0 — every username locked from that address — once the address has
LOGIN_ADDRESS_FAILURE_LIMIT failures in the cool-off period whatever the usernames, so trying one
password on many accounts is slowed as much as many passwords on one.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def address_failures(request: HttpRequest) -> int:
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    if not address:
        return 0
    recent = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
    )
    total = recent.aggregate(total=Sum("failures_since_start"))["total"]
    return int(total or 0)


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
    """AXES_FAILURE_LIMIT: the per-username limit, or 0 when the address itself is locked."""
    if address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        return 0
    return int(settings.LOGIN_FAILURE_LIMIT)
