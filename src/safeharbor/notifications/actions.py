"""Create notifications once per occasion, and deliver their e-mails from an outbox."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from safeharbor.accounts.models import User
from safeharbor.notifications.models import Notification
from safeharbor.writes import create_once

if TYPE_CHECKING:  # notifications sit below cases, as audit does: they name a youth, never read one
    from safeharbor.cases.models import Youth

log = logging.getLogger(__name__)
MAX_EMAIL_ATTEMPTS = 5


def notify(
    *,
    recipient: User,
    dedupe_key: str,
    subject: str,
    body: str = "",
    link: str = "",
    youth: Youth | None = None,
    calendar: str = "",
    email: tuple[str, str] | None = None,
    names_youth_until: dt.datetime | None = None,
) -> tuple[Notification, bool]:
    """Notify ``recipient`` once per ``dedupe_key``; return the notification and whether it is new.

    ``calendar`` is an iCalendar file sent with the e-mail (a meeting invitation or cancellation).
    ``email`` is the e-mail's (subject, body) when it must carry less than the app shows.
    ``names_youth_until``: when the recipient's access to the youth ends (a partner's sharing),
    after which the notification shows neutral words instead of the youth.

    A second attempt on the same occasion (another host, a rerun, a race) finds the first row
    (``writes.create_once``). The e-mail goes out later, from the outbox (``deliver_emails``),
    after this commits.
    """

    def create() -> Notification:
        return Notification.objects.create(
            recipient=recipient,
            dedupe_key=dedupe_key,
            subject=subject[:200],
            body=body,
            link=link,
            youth=youth,
            created_at=timezone.now(),
            calendar=calendar,
            email_subject=email[0][:200] if email else "",
            email_body=email[1] if email else "",
            names_youth_until=names_youth_until,
        )

    return create_once(Notification, key={"dedupe_key": dedupe_key}, create=create)


def withdraw_youth(*, recipient: User, youth_id: int, at: dt.datetime) -> int:
    """Stop the recipient's notifications about a youth naming them from ``at``; return how many.

    Called when a partner's sharing of the youth ends: the inbox and any e-mail not yet sent
    show neutral words instead (``Notification.shown_subject``).
    """
    about = Notification.objects.filter(recipient=recipient, youth_id=youth_id)
    sooner = about.filter(Q(names_youth_until__isnull=True) | Q(names_youth_until__gt=at))
    return sooner.update(names_youth_until=at)


def mark_read(*, actor: User, notification_id: int) -> bool:
    """Mark one of the actor's own notifications read; return whether one was found."""
    updated = Notification.objects.filter(
        pk=notification_id, recipient=actor, read_at__isnull=True
    ).update(read_at=timezone.now())
    return updated == 1


def deliver_emails(*, limit: int = 200) -> int:
    """Send pending notification e-mails; return how many were sent.

    Each row is claimed with ``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL) and marked sent in
    the same transaction as the send, so two workers never send the same row. A process killed
    after the SMTP server accepted a message but before the commit sends it again on the next run:
    delivery is at least once, and the notification row itself exists exactly once.
    """
    sent = 0
    tried: list[int] = []  # one attempt per row per pass; a failure waits for the next pass
    for _ in range(limit):
        with transaction.atomic():
            row = _claim_next(exclude=tried)
            if row is None:
                break
            tried.append(row.pk)
            sent += _send_one(row)
    return sent


def _claim_next(*, exclude: list[int]) -> Notification | None:
    """Lock the oldest unsent e-mail no other worker holds (until the caller's commit)."""
    return (
        Notification.objects.select_for_update(skip_locked=True)
        .select_related("recipient")
        .filter(email_sent_at__isnull=True, email_attempts__lt=MAX_EMAIL_ATTEMPTS)
        .exclude(pk__in=exclude)
        .order_by("created_at", "id")
        .first()
    )


def _send_one(row: Notification) -> int:
    row.email_attempts += 1
    address = row.recipient.email
    if not address or row.withdrawn():
        # An e-mail about a youth whose sharing ended before it went out is never sent.
        row.email_error = (
            "not sent: the sharing ended first" if address else "no e-mail address on the account"
        )
        row.email_attempts = MAX_EMAIL_ATTEMPTS
        row.save(update_fields=["email_attempts", "email_error"])
        return 0
    try:
        if row.calendar:
            _invitation(row, address).send()
        else:
            send_mail(_email_subject(row), _email_body(row), settings.DEFAULT_FROM_EMAIL, [address])
    except Exception as exc:  # any transport failure: keep the row, retry on the next pass
        log.warning("notification %s e-mail failed: %s", row.pk, exc)
        row.email_error = str(exc)[:300]
        row.save(update_fields=["email_attempts", "email_error"])
        return 0
    row.email_sent_at = timezone.now()
    row.email_error = ""
    row.save(update_fields=["email_attempts", "email_sent_at", "email_error"])
    return 1


def _invitation(row: Notification, address: str) -> EmailMessage:
    message = EmailMessage(row.subject, _email_body(row), settings.DEFAULT_FROM_EMAIL, [address])
    if row.calendar:
        method = "CANCEL" if "METHOD:CANCEL" in row.calendar else "REQUEST"
        message.attach("invite.ics", row.calendar, f"text/calendar; method={method}")
    return message


# E-mail leaves the agency's systems: about a youth it says only that something needs attention,
# unless the notification chose its own e-mail words (``email_subject``/``email_body``).
# Invitations keep theirs: their calendar file already carries no case details.
GENERIC_SUBJECT = "SafeHarbor: something needs your attention"
GENERIC_BODY = (
    "Something on a youth's record needs your attention. Sign in to SafeHarbor to see it."
)


def _about_a_youth(row: Notification) -> bool:
    return row.youth_id is not None and not row.calendar


def _email_subject(row: Notification) -> str:
    if row.email_subject:
        return row.email_subject
    return GENERIC_SUBJECT if _about_a_youth(row) else row.subject


def _email_body(row: Notification) -> str:
    link = (
        f"\n\nOpen SafeHarbor to see it: {settings.SAFEHARBOR_BASE_URL}{row.link}"
        if row.link
        else ""
    )
    body = row.email_body or (GENERIC_BODY if _about_a_youth(row) else row.body)
    return f"{body}{link}\n\nThis message was sent by SafeHarbor; sign in to see the details."
