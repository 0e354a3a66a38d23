"""JSON stored as TEXT: pretty-printed on change pages, summarised in lists, never a crash."""

from __future__ import annotations

import json

import pytest
from django.db import models
from django.test import Client

from apps.core.admin_tools import pretty_json_html
from apps.core.models import Job, WantedItem
from sublarr.db.fields import JSONTextField
from tests.core.admin.conftest import build_rows, model_id, sublarr_models
from tests.core.admin.test_forms import admin_url

MODELS_WITH_JSON = [m for m in sublarr_models() if any(isinstance(f, JSONTextField) for f in m._meta.fields)]
MALFORMED = '{"ass": 3, "srt": <broken'


def json_fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.fields if isinstance(f, JSONTextField)]


def test_the_json_text_columns_are_covered() -> None:
    assert len(MODELS_WITH_JSON) == 7


@pytest.mark.parametrize("model", MODELS_WITH_JSON, ids=model_id)
def test_malformed_legacy_json_renders_on_the_change_page(
    admin_client: Client, model: type[models.Model]
) -> None:
    row = build_rows(model, 1)[0]
    model._default_manager.filter(pk=row.pk).update(**dict.fromkeys(json_fields(model), MALFORMED))

    response = admin_client.get(admin_url(model, "change", row.pk))

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Not valid JSON") == len(json_fields(model))
    assert "{&quot;ass&quot;: 3, &quot;srt&quot;: &lt;broken" in page


@pytest.mark.parametrize("model", MODELS_WITH_JSON, ids=model_id)
def test_malformed_legacy_json_renders_in_the_list(admin_client: Client, model: type[models.Model]) -> None:
    build_rows(model, 2)
    model._default_manager.update(**dict.fromkeys(json_fields(model), MALFORMED))

    response = admin_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 2


def test_valid_json_is_shown_indented(admin_client: Client) -> None:
    job = build_rows(Job, 1)[0]
    Job.objects.filter(pk=job.pk).update(stats_json='{"lines": 412, "backend": {"name": "ollama"}}')

    page = admin_client.get(admin_url(Job, "change", job.pk)).content.decode()

    assert "{\n  &quot;lines&quot;: 412,\n  &quot;backend&quot;: {\n    &quot;name&quot;" in page
    assert "Not valid JSON" not in page


def test_the_wanted_list_shows_missing_languages_decoded(admin_client: Client) -> None:
    item = build_rows(WantedItem, 1)[0]
    WantedItem.objects.filter(pk=item.pk).update(missing_languages='["de", "fr"]')

    page = admin_client.get(admin_url(WantedItem, "changelist")).content.decode()

    assert '<td class="field-missing">de, fr</td>' in page


def test_pretty_json_html_escapes_markup_in_values() -> None:
    field = Job._meta.get_field("stats_json")

    html = pretty_json_html(field, json.dumps({"error": "<script>alert(1)</script>"}))

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("text", [None, "", "{}"])
def test_pretty_json_html_shows_empty_values_without_a_warning(text: str | None) -> None:
    html = pretty_json_html(Job._meta.get_field("stats_json"), text)

    assert html == '<pre class="sublarr-json">{}</pre>'
