"""``safeharbor worker``: escalate obligations and deliver e-mails in a loop (simple deployments).

The loop does what ``manage.py escalate_obligations`` does, every ``--interval`` seconds. Several
workers, or a worker beside cron, are safe: each notification is created exactly once. It also
signs an audit checkpoint (``manage.py safeharbor audit checkpoint``) on its first pass and then
every ``--checkpoint-every`` seconds when the trail has grown.
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
    parser.add_argument(
        "--checkpoint-every",
        type=float,
        default=900.0,
        metavar="SECONDS",
        help="sign and export an audit checkpoint this often when the trail has grown "
        "(default 900; 0 turns it off: then run 'manage.py safeharbor audit checkpoint' "
        "from cron)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Set up Django, then escalate and deliver until interrupted."""
    if args.interval <= 0:
        sys.stderr.write("safeharbor: --interval must be a positive number of seconds\n")
        return 2
    if args.checkpoint_every < 0:
        sys.stderr.write("safeharbor: --checkpoint-every must be 0 (off) or a number of seconds\n")
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeharbor.config.settings")
    import django

    django.setup()
    try:
        return _loop(args)
    except KeyboardInterrupt:  # Ctrl-C, or make demo stopping: finish quietly
        sys.stdout.write("safeharbor worker: stopped\n")
        return 0


def _loop(args: argparse.Namespace) -> int:
    """Escalate and deliver every ``args.interval`` seconds (once with ``--once``)."""
    from safeharbor.audit.context import Origin, origin
    from safeharbor.notifications.actions import deliver_emails
    from safeharbor.obligations.actions import escalate_obligations

    next_checkpoint = time.monotonic()
    while True:
        with origin(Origin(client="safeharbor worker")):
            told = escalate_obligations()
            sent = deliver_emails()
        sys.stdout.write(f"safeharbor worker: notified {told}, sent {sent} e-mails\n")
        sys.stdout.flush()
        if args.checkpoint_every and time.monotonic() >= next_checkpoint:
            _checkpoint()
            next_checkpoint = time.monotonic() + args.checkpoint_every
        if args.once:
            return 0
        time.sleep(args.interval)


def _checkpoint() -> None:
    """Sign the audit trail's head if it moved; a failure is one stderr line, not the end."""
    from safeharbor.audit.checkpoints import CheckpointError, write_checkpoint

    try:
        write_checkpoint(only_if_moved=True)
    except CheckpointError as error:
        sys.stderr.write(f"safeharbor worker: audit checkpoint not written: {error}\n")
        sys.stderr.flush()
