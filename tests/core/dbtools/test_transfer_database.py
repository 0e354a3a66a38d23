"""transfer_database: refusing, resuming, verifying, users and sequences, never writing the source."""

from __future__ import annotations

import sqlite3
from io import StringIO
from pathlib import Path

import psycopg2
import pytest
from django.core.management import CommandError, call_command

from apps.core.dbtools import databases as dbs
from apps.core.dbtools import deferred
from apps.core.dbtools import transfer as transfer_module
from apps.core.dbtools.transfer import MARKER, TransferError, transfer
from tests.core.dbtools.conftest import HEAD, LEGACY, execute, manage, manifest_of
from tests.core.dbtools.test_transfer_legacy import NEW_HOOK_LOG, insert_into

pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]


def test_it_refuses_a_target_holding_sublarr_rows_unless_told_to_replace(source, pg_database) -> None:
    target = pg_database()
    transfer(source, target, progress=False)

    with pytest.raises(TransferError, match="already holds Sublarr data"):
        transfer(source, target, progress=False)
    assert transfer(source, target, replace=True, progress=False).ok


def test_an_interrupted_transfer_resumes_after_the_last_committed_batch(source, pg_database) -> None:
    target = pg_database()

    def fail_mid_table(table: str, done: int) -> None:
        if table == "wanted_items" and done >= 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        transfer(source, target, batch=5, progress=False, after_batch=fail_mid_table)
    held = {t: n for t, n in target_counts(target).items() if n}
    report = transfer(source, target, batch=5, progress=False)

    assert report.resumed and report.ok
    assert held["wanted_items"] == 10
    # Tables are copied several at once: each resumes after what it holds, none is copied twice.
    for table, check in ((c.table, c) for c in report.checks):
        assert report.copied[table] == check.source["rows"] - held.get(table, 0), table
    assert MARKER not in dbs.table_names(dbs.connect_readonly(target), "postgresql")


def target_counts(db: dbs.Database) -> dict[str, int]:
    con = dbs.connect_readonly(db)
    try:
        cur = con.cursor()
        counts = {}
        for table in transfer_module.transfer_tables():
            cur.execute(f"SELECT count(*) FROM {dbs.quote(table.name)}")
            counts[table.name] = cur.fetchone()[0]
        return counts
    finally:
        con.close()


def test_an_interrupted_reverse_transfer_resumes_too(source, pg_database, sqlite_database) -> None:
    postgres, back = pg_database(), sqlite_database("back.db")
    transfer(source, postgres, progress=False)

    def fail(table: str, done: int) -> None:
        if table == "jobs" and done >= 4:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        transfer(postgres, back, batch=4, progress=False, after_batch=fail)
    assert transfer(postgres, back, batch=4, progress=False).ok
    assert manifest_of(back) == manifest_of(source)


def test_a_new_source_is_refused_by_a_half_filled_target(source, pg_database, sqlite_database) -> None:
    target = pg_database()
    with pytest.raises(KeyboardInterrupt):
        transfer(
            source,
            target,
            batch=5,
            progress=False,
            after_batch=lambda table, done: (_ for _ in ()).throw(KeyboardInterrupt),
        )
    other = sqlite_database("other.db")

    with pytest.raises(TransferError, match="unfinished transfer from"):
        transfer(other, target, progress=False)


def test_ids_continue_past_the_highest_id_ever_handed_out(source, pg_database, sqlite_database) -> None:
    # AUTOINCREMENT never reuses the id of a deleted last row; neither may the other side.
    execute(source, "DELETE FROM hook_log WHERE id = (SELECT max(id) FROM hook_log)")
    deleted = (
        sqlite3.connect(source.path)
        .execute("SELECT seq FROM sqlite_sequence WHERE name = 'hook_log'")
        .fetchone()[0]
    )
    postgres, back = pg_database(), sqlite_database("back.db")

    transfer(source, postgres, progress=False)
    transfer(postgres, back, progress=False)

    assert insert_into(postgres, NEW_HOOK_LOG) == deleted + 1
    assert insert_into(back, NEW_HOOK_LOG) == deleted + 1


