"""ASGI entry point: Django for HTTP, the live events at /ws/events and /socket.io, and the lifespan.

The lifespan starts the embedded worker inside the server process when there is no Redis
(sublarr/lifespan.py).
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sublarr.settings")
django_application = get_asgi_application()

# Imported after Django is set up: the consumers use the models.
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from sublarr.events.routing import websocket_urlpatterns  # noqa: E402
from sublarr.events.socketio import SocketIORouter  # noqa: E402
from sublarr.lifespan import lifespan  # noqa: E402

# /socket.io/ (the legacy frontend's Socket.IO client) first; everything else as before.
application = SocketIORouter(
    ProtocolTypeRouter(
        {
            "http": django_application,
            "websocket": AuthMiddlewareStack(
                URLRouter(websocket_urlpatterns)  # type: ignore[arg-type]  # path() is typed as URLPattern
            ),
            "lifespan": lifespan,
        }
    )
)
