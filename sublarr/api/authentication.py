"""API key authentication as legacy clients send it: X-Api-Key header or ?apikey= query parameter."""

from __future__ import annotations

import hmac
from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from sublarr.api.keys import current_api_key

HEADER = "X-Api-Key"
QUERY_PARAM = "apikey"


class ApiKeyUser:
    """The caller that presented the API key: not a Django user, but authenticated."""

    is_authenticated = True
    is_active = True
    is_staff = False
    is_anonymous = False
    pk = None
    username = "api-key"

    def __str__(self) -> str:
        return self.username


def key_matches(candidate: str) -> bool:
    # Compared in constant time so response timing tells nothing about the key.
    return hmac.compare_digest(candidate.encode(), current_api_key().encode())


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[ApiKeyUser, str] | None:
        candidate = request.headers.get(HEADER) or request.query_params.get(QUERY_PARAM)
        if candidate is None:
            return None
        if not key_matches(candidate):
            raise AuthenticationFailed("Invalid API key.")
        return ApiKeyUser(), candidate

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) when no credentials came.
        return HEADER


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = ["ApiKeyHeader", "ApiKeyQuery"]

    def get_security_definition(self, auto_schema: Any) -> list[dict[str, str]]:
        return [
            {"type": "apiKey", "in": "header", "name": HEADER},
            {"type": "apiKey", "in": "query", "name": QUERY_PARAM},
        ]
