"""Serving a built Sublarr web frontend (SUBLARR_FRONTEND_DIR) at /, single-page-app style.

WhiteNoise serves the files of the folder (WHITENOISE_ROOT); every other GET of a client-side route
(/wanted, /settings, /library/series/12) answers the folder's index.html, so a reload or a bookmark
opens the page. The server's own prefixes never reach the fallback.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe
from whitenoise.middleware import WhiteNoiseMiddleware as BaseWhiteNoiseMiddleware

# Paths the server answers itself: API, admin, static files, live events, the legacy socket.io
# endpoint, metrics and the RQ dashboard. A request there that matches nothing stays a 404.
SERVER_PREFIXES = ("api", "admin", "static", "ws", "socket.io", "metrics", "django-rq")
ROUTE = r"^(?!(?:{})(?:/|$)).*$".format("|".join(re.escape(prefix) for prefix in SERVER_PREFIXES))

# Vite names built assets NAME-HASH.EXT with an 8-character base64url hash (assets/Wanted-DvWFvNB5.js):
# a new build gives new names, so these may be cached for good.
HASHED_ASSET = re.compile(r"^/assets/.+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$")


class WhiteNoiseMiddleware(BaseWhiteNoiseMiddleware):
    """WhiteNoise that also knows the frontend's hashed assets as immutable."""

    def immutable_file_test(self, path: str, url: str) -> bool:
        if settings.FRONTEND_DIR and HASHED_ASSET.match(url):
            return True
        return bool(super().immutable_file_test(path, url))


def looks_like_a_file(path: str) -> bool:
    # As Vite's own history fallback: a last segment with a dot names a file (favicon.ico,
    # assets/app-abc.js), and a missing file is a 404, never HTML in place of a script.
    return "." in path.rstrip("/").rsplit("/", 1)[-1]


@require_safe
@ensure_csrf_cookie
def index(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """The frontend's index.html for any client-side route, with the CSRF cookie its writes need."""
    if looks_like_a_file(request.path):
        raise Http404("No such file in the frontend")
    folder = settings.FRONTEND_DIR
    assert folder is not None  # sublarr/urls.py routes here only when it is set
    page = (folder / "index.html").read_bytes()
    response = HttpResponse(page, content_type="text/html; charset=utf-8")
    # index.html names the current hashed assets, so browsers must ask again each time.
    patch_cache_control(response, no_cache=True)
    return response
