from django.urls import path

from sublarr.events.consumers import EventsConsumer

websocket_urlpatterns = [
    path("ws/events", EventsConsumer.as_asgi()),  # type: ignore[arg-type]  # an ASGI app: path() is typed for views
]
