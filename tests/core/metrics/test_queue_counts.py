"""The legacy queue counts behind /metrics: served from the last count, recounted in the background."""

from __future__ import annotations

import threading

import pytest

from apps.core import metrics
from apps.core.metrics import QueueCounts
from apps.core.models import WantedItem


def add_wanted(n: int) -> None:
    for i in range(n):
        WantedItem.objects.create(item_type="movie", file_path=f"/movies/{i}.mkv", status="wanted")


@pytest.mark.django_db
def test_a_fresh_count_is_served_without_counting_again() -> None:
    counts = QueueCounts()
    add_wanted(2)
    assert counts.get(max_age=60)["wanted"] == 2
    add_wanted(1)
    assert counts.get(max_age=60)["wanted"] == 2


@pytest.mark.django_db
def test_max_age_zero_counts_on_every_call() -> None:
    counts = QueueCounts()
    add_wanted(2)
    assert counts.get(max_age=0)["wanted"] == 2
    add_wanted(1)
    assert counts.get(max_age=0)["wanted"] == 3


@pytest.mark.django_db(transaction=True)
def test_a_stale_count_is_served_while_one_thread_recounts(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = QueueCounts()
    add_wanted(2)
    counts.get(max_age=60)
    add_wanted(3)
    counts.counted_at -= 120  # two minutes old
    # The recount waits until the test has seen the scrapes that happen meanwhile.
    release, real_count = threading.Event(), metrics.count_queues

    def slow_count() -> dict[str, int]:
        release.wait(10)
        return real_count()

    monkeypatch.setattr(metrics, "count_queues", slow_count)
    assert counts.get(max_age=60)["wanted"] == 2  # the scrape does not wait
    assert counts.get(max_age=60)["wanted"] == 2  # nor does the next one, which starts no second recount
    recounts = [t for t in threading.enumerate() if t.name == "metrics-recount"]
    assert len(recounts) == 1
    release.set()
    recounts[0].join(timeout=10)
    assert counts.get(max_age=60)["wanted"] == 5
    assert not counts.refreshing
