"""``manage.py escalate_obligations``: tell everyone an obligation now concerns, then send e-mails.

Run it every minute from cron on one or more hosts, or run ``safeharbor worker`` instead: each
notification is created once (rows claimed with SKIP LOCKED, unique keys), whatever runs at once
or is killed midway.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safeharbor.audit.context import Origin, origin
from safeharbor.notifications.actions import deliver_emails
from safeharbor.obligations.actions import escalate_obligations


class Command(BaseCommand):
    help = "Notify owners, supervisors and program administrators of obligations, once per step."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-email", action="store_true", help="create notifications but send no e-mail"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with origin(Origin(client="manage.py escalate_obligations")):
            told = escalate_obligations()
            sent = 0 if options["no_email"] else deliver_emails()
        self.stdout.write(f"Notified {told} people; sent {sent} e-mails.")
