"""Wanted-list API against the legacy access pattern, on 200,000 wanted items (SQLite).

    .venv/bin/python bench/api.py [--items 200000] [--bulk 50000] [--repeat 30]

Builds bench/out/api/api.db with `migrate` and fills it (wanted items, plus proportionate jobs
and subtitle downloads), then copies it to legacy.db without the indexes the legacy schema lacks.
Measures, side by side:
  - the list: GET /api/v2/wanted through Django (page 1, a filtered page, page 1000) against
    legacy's COUNT plus ORDER BY added_at LIMIT/OFFSET in plain sqlite3, rows turned into JSON;
  - the bulk upsert of 50,000 items: POST /api/v2/wanted/bulk (5,000 per request) against
    legacy's per-row SELECT then INSERT/UPDATE with a commit per row, on legacy's connection
    settings (rollback journal, default synchronous=FULL, as its files show); the two sides
    alternate batch by batch.
Targets: the API faster than legacy at every page, page 1000 within 2x of page 1, bulk >= 20x.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "api"
PER_PAGE = 50
BULK_BATCH = 5_000
STATUSES = ["wanted"] * 7 + ["searching", "failed", "ignored"]
COLUMNS = (
    "item_type, sonarr_series_id, sonarr_episode_id, radarr_movie_id, title, season_episode, file_path,"
    " existing_sub, missing_languages, status, last_search_at, search_count, error, added_at, updated_at,"
    " upgrade_candidate, current_score, target_language, instance_name, subtitle_type"
)


def setup_django() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    os.environ["SUBLARR_DATA_DIR"] = str(OUT)
    os.environ["SUBLARR_DB_PATH"] = str(OUT / "api.db")
    os.environ.pop("SUBLARR_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sublarr.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def wanted_row(i: int) -> tuple[Any, ...]:
    movie = i % 5 == 0
    show, episode = divmod(i, 500)
    path = (
        f"/media/movies/Movie {i}/Movie {i}.mkv" if movie else f"/media/tv/Show {show}/S01E{episode:03d}.mkv"
    )
    added = f"2025-{1 + i * 12 // 10**6:02d}-01T00:00:00.{i:06d}"
    return (
        "movie" if movie else "episode",
        None if movie else show,
        None if movie else i,
        i if movie else None,
        f"Title {i}",
        "" if movie else f"S01E{episode:03d}",
        path,
        "",
        '["de"]',
        STATUSES[i % 10],
        "",
        0,
        "",
        added,
        added,
        0,
        0,
        "de",
        "",
        "full",
    )


def fill(items: int) -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO wanted_items ({COLUMNS}) VALUES ({', '.join(['%s'] * 20)})",
            [wanted_row(i) for i in range(items)],
        )
        # Proportionate history: a job per ten items, a download per four.
        cursor.executemany(
            "INSERT INTO jobs (id, file_path, status, created_at) VALUES (%s, %s, %s, %s)",
            [
                (f"job{i}", f"/media/{i}.ass", "completed", f"2025-01-01T00:00:{i % 60:02d}")
                for i in range(items // 10)
            ],
        )
        cursor.executemany(
            "INSERT INTO subtitle_downloads (provider_name, subtitle_id, language, file_path, downloaded_at)"
            " VALUES (%s, %s, %s, %s, %s)",
            [
                ("opensubtitles", str(i), "de", f"/media/{i}.srt", "2025-01-01T00:00:00")
                for i in range(items // 4)
            ],
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def make_legacy_copy() -> Path:
    """The same rows under the legacy schema: without the indexes that migrations 0002 add."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    legacy = OUT / "legacy.db"
    shutil.copy(OUT / "api.db", legacy)
    loader = MigrationLoader(connection)
    names = [
        operation.index.name
        for (app, name), migration in loader.disk_migrations.items()
        if app in {"core", "providers"} and not migration.initial
        for operation in migration.operations
        if hasattr(operation, "index")
    ]
    con = sqlite3.connect(legacy)
    for name in names:
        con.execute(f"DROP INDEX IF EXISTS {name}")
    con.execute("ANALYZE")
    con.commit()
    con.close()
    return legacy


