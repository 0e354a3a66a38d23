"""`manage.py api_key` prints the API key; `--rotate` replaces the stored key with a new one;
`--where` says where the key is kept (creating it), without printing the key itself, for logs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sublarr.api.keys import KEY_VARIABLE, KeyFromEnvironment, current_api_key, key_path, rotate_api_key
from sublarr.env import PREFIX


class Command(BaseCommand):
    help = "Prints the API key (X-Api-Key / ?apikey=); --rotate replaces it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rotate", action="store_true", help="Replace the key; the old one stops working."
        )

        parser.add_argument(
            "--where", action="store_true", help="Say where the key is kept, without printing it."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["where"]:
            self.stdout.write(key_location())
            return
        if not options["rotate"]:
            self.stdout.write(current_api_key())
            return
        try:
            key = rotate_api_key()
        except KeyFromEnvironment as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(key)
        self.stderr.write(self.style.SUCCESS("New API key stored; clients using the old key get 401 now."))


def key_location() -> str:
    """Where the key comes from: the environment variable, or the key file (made if missing)."""
    if settings.API_KEY:
        return f"from the environment variable {PREFIX}{KEY_VARIABLE}"
    current_api_key()
    return str(key_path())
