"""``manage.py safeharbor <task>``: operations that need the database (see README, Operations)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safeharbor.audit.context import Origin, origin


class Command(BaseCommand):
    help = "SafeHarbor operations: 'demo' loads the synthetic demo agency."

    def add_arguments(self, parser: CommandParser) -> None:
        tasks = parser.add_subparsers(dest="task", metavar="TASK", required=True)
        demo = tasks.add_parser("demo", help="load the synthetic demo agency unless it is loaded")
        demo.add_argument("--quiet-logins", action="store_true", help="do not print the logins")
        tasks.add_parser(
            "rotate-keys",
            help="re-encrypt every protected field under the first key of SAFEHARBOR_FIELD_KEYS",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with origin(Origin(client=f"manage.py safeharbor {options['task']}")):
            getattr(self, f"_{options['task'].replace('-', '_')}")(options)

    def _demo(self, options: dict[str, Any]) -> None:
        from safeharbor.demo import agency

        if agency.is_loaded():
            self.stdout.write("The demo agency is already loaded.")
        else:
            count = agency.load()
            self.stdout.write(
                self.style.SUCCESS(f"Loaded the demo agency: {count} synthetic youth.")
            )
        if not options["quiet_logins"]:
            self.stdout.write(f"Demo logins (password for all: {agency.DEMO_PASSWORD}):")
            for login in agency.demo_logins():
                self.stdout.write(f"  {login.username:<18} {login.role.value:<14} {login.who}")

    def _rotate_keys(self, options: dict[str, Any]) -> None:
        from safeharbor.protected.rotation import rotate_all

        for name, count in rotate_all().items():
            self.stdout.write(f"{name}: {count} value(s) re-encrypted under the first key")
