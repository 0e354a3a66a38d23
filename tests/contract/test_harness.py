"""The contract suite's own machinery: comparison, fixture loading, goldens in step with cases."""

from __future__ import annotations

import json
import sqlite3

import pytest
from django.db import connection

from apps.core.models import BlacklistEntry
from tests.contract.cases import SCENARIOS
from tests.contract.compare import Mismatch, compare
from tests.contract.deviation import ABSENT, Instead, Typed, differs_from_golden, expected_step
from tests.contract.deviations import DEVIATIONS
from tests.contract.endpoints import LEGACY_ROUTES, endpoint_of
from tests.contract.loading import FIXTURES, GOLDEN, load_fixture
from tests.contract.pending import PENDING
from tests.contract.scenario import GET, PUT, V14, fill


def test_it_tells_a_legacy_int_flag_from_a_bool() -> None:
    with pytest.raises(Mismatch, match=r"data\.0\.enabled: type int != bool \(legacy 1, got True\)"):
        compare({"data": [{"enabled": 1}]}, {"data": [{"enabled": True}]})


def test_it_tells_int_from_float() -> None:
    with pytest.raises(Mismatch, match="avg: type float != int"):
        compare({"avg": 2.0}, {"avg": 2})


def test_it_names_missing_and_unexpected_keys() -> None:
    with pytest.raises(
        Mismatch, match=r"\(body\): keys differ: missing \['profiles'\], unexpected \['data'\]"
    ):
        compare({"profiles": []}, {"data": []})


def test_it_compares_volatile_values_by_type_only() -> None:
    compare(
        {"data": [{"updated_at": "2026-01-01"}]},
        {"data": [{"updated_at": "2027-02-02"}]},
        ["data.*.updated_at"],
    )
    with pytest.raises(Mismatch, match="type str != NoneType"):
        compare({"data": [{"updated_at": "x"}]}, {"data": [{"updated_at": None}]}, ["data.*.updated_at"])


def test_it_keeps_list_order_unless_told_otherwise() -> None:
    with pytest.raises(Mismatch, match=r"0\.name: legacy 'a' != got 'b'"):
        compare([{"name": "a"}, {"name": "b"}], [{"name": "b"}, {"name": "a"}])
    compare([{"name": "a"}, {"name": "b"}], [{"name": "b"}, {"name": "a"}], unordered=[""])


def test_unordered_lists_still_compare_their_items() -> None:
    with pytest.raises(Mismatch, match="legacy 2 != got 3"):
        compare({"x": [{"n": 1}, {"n": 2}]}, {"x": [{"n": 3}, {"n": 1}]}, unordered=["x"])


def test_it_shows_both_values_of_a_different_scalar() -> None:
    with pytest.raises(Mismatch, match=r"total: legacy 41 != got 40"):
        compare({"total": 41}, {"total": 40})


def test_captured_values_fill_paths_and_bodies() -> None:
    assert fill("/hooks/{hook_id}/test", {"hook_id": 7}) == "/hooks/7/test"
    assert fill({"profile_id": "{pid}", "note": "{kept}"}, {"pid": 3}) == {"profile_id": 3, "note": "{kept}"}


def test_steps_map_to_legacy_route_templates() -> None:
    assert endpoint_of(PUT("/wanted/12/status")) == ("PUT", "/wanted/<int:item_id>/status")
    assert endpoint_of(PUT("/language-profiles/assign")) == ("PUT", "/language-profiles/assign")
    assert endpoint_of(GET("/whisper/backends/config/subgen")) == ("GET", "/whisper/backends/config/<name>")
    with pytest.raises(LookupError):
        endpoint_of(GET("/no/such/route"))


def test_every_scenario_has_a_unique_id_a_golden_and_a_legacy_route() -> None:
    ids = [s.id for s in SCENARIOS]
    assert len(ids) == len(set(ids))
    for scenario in SCENARIOS:
        golden = json.loads((GOLDEN / f"{scenario.id}.json").read_text())
        assert len(golden["steps"]) == len(scenario.steps), scenario.id
        for step in scenario.steps:
            assert endpoint_of(step) in LEGACY_ROUTES


def test_no_golden_or_pending_entry_outlives_its_scenario() -> None:
    ids = {s.id for s in SCENARIOS}
    goldens = {p.stem for p in GOLDEN.glob("*.json") if not p.name.startswith("_")}
    assert goldens == ids
    assert set(PENDING) <= ids


GOLDEN_STEP = {
    "request": {"method": "GET", "path": "/api/v1/x"},
    "status": 200,
    "content_type": "application/json",
    "json": {"rows": [{"secret": "s", "n": 1}, {"secret": "t", "n": 2}], "version": "1.0", "extra": 1},
}


