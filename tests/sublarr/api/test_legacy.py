"""The shared /api/v1 base: legacy error bodies, Flask-style query parameters, JSON 404s under /api/."""

from __future__ import annotations

import pytest
from django.test import Client

from sublarr.api.keys import current_api_key

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/api/v1/no-such-thing", "/api/v2/no-such-thing", "/api/", "/api", "/api/v3/x"]
)
def test_an_unknown_api_path_answers_a_json_404(keyed: Client, path: str) -> None:
    response = keyed.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "Not found"}


@pytest.mark.urls("tests.sublarr.api.urls")
def test_a_missing_key_gets_the_legacy_401_body() -> None:
    response = Client().get("/api/v1/probe")
    assert response.status_code == 401
    assert response.json() == {"error": "API key required"}


@pytest.mark.urls("tests.sublarr.api.urls")
def test_a_wrong_key_gets_the_legacy_401_body() -> None:
    response = Client(HTTP_X_API_KEY="wrong").get("/api/v1/probe")
    assert response.status_code == 401
    assert response.json() == {"error": "Invalid API key"}


@pytest.mark.urls("tests.sublarr.api.urls")
def test_the_key_also_works_as_a_query_parameter() -> None:
    assert Client().get("/api/v1/probe", {"apikey": current_api_key()}).status_code == 200


@pytest.mark.urls("tests.sublarr.api.urls")
def test_an_unsupported_method_answers_json_405(keyed: Client) -> None:
    response = keyed.delete("/api/v1/probe")
    assert response.status_code == 405
    assert set(response.json()) == {"error"}


@pytest.mark.urls("tests.sublarr.api.urls")
@pytest.mark.parametrize(("raw", "expected"), [(None, 1), ("3", 3), ("x", 1), ("", 1), ("-2", -2)])
def test_integer_parameters_fall_back_to_the_default_like_flask(
    keyed: Client, raw: str | None, expected: int
) -> None:
    params = {} if raw is None else {"page": raw}
    assert keyed.get("/api/v1/probe", params).json() == {"page": expected}


@pytest.mark.urls("tests.sublarr.api.urls")
def test_a_legacy_error_keeps_its_status_and_message(keyed: Client) -> None:
    response = keyed.get("/api/v1/probe", {"fail": "1"})
    assert response.status_code == 404
    assert response.json() == {"error": "Item 7 not found"}


@pytest.mark.urls("tests.sublarr.api.urls")
@pytest.mark.parametrize("body", ["{not json", "[]", "{}"])
def test_a_bad_or_empty_body_is_a_400_with_an_error(keyed: Client, body: str) -> None:
    response = keyed.post("/api/v1/probe", body, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"error"}


def test_each_version_documents_only_its_own_paths() -> None:
    from sublarr.api.schema import generate_schema

    v2 = generate_schema("v2")["paths"]
    assert v2 and all(path.startswith("/api/v2/") for path in v2)
    v1 = generate_schema("v1")["paths"]
    assert all(path.startswith("/api/v1/") for path in v1)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/language-profiles"),
        ("put", "/api/v1/language-profiles/assign"),
        ("post", "/api/v1/glossary"),
        ("put", "/api/v1/logs/rotation"),
    ],
)
def test_a_strict_route_answers_415_to_a_request_without_a_json_body(
    keyed: Client, method: str, path: str
) -> None:
    # Flask's request.get_json() (not silent) refused any body not declared as JSON, even none.
    response = getattr(keyed, method)(path)
    assert response.status_code == 415
    assert "Content-Type was not 'application/json'" in response.json()["error"]


@pytest.mark.urls("tests.sublarr.api.urls")
def test_non_ascii_is_escaped_as_flask_did_and_a_lone_surrogate_still_renders(keyed: Client) -> None:
    response = keyed.post(
        "/api/v1/probe", '{"title": "進撃の巨人", "odd": "\\ud800"}', content_type="application/json"
    )
    assert response.status_code == 201
    assert b"\\u9032" in response.content and "進".encode() not in response.content
    assert response.json() == {"title": "進撃の巨人", "odd": "\ud800"}
