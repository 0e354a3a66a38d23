"""Comparing legacy TEXT timestamps with a moment, and the "expired" rule of the cache tables.

Legacy timestamps are TEXT in two spellings: Python's isoformat() ("2024-05-01T10:00:00.123456",
what the legacy code wrote) and SQLite's datetime('now') ("2024-05-01 10:00:00", the column
defaults). They sort correctly only within one spelling (" " < "T"), so every cut-off compares
each spelling with its own form of the moment. An empty value is no time at all: never earlier.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import models
from django.db.models import Q


def utcnow() -> datetime:
    """Now as naive UTC, the clock every legacy timestamp was written with."""
    return datetime.now(UTC).replace(tzinfo=None)


def earlier_than(field: str, moment: datetime) -> Q:
    """Rows whose legacy text timestamp in `field` is earlier than `moment` (naive UTC)."""
    iso, plain = moment.isoformat(), moment.strftime("%Y-%m-%d %H:%M:%S")
    return Q(**{f"{field}__contains": "T", f"{field}__lt": iso}) | (
        ~Q(**{f"{field}__contains": "T"}) & Q(**{f"{field}__gt": ""}) & Q(**{f"{field}__lt": plain})
    )


class ExpiringQuerySet[M: models.Model](models.QuerySet[M]):
    """Cache rows with an `expires_at`: expired once that moment has passed, in either spelling.

    The admin's "delete expired" action, maintenance's purge and the API's cache statistics all
    use these, so they agree on which rows count as expired.
    """

    def expired(self, now: datetime | None = None) -> ExpiringQuerySet:
        return self.filter(self.expired_q(now))

    def active(self, now: datetime | None = None) -> ExpiringQuerySet:
        return self.exclude(self.expired_q(now))

    @staticmethod
    def expired_q(now: datetime | None = None) -> Q:
        # An empty expires_at never was a time: legacy's `expires_at < now` counted it expired.
        return earlier_than("expires_at", now or utcnow()) | Q(expires_at="")

    def delete_expired(self, now: datetime | None = None) -> int:
        return self.expired(now).delete()[0]
