"""The API against the legacy access patterns, side by side on the same rows (SQLite).

    .venv/bin/python bench/api.py [--section all|v2|v1] [--items 200000] [--bulk 50000]
                                  [--v1-rows 1000000] [--repeat 30] [--budget 15]

Each section runs in its own process on its own database under bench/out/api/<section>/: built
with `migrate`, filled, then copied to legacy.db without the indexes the legacy schema lacks.

Section v2, on --items wanted items (200,000), plus proportionate jobs and subtitle downloads:
  - the list: GET /api/v2/wanted through Django (page 1, a filtered page, page 1000) against
    legacy's COUNT plus ORDER BY added_at LIMIT/OFFSET in plain sqlite3, rows turned into JSON;
  - the bulk upsert of 50,000 items: POST /api/v2/wanted/bulk (5,000 per request) against
    legacy's per-row SELECT then INSERT/UPDATE with a commit per row, on legacy's connection
    settings (rollback journal, default synchronous=FULL, as its files show); the two sides
    alternate batch by batch.
Targets: the API faster than legacy at every page, page 1000 within 2x of page 1, bulk >= 20x.

Section v1, on --v1-rows wanted items (1,000,000) with 100,000 jobs, 250,000 subtitle downloads,
20,000 upgrades and three years of daily statistics: every /api/v1 read that scans a table (the
wanted list at page 1, filtered and at page 1000, the wanted summary, /stats, /statistics,
/history/stats, plus the history and job lists) through Django's test client, against the legacy
SQL of the same route (bench/legacy_v1.py) on legacy's connection settings, the two sides taking
turns: p50 of each, the ratio, and page 1000 / page 1. Then the same reads on the legacy Flask app
itself (bench/legacy_app.py, run by --legacy-python on --legacy-src; skipped when missing), the
like-for-like figure where the legacy SQL costs less than any HTTP request does.
Targets: faster than legacy at every read, page 1000 within 2x of page 1.
Runtime here: section v1 about 5 minutes, v2 about 7 (its legacy side commits 50,000 rows one by one).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "bench" / "out" / "api"
OUT = BASE
PER_PAGE = 50
BULK_BATCH = 5_000
STATUSES = ["wanted"] * 7 + ["searching", "failed", "ignored"]
COLUMNS = (
    "item_type, sonarr_series_id, sonarr_episode_id, radarr_movie_id, title, season_episode, file_path,"
    " existing_sub, missing_languages, status, last_search_at, search_count, error, added_at, updated_at,"
    " upgrade_candidate, current_score, target_language, instance_name, subtitle_type"
)


def setup_django(section: str) -> None:
    global OUT
    OUT = BASE / section
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


def section_v2(args: argparse.Namespace) -> None:
    setup_django("v2")
    from django.test import Client

    from sublarr.api.keys import current_api_key

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
    scenarios: list[tuple[str, dict[str, Any], int, dict[str, str]]] = [
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

        def legacy_call(page: int = page, filters: dict[str, str] = filters) -> bytes:
            return legacy_page(legacy, page, filters)

        old = timed(legacy_call, args.repeat)
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


# Section v1 ------------------------------------------------------------------------------------

PROVIDERS = ("animetosho", "jimaku", "opensubtitles", "subdl")
LANGUAGES = ("de", "en", "es", "fr", "it", "ja")
JOB_STATUSES = ["completed"] * 17 + ["failed", "failed", "queued", "running"]


def _chunks(make: Callable[[int], tuple[Any, ...]], count: int, size: int = 50_000) -> Any:
    for start in range(0, count, size):
        yield [make(i) for i in range(start, min(count, start + size))]


def v1_wanted_row(i: int) -> tuple[Any, ...]:
    """wanted_row with the variety the summary groups: existing subs, forced, upgrade candidates."""
    row = list(wanted_row(i))
    row[7] = ("", "de.ass", "en.srt")[i % 3]  # existing_sub
    row[15] = int(i % 20 == 0)  # upgrade_candidate
    row[19] = "forced" if i % 10 == 3 else "full"  # subtitle_type
    return tuple(row)


def fill_v1(rows: int) -> dict[str, int]:
    """rows wanted items; jobs, downloads, upgrades in proportion; daily statistics up to today."""
    from datetime import UTC, date, datetime, timedelta

    from django.db import connection, transaction

    now = datetime.now(UTC).replace(tzinfo=None)
    jobs, downloads, upgrades = rows // 10, rows // 4, rows // 50
    days = 3 * 365

    def job(i: int) -> tuple[Any, ...]:
        created = (now - timedelta(seconds=(jobs - i) * 900)).isoformat()
        status = JOB_STATUSES[i % len(JOB_STATUSES)]
        stats = f'{{"lines": {300 + i % 500}, "format": "{("ass", "srt")[i % 2]}"}}'
        return (f"{i:08x}", f"/media/tv/Show {i // 500}/E{i}.mkv", status, stats, created, f"cfg{i % 3}")

    def download(i: int) -> tuple[Any, ...]:
        # Spread over three years, newest now: the last day and week hold real counts.
        at = (now - timedelta(seconds=(downloads - i) * (days * 86_400 // downloads))).isoformat()
        fmt = ("ass", "srt", "")[i % 7 % 3]
        return (PROVIDERS[i % 4], str(i), LANGUAGES[i % 6], fmt, f"/media/{i}.mkv", 100 + i % 300, at)

    def upgrade(i: int) -> tuple[Any, ...]:
        at = (now - timedelta(minutes=upgrades - i)).isoformat()
        return (f"/media/{i}.mkv", "srt", 100, "ass", 300, PROVIDERS[i % 4], "ass preferred", at)

    def day(i: int) -> tuple[Any, ...]:
        when = (date.today() - timedelta(days=days - 1 - i)).isoformat()
        formats = json.dumps({"ass": i % 40, "srt": i % 25})
        return (when, i % 40 + i % 25, i % 7, i % 3, formats, json.dumps({"wanted": i % 30, "manual": i % 9}))

    with transaction.atomic(), connection.cursor() as cursor:
        for chunk in _chunks(v1_wanted_row, rows):
            cursor.executemany(
                f"INSERT INTO wanted_items ({COLUMNS}) VALUES ({', '.join(['%s'] * 20)})", chunk
            )
        for chunk in _chunks(job, jobs):
            cursor.executemany(
                "INSERT INTO jobs (id, file_path, status, stats_json, created_at, config_hash)"
                " VALUES (%s, %s, %s, %s, %s, %s)",
                chunk,
            )
        for chunk in _chunks(download, downloads):
            cursor.executemany(
                "INSERT INTO subtitle_downloads (provider_name, subtitle_id, language, format, file_path,"
                " score, downloaded_at) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                chunk,
            )
        for chunk in _chunks(upgrade, upgrades):
            cursor.executemany(
                "INSERT INTO upgrade_history (file_path, old_format, old_score, new_format, new_score,"
                " provider_name, upgrade_reason, upgraded_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                chunk,
            )
        cursor.executemany(
            "INSERT INTO daily_stats (date, translated, failed, skipped, by_format_json, by_source_json)"
            " VALUES (%s, %s, %s, %s, %s, %s)",
            [day(i) for i in range(days)],
        )
        for n, name in enumerate(PROVIDERS):
            cursor.execute(
                "INSERT INTO provider_stats (provider_name, total_searches, successful_downloads, avg_score,"
                " updated_at) VALUES (%s, %s, %s, %s, %s)",
                (name, 1000 * (n + 1), 800 * (n + 1), 250.5 + n, now.isoformat()),
            )
        for name in ("ollama", "deepl", "libretranslate"):
            cursor.execute(
                "INSERT INTO translation_backend_stats (backend_name, total_requests, updated_at)"
                " VALUES (%s, %s, %s)",
                (name, 5000, now.isoformat()),
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"wanted_items": rows, "jobs": jobs, "subtitle_downloads": downloads, "upgrade_history": upgrades}


def timed_within(calls: list[Callable[[], Any]], repeat: int, budget: float) -> list[float]:
    """p50 in ms of each call, the calls taking turns: up to `repeat` rounds after one warm-up
    round, stopping once `budget` seconds are spent (5 rounds at least). Taking turns gives every
    call the same share of whatever else loads the machine, so their ratio holds even when the
    absolute figures drift; a legacy read that sorts a million rows takes seconds per round."""
    for call in calls:
        call()
    samples: list[list[float]] = [[] for _ in calls]
    spent = 0.0
    while len(samples[0]) < repeat and (len(samples[0]) < 5 or spent < budget):
        for call, taken in zip(calls, samples, strict=True):
            start = time.perf_counter()
            call()
            taken.append(time.perf_counter() - start)
            spent += taken[-1]
    return [statistics.median(taken) * 1000 for taken in samples]


def legacy_app_figures(args: argparse.Namespace, legacy_db: Path, paths: list[str]) -> dict[str, float]:
    """p50 of each path on the legacy Flask app itself (bench/legacy_app.py in the legacy virtualenv),
    on its own copy of the legacy database; {} when the legacy checkout or virtualenv is missing."""
    python, source = Path(args.legacy_python), Path(args.legacy_src)
    if not python.exists() or not (source / "app.py").exists():
        print(f"(legacy app not timed: {python} or {source}/app.py missing)")
        return {}
    copy = OUT / "legacy-app.db"
    shutil.copy(legacy_db, copy)
    command = [str(python), str(Path(__file__).with_name("legacy_app.py")), "--legacy", str(source)]
    command += ["--db", str(copy), "--repeat", str(args.repeat), "--budget", str(args.budget), *paths]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    copy.unlink()
    if done.returncode != 0:
        print(f"(legacy app not timed: {done.stderr.strip().splitlines()[-1:]})")
        return {}
    return json.loads(done.stdout.strip().splitlines()[-1])


def section_v1(args: argparse.Namespace) -> None:
    setup_django("v1")
    from django.test import Client

    from bench import legacy_v1  # the checkout's root is on sys.path once setup_django ran
    from sublarr.api.keys import current_api_key

    started = time.perf_counter()
    counts = fill_v1(args.v1_rows)
    legacy_db = make_legacy_copy()
    legacy = legacy_connection(legacy_db)
    print(
        ", ".join(f"{n:,} {table}" for table, n in counts.items())
        + f" and {3 * 365:,} daily_stats filled in {time.perf_counter() - started:.1f} s"
    )
    client = Client(HTTP_HOST="localhost", headers={"X-Api-Key": current_api_key()})
    deep = min(1000, -(-args.v1_rows // PER_PAGE))
    episodes = {"status": "wanted", "item_type": "episode"}
    # (label, path under /api/v1 with its query, the legacy SQL of that route, required by the issue)
    scenarios: list[tuple[str, str, Callable[[], Any], bool]] = [
        (
            "GET /wanted page 1",
            "/wanted?page=1",
            lambda: legacy_v1.wanted_page(legacy, 1, PER_PAGE, {}),
            True,
        ),
        (
            "GET /wanted status=wanted&item_type=episode",
            "/wanted?page=1&status=wanted&item_type=episode",
            lambda: legacy_v1.wanted_page(legacy, 1, PER_PAGE, episodes),
            True,
        ),
        (
            f"GET /wanted page {deep}",
            f"/wanted?page={deep}",
            lambda: legacy_v1.wanted_page(legacy, deep, PER_PAGE, {}),
            True,
        ),
        ("GET /wanted/summary", "/wanted/summary", lambda: legacy_v1.wanted_summary(legacy), True),
        ("GET /stats", "/stats", lambda: legacy_v1.stats(legacy), True),
        ("GET /statistics", "/statistics", lambda: legacy_v1.statistics(legacy), True),
        ("GET /history/stats", "/history/stats", lambda: legacy_v1.history_stats(legacy), True),
        (
            "GET /wanted series_id=7",
            "/wanted?series_id=7",
            lambda: legacy_v1.wanted_page(legacy, 1, PER_PAGE, {"sonarr_series_id": 7}),
            False,
        ),
        (
            "GET /history page 1",
            "/history",
            lambda: legacy_v1.simple_page(legacy, "subtitle_downloads", "downloaded_at", 1, PER_PAGE),
            False,
        ),
        (
            "GET /jobs page 1",
            "/jobs",
            lambda: legacy_v1.simple_page(legacy, "jobs", "created_at", 1, PER_PAGE),
            False,
        ),
    ]

    def api(path: str) -> Callable[[], None]:
        def call() -> None:
            response = client.get(f"/api/v1{path}")
            assert response.status_code == 200, response.content[:300]

        return call

    idle = "/wanted/batch-search/status"
    (floor,) = timed_within([api(idle)], args.repeat, args.budget)
    results: dict[str, tuple[float, float]] = {}
    print(f"\n/api/v1 reads, p50 of up to {args.repeat} runs or {args.budget:.0f} s each (ms)")
    print(f"{'':46} {'API p50':>9} {'legacy SQL':>11} {'SQL/API':>8}")
    for label, path, legacy_sql, required in scenarios:
        api_ms, legacy_ms = timed_within([api(path), legacy_sql], args.repeat, args.budget)
        results[label] = (api_ms, legacy_ms)
        mark = "" if required else "  (extra)"
        print(f"{label:46} {api_ms:9.2f} {legacy_ms:11.2f} {legacy_ms / api_ms:7.1f}x{mark}", flush=True)
    # The two pages measured again taking turns, so that both see the same load.
    page_one, deep_page = timed_within(
        [api("/wanted?page=1"), api(f"/wanted?page={deep}")], args.repeat, args.budget
    )
    print(
        f"\nAPI wanted page {deep} / page 1, taking turns: {deep_page:.2f} / {page_one:.2f} ms p50"
        f" = {deep_page / page_one:.2f}x (target <= 2x)"
    )
    for which, wanted in (("required", True), ("extra", False)):
        slower = [
            label
            for label, _, _, req in scenarios
            if req == wanted and results[label][0] >= results[label][1]
        ]
        verdict = "yes" if not slower else "NO: " + ", ".join(slower)
        print(f"API faster than legacy SQL at every {which} read: {verdict}")
    print(f"(the API's floor, a request that reads nothing, GET {idle}: {floor:.2f} ms)")

    # The legacy SQL alone has no HTTP layer; the legacy app itself, through Flask's test client,
    # is the like-for-like figure for the reads whose SQL costs less than a request does.
    app_ms = legacy_app_figures(
        args, legacy_db, [f"/api/v1{path}" for _, path, _, _ in scenarios] + [f"/api/v1{idle}"]
    )
    if app_ms:
        print("\nthe same reads on the legacy Flask app (its test client, same rows), p50 (ms)")
        print(f"{'':46} {'API p50':>9} {'legacy app':>11} {'app/API':>8}")
        for label, path, _, required in scenarios:
            api_ms, theirs = results[label][0], app_ms[f"/api/v1{path}"]
            mark = "" if required else "  (extra)"
            print(f"{label:46} {api_ms:9.2f} {theirs:11.2f} {theirs / api_ms:7.1f}x{mark}")
        slower = [label for label, path, _, _ in scenarios if results[label][0] >= app_ms[f"/api/v1{path}"]]
        verdict = "yes" if not slower else "NO: " + ", ".join(slower)
        print(f"API faster than the legacy app at every read: {verdict}")
        print(f"(the legacy app's floor, GET {idle}: {app_ms[f'/api/v1{idle}']:.2f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--section", choices=["all", "v2", "v1"], default="all")
    parser.add_argument("--items", type=int, default=200_000, help="wanted items of section v2")
    parser.add_argument("--bulk", type=int, default=50_000, help="items the v2 bulk upsert sends")
    parser.add_argument("--v1-rows", type=int, default=1_000_000, help="wanted items of section v1")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per figure")
    parser.add_argument(
        "--budget", type=float, default=15.0, help="v1: seconds per figure at most (5 runs at least)"
    )
    parser.add_argument(
        "--legacy-python", default="/work/legacy-venv/bin/python", help="v1: the legacy virtualenv"
    )
    parser.add_argument(
        "--legacy-src", default="/work/legacy-src/backend", help="v1: the legacy backend/ folder"
    )
    args = parser.parse_args()
    if args.section == "all":
        # One process per section: each configures Django on its own database.
        for section in ("v2", "v1"):
            print(f"=== section {section} ===", flush=True)
            subprocess.run([sys.executable, __file__, *sys.argv[1:], "--section", section], check=True)
        return
    if args.section == "v2":
        section_v2(args)
    else:
        section_v1(args)


if __name__ == "__main__":
    main()
