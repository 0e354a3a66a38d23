"""`schema_check` compares the database the suite runs on (SQLite or PostgreSQL) with the models."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

# Autocommit: on PostgreSQL the reference is built by a second connection in a scratch schema.
pytestmark = pytest.mark.django_db(transaction=True)


def run_schema_check() -> str:
    out = StringIO()
    call_command("schema_check", stdout=out)
    return out.getvalue()


def test_a_migrated_database_matches_the_models() -> None:
    assert "The schema matches the models." in run_schema_check()


def test_it_reports_a_missing_index_and_exits_non_zero() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX idx_jobs_status")
    try:
        out = StringIO()
        with pytest.raises(CommandError, match="1 difference"):
            call_command("schema_check", stdout=out)
        assert "missing index: jobs index idx_jobs_status (status)" in out.getvalue()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("CREATE INDEX idx_jobs_status ON jobs (status)")


def test_it_reports_a_table_the_models_do_not_know() -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE my_notes (id INTEGER PRIMARY KEY, note TEXT)")
    try:
        out = StringIO()
        with pytest.raises(CommandError):
            call_command("schema_check", stdout=out)
        assert "extra table: my_notes" in out.getvalue()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE my_notes")
