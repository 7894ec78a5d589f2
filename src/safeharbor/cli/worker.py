"""``safeharbor worker``: escalate obligations and deliver e-mails in a loop (simple deployments).

The loop does what ``manage.py escalate_obligations`` does, every ``--interval`` seconds. Several
workers, or a worker beside cron, are safe: each notification is created exactly once.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``worker`` subcommand."""
    parser = subparsers.add_parser(
        "worker",
        help="escalate obligations and send notification e-mails, in a loop",
        description="Needs the database: reads DATABASE_URL and the other settings like the "
        "web application (README, Configuration).",
    )
    parser.add_argument(
        "--interval", type=float, default=60.0, help="seconds between passes (default 60)"
    )
    parser.add_argument("--once", action="store_true", help="run one pass and exit")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Set up Django, then escalate and deliver until interrupted."""
    if args.interval <= 0:
        sys.stderr.write("safeharbor: --interval must be a positive number of seconds\n")
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeharbor.config.settings")
    import django

    django.setup()
    from safeharbor.audit.context import Origin, origin
    from safeharbor.notifications.actions import deliver_emails
    from safeharbor.obligations.actions import escalate_obligations

    while True:
        with origin(Origin(client="safeharbor worker")):
            told = escalate_obligations()
            sent = deliver_emails()
        sys.stdout.write(f"safeharbor worker: notified {told}, sent {sent} e-mails\n")
        sys.stdout.flush()
        if args.once:
            return 0
        time.sleep(args.interval)
