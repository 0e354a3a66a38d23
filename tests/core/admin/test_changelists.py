"""Every changelist: registered, bounded queries at 200 rows, search, filters and sorting work."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.core.admin.conftest import admin_for, build_rows, model_id, sublarr_models

ALL_MODELS = sublarr_models()
# Session, user, the capped count, the page itself, and at most a filter's choices; measured at
# 4-5 on SQLite and PostgreSQL. A query per row would show as ~200 more.
MAX_CHANGELIST_QUERIES = 8


def changelist_url(model: type[models.Model]) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def count_queries(client: Client, url: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


def test_all_28_sublarr_models_are_registered() -> None:
    assert len(ALL_MODELS) == 28
    assert [m for m in ALL_MODELS if m not in admin.site._registry] == []


@pytest.mark.parametrize("model", ALL_MODELS, ids=model_id)
def test_every_admin_lists_searches_and_orders(model: type[models.Model]) -> None:
    model_admin = admin_for(model)
    assert len(model_admin.list_display) >= 2
    assert model_admin.search_fields
    assert model_admin.ordering


@pytest.mark.parametrize("model", ALL_MODELS, ids=model_id)
def test_changelist_renders_200_rows_in_a_constant_number_of_queries(
    admin_client: Client, model: type[models.Model], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(admin_for(model), "list_per_page", 200)
    url = changelist_url(model)
    build_rows(model, 20)
    admin_client.get(url)  # warm-up: session and caches
    with_20, _ = count_queries(admin_client, url)
    build_rows(model, 200, start=20)
    with_200, response = count_queries(admin_client, url)

    assert len(response.context["cl"].result_list) == 200
    assert with_200 == with_20
    assert with_200 <= MAX_CHANGELIST_QUERIES


@pytest.mark.parametrize("model", ALL_MODELS, ids=model_id)
def test_changelist_search_finds_a_row(admin_client: Client, model: type[models.Model]) -> None:
    rows = build_rows(model, 30)
    target = rows[7]
    field_name = admin_for(model).search_fields[0].lstrip("^=@").split("__")[0]
    term = str(getattr(target, field_name))

    response = admin_client.get(changelist_url(model), {"q": term})

    assert response.status_code == 200
    assert target.pk in [row.pk for row in response.context["cl"].result_list]


@pytest.mark.parametrize("model", ALL_MODELS, ids=model_id)
def test_changelist_search_for_an_unknown_term_renders_empty(
    admin_client: Client, model: type[models.Model]
) -> None:
    build_rows(model, 5)

    response = admin_client.get(changelist_url(model), {"q": "no-such-thing 42"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


@pytest.mark.parametrize("model", ALL_MODELS, ids=model_id)
def test_every_filter_choice_renders(admin_client: Client, model: type[models.Model]) -> None:
    build_rows(model, 6)
    url = changelist_url(model)
    response = admin_client.get(url)
    cl = response.context["cl"]

    query_strings = [choice["query_string"] for spec in cl.filter_specs for choice in spec.choices(cl)]
    for query_string in query_strings:
        assert admin_client.get(url + query_string).status_code == 200, query_string


@pytest.mark.parametrize("model", ALL_MODELS, ids=model_id)
def test_every_sortable_column_renders(admin_client: Client, model: type[models.Model]) -> None:
    build_rows(model, 6)
    url = changelist_url(model)
    columns = len(admin_for(model).list_display)

    for index in range(columns):
        for order in (str(index), f"-{index}"):
            response = admin_client.get(url + "?" + urlencode({"o": order}))
            assert response.status_code == 200, order
