"""Every endpoint but /health needs the API key (header or ?apikey=) or a staff session."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from sublarr.api.authentication import key_matches
from tests.sublarr.api.schema import get_paths

LIST_PATHS = get_paths()


@pytest.mark.parametrize("path", LIST_PATHS)
def test_it_rejects_a_request_without_a_key(anonymous: APIClient, db: None, path: str) -> None:
    response = anonymous.get(path)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "X-Api-Key"


@pytest.mark.parametrize("path", LIST_PATHS)
def test_it_rejects_a_wrong_key(anonymous: APIClient, db: None, path: str) -> None:
    assert anonymous.get(path, headers={"X-Api-Key": "wrong"}).status_code == 401
    assert anonymous.get(path, {"apikey": "wrong"}).status_code == 401


@pytest.mark.parametrize("path", LIST_PATHS)
def test_it_accepts_the_key_in_the_header(api_client: APIClient, path: str) -> None:
    assert api_client.get(path).status_code == 200


@pytest.mark.parametrize("path", LIST_PATHS)
def test_it_accepts_the_key_as_a_query_parameter(
    anonymous: APIClient, db: None, api_key: str, path: str
) -> None:
    assert anonymous.get(path, {"apikey": api_key}).status_code == 200


def test_the_list_covers_every_resource() -> None:
    assert len(LIST_PATHS) >= 28
    assert "/api/v2/wanted" in LIST_PATHS and "/api/v2/webhooks" in LIST_PATHS


def test_it_accepts_a_staff_session(staff_client: APIClient) -> None:
    assert staff_client.get("/api/v2/wanted").status_code == 200


def test_it_refuses_a_session_of_a_user_who_is_not_staff(anonymous: APIClient, db: None) -> None:
    anonymous.force_login(User.objects.create_user("viewer", password="not-a-real-password"))
    assert anonymous.get("/api/v2/wanted").status_code == 403


def test_a_session_write_needs_the_csrf_token(staff_client: APIClient) -> None:
    response = staff_client.post(
        "/api/v2/blacklist", {"provider_name": "p", "subtitle_id": "1"}, format="json"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_health_answers_without_a_key_and_tells_nothing_secret(
    anonymous: APIClient, db: None, api_key: str
) -> None:
    response = anonymous.get("/api/v2/health")
    assert response.status_code == 200
    assert response.json() == {"status": "healthy", "database": "ok"}
    assert api_key not in response.content.decode()


def test_the_schema_and_the_docs_need_the_key(anonymous: APIClient, db: None, api_key: str) -> None:
    assert anonymous.get("/api/v2/schema/").status_code == 401
    assert anonymous.get("/api/v2/docs/").status_code == 401
    assert anonymous.get("/api/v2/schema/", {"apikey": api_key}).status_code == 200
    docs = anonymous.get("/api/v2/docs/", {"apikey": api_key})
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()


def test_a_key_of_another_length_or_case_does_not_match(api_key: str) -> None:
    assert key_matches(api_key)
    assert not key_matches(api_key[:-1])
    assert not key_matches(api_key + "x")
    assert not key_matches(api_key.swapcase())
    assert not key_matches("")
