"""The rules on the models hold for code too, not only for the admin and the APIs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from apps.core.models import LanguageProfile, WantedItem
from apps.providers.models import ProviderCache
from apps.standalone.models import StandaloneSeries
from apps.translation.models import JobInProgress, PromptPreset, WhisperJob

pytestmark = pytest.mark.django_db


def test_a_second_default_profile_is_refused_on_save() -> None:
    LanguageProfile.objects.create(name="Default", is_default=True)
    with pytest.raises(ValidationError):
        LanguageProfile.objects.create(name="Second", is_default=True)
    assert LanguageProfile.objects.count() == 1


def test_make_default_moves_the_default_in_one_step() -> None:
    default = LanguageProfile.objects.create(name="Default", is_default=True)
    other = LanguageProfile.objects.create(name="Other")
    LanguageProfile.objects.make_default(other)
    default.refresh_from_db()
    assert (default.is_default, LanguageProfile.objects.default()) == (False, other)


def test_a_queryset_delete_keeps_the_default_profile() -> None:
    LanguageProfile.objects.create(name="Default", is_default=True)
    LanguageProfile.objects.create(name="Other")
    with pytest.raises(ValidationError):
        LanguageProfile.objects.all().delete()
    assert LanguageProfile.objects.count() == 2
    LanguageProfile.objects.filter(is_default=False).delete()
    assert LanguageProfile.objects.count() == 1


def test_the_last_prompt_preset_stays_and_a_new_default_is_the_only_one() -> None:
    first = PromptPreset.objects.create(name="a", prompt_template="t", is_default=True)
    PromptPreset.objects.create(name="b", prompt_template="t", is_default=True)
    assert list(PromptPreset.objects.filter(is_default=True).values_list("name", flat=True)) == ["b"]
    with pytest.raises(ValidationError):
        PromptPreset.objects.all().delete()
    first.delete()
    with pytest.raises(ValidationError):
        PromptPreset.objects.get().delete()


def test_deleting_series_deletes_their_wanted_rows_only() -> None:
    series = StandaloneSeries.objects.create(title="a", folder_path="/a")
    WantedItem.objects.create(item_type="episode", file_path="/a/1.mkv", standalone_series_id=series.pk)
    kept = WantedItem.objects.create(
        item_type="episode", file_path="/b/1.mkv", standalone_series_id=series.pk + 1
    )
    deleted, counts = StandaloneSeries.objects.filter(pk=series.pk).delete()
    assert (deleted, counts["core.WantedItem"]) == (2, 1)
    assert list(WantedItem.objects.all()) == [kept]


@pytest.mark.parametrize(
    ("expires_at", "expired"),
    [
        ("2000-01-01T00:00:00", True),
        ("2000-01-01 00:00:00", True),
        ("", True),
        ("2999-01-01T00:00:00", False),
        ("2999-01-01 00:00:00", False),
    ],
)
def test_expired_cache_rows_in_either_timestamp_spelling(expires_at: str, expired: bool) -> None:
    ProviderCache.objects.create(provider_name="p", query_hash="h", results_json="[]", expires_at=expires_at)
    assert (ProviderCache.objects.expired().count(), ProviderCache.objects.active().count()) == (
        int(expired),
        int(not expired),
    )


def test_a_running_whisper_job_is_neither_cancelled_nor_deleted() -> None:
    job = WhisperJob.objects.create(id="r", file_path="/x.mkv", status="running")
    with pytest.raises(JobInProgress):
        job.cancel_or_delete()
    assert WhisperJob.objects.get(pk="r").status == "running"
