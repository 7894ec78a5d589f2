"""``manage.py safeharbor <task>``: operations that need the database (see README, Operations)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeharbor.accounts.models import User
from safeharbor.audit.context import Origin, origin

if TYPE_CHECKING:  # the demo and the audit checks are imported only when their task runs
    from safeharbor.audit.verify import Verdict
    from safeharbor.demo.agency import DemoLogin


class Command(BaseCommand):
    help = "SafeHarbor operations: 'demo' loads the synthetic demo agency."

    def add_arguments(self, parser: CommandParser) -> None:
        tasks = parser.add_subparsers(dest="task", metavar="TASK", required=True)
        demo = tasks.add_parser("demo", help="load the synthetic demo agency unless it is loaded")
        demo.add_argument("--quiet-logins", action="store_true", help="do not print the logins")
        totp = tasks.add_parser(
            "totp", help="print a demo account's current second-factor code (not in production)"
        )
        totp.add_argument("username")
        totp.add_argument(
            "--key", action="store_true", help="print the key for an authenticator app instead"
        )
        _add_audit(tasks.add_parser("audit", help="audit trail checks"))
        tasks.add_parser(
            "rotate-keys",
            help="re-encrypt every protected field under the first key of SAFEHARBOR_FIELD_KEYS",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with origin(Origin(client=f"manage.py safeharbor {options['task']}")):
            getattr(self, f"_{options['task'].replace('-', '_')}")(options)

    def _demo(self, options: dict[str, Any]) -> None:
        from safeharbor.demo import agency
        from safeharbor.demo.second_factor import enrol_demo_devices

        if agency.is_loaded():
            self.stdout.write("The demo agency is already loaded.")
            enrol_demo_devices(User.objects.filter(email__endswith="@demo.safeharbor.invalid"))
        else:
            count = agency.load()
            self.stdout.write(
                self.style.SUCCESS(f"Loaded the demo agency: {count} synthetic youth.")
            )
        if not options["quiet_logins"]:
            self._print_logins(agency.DEMO_PASSWORD, agency.demo_logins())

    def _print_logins(self, password: str, logins: list[DemoLogin]) -> None:
        self.stdout.write(f"Demo logins (password for all: {password}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<18} {login.role.value:<14} {login.who}")
        self.stdout.write(
            "Second factor: every demo account has an authenticator with a known key.\n"
            "In another terminal, print an account's current six-digit code with\n"
            "  SAFEHARBOR_ENV=development .venv/bin/python manage.py safeharbor totp caseworker"
            "\nor add --key to get the key for an authenticator app on your phone."
        )

    def _rotate_keys(self, options: dict[str, Any]) -> None:
        from safeharbor.protected.rotation import rotate_all

        for name, count in rotate_all().items():
            self.stdout.write(f"{name}: {count} value(s) re-encrypted under the first key")

    def _totp(self, options: dict[str, Any]) -> None:
        from safeharbor.accounts import second_factor

        if settings.PRODUCTION:
            raise CommandError("safeharbor totp is for the demo and refuses to run in production")
        user = User.objects.filter(username=options["username"]).first()
        device = second_factor.confirmed_device(user) if user else None
        if device is None:
            raise CommandError(f"no account {options['username']!r} with an authenticator")
        if options["key"]:
            self.stdout.write(f"key: {second_factor.secret_base32(device)}")
            self.stdout.write(f"uri: {second_factor.provisioning_uri(device)}")
        else:
            self.stdout.write(second_factor.current_code(device))

    def _audit(self, options: dict[str, Any]) -> None:
        if options["audit_task"] == "checkpoint":
            self._audit_checkpoint()
        else:
            self._audit_verify(options)

    def _audit_verify(self, options: dict[str, Any]) -> None:
        from safeharbor.audit.verify import problem_of, verify_and_record

        directory = Path(options["checkpoints"]) if options["checkpoints"] else None
        verdict = verify_and_record(
            anchor=_parse_anchor(options["anchor"]), checkpoint_dir=directory
        )
        problem = problem_of(verdict)
        if problem:
            raise CommandError(problem)
        self.stdout.write(
            self.style.SUCCESS(f"audit trail intact: {verdict.events} events")
            + f"\nhead: {verdict.head_id}:{verdict.head_hash}"
        )
        self.stdout.write(_checkpoint_summary(verdict))

    def _audit_checkpoint(self) -> None:
        from safeharbor.audit.checkpoints import CheckpointError, write_checkpoint

        try:
            signed = write_checkpoint()
        except CheckpointError as error:
            raise CommandError(str(error)) from None
        if signed is None:
            self.stdout.write("the audit trail is empty: nothing to sign yet")
            return
        self.stdout.write(
            self.style.SUCCESS(f"checkpoint signed at event #{signed.checkpoint.head_id}")
            + f" ({signed.checkpoint.at}, key {signed.key_id})\nexported to {signed.source}"
        )


def _checkpoint_summary(verdict: Verdict) -> str:
    """Say what the signed checkpoints cover, or that there are none."""
    from safeharbor.audit.verify import events_after

    newest = verdict.newest_checkpoint
    if newest is None:
        return (
            "no signed checkpoints found: a rewrite of the whole trail or a deleted tail would "
            "not show (run 'manage.py safeharbor audit checkpoint', or the worker)"
        )
    return (
        f"checkpoints: {verdict.checkpoints} signed, all hold; the newest, {newest.at}, is at "
        f"event #{newest.head_id}; {events_after(newest)} event(s) since are covered by the "
        "chain alone until the next checkpoint"
    )


def _add_audit(audit: CommandParser) -> None:
    """Add the audit tasks: ``verify`` [--anchor ID:HASH] [--checkpoints DIR], ``checkpoint``."""
    audit_tasks = audit.add_subparsers(dest="audit_task", metavar="TASK", required=True)
    verify = audit_tasks.add_parser(
        "verify",
        help="check the hash chain and the signed checkpoints; exit 1 naming the first problem",
    )
    verify.add_argument(
        "--anchor",
        metavar="ID:HASH",
        help="a head printed by an earlier run: fail if it is gone or changed",
    )
    verify.add_argument(
        "--checkpoints",
        metavar="DIR",
        help="read exported checkpoints from DIR (e.g. the copy kept off the host) instead of "
        "SAFEHARBOR_AUDIT_CHECKPOINT_DIR",
    )
    audit_tasks.add_parser(
        "checkpoint",
        help="sign the trail's head with the checkpoint key; store it and export it to "
        "SAFEHARBOR_AUDIT_CHECKPOINT_DIR",
    )


def _parse_anchor(text: str | None) -> tuple[int, str] | None:
    if not text:
        return None
    event_id, _, digest = text.partition(":")
    if not event_id.isdigit() or len(digest) != 64:
        raise CommandError(f"--anchor {text!r} is not ID:HASH as printed by an earlier run")
    return int(event_id), digest
