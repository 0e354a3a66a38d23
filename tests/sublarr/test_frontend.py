"""SUBLARR_FRONTEND_DIR: a built web frontend served at / with an SPA fallback, and its CSRF naming."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, clear_url_caches, reverse
from pytest_django.fixtures import Settings

import sublarr.urls
from apps.core.models import BlacklistEntry
from sublarr.api.keys import current_api_key
from sublarr.env import folder_with
from tests.sublarr.test_settings import manage

INDEX = b"<!doctype html><html><body><div id='root'></div><script src='/assets/app-abc123XY.js'></script>"
SCRIPT = b"console.log('sublarr');"


def reload_urls() -> None:
    importlib.reload(sublarr.urls)
    clear_url_caches()


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A tiny stand-in for a Vite build: index.html, one hashed script, one plain file."""
    folder = tmp_path / "dist"
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_bytes(INDEX)
    (folder / "assets" / "app-abc123XY.js").write_bytes(SCRIPT)
    (folder / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")
    return folder


@pytest.fixture
def frontend(settings: Settings, dist: Path) -> Iterator[Path]:
    """The project's URLs and WhiteNoise as they are with SUBLARR_FRONTEND_DIR set to `dist`."""
    settings.FRONTEND_DIR = dist
    settings.WHITENOISE_ROOT = dist
    settings.ROOT_URLCONF = "sublarr.urls"
    reload_urls()
    yield dist
    # The settings fixture restores FRONTEND_DIR afterwards; rebuild the URLs from it.
    settings.FRONTEND_DIR = None
    reload_urls()


@pytest.fixture
def web() -> Client:
    # A new client builds its middleware, so WhiteNoise sees the fixture's WHITENOISE_ROOT.
    return Client()


@pytest.fixture
def staff(db: None) -> Client:
    session = Client(enforce_csrf_checks=True)
    session.force_login(User.objects.create_user("admin", password="not-a-real-password", is_staff=True))
    return session


@pytest.mark.parametrize("path", ["/", "/wanted", "/settings", "/library/series/12", "/history/"])
def test_a_client_side_route_answers_index_html(frontend: Path, web: Client, path: str) -> None:
    response = web.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.content == INDEX
    assert "no-cache" in response["Cache-Control"]


def test_the_index_sets_the_csrf_cookie_axios_reads(frontend: Path, web: Client) -> None:
    response = web.get("/settings")

    assert "XSRF-TOKEN" in response.cookies
    # axios reads the cookie from JavaScript, so it must not be HttpOnly.
    assert not response.cookies["XSRF-TOKEN"]["httponly"]


def test_a_hashed_asset_is_served_with_its_type_and_cached_for_good(frontend: Path, web: Client) -> None:
    response = web.get("/assets/app-abc123XY.js")

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert b"".join(response.streaming_content) == SCRIPT
    assert response["Content-Type"].startswith("text/javascript")
    assert "immutable" in response["Cache-Control"]


def test_a_file_without_a_hash_is_served_but_not_cached_for_good(frontend: Path, web: Client) -> None:
    response = web.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "immutable" not in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/assets/missing-12345678.js", "/robots.txt"])
def test_a_missing_file_is_a_404_not_the_page(frontend: Path, web: Client, path: str) -> None:
    response = web.get(path)

    assert response.status_code == 404
    assert response.content != INDEX


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/no-such-endpoint",
        "/api/v2/anything",
        "/api",
        "/static/missing.css",
        "/static/missing",
        "/ws/events",
        "/socket.io/",
        "/metrics",
        "/django-rq/nothing/here",
    ],
)
def test_the_server_paths_are_never_swallowed_by_the_fallback(
    frontend: Path, web: Client, db: None, path: str
) -> None:
    response = web.get(path)

    assert response.status_code in (301, 302, 401, 403, 404)
    assert response.content != INDEX


def test_the_api_still_answers_as_the_api(frontend: Path, web: Client, db: None) -> None:
    response = web.get("/api/v2/health")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_the_admin_still_answers_as_the_admin(frontend: Path, web: Client, db: None) -> None:
    response = web.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_fallback_refuses_writes(frontend: Path, web: Client) -> None:
    assert web.post("/settings").status_code in (403, 405)
    assert web.generic("PUT", "/settings").status_code in (403, 405)


def test_without_the_setting_there_is_no_frontend_route(settings: Settings) -> None:
    assert settings.FRONTEND_DIR is None
    reload_urls()

    with pytest.raises(NoReverseMatch):
        reverse("frontend")


def test_with_the_setting_the_frontend_route_comes_last(frontend: Path) -> None:
    assert reverse("frontend") == "/"
    last = sublarr.urls.urlpatterns[-1]
    assert isinstance(last, URLPattern) and last.name == "frontend"


