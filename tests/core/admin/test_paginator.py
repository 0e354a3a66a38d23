"""FastCountPaginator: exact small counts, bounded counting on large tables, estimates past it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.core.admin_tools import FastCountPaginator, table_row_estimate
from apps.core.models import WantedItem
from tests.core.admin.conftest import admin_for, build_rows
from tests.core.admin.test_forms import admin_url


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FastCountPaginator, "exact_count_limit", 10)


def analyze_wanted_items() -> None:
    # PostgreSQL estimates from pg_class, which only ANALYZE (or autovacuum) fills in.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE wanted_items")


@pytest.mark.django_db
def test_it_counts_exactly_up_to_the_limit(small_limit: None) -> None:
    build_rows(WantedItem, 10)

    paginator = FastCountPaginator(WantedItem.objects.all(), 5)

    assert paginator.count == 10
    assert paginator.count_label == "10"
    assert paginator.num_pages == 2


@pytest.mark.django_db
def test_its_count_query_never_reads_past_the_limit(small_limit: None) -> None:
    build_rows(WantedItem, 30)

    with CaptureQueriesContext(connection) as queries:
        _ = FastCountPaginator(WantedItem.objects.filter(status="wanted"), 5).count

    assert len(queries) == 1
    assert "LIMIT 11" in queries[0]["sql"]


@pytest.mark.django_db
def test_a_filtered_count_past_the_limit_is_a_lower_bound(small_limit: None) -> None:
    build_rows(WantedItem, 40)

    paginator = FastCountPaginator(WantedItem.objects.exclude(status="nothing"), 5)

    assert paginator.count == 11
    assert paginator.count_label == "more than 10"
    assert paginator.num_pages == 3  # the page after the first two holds the 11th row, and more


@pytest.mark.django_db
def test_asking_for_a_deeper_page_counts_far_enough_to_reach_it(small_limit: None) -> None:
    build_rows(WantedItem, 40)

    paginator = FastCountPaginator(WantedItem.objects.exclude(status="nothing"), 5, page_hint=5)

    assert paginator.count == 31
    assert len(paginator.page(6).object_list) == 5


@pytest.mark.django_db
def test_an_unfiltered_table_past_the_limit_reports_the_database_estimate(small_limit: None) -> None:
    build_rows(WantedItem, 40)
    analyze_wanted_items()

    paginator = FastCountPaginator(WantedItem.objects.all(), 5)

    assert paginator.count == 40
    assert paginator.count_label == "about 40"


@pytest.mark.sqlite_only
@pytest.mark.django_db
def test_on_sqlite_the_estimate_is_the_largest_rowid() -> None:
    rows = build_rows(WantedItem, 5)
    WantedItem.objects.filter(pk__in=[rows[1].pk, rows[2].pk]).delete()

    assert table_row_estimate(WantedItem, "default") == rows[4].pk


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_on_postgresql_the_estimate_is_the_analysed_row_count() -> None:
    build_rows(WantedItem, 7)
    analyze_wanted_items()

    assert table_row_estimate(WantedItem, "default") == 7


def test_the_changelist_says_about_and_pages_beyond_the_limit(
    admin_client: Client, small_limit: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(admin_for(WantedItem), "list_per_page", 5)
    build_rows(WantedItem, 40)
    analyze_wanted_items()
    url = admin_url(WantedItem, "changelist")

    first = admin_client.get(url)
    last = admin_client.get(url, {"p": 8})
    filtered = admin_client.get(url, {"q": "file_path"})

    assert "about 40 wanted items" in first.content.decode()
    assert len(last.context["cl"].result_list) == 5
    assert "more than 10 wanted items" in filtered.content.decode()
