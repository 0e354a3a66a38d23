"""The base of every /api/v1 view: the legacy application's wire contract.

/api/v1 answers exactly as the legacy Flask application did (Abrechen2/sublarr at b0151c5): plain
JSON bodies without an envelope it did not have, `{"error": "..."}` for every failure, the legacy
status codes, and query parameters read the way Flask's `request.args.get(name, default, type=int)`
read them (a value that does not parse gives the default, never a 400). The API key stays required.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

# What the legacy auth check answered (backend/auth.py): 401 with these two messages.
KEY_REQUIRED = "API key required"
KEY_INVALID = "Invalid API key"


class LegacyError(Exception):
    """Raise from a v1 view to answer `{"error": message}` with the legacy status code."""

    def __init__(self, message: str, status_code: int = status.HTTP_400_BAD_REQUEST) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


def error_response(message: str, status_code: int) -> Response:
    return Response({"error": message}, status=status_code)


def _message(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.NotAuthenticated):
        return KEY_REQUIRED
    if isinstance(exc, exceptions.AuthenticationFailed):
        return KEY_INVALID
    if isinstance(exc, exceptions.ParseError):
        return "Invalid JSON body"
    detail = exc.detail
    if isinstance(detail, Mapping):
        return "; ".join(f"{key}: {_flatten(value)}" for key, value in detail.items())
    return _flatten(detail)


def _flatten(detail: Any) -> str:
    if isinstance(detail, list):
        return "; ".join(_flatten(item) for item in detail)
    if isinstance(detail, Mapping):
        return "; ".join(f"{key}: {_flatten(value)}" for key, value in detail.items())
    return str(detail)


def legacy_exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response | None:
    """DRF's handler, reshaped to the legacy body: `{"error": "..."}`, never `{"detail": ...}`."""
    if isinstance(exc, LegacyError):
        return error_response(exc.message, exc.status_code)
    if isinstance(exc, Http404):
        return error_response("Not found", status.HTTP_404_NOT_FOUND)
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    response.data = {"error": _message(exc)}
    return response


class LegacyJSONRenderer(JSONRenderer):
    """JSON with every non-ASCII character escaped, as Flask's jsonify wrote it.

    The same documents either way, but escaping also lets a lone surrogate that a client sent in
    (and an endpoint echoes back) render instead of failing to encode as UTF-8.
    """

    ensure_ascii = True


class LegacyAPIView(APIView):
    """A /api/v1 endpoint: JSON in and out, legacy errors, no pagination or filter backends.

    Authentication and permissions are the project's defaults (the API key, or a staff session
    with the CSRF token the frontend's axios sends back as X-XSRF-TOKEN).
    """

    renderer_classes = [LegacyJSONRenderer]
    parser_classes = [JSONParser]
    filter_backends: list[type] = []
    pagination_class = None

    def get_exception_handler(self) -> Any:
        return legacy_exception_handler

    def json_body(self, request: Request) -> dict[str, Any]:
        """The request's JSON object; legacy routes answered 400 when there was none."""
        data = request.data
        if not isinstance(data, dict) or not data:
            raise LegacyError("No data provided")
        return data


def query_int(request: Request, name: str, default: int | None = None) -> int | None:
    """`request.args.get(name, default, type=int)`: a missing or unparsable value gives the default."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        return default


def query_bool(request: Request, name: str, default: bool = False) -> bool:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any path under /api/ that no view claims: JSON, never the HTML 404 page."""
    return JsonResponse({"error": "Not found"}, status=status.HTTP_404_NOT_FOUND)


def require_json(request: Request) -> None:
    """Flask's `request.get_json()` (not silent): a body not declared as JSON is a 415."""
    mimetype = (request.content_type or "").split(";")[0].strip().lower()
    if mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json")):
        return
    raise LegacyError(
        "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.",
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
    )
