"""Who may use the API: a caller with the API key, or a staff user logged in to the admin."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from sublarr.api.authentication import ApiKeyUser


class IsApiClient(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if isinstance(user, ApiKeyUser):
            return True
        return bool(user and user.is_authenticated and user.is_active and user.is_staff)
