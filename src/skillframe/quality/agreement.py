"""Agreement rates: of a rater's reviewed decisions, the share the reviewer agreed with.

Counted in SQL (one grouped query), per rater overall or per rater and month, over the samples
the caller may see. `manager_agreement` is the function for the organisation's views (a
calibration page): each manager's agreement rate over the manager validations reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from skillframe.people.access import Viewer
from skillframe.quality.access import samples_visible_to
from skillframe.quality.models import Kind, Outcome


@dataclass(frozen=True)
class Agreement:
    rater_id: int
    rater: str  # full name, or the username
    reviewed: int
    agreed: int
    month: date | None = None  # None: the whole time

    @property
    def rate(self) -> float:
        """Agreed / reviewed, 0–1 (a row exists only for raters with a review)."""
        return self.agreed / self.reviewed

    @property
    def percent(self) -> int:
        return round(100 * self.rate)


def agreement_rates(
    user: Viewer,
    kind: str,
    *,
    by_month: bool = False,
    since: date | None = None,
    until: date | None = None,
    rater_ids: list[int] | None = None,
) -> list[Agreement]:
    """Agreement per rater (and month of the review when `by_month`), over the reviewed
    samples of `kind` that `user` may see, reviews made between `since` and `until`."""
    samples = samples_visible_to(user).filter(
        plan__kind=kind, review__isnull=False, rater__isnull=False
    )
    if since is not None:
        samples = samples.filter(review__created_at__date__gte=since)
    if until is not None:
        samples = samples.filter(review__created_at__date__lte=until)
    if rater_ids is not None:
        samples = samples.filter(rater_id__in=rater_ids)
    keys: list[str] = ["rater_id"]
    if by_month:
        samples = samples.annotate(month=TruncMonth("review__created_at"))
        keys.append("month")
    rows = (
        samples.values(*keys)
        .annotate(
            reviewed=Count("pk"),
            agreed=Count("pk", filter=Q(review__outcome=Outcome.AGREE)),
        )
        .order_by(*keys)
    )
    found = list(rows)
    names = {
        u.pk: u.get_full_name() or u.get_username()
        for u in User.objects.filter(pk__in={row["rater_id"] for row in found})
    }
    return [
        Agreement(
            rater_id=row["rater_id"],
            rater=names.get(row["rater_id"], ""),
            reviewed=row["reviewed"],
            agreed=row["agreed"],
            month=_day(row.get("month")),
        )
        for row in found
    ]


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def manager_agreement(user: Viewer, **filters: Any) -> list[Agreement]:
    """Each manager's agreement rate over their reviewed validations that `user` may see: the
    entry point for the organisation-capability (calibration) views."""
    return agreement_rates(user, Kind.MANAGER, **filters)