def write_blacklist(
    client: Client, headers: dict[str, str], provider: str = "opensubtitles", subtitle_id: str = "42"
) -> Any:
    """A blacklist entry POSTed to /api/v1 as the frontend sends it: JSON, with these headers."""
    return client.post(
        "/api/v1/blacklist",
        {"provider_name": provider, "subtitle_id": subtitle_id},
        content_type="application/json",
        headers=headers,
    )


def test_a_staff_session_writes_with_the_xsrf_header(frontend: Path, staff: Client) -> None:
    token = staff.get("/blacklist").cookies["XSRF-TOKEN"].value

    response = write_blacklist(staff, {"X-XSRF-TOKEN": token})

    assert response.status_code == 201
    assert BlacklistEntry.objects.filter(provider_name="opensubtitles", subtitle_id="42").exists()


def test_a_staff_user_signs_in_at_the_admin_then_writes_through_the_frontend(
    frontend: Path, settings: Settings, db: None
) -> None:
    # The admin's pages name static files; tests run without collectstatic's manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    User.objects.create_user("admin", password="not-a-real-password", is_staff=True)
    browser = Client(enforce_csrf_checks=True)
    form_token = browser.get("/admin/login/").context["csrf_token"]

    signed_in = browser.post(
        "/admin/login/",
        {"username": "admin", "password": "not-a-real-password", "csrfmiddlewaretoken": form_token},
    )
    token = browser.get("/settings").cookies["XSRF-TOKEN"].value
    response = write_blacklist(browser, {"X-XSRF-TOKEN": token}, "jimaku", "7")

    assert signed_in.status_code == 302
    assert response.status_code == 201
    assert BlacklistEntry.objects.filter(provider_name="jimaku", subtitle_id="7").exists()


@pytest.mark.parametrize("header", [None, "wrong-token-wrong-token-wrong-token-wrong-token-wrong-to"])
def test_a_staff_session_write_without_the_right_xsrf_header_is_refused(
    frontend: Path, staff: Client, header: str | None
) -> None:
    staff.get("/blacklist")
    headers = {"X-XSRF-TOKEN": header} if header else {}

    response = write_blacklist(staff, headers)

    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]
    assert not BlacklistEntry.objects.exists()


def test_the_old_django_header_name_no_longer_counts(frontend: Path, staff: Client) -> None:
    token = staff.get("/blacklist").cookies["XSRF-TOKEN"].value

    response = write_blacklist(staff, {"X-CSRFToken": token})

    assert response.status_code == 403


def test_the_frontend_gives_no_access_without_key_or_staff_session(
    frontend: Path, web: Client, db: None
) -> None:
    assert web.get("/").status_code == 200
    assert web.get("/api/v1/blacklist").status_code == 401
    web.force_login(User.objects.create_user("viewer", password="not-a-real-password"))
    assert web.get("/api/v1/blacklist").status_code == 403


def test_the_key_needs_no_xsrf_header(frontend: Path, db: None) -> None:
    keyed = Client(enforce_csrf_checks=True, headers={"X-Api-Key": current_api_key()})

    response = keyed.post(
        "/api/v1/blacklist", {"provider_name": "p", "subtitle_id": "1"}, content_type="application/json"
    )

    assert response.status_code == 201


def test_the_reader_takes_a_built_folder(dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUBLARR_FRONTEND_DIR", str(dist))
    assert folder_with("FRONTEND_DIR", "index.html") == dist.resolve()
    monkeypatch.setenv("SUBLARR_FRONTEND_DIR", "")
    assert folder_with("FRONTEND_DIR", "index.html") is None


@pytest.mark.parametrize("problem", ["missing", "file", "no-index"])
def test_the_reader_refuses_a_folder_that_is_not_a_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, problem: str
) -> None:
    target = tmp_path / "dist"
    if problem == "file":
        target.write_text("not a folder")
    elif problem == "no-index":
        target.mkdir()
    monkeypatch.setenv("SUBLARR_FRONTEND_DIR", str(target))

    with pytest.raises(ImproperlyConfigured, match="SUBLARR_FRONTEND_DIR"):
        folder_with("FRONTEND_DIR", "index.html")


@pytest.mark.slow
@pytest.mark.parametrize(("exists", "message"), [(False, "is not a folder"), (True, "has no index.html")])
def test_a_folder_that_is_not_a_build_stops_start_up_with_one_line(
    tmp_path: Path, exists: bool, message: str
) -> None:
    folder = tmp_path / "dist"
    if exists:
        folder.mkdir()

    result = manage("check", SUBLARR_DATA_DIR=str(tmp_path / "data"), SUBLARR_FRONTEND_DIR=str(folder))

    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"sublarr: configuration error: SUBLARR_FRONTEND_DIR: {folder} {message}"
    )


@pytest.mark.slow
def test_a_built_folder_passes_the_start_up_checks(tmp_path: Path, dist: Path) -> None:
    result = manage("check", SUBLARR_DATA_DIR=str(tmp_path / "data"), SUBLARR_FRONTEND_DIR=str(dist))

    assert result.returncode == 0, result.stderr