def legacy_connection(path: Path) -> sqlite3.Connection:
    # The legacy application ran SQLite in its default rollback-journal mode: every file it wrote
    # (tests/fixtures/legacy) has header bytes 18-19 = 1, 1, where a WAL database has 2, 2.
    con = sqlite3.connect(path, check_same_thread=False, isolation_level="DEFERRED")
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("PRAGMA busy_timeout=5000")
    return con


def legacy_page(con: sqlite3.Connection, page: int, filters: dict[str, str]) -> bytes:
    where = " AND ".join(f"{column} = ?" for column in filters) or "1=1"
    params = list(filters.values())
    total = con.execute(f"SELECT COUNT(*) FROM wanted_items WHERE {where}", params).fetchone()[0]
    rows = con.execute(
        f"SELECT * FROM wanted_items WHERE {where} ORDER BY added_at DESC LIMIT ? OFFSET ?",
        [*params, PER_PAGE, (page - 1) * PER_PAGE],
    ).fetchall()
    data = []
    for row in rows:
        item = dict(row)
        item["missing_languages"] = json.loads(item["missing_languages"] or "[]")
        data.append(item)
    envelope = {
        "data": data,
        "page": page,
        "per_page": PER_PAGE,
        "total": total,
        "total_pages": max(1, -(-total // PER_PAGE)),
    }
    return json.dumps(envelope).encode()


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, float]:
    for _ in range(3):
        call()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]


def bulk_items(count: int, existing: int, start: int = 0) -> list[dict[str, Any]]:
    """Items start..start+count: half match existing rows (one in ten of them 'ignored'), half are new."""
    items = []
    for n in range(start, start + count):
        if n % 2 == 0:
            row = wanted_row((n * 7) % existing)
            item = {
                "item_type": row[0],
                "file_path": row[6],
                "target_language": "de",
                "title": f"Updated {n}",
                "sonarr_series_id": row[1],
                "sonarr_episode_id": row[2],
                "radarr_movie_id": row[3],
            }
        else:
            item = {
                "item_type": "episode",
                "file_path": f"/media/new/Show {n // 100}/E{n}.mkv",
                "target_language": "de",
                "title": f"New {n}",
                "sonarr_series_id": 10**6 + n // 100,
            }
        item.update(missing_languages=["de"], season_episode="", existing_sub="", subtitle_type="full")
        items.append(item)
    return items


def legacy_bulk(con: sqlite3.Connection, items: list[dict[str, Any]]) -> None:
    """Legacy upsert_wanted_item, once per item: SELECT, then UPDATE or INSERT, then commit."""
    for item in items:
        now = "2026-01-01T00:00:00"
        langs = json.dumps(item["missing_languages"])
        row = con.execute(
            "SELECT id, status FROM wanted_items"
            " WHERE file_path = ? AND target_language = ? AND subtitle_type = ?",
            (item["file_path"], item["target_language"], item["subtitle_type"]),
        ).fetchone()
        values = (
            item["item_type"],
            item["title"],
            item["season_episode"],
            item["existing_sub"],
            langs,
            item.get("sonarr_series_id"),
            item.get("sonarr_episode_id"),
            item.get("radarr_movie_id"),
        )
        if row:
            status = row["status"] if row["status"] == "ignored" else "wanted"
            con.execute(
                "UPDATE wanted_items SET item_type=?, title=?, season_episode=?, existing_sub=?,"
                " missing_languages=?, sonarr_series_id=?, sonarr_episode_id=?, radarr_movie_id=?,"
                " status=?, updated_at=? WHERE id=?",
                (*values, status, now, row["id"]),
            )
        else:
            con.execute(
                "INSERT INTO wanted_items (item_type, title, season_episode, existing_sub, missing_languages,"
                " sonarr_series_id, sonarr_episode_id, radarr_movie_id, file_path, target_language,"
                " subtitle_type, status, added_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,'wanted',?,?)",
                (*values, item["file_path"], item["target_language"], item["subtitle_type"], now, now),
            )
        con.commit()


def api_bulk(client: Any, body: bytes) -> None:
    response = client.post("/api/v2/wanted/bulk", body, content_type="application/json")
    assert response.status_code == 200, response.content[:500]