def test_users_sessions_and_the_admin_log_are_transferred(source, pg_database, sqlite_database) -> None:
    execute(
        source,
        "INSERT INTO auth_user (id, password, last_login, is_superuser, username, first_name, last_name,"
        " email, is_staff, is_active, date_joined) VALUES (7, 'pbkdf2_sha256$x', NULL, 1, 'admin', '', '',"
        " 'a@example.org', 1, 1, '2025-01-02 03:04:05.123456')",
        "INSERT INTO django_session VALUES ('k1', 'data', '2030-01-01 00:00:00')",
        "INSERT INTO django_admin_log (action_time, object_id, object_repr, action_flag, change_message,"
        " content_type_id, user_id) SELECT '2025-01-02 03:04:06', '1', 'x', 1, '[]', id, 7"
        " FROM django_content_type WHERE model = 'job'",
    )
    postgres, back = pg_database(), sqlite_database("back.db")

    assert transfer(source, postgres, progress=False).ok
    assert transfer(postgres, back, progress=False).ok

    con = dbs.connect_readonly(postgres)
    cur = con.cursor()
    cur.execute("SELECT username, is_superuser, date_joined::text FROM auth_user")
    assert cur.fetchall() == [("admin", True, "2025-01-02 03:04:05.123456+00")]
    con.close()
    back_con = sqlite3.connect(back.path)
    assert back_con.execute("SELECT username, is_superuser, date_joined FROM auth_user").fetchall() == [
        ("admin", 1, "2025-01-02 03:04:05.123456")
    ]
    assert back_con.execute(
        "SELECT count(*) FROM django_admin_log JOIN django_content_type ct"
        " ON ct.id = content_type_id WHERE ct.model = 'job'"
    ).fetchone() == (1,)


def test_the_source_is_only_read(source, pg_database) -> None:
    before = source.path.read_bytes()
    source.path.chmod(0o444)

    assert transfer(source, pg_database(), progress=False).ok
    assert source.path.read_bytes() == before


def test_it_refuses_a_source_that_is_not_migrated(tmp_path: Path, pg_database) -> None:
    raw = tmp_path / "legacy.db"
    raw.write_bytes((LEGACY / HEAD).read_bytes())

    with pytest.raises(TransferError, match="not a migrated Sublarr database"):
        transfer(dbs.from_url(f"sqlite:///{raw}"), pg_database(), progress=False)


def test_the_command_fails_when_the_target_differs(source, pg_database, monkeypatch) -> None:
    target = pg_database()
    real_build_indexes = deferred.build_indexes
    first = min(r[0] for r in sqlite3.connect(source.path).execute("SELECT id FROM jobs"))

    def tamper_then_build_indexes(con, table):
        # After the rows are in, before they are verified: as a disk or another program could.
        if table == "jobs":
            with con, con.cursor() as cur:
                cur.execute("UPDATE jobs SET status = 'tampered' WHERE id = %s", [first])
        real_build_indexes(con, table)

    monkeypatch.setattr(deferred, "build_indexes", tamper_then_build_indexes)
    out = StringIO()
    with pytest.raises(CommandError, match="verification failed: the target differs in jobs"):
        call_command(
            "transfer_database", "--from", source.label, "--to", pg_url(target), "--no-progress", stdout=out
        )
    assert f"jobs: 40 rows -> 40 rows, first difference at key {first!r}" in out.getvalue()


def test_a_table_sent_whole_is_read_back_as_sent(source, pg_database) -> None:
    report = transfer(source, pg_database(), progress=False)

    assert report.ok
    # Legacy tables are read back byte for byte; Django's datetimes are compared with the source.
    assert {"wanted_items", "jobs", "hook_log", "subtitle_downloads"} <= set(report.read_back_as_sent)
    assert "auth_user" not in report.read_back_as_sent


