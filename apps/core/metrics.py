"""Prometheus metrics at /metrics: the legacy gauges about Sublarr's data, the task queue, request
latency by view and table row estimates. The API key is required (X-Api-Key or ?apikey=).

Cheap on a 1,000,000-row database (bench/metrics.py prints the scrape time). The row estimates
come from the database's own statistics (table_row_estimate), never a COUNT. The two legacy queue
gauges are exact counts through the status indexes, but counting 700,000 'wanted' entries of
idx_wanted_status takes 50 to 110 ms on SQLite here: they are recounted in a background thread
once they are older than SUBLARR_METRICS_REFRESH_SECONDS, and a scrape answers with the last
count meanwhile.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, connections
from django.http import HttpRequest, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily
from prometheus_client.registry import Collector

from apps.core.admin_tools import table_row_estimate
from apps.core.dbtools.backup import sublarr_version
from apps.core.models import Job, WantedItem
from apps.tasks.base import default_worker_backend
from sublarr.api.authentication import HEADER, QUERY_PARAM, key_matches

logger = logging.getLogger(__name__)

# Sublarr's own registry: the process-wide default one also carries the Python process metrics,
# which a scrape of a container does not need, and tests must not share state through it.
REGISTRY = CollectorRegistry()

REQUEST_LATENCY = Histogram(
    "sublarr_http_request_duration_seconds",
    "Time to answer an HTTP request, by Django view name and method.",
    ["view", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
# The apps whose tables are Sublarr's data (the legacy tables and the task records).
DATA_APPS = ("core", "providers", "translation", "hooks", "standalone", "django_tasks_database")


def database_size_bytes() -> int:
    """The SQLite file's size (legacy: os.path.getsize of sublarr.db) or PostgreSQL's database size."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return int(cursor.fetchone()[0])
    try:
        return os.path.getsize(Path(connection.settings_dict["NAME"]))
    except OSError:
        return 0


def count_queues() -> dict[str, int]:
    # Legacy semantics: wanted items with status 'wanted'; translation jobs queued or running.
    return {
        "wanted": WantedItem.objects.filter(status=WantedItem.Status.WANTED).count(),
        "jobs": Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).count(),
    }


class QueueCounts:
    """The legacy queue counts, recounted in the background when older than the refresh age."""

    def __init__(self) -> None:
        self.values: dict[str, int] | None = None
        self.counted_at = 0.0
        self.lock = threading.Lock()
        self.refreshing = False

    def get(self, max_age: float) -> dict[str, int]:
        # The first scrape of a process (and max_age 0) counts while Prometheus waits.
        if self.values is None or max_age <= 0:
            return self.count()
        if time.monotonic() - self.counted_at > max_age:
            with self.lock:
                start, self.refreshing = not self.refreshing, True
            if start:
                threading.Thread(target=self.refresh, name="metrics-recount", daemon=True).start()
        return self.values

    def count(self) -> dict[str, int]:
        values = count_queues()
        self.values, self.counted_at = values, time.monotonic()
        return values

    def refresh(self) -> None:
        try:
            self.count()
        except DatabaseError:  # the next scrape tries again; meanwhile the last count stands
            logger.exception("metrics: recounting the queues failed")
        finally:
            self.refreshing = False
            connections.close_all()  # this thread's own connections


QUEUE_COUNTS = QueueCounts()


class SublarrCollector(Collector):
    """Reads the gauges at scrape time (the legacy queue counts: see QueueCounts)."""

    def describe(self) -> list[GaugeMetricFamily]:
        # Without it, registering would run collect(), i.e. query the database at import time.
        return []

    def collect(self) -> Iterator[GaugeMetricFamily | InfoMetricFamily]:
        yield InfoMetricFamily("sublarr_build", "Sublarr's version and database.", value=self.build_info())
        counts = QUEUE_COUNTS.get(settings.METRICS_REFRESH_SECONDS)
        yield GaugeMetricFamily(
            "sublarr_wanted_queue_size", "Wanted items with status 'wanted'.", counts["wanted"]
        )
        yield GaugeMetricFamily(
            "sublarr_job_queue_size", "Translation jobs queued or running.", counts["jobs"]
        )
        yield GaugeMetricFamily(
            "sublarr_database_size_bytes", "Size of the database in bytes.", database_size_bytes()
        )
        yield from self.task_queue()
        yield self.row_estimates()

    def build_info(self) -> dict[str, str]:
        return {"version": sublarr_version(), "database": connection.vendor}

    def task_queue(self) -> Iterator[GaugeMetricFamily]:
        try:
            stats = default_worker_backend.queue_stats()
        except Exception:  # Redis down: the other gauges still answer, and this one says so
            logger.warning("metrics: the task queue did not answer", exc_info=True)
            yield GaugeMetricFamily("sublarr_task_queue_up", "Whether the task queue answered.", 0)
            return
        yield GaugeMetricFamily("sublarr_task_queue_up", "Whether the task queue answered.", 1)
        gauges = [
            ("sublarr_task_queue_depth", "Background tasks waiting for a worker.", "queued"),
            ("sublarr_tasks_running", "Background tasks running now.", "running"),
            ("sublarr_tasks_failed", "Background tasks that failed for good and are still kept.", "failed"),
        ]
        for name, description, state in gauges:
            yield GaugeMetricFamily(name, description, stats[state])

    def row_estimates(self) -> GaugeMetricFamily:
        family = GaugeMetricFamily(
            "sublarr_table_rows_estimate",
            "Rows per table, from the database's statistics (PostgreSQL) or the highest rowid (SQLite).",
            labels=["table"],
        )
        for app_label in DATA_APPS:
            for model in apps.get_app_config(app_label).get_models():
                estimate = table_row_estimate(model, connection.alias)
                family.add_metric([model._meta.db_table], estimate or 0)
        return family


REGISTRY.register(SublarrCollector())


def metrics_view(request: HttpRequest) -> HttpResponse:
    """GET /metrics: the text exposition format; 401 without the API key, 503 without a database."""
    candidate = request.headers.get(HEADER) or request.GET.get(QUERY_PARAM)
    if not candidate or not key_matches(candidate):
        response = HttpResponse("API key required (X-Api-Key header or ?apikey=).\n", status=401)
        response.headers["WWW-Authenticate"] = HEADER
        return response
    try:
        body = generate_latest(REGISTRY)
    except DatabaseError as exc:
        return HttpResponse(f"database unavailable: {exc}\n", status=503, content_type="text/plain")
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)


def view_label(request: HttpRequest) -> str:
    # Unresolved paths (404s, scanners) share one label so the series count stays bounded.
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else "<unresolved>"


class RequestLatencyMiddleware:
    """Times every request into sublarr_http_request_duration_seconds{view, method}."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse | Awaitable[HttpResponse]]) -> None:
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> HttpResponse | Awaitable[HttpResponse]:
        if self.is_async:
            return self.__acall__(request)
        started = time.perf_counter()
        response = self.get_response(request)
        self.observe(request, started)
        return response

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = await self.get_response(request)  # type: ignore[misc]  # awaitable: is_async (see __init__)
        self.observe(request, started)
        return response

    def observe(self, request: HttpRequest, started: float) -> None:
        method = request.method if request.method in {"GET", "POST", "PUT", "PATCH", "DELETE"} else "other"
        REQUEST_LATENCY.labels(view=view_label(request), method=method).observe(time.perf_counter() - started)
