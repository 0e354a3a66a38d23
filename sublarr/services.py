"""Task queue, cache and channel layer settings: Redis when SUBLARR_REDIS_URL is set, else embedded.

The one place that chooses between the two set-ups; everything else reads the resulting Django
settings (TASKS, RQ_QUEUES, CACHES, CHANNEL_LAYERS) and never asks whether Redis is there.
"""

from __future__ import annotations

from typing import Any

TASK_QUEUES = ["default"]
DATABASE_BACKEND = "apps.tasks.backends.database.DatabaseBackend"
RQ_BACKEND = "apps.tasks.backends.rq.RQBackend"


def rq_queue_name(prefix: str, queue: str) -> str:
    # Redis keys of RQ are global ("rq:queue:<name>"): the prefix keeps installations sharing a
    # Redis (and test runs) apart.
    return f"{prefix}-{queue}"


def redis_services(url: str, prefix: str) -> dict[str, Any]:
    return {
        "TASKS": {"default": {"BACKEND": RQ_BACKEND, "QUEUES": TASK_QUEUES, "OPTIONS": {"prefix": prefix}}},
        "RQ_QUEUES": {rq_queue_name(prefix, q): {"URL": url, "DEFAULT_TIMEOUT": 3600} for q in TASK_QUEUES},
        "CACHES": {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": prefix,
            }
        },
        "CHANNEL_LAYERS": {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {"hosts": [url], "prefix": f"{prefix}-asgi"},
            }
        },
        "EMBEDDED_WORKER": False,
    }


def embedded_services() -> dict[str, Any]:
    return {
        "TASKS": {"default": {"BACKEND": DATABASE_BACKEND, "QUEUES": TASK_QUEUES}},
        "RQ_QUEUES": {},
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        # In-memory reaches only consumers in the same process: the embedded worker runs inside
        # the server process (sublarr/lifespan.py) for that reason.
        "CHANNEL_LAYERS": {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}},
        "EMBEDDED_WORKER": True,
    }


def services(redis_url: str, prefix: str) -> dict[str, Any]:
    return redis_services(redis_url, prefix) if redis_url else embedded_services()