def pg_url(db: dbs.Database) -> str:
    c = db.config
    return f"postgres://{c['USER']}@{c['HOST']}:{c['PORT']}/{c['NAME']}"


def test_the_command_migrates_a_new_target_and_reports_each_table(source, tmp_path: Path) -> None:
    target = tmp_path / "fresh.db"  # does not exist yet: created and migrated

    result = manage(
        "transfer_database",
        "--to",
        f"sqlite:///{target}",
        "--no-progress",
        "--skip-checks",
        db=source.path,
        data_dir=tmp_path / "data",
    )

    assert "wanted_items: 41 rows ok" in result.stdout
    assert "Transferred and verified" in result.stdout
    assert manifest_of(dbs.from_url(f"sqlite:///{target}")) == manifest_of(source)


def test_verification_reads_the_target_afresh_and_finds_a_changed_row(source, pg_database) -> None:
    target = pg_database()
    transfer(source, target, progress=False)
    tables = transfer_module.transfer_tables()
    src = dbs.connect_readonly(source)
    try:
        checks = transfer_module.verify(src, "sqlite", target, tables)
        assert all(c.ok for c in checks) and [c.table for c in checks] == [t.name for t in tables]
        assert next(c for c in checks if c.table == "jobs").target == {
            "rows": manifest_of(target)["jobs"]["rows"]
        }

        con = __import__("psycopg2").connect(**dbs.pg_params(target))
        with con, con.cursor() as cur:
            cur.execute(
                "UPDATE wanted_items SET title = title || ' ' WHERE id = (SELECT max(id) FROM wanted_items)"
                " RETURNING id"
            )
            changed = cur.fetchone()[0]
        con.close()
        checks = transfer_module.verify(src, "sqlite", target, tables)
    finally:
        src.close()
    assert [(c.table, c.first_difference) for c in checks if not c.ok] == [("wanted_items", changed)]


def schema(db: dbs.Database) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """The indexes and constraints of a PostgreSQL database, as migrate or a transfer left them."""
    con = dbs.connect_readonly(db)
    try:
        cur = con.cursor()
        cur.execute("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")
        indexes = set(cur.fetchall())
        cur.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated::text"
            " FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
        )
        return indexes, set(cur.fetchall())
    finally:
        con.close()


def test_indexes_and_foreign_keys_come_back_as_migrate_made_them(source, pg_database) -> None:
    target = pg_database()
    before = schema(target)  # cloned from the migrated template

    def look(table: str, done: int) -> None:
        if table == "wanted_items":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        transfer(source, target, batch=5, progress=False, after_batch=look, jobs=1)
    indexes, constraints = schema(target)
    assert ("wanted_items", "idx_wanted_status") not in {i[:2] for i in indexes}  # set aside
    assert not any(c[2].startswith("FOREIGN KEY") for c in constraints)
    assert {(i[0], i[1]) for i in indexes} >= {(t, f"{t}_pkey") for t in ("wanted_items", "jobs")}

    assert transfer(source, target, progress=False).ok
    assert schema(target) == before


def test_the_copying_threads_keep_their_connections_from_table_to_table(
    source, pg_database, monkeypatch
) -> None:
    target = pg_database()
    opened: list[str] = []
    real_connect = psycopg2.connect

    def counting_connect(*args, **kwargs):
        opened.append(kwargs.get("dbname", ""))
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(psycopg2, "connect", counting_connect)
    report = transfer(source, target, jobs=2, progress=False)

    assert report.ok and report.overlapped
    tables = len(report.copied)
    assert tables > 20
    # Per copying thread one connection each to copy, to index and to verify; a few for the whole
    # transfer (its setup, foreign keys, sequences). Not one per table, index and check.
    assert opened.count(target.config["NAME"]) <= 3 * 2 + 4, opened
