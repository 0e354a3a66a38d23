"""A JSON-in-TEXT column always reads as its declared type, whatever a legacy row holds."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from apps.core.models import Job, WantedItem
from apps.providers.models import ProviderCache


@pytest.mark.parametrize(
    ("stored", "read"),
    [
        ('["de", "fr"]', ["de", "fr"]),
        ("null", []),
        ("{}", []),
        ('"de"', ["de"]),
        ("7", [7]),
        ("not json", []),
        ("", []),
    ],
)
def test_a_list_column_parses_to_a_list(stored: str, read: list[object]) -> None:
    assert WantedItem._meta.get_field("missing_languages").parse(stored) == read


@pytest.mark.parametrize(("stored", "read"), [('{"a": 1}', {"a": 1}), ("[1]", {}), ("null", {}), ('"x"', {})])
def test_a_dict_column_parses_to_a_dict(stored: str, read: dict[str, object]) -> None:
    assert Job._meta.get_field("stats_json").parse(stored) == read


def test_a_column_without_a_default_takes_its_declared_shape() -> None:
    assert ProviderCache._meta.get_field("results_json").parse("null") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stored", "read"), [("null", []), ("{}", []), ('"de"', ["de"]), ("[1, null]", ["1"])]
)
def test_v2_gives_missing_languages_as_a_list_of_strings(
    api_client: APIClient, stored: str, read: list[str]
) -> None:
    item = WantedItem.objects.create(item_type="episode", file_path="/x.mkv", missing_languages=stored)
    assert api_client.get(f"/api/v2/wanted/{item.pk}").json()["missing_languages"] == read