def test_a_deviation_replaces_only_its_declared_paths() -> None:
    instead = Instead(paths={"rows.*.secret": "***", "version": Typed(str), "extra": ABSENT})
    expected, volatile = expected_step(GOLDEN_STEP, instead)
    assert expected["json"] == {"rows": [{"secret": "***", "n": 1}, {"secret": "***", "n": 2}], "version": ""}
    assert volatile == ["version"]
    ours = {"rows": [{"secret": "***", "n": 1}, {"secret": "***", "n": 2}], "version": "0.1"}
    compare(expected["json"], ours, volatile)
    # Anything else still has to be the golden: a regression outside the declared paths fails,
    with pytest.raises(Mismatch, match=r"rows\.1\.n: legacy 2 != got 3"):
        compare(expected["json"], {**ours, "rows": [ours["rows"][0], {"secret": "***", "n": 3}]}, volatile)
    # and so does a declared path answering other than declared.
    with pytest.raises(Mismatch, match=r"rows\.0\.secret: legacy '\*\*\*' != got 's'"):
        compare(expected["json"], {**ours, "rows": [{"secret": "s", "n": 1}, ours["rows"][1]]}, volatile)
    with pytest.raises(Mismatch, match="version: type str != int"):
        compare(expected["json"], {**ours, "version": 1}, volatile)


def test_a_deviation_can_answer_another_status_and_body() -> None:
    expected, volatile = expected_step(GOLDEN_STEP, Instead(status=400, body={"error": Typed(str)}))
    assert (expected["status"], expected["json"], volatile) == (400, {"error": ""}, ["error"])
    assert GOLDEN_STEP["status"] == 200  # the golden itself is left alone


def test_a_deviation_path_must_exist_in_the_golden() -> None:
    with pytest.raises(ValueError, match="matches nothing"):
        expected_step(GOLDEN_STEP, Instead(paths={"rows.*.nope.x": 1}))


def test_every_deviation_is_justified_and_still_differs_from_its_golden() -> None:
    scenarios = {s.id: s for s in SCENARIOS}
    for scenario_id, deviation in DEVIATIONS.items():
        assert scenario_id in scenarios, scenario_id
        assert '"' in deviation.reason, f"{scenario_id}: quote the requirement that wins over legacy"
        golden = json.loads((GOLDEN / f"{scenario_id}.json").read_text())
        for n, instead in deviation.steps.items():
            assert 1 <= n <= len(scenarios[scenario_id].steps), (scenario_id, n)
            # A declared answer that legacy gives anyway is a stale deviation: remove it.
            assert differs_from_golden(golden["steps"][n - 1], instead), (scenario_id, n)


@pytest.mark.django_db
def test_loading_a_fixture_copies_every_row_and_continues_legacy_ids() -> None:
    load_fixture(V14)
    legacy = sqlite3.connect(f"file:{FIXTURES / V14}?mode=ro", uri=True)
    try:
        for table in ("wanted_items", "jobs", "blacklist_entries", "hook_log", "config_entries"):
            with connection.cursor() as cur:
                cur.execute(f"SELECT count(*) FROM {table}")
                assert cur.fetchone()[0] == legacy.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        (handed_out,) = legacy.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = 'blacklist_entries'"
        ).fetchone()
        row = legacy.execute(
            "SELECT provider_name, subtitle_id, added_at FROM blacklist_entries WHERE id = 3"
        ).fetchone()
    finally:
        legacy.close()
    stored = BlacklistEntry.objects.get(pk=3)
    assert (stored.provider_name, stored.subtitle_id, stored.added_at) == row
    new = BlacklistEntry.objects.create(provider_name="p", subtitle_id="s", added_at="2026-01-01T00:00:00")
    assert new.pk == handed_out + 1


@pytest.mark.django_db
def test_loading_again_replaces_rows_instead_of_adding() -> None:
    load_fixture(V14)
    BlacklistEntry.objects.create(provider_name="p", subtitle_id="s", added_at="2026-01-01T00:00:00")
    load_fixture(V14)
    assert BlacklistEntry.objects.count() == 8
    assert BlacklistEntry.objects.create(provider_name="p", subtitle_id="s", added_at="x").pk == 9


def test_a_download_name_is_compared_without_its_date() -> None:
    from tests.contract.test_legacy_contract import _undated

    assert _undated("attachment; filename=sublarr_stats_20261201.csv") == _undated(
        "attachment; filename=sublarr_stats_20270315.csv"
    )
    assert _undated("attachment; filename=a_20261201.csv") != _undated("attachment; filename=b_20261201.csv")
    assert _undated(None) is None


def test_the_webhook_sink_answers_deliveries() -> None:
    import urllib.error
    import urllib.request

    from tests.contract.sink import http_sink

    with http_sink() as url:
        ok = urllib.request.urlopen(urllib.request.Request(f"{url}/ok", data=b"{}", method="POST"))
        assert ok.status == 204
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(urllib.request.Request(f"{url}/fail", data=b"{}", method="POST"))
        assert failed.value.code == 500
