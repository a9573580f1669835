"""Digests: one per person, with every reminder due to them, sent once (bell + e-mail).

`plan_digests` leaves out muted kinds and what was already sent; `send_digest` records the
reminders, creates the bell notification and sends the e-mail (text and HTML) in one
transaction, so a mail server that refuses the message leaves nothing recorded and the next
run tries again. Two runs at the same time cannot both send a reminder: the second one's
insert meets the unique constraint and that digest is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from skillframe.notifications.models import Notification
from skillframe.notifications.site import absolute, site_url
from skillframe.reminders.due import Due, LeadTimes, due_items
from skillframe.reminders.kinds import Kind
from skillframe.reminders.models import Mute, SentReminder

# The order sections appear in a digest.
KIND_ORDER = list(Kind)
HEADINGS = {
    Kind.SELF_ASSESSMENT: "Your self-assessment",
    Kind.REVIEW: "Waiting for your review",
    Kind.OBJECTIVE: "Your development plan",
    Kind.RATING_REVIEW: "Ratings due for review",
}


@dataclass
class Digest:
    user: User
    items: list[Due] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """The bell's text: how many reminders of which kind."""
        counts = [
            f"{sum(1 for i in self.items if i.kind == kind)} {HEADINGS[kind].lower()}"
            for kind in KIND_ORDER
            if any(i.kind == kind for i in self.items)
        ]
        return f"Reminders: {'; '.join(counts)}."[:500]

    def sections(self) -> list[dict[str, object]]:
        return [
            {
                "heading": HEADINGS[kind],
                "items": [
                    {"text": i.text, "link": absolute(i.url)} for i in self.items if i.kind == kind
                ],
            }
            for kind in KIND_ORDER
            if any(i.kind == kind for i in self.items)
        ]


def plan_digests(today: date, lead: LeadTimes | None = None) -> list[Digest]:
    """The digests a run would send today, by username; nothing is written."""
    items = due_items(today, lead or LeadTimes.from_settings())
    if not items:
        return []
    user_ids = {i.user_id for i in items}
    muted = set(Mute.objects.filter(user_id__in=user_ids).values_list("user_id", "kind"))
    sent = set(
        SentReminder.objects.filter(
            user_id__in=user_ids, key__in={k for i in items for k in i.keys}
        ).values_list("user_id", "key")
    )
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).in_bulk()
    digests: dict[int, Digest] = {}
    for item in items:
        user = users.get(item.user_id)
        if user is None or (item.user_id, item.kind.value) in muted:
            continue
        if all((item.user_id, key) in sent for key in item.keys):
            continue
        digests.setdefault(item.user_id, Digest(user)).items.append(item)
    return sorted(digests.values(), key=lambda d: d.user.get_username())


def render_email(digest: Digest) -> EmailMultiAlternatives:
    context = {
        "name": digest.user.get_full_name() or digest.user.get_username(),
        "sections": digest.sections(),
        "home": absolute("/"),
        "settings_link": absolute("/account/reminders/"),
        "site": site_url(),
    }
    message = EmailMultiAlternatives(
        subject=f"Skillframe: {len(digest.items)} reminder{'s' if len(digest.items) != 1 else ''}",
        body=render_to_string("reminders/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.user.email],
    )
    message.attach_alternative(render_to_string("reminders/digest.html", context), "text/html")
    return message


def send_digest(digest: Digest) -> bool:
    """Record, notify and e-mail; False when another run sent these reminders meanwhile.

    Raises whatever the e-mail backend raises (nothing is then recorded).
    """
    rows = [
        SentReminder(user=digest.user, kind=item.kind, key=key)
        for item in digest.items
        for key in item.keys
    ]
    try:
        with transaction.atomic():
            already = SentReminder.objects.filter(
                user=digest.user, key__in=[r.key for r in rows]
            ).values_list("key", flat=True)
            fresh = [r for r in rows if r.key not in set(already)]
            SentReminder.objects.bulk_create(fresh)
            Notification.objects.create(recipient=digest.user, text=digest.summary, url="/")
            if digest.user.email:
                render_email(digest).send(fail_silently=False)
    except IntegrityError:
        return False
    return True


def send_all(digests: Iterable[Digest]) -> tuple[int, list[str]]:
    """Send each digest; (sent, one problem line per digest that failed)."""
    sent, problems = 0, []
    for digest in digests:
        try:
            if send_digest(digest):
                sent += 1
        except OSError as exc:  # smtplib's errors are OSErrors: refused, unreachable, timed out
            problems.append(f"{digest.user.get_username()}: e-mail not sent: {exc}")
    return sent, problems
