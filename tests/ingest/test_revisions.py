"""Revisions a user can predict: a file replaces the months it covers, never silently less.

Daily sources must cover whole months (the current month up to its latest day); a revision
that removes more than a share of a month's rows, or a whole district / channel / service,
is quarantined until a person accepts it; content an earlier load held is reinstated;
identity is the parsed rows, so other bytes for the same rows are unchanged.
"""

from __future__ import annotations

import gzip
import os
import shutil
import time
from datetime import date

import duckdb

from ingest.pipeline import ingest_paths
from ingest.settings import IngestSettings
from tests.ingest.extract_factory import (
    DISTRICTS,
    manifest,
    snapshot,
    to_csv,
    valid_row,
    valid_rows,
    write_bytes,
    write_extract,
)
from tests.ingest.test_ingest_cli import pcc_ingest


def _rows(data, sql: str) -> list[tuple]:
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _later(path) -> None:
    """Give a file a modification time after every load so far (a new delivery)."""
    time.sleep(0.01)
    os.utime(path)


def test_a_one_day_correction_of_a_daily_source_is_rejected_naming_the_missing_days(files, data):
    september = valid_rows("call_handling", ("2025-09",))
    ingest_paths([write_extract(files / "calls.csv", september)], data)
    before = snapshot(data)
    one_day = [r for r in september if r["date"] == "2025-09-15"]
    correction = write_extract(files / "call_handling_2025-09-15_correction.csv", one_day)

    (result,) = ingest_paths([correction], data).files

    assert result.action == "rejected"
    assert str(result.violation) == (
        f"{correction}: column date: missing 29 day(s) of 2025-09: "
        "2025-09-01..2025-09-14, 2025-09-16..2025-09-30 (a daily extract covers whole "
        "months; only the current month may end at its latest day)"
    )
    assert snapshot(data) == before
    assert _rows(data, "select count(*) from call_handling") == [(90,)]


def test_half_a_month_of_a_past_month_is_rejected(files, data):
    first_half = [r for r in valid_rows("call_handling", ("2025-09",)) if r["date"] <= "2025-09-15"]
    (result,) = ingest_paths([write_extract(files / "calls.csv", first_half)], data).files
    assert result.action == "rejected"
    assert "missing 15 day(s) of 2025-09: 2025-09-16..2025-09-30" in result.violation.reason


def test_the_current_month_may_end_at_its_latest_day(files, data):
    today = date.today()
    month = today.strftime("%Y-%m")
    to_date = [valid_row("call_handling", month, i) for i in range(3 * today.day)]
    (result,) = ingest_paths([write_extract(files / "calls.csv", to_date)], data).files
    assert (result.action, result.rows) == ("loaded", 3 * today.day)
    # ... but not with a gap before its latest day.
    if today.day >= 2:
        gap = [r for r in to_date if r["date"] != f"{month}-01"]
        (result,) = ingest_paths([write_extract(files / "gap.csv", gap)], data).files
        assert result.action == "rejected"
        assert f"missing 1 day(s) of {month}: {month}-01 " in result.violation.reason


def test_a_truncated_revision_is_quarantined_kept_and_loads_only_when_accepted(files, data):
    original = valid_rows("crime_records", ("2025-09",), per_month=100)
    path = write_extract(files / "crime_2025-09.csv", original)
    ingest_paths([path], data)
    before = snapshot(data)
    truncated = write_extract(files / "crime_2025-09_rev.csv", original[:50])

    (held,) = ingest_paths([truncated], data).files

    assert held.action == "quarantined"
    assert held.note.startswith(
        "it would remove 50 of the 100 rows of 2025-09 (50%, more than 10%) (not loaded; "
    )
    assert f"pcc ingest --accept-revision {truncated}" in held.note
    assert snapshot(data)["crime_records"] == before["crime_records"]
    (row,) = [m for m in manifest(data) if m["action"] == "quarantined"]
    assert (row["file_name"], row["rows"], row["superseded_months"]) == (truncated.name, 50, 0)
    kept = data.landing_dir / row["archive_path"]
    assert kept.parent.parent == data.quarantine_dir and kept.read_bytes() == truncated.read_bytes()

    # Seen again, it is still held, with no second manifest row.
    (again,) = ingest_paths([truncated], data).files
    assert again.action == "quarantined" and len(manifest(data)) == 2

    (accepted,) = ingest_paths([], data, accept=(truncated,)).files
    assert (accepted.action, accepted.rows, accepted.superseded_load_ids) == (
        "superseded",
        50,
        (1,),
    )
    assert manifest(data)[-1]["note"] == "revision accepted by a person"
    assert _rows(data, "select count(*) from crime_records") == [(50,)]


def test_redelivering_the_original_reinstates_it(files, data):
    original = valid_rows("crime_records", ("2025-09",), per_month=100)
    path = write_extract(files / "crime_2025-09.csv", original)
    ingest_paths([path], data)
    before = snapshot(data)["crime_records"]
    truncated = write_extract(files / "crime_2025-09_rev.csv", original[:50])
    ingest_paths([], data, accept=(truncated,))

    # The original still lying in the folder is not a new delivery: nothing changes.
    (stale,) = ingest_paths([path], data).files
    assert stale.action == "outdated"
    assert stale.action_text == (
        "outdated: its content was load 1, revised since; copy the file in again to reinstate it"
    )
    assert _rows(data, "select count(*) from crime_records") == [(50,)]

    _later(path)  # delivered again
    (result,) = ingest_paths([path], data).files

    assert (result.action, result.rows, result.superseded_load_ids) == ("reinstated", 100, (2,))
    assert result.action_text == "reinstated: the content of load 1, superseding load(s) 2"
    assert [m["action"] for m in manifest(data)] == ["loaded", "superseded", "reinstated"]
    # Row for row what load 1 held (the same file's bytes, so even _file_sha256 agrees).
    assert snapshot(data)["crime_records"] == before
    # And now it is the owner: the same content again is unchanged.
    assert ingest_paths([path], data).files[0].action == "unchanged"