def compare_bulk(client: Any, legacy: sqlite3.Connection, count: int, existing: int) -> None:
    """Both sides batch by batch, alternating: load on the machine drifts over the minutes this
    takes, and legacy's commits wait on fsync, so both sides see the same conditions.

    Each batch's items are built when needed and its request body encoded before timing (a
    client's JSON encoding is not the server's work); the benchmark holds no list of all the
    items, whose objects would slow the server's garbage collection in this process.
    """
    api_bulk(client, b'{"items": []}')  # a warm server: the view's imports are not part of the figure
    api_times, legacy_times = [], []
    for start in range(0, count, BULK_BATCH):
        items = bulk_items(min(BULK_BATCH, count - start), existing, start)
        body = json.dumps({"items": items}).encode()
        started = time.perf_counter()
        api_bulk(client, body)
        api_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        legacy_bulk(legacy, items)
        legacy_times.append(time.perf_counter() - started)
    api_seconds, legacy_seconds = sum(api_times), sum(legacy_times)
    p50, slowest = statistics.median(api_times) * 1000, max(api_times) * 1000
    print(
        f"  API POST /api/v2/wanted/bulk ({BULK_BATCH:,} per request): {api_seconds:8.2f} s"
        f"  (per request p50 {p50:.0f} ms, max {slowest:.0f} ms)"
    )
    print(
        f"  legacy per-row SELECT + INSERT/UPDATE + commit:      {legacy_seconds:8.2f} s"
        f"  (per row {legacy_seconds / count * 1000:.2f} ms)"
    )
    print(f"  speed-up: {legacy_seconds / api_seconds:.1f}x (target >= 20x)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--bulk", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    setup_django()
    from django.test import Client

    from apps.core.api.keys import current_api_key

    started = time.perf_counter()
    fill(args.items)
    legacy = legacy_connection(make_legacy_copy())
    print(
        f"filled {args.items:,} wanted items, {args.items // 10:,} jobs, {args.items // 4:,} downloads "
        f"in {time.perf_counter() - started:.1f} s"
    )

    client = Client(HTTP_HOST="localhost", headers={"X-Api-Key": current_api_key()})
    last_page = -(-args.items // PER_PAGE)
    deep = min(1000, last_page)
    scenarios = [
        ("page 1", {"page": 1}, 1, {}),
        (
            "filtered page (status=wanted, item_type=episode)",
            {"page": 1, "status": "wanted", "item_type": "episode"},
            1,
            {"status": "wanted", "item_type": "episode"},
        ),
        (f"page {deep}", {"page": deep}, deep, {}),
    ]
    results = {}
    print(f"\nwanted list, {PER_PAGE} per page, {args.repeat} runs each (ms)")
    print(f"{'':52} {'API p50':>9} {'API p95':>9} {'legacy p50':>11} {'legacy p95':>11} {'legacy/API':>11}")
    for label, params, page, filters in scenarios:

        def api_call(params: dict[str, Any] = params) -> None:
            response = client.get("/api/v2/wanted", {**params, "per_page": PER_PAGE})
            assert response.status_code == 200 and len(response.json()["data"]) == PER_PAGE

        api = timed(api_call, args.repeat)
        old = timed(lambda page=page, filters=filters: legacy_page(legacy, page, filters), args.repeat)
        results[label] = (api, old)
        print(
            f"{label:52} {api[0]:9.2f} {api[1]:9.2f} {old[0]:11.2f} {old[1]:11.2f} {old[0] / api[0]:10.1f}x"
        )

    page_one, deep_page = results["page 1"][0][0], results[f"page {deep}"][0][0]
    print(f"\nAPI page {deep} / page 1 (p50): {deep_page / page_one:.2f}x (target <= 2x)")
    faster = all(api[0] < old[0] for api, old in results.values())
    print(f"API faster than legacy at every page (p50): {'yes' if faster else 'NO'}")

    print(f"\nbulk upsert of {args.bulk:,} wanted items (half updates, half inserts)")
    compare_bulk(client, legacy, args.bulk, args.items)


if __name__ == "__main__":
    main()
