"""The legacy application's SQL for the /api/v1 reads that scan tables, as plain sqlite3 calls.

Each function repeats what one legacy route did at b0151c5 (backend/routes/*.py and the
backend/db/*.py functions it called): the same statements in the same order, the same Python
work on the rows (dict(row), json.loads), and the JSON encoding of the answer (Flask's jsonify
sorts keys). bench/api.py times them against /api/v1 on the same rows.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any


def _json(body: Any) -> bytes:
    return json.dumps(body, sort_keys=True).encode()


def wanted_page(con: sqlite3.Connection, page: int, per_page: int, filters: dict[str, Any]) -> bytes:
    """db/wanted.py get_wanted_items: COUNT(*), then SELECT * ... ORDER BY added_at DESC LIMIT/OFFSET."""
    offset = (page - 1) * per_page
    conditions = [f"{column}=?" for column in filters]
    params = list(filters.values())
    where = " WHERE " + " AND ".join(conditions) if conditions else ""
    count = con.execute(f"SELECT COUNT(*) FROM wanted_items{where}", params).fetchone()[0]
    rows = con.execute(
        f"SELECT * FROM wanted_items{where} ORDER BY added_at DESC LIMIT ? OFFSET ?",
        [*params, per_page, offset],
    ).fetchall()
    data = []
    for row in rows:  # _row_to_wanted
        item = dict(row)
        if item.get("missing_languages"):
            try:
                item["missing_languages"] = json.loads(item["missing_languages"])
            except json.JSONDecodeError:
                item["missing_languages"] = []
        else:
            item["missing_languages"] = []
        data.append(item)
    total_pages = max(1, (count + per_page - 1) // per_page)
    return _json(
        {"data": data, "page": page, "per_page": per_page, "total": count, "total_pages": total_pages}
    )


def wanted_summary(con: sqlite3.Connection) -> bytes:
    """routes/wanted.py wanted_summary: get_wanted_summary + get_wanted_by_subtitle_type."""
    total = con.execute("SELECT COUNT(*) FROM wanted_items").fetchone()[0]
    by_type = {
        row[0]: row[1]
        for row in con.execute("SELECT item_type, COUNT(*) FROM wanted_items GROUP BY item_type")
    }
    by_status = {
        row[0]: row[1] for row in con.execute("SELECT status, COUNT(*) FROM wanted_items GROUP BY status")
    }
    by_existing = {}
    for row in con.execute("SELECT existing_sub, COUNT(*) FROM wanted_items GROUP BY existing_sub"):
        by_existing[row[0] if row[0] else "none"] = row[1]
    upgradeable = con.execute("SELECT COUNT(*) FROM wanted_items WHERE upgrade_candidate=1").fetchone()[0]
    by_subtitle_type = {}
    for row in con.execute("SELECT subtitle_type, COUNT(*) FROM wanted_items GROUP BY subtitle_type"):
        by_subtitle_type[row[0] if row[0] else "full"] = row[1]
    return _json(
        {
            "total": total,
            "by_type": by_type,
            "by_status": by_status,
            "by_existing": by_existing,
            "upgradeable": upgradeable,
            "scan_running": False,
            "last_scan_at": "",
            "by_subtitle_type": by_subtitle_type,
        }
    )


def stats(con: sqlite3.Connection) -> bytes:
    """routes/system.py get_stats: db/jobs.py get_stats_summary, get_pending_job_count, memory extras."""
    rows = con.execute("SELECT * FROM daily_stats ORDER BY date DESC LIMIT 30").fetchall()
    total_translated = total_failed = total_skipped = 0
    by_format_total: dict[str, int] = {}
    by_source_total: dict[str, int] = {}
    daily = []
    for row in rows:
        d = dict(row)
        total_translated += d["translated"]
        total_failed += d["failed"]
        total_skipped += d["skipped"]
        for k, v in json.loads(d.get("by_format_json", "{}")).items():
            by_format_total[k] = by_format_total.get(k, 0) + v
        for k, v in json.loads(d.get("by_source_json", "{}")).items():
            by_source_total[k] = by_source_total.get(k, 0) + v
        daily.append(
            {"date": d["date"], "translated": d["translated"], "failed": d["failed"], "skipped": d["skipped"]}
        )
    today_row = con.execute("SELECT * FROM daily_stats WHERE date=?", (date.today().isoformat(),)).fetchone()
    today_translated = dict(today_row)["translated"] if today_row else 0
    pending = con.execute("SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')").fetchone()[0]
    return _json(
        {
            "total_translated": total_translated,
            "total_failed": total_failed,
            "total_skipped": total_skipped,
            "today_translated": today_translated,
            "by_format": by_format_total,
            "by_source": by_source_total,
            "daily": daily,
            "upgrades": {"srt_to_ass_translated": 0, "srt_upgrade_skipped": 0},
            "quality_warnings": 0,
            "pending_jobs": pending,
            "uptime_seconds": 1,
            "batch_running": False,
        }
    )


def statistics(con: sqlite3.Connection, days: int = 30) -> bytes:
    """routes/system.py get_statistics (range=30d)."""
    daily = []
    by_format_totals: dict[str, int] = {}
    for row in con.execute("SELECT * FROM daily_stats ORDER BY date DESC LIMIT ?", (days,)).fetchall():
        d = dict(row)
        daily.append(
            {"date": d["date"], "translated": d["translated"], "failed": d["failed"], "skipped": d["skipped"]}
        )
        fmt_json = d.get("by_format_json", '{"ass": 0, "srt": 0}')
        try:
            fmt = json.loads(fmt_json) if isinstance(fmt_json, str) else {}
        except (json.JSONDecodeError, TypeError):
            fmt = {}
        for k, v in fmt.items():
            by_format_totals[k] = by_format_totals.get(k, 0) + (v or 0)
    providers = {
        row["provider_name"]: dict(row) for row in con.execute("SELECT * FROM provider_stats").fetchall()
    }
    dl_rows = con.execute(
        """SELECT provider_name, COUNT(*) as count, AVG(score) as avg_score
           FROM subtitle_downloads GROUP BY provider_name"""
    ).fetchall()
    downloads_by_provider = [
        {"provider_name": row[0], "count": row[1], "avg_score": round(row[2] or 0, 1)} for row in dl_rows
    ]
    backend_stats = [dict(row) for row in con.execute("SELECT * FROM translation_backend_stats").fetchall()]
    upgrade_rows = con.execute(
        """SELECT old_format || ' -> ' || new_format as upgrade_type, COUNT(*) as count
           FROM upgrade_history GROUP BY upgrade_type"""
    ).fetchall()
    upgrades = [{"type": row[0], "count": row[1]} for row in upgrade_rows]
    return _json(
        {
            "daily": daily,
            "providers": providers,
            "downloads_by_provider": downloads_by_provider,
            "backend_stats": backend_stats,
            "upgrades": upgrades,
            "by_format": by_format_totals,
            "range": "30d",
        }
    )


def history_stats(con: sqlite3.Connection) -> bytes:
    """routes/blacklist.py history_stats: db/library.py get_download_stats."""
    total = con.execute("SELECT COUNT(*) FROM subtitle_downloads").fetchone()[0]
    by_provider = {
        row[0]: row[1]
        for row in con.execute(
            "SELECT provider_name, COUNT(*) FROM subtitle_downloads GROUP BY provider_name"
        )
    }
    by_format = {}
    for row in con.execute("SELECT format, COUNT(*) FROM subtitle_downloads GROUP BY format"):
        by_format[row[0] or "unknown"] = row[1]
    by_language = {}
    for row in con.execute("SELECT language, COUNT(*) FROM subtitle_downloads GROUP BY language"):
        by_language[row[0] or "unknown"] = row[1]
    last_24h = con.execute(
        "SELECT COUNT(*) FROM subtitle_downloads WHERE downloaded_at > datetime('now', '-1 day')"
    ).fetchone()[0]
    last_7d = con.execute(
        "SELECT COUNT(*) FROM subtitle_downloads WHERE downloaded_at > datetime('now', '-7 days')"
    ).fetchone()[0]
    return _json(
        {
            "total_downloads": total,
            "by_provider": by_provider,
            "by_format": by_format,
            "by_language": by_language,
            "last_24h": last_24h,
            "last_7d": last_7d,
        }
    )


def simple_page(con: sqlite3.Connection, table: str, order: str, page: int, per_page: int) -> bytes:
    """The plain legacy lists (history, jobs): COUNT(*), then SELECT * ... ORDER BY x DESC LIMIT/OFFSET."""
    count = con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    rows = con.execute(
        f"SELECT * FROM {table} ORDER BY {order} DESC LIMIT ? OFFSET ?", (per_page, (page - 1) * per_page)
    ).fetchall()
    data = [dict(row) for row in rows]
    if table == "jobs":  # _row_to_job
        for d in data:
            d["stats"] = json.loads(d.pop("stats_json") or "{}")
            context = d.pop("bazarr_context_json")
            d["arr_context"] = json.loads(context) if context else None
            d["force"] = bool(d.get("force", 0))
    total_pages = max(1, (count + per_page - 1) // per_page)
    return _json(
        {"data": data, "page": page, "per_page": per_page, "total": count, "total_pages": total_pages}
    )