def test_a_revision_dropping_a_whole_district_is_quarantined(files, data):
    rows = valid_rows("crime_records", ("2025-09",), per_month=26 * len(DISTRICTS))
    ingest_paths([write_extract(files / "crime.csv", rows)], data)
    gone = DISTRICTS[0]
    kept = [r for r in rows if r["district_code"] != gone]  # 1/len(DISTRICTS) < 10% of rows

    (result,) = ingest_paths([write_extract(files / "crime_rev.csv", kept)], data).files

    assert result.action == "quarantined"
    assert result.note.startswith(f"it would remove every row of district_code {gone} from 2025-09")


def test_a_revision_dropping_a_channel_or_service_is_quarantined(files, data):
    calls = valid_rows("call_handling", ("2025-08",))
    ingest_paths([write_extract(files / "calls.csv", calls)], data)
    no_online = [r for r in calls if r["channel"] != "online"]
    (result,) = ingest_paths([write_extract(files / "calls_rev.csv", no_online)], data).files
    assert result.action == "quarantined"
    assert "every row of channel online from 2025-08" in result.note

    referrals = valid_rows("victim_referrals", ("2025-08",), per_month=10)
    ingest_paths([write_extract(files / "ref.csv", referrals)], data)
    one_service = [r for r in referrals if r["service"].endswith(" 0")]
    (result,) = ingest_paths([write_extract(files / "ref_rev.csv", one_service)], data).files
    assert result.action == "quarantined"
    assert "every row of service Kent Advocacy and Support Service 1 from 2025-08" in result.note


def test_a_small_revision_loads_and_the_share_is_a_setting(files, data):
    original = valid_rows("crime_records", ("2025-09",), per_month=100)
    ingest_paths([write_extract(files / "crime.csv", original)], data)
    small = write_extract(files / "crime_rev.csv", original[:95])  # 5% removed
    (result,) = ingest_paths([small], data).files
    assert result.action == "superseded"

    bigger = write_extract(files / "crime_rev2.csv", original[:70])  # 30% of 95 removed
    (held,) = ingest_paths([bigger], data).files
    assert held.action == "quarantined"
    loose = IngestSettings(max_removed_share=0.5)
    (result,) = ingest_paths([bigger], data, loose).files
    assert (result.action, result.rows) == ("superseded", 70)


def test_the_same_rows_in_other_bytes_are_unchanged(files, data):
    rows = valid_rows("call_handling", ("2025-09",))
    text = to_csv(rows).encode()
    gzipped = write_bytes(files / "calls.csv.gz", gzip.compress(text, mtime=1))
    ingest_paths([gzipped], data)
    before = snapshot(data)
    variants = [
        write_bytes(files / "regzipped.csv.gz", gzip.compress(text, mtime=99, compresslevel=1)),
        write_bytes(files / "gunzipped.csv", text),
        write_bytes(files / "crlf.csv", text.replace(b"\n", b"\r\n")),
    ]

    report = ingest_paths(variants, data)

    assert [r.action for r in report.files] == ["unchanged"] * 3
    assert snapshot(data) == before


def test_cli_quarantine_exits_1_and_accept_revision_loads_it(files, data):
    original = valid_rows("victim_satisfaction", ("2025-06",), per_month=9)
    ingest_paths([write_extract(files / "sat.csv", original)], data)
    revision = write_extract(files / "sat_rev.csv", original[:3])

    held = pcc_ingest(revision, data_dir=data.root)

    assert held.returncode == 1
    assert (
        held.stdout.splitlines()[-1] == "1 files: 0 loaded, 0 unchanged, 0 rejected, 1 quarantined"
    )
    assert held.stderr.startswith(
        f"quarantined: {revision}: it would remove 6 of the 9 rows of 2025-06 (67%, more than 10%)"
    )
    env_run = pcc_ingest(revision, data_dir=data.root, extra=["--accept-revision", str(revision)])
    assert env_run.returncode == 0, env_run.stderr
    assert "superseded 1 month" in env_run.stdout
    assert _rows(data, "select count(*) from victim_satisfaction") == [(3,)]


def test_cli_rejects_a_bad_share_setting_in_one_line(files, data):
    path = write_extract(files / "sat.csv", valid_rows("victim_satisfaction"))
    result = pcc_ingest(path, data_dir=data.root, env={"PCC_INGEST_MAX_REMOVED_SHARE": "abc"})
    assert result.returncode == 2
    assert result.stderr == (
        "pcc: error: PCC_INGEST_MAX_REMOVED_SHARE must be a share from 0 to 1, not 'abc'\n"
    )
    assert not data.landing_db.exists()


def test_hidden_files_and_folders_are_skipped(files, data):
    write_extract(files / ".Trash" / "calls.csv", valid_rows("call_handling"))
    write_extract(files / ".~lock.calls.csv", valid_rows("call_handling"))
    shutil.copy(files / ".~lock.calls.csv", files / "calls.csv")
    report = ingest_paths([files], data)
    assert [r.file for r in report.files] == [str(files / "calls.csv")]
