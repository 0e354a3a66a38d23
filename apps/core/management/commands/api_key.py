"""`manage.py api_key` prints the API key; `--rotate` replaces the stored key with a new one."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.core.api.keys import KeyFromEnvironment, current_api_key, rotate_api_key


class Command(BaseCommand):
    help = "Prints the API key (X-Api-Key / ?apikey=); --rotate replaces it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rotate", action="store_true", help="Replace the key; the old one stops working."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["rotate"]:
            self.stdout.write(current_api_key())
            return
        try:
            key = rotate_api_key()
        except KeyFromEnvironment as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(key)
        self.stderr.write(self.style.SUCCESS("New API key stored; clients using the old key get 401 now."))
