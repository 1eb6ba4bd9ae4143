"""The landing store: atomic per-file loads, idempotence, revised extracts, archive, lock."""

from __future__ import annotations

import fcntl
import hashlib
import shutil

import duckdb
import pytest

from ingest.contracts import CONTRACTS
from ingest.errors import IngestError
from ingest.landing import TABLES, copy_landing_into
from ingest.pipeline import ingest_paths
from tests.ingest.extract_factory import (
    ALL_SOURCES,
    manifest,
    snapshot,
    to_csv,
    valid_rows,
    write_bytes,
    write_extract,
)


def bad_files(folder):
    """One file per kind of bad input; returns {file name: expected reason fragment}."""
    calls = valid_rows("call_handling")
    write_bytes(folder / "bad_empty.csv", b"")
    write_bytes(folder / "bad_header_only.csv", to_csv(calls).split("\n")[0].encode() + b"\n")
    write_bytes(folder / "bad_unrecognised.csv", b"a,b,c\n1,2,3\n")
    write_bytes(folder / "bad_semicolon.csv", to_csv(calls, delimiter=";").encode())
    write_bytes(
        folder / "bad_cp1252.csv",
        to_csv([{**valid_rows("victim_referrals")[0], "provider": "Caf\u00e9"}]).encode("cp1252"),
    )
    missing = [{k: v for k, v in r.items() if k != "channel"} for r in calls]
    write_extract(folder / "bad_missing_column.csv", missing)
    write_extract(folder / "bad_type.csv", [{**calls[0], "calls_offered": "lots"}])
    write_extract(folder / "bad_negative.csv", [{**calls[0], "calls_abandoned": "-1"}])
    write_extract(folder / "bad_answered.csv", [{**calls[0], "calls_offered": "10"}])
    crime = valid_rows("crime_records", months=("2023-05",))
    write_extract(folder / "bad_date.csv", [{**crime[0], "recorded_date": "2023-02-30"}])
    write_extract(folder / "bad_future.csv", [{**crime[0], "recorded_date": "2999-01-01"}])
    write_extract(folder / "bad_duplicate.csv", [crime[0], crime[1], crime[0]])
    ragged = to_csv(crime).rstrip("\n") + ",extra\n"
    write_bytes(folder / "bad_ragged.csv", ragged.encode())
    write_bytes(folder / "bad_gzip.csv.gz", b"\x1f\x8b\x08\x00broken")
    return {
        "bad_empty.csv": "empty file",
        "bad_header_only.csv": "header only",
        "bad_unrecognised.csv": "unrecognised header",
        "bad_semicolon.csv": "wrong delimiter: expected comma",
        "bad_cp1252.csv": "not UTF-8 (byte 0xE9",
        "bad_missing_column.csv": "required column missing",
        "bad_type.csv": "not an integer 'lots'",
        "bad_negative.csv": "negative count -1",
        "bad_answered.csv": "greater than calls_offered",
        "bad_date.csv": "impossible date '2023-02-30'",
        "bad_future.csv": "date in the future",
        "bad_duplicate.csv": "duplicate primary key",
        "bad_ragged.csv": "ragged row",
        "bad_gzip.csv.gz": "not a readable gzip file",
    }


def good_files(folder):
    """A valid file of each source (two months each; crime gzipped, in a subfolder)."""
    for source in ALL_SOURCES:
        name = f"sub/{source}.csv.gz" if source == "crime_records" else f"{source}.csv"
        rows = valid_rows(source, months=("2024-01", "2024-02"))
        write_extract(folder / name, rows, gz=name.endswith(".gz"))
    return {f"{s}.csv.gz" if s == "crime_records" else f"{s}.csv" for s in ALL_SOURCES}


def test_mixed_folder_loads_the_good_and_rejects_each_bad_with_its_reason(files, data):
    expected_bad = bad_files(files)
    expected_good = good_files(files)

    report = ingest_paths([files], data)

    results = {r.file.rsplit("/", 1)[-1]: r for r in report.files}
    assert set(results) == set(expected_bad) | expected_good
    assert [r.file for r in report.files] == sorted(r.file for r in report.files)
    for name, reason in expected_bad.items():
        assert results[name].action == "rejected", name
        assert reason in str(results[name].violation), (name, results[name].violation)
    for name in expected_good:
        assert results[name].action == "loaded", (name, results[name].violation)
    assert {r.file.rsplit("/", 1)[-1] for r in report.rejected} == set(expected_bad)
    assert sorted(m["file_name"] for m in manifest(data)) == sorted(expected_good)
    # Only accepted files are archived.
    archived = sorted(p.name for p in data.archive_dir.iterdir())
    assert archived == sorted(m["archive_path"].split("/")[1] for m in manifest(data))


def test_manifest_records_each_load(files, data):
    path = write_extract(
        files / "sat.csv", valid_rows("victim_satisfaction", ("2024-01", "2024-02", "2024-03"))
    )
    ingest_paths([path], data)
    (row,) = manifest(data)
    assert row["load_id"] == 1
    assert row["file_name"] == "sat.csv"
    assert row["source"] == "victim_satisfaction"
    assert row["rows"] == 9
    assert (str(row["first_month"]), str(row["last_month"]), row["months"]) == (
        "2024-01-01",
        "2024-03-01",
        3,
    )
    assert (row["action"], row["superseded_months"], row["superseded_load_ids"]) == (
        "loaded",
        0,
        [],
    )
    assert row["file_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    archived = data.landing_dir / row["archive_path"]
    assert archived.read_bytes() == path.read_bytes()
    assert (archived.parent.name, archived.name) == ("000001", "sat.csv")  # files/<load id>/
    assert len(row["content_fingerprint"]) == 64


def test_ingesting_the_same_folder_twice_changes_nothing(files, data):
    good_files(files)
    first = ingest_paths([files], data)
    assert {r.action for r in first.files} == {"loaded"}
    before = snapshot(data)

    second = ingest_paths([files], data)

    assert {r.action for r in second.files} == {"unchanged"}
    assert [(r.source, r.rows) for r in second.files] == [(r.source, r.rows) for r in first.files]
    assert snapshot(data) == before


def test_same_content_under_another_name_is_unchanged(files, data):
    path = write_extract(files / "calls_jan.csv", valid_rows("call_handling"))
    ingest_paths([path], data)
    before = snapshot(data)
    copy = shutil.copy(path, files / "calls_jan_again.csv")

    (result,) = ingest_paths([copy], data).files

    assert result.action == "unchanged"
    assert snapshot(data) == before


def test_revised_extract_supersedes_only_its_months(files, data):
    original = valid_rows("crime_records", months=("2024-01", "2024-02", "2024-03"), per_month=14)
    first = write_extract(files / "crime_q1.csv", original)
    other = write_extract(files / "crime_apr.csv", valid_rows("crime_records", ("2024-04",), 13))
    ingest_paths([first, other], data)

    revised_rows = valid_rows("crime_records", months=("2024-02", "2024-03"), per_month=20)
    revised = write_extract(files / "crime_feb_mar_revised.csv", revised_rows)
    (result,) = ingest_paths([revised], data).files

    assert (result.action, result.superseded_months, result.superseded_load_ids) == (
        "superseded",
        2,
        (1,),
    )
    assert result.action_text == "superseded 2 months"
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        per_month = con.execute(
            "select strftime(recorded_date, '%Y-%m'), count(*), min(_file_sha256) = max(_file_sha256)"
            " from crime_records group by 1 order by 1"
        ).fetchall()
        owners = con.execute(
            "select month::varchar, load_id from month_owner order by 1"
        ).fetchall()
    assert per_month == [
        ("2024-01", 14, True),
        ("2024-02", 20, True),
        ("2024-03", 20, True),
        ("2024-04", 13, True),
    ]
    assert owners == [("2024-01-01", 1), ("2024-02-01", 3), ("2024-03-01", 3), ("2024-04-01", 2)]
    last = manifest(data)[-1]
    assert (last["action"], last["superseded_months"], last["superseded_load_ids"]) == (
        "superseded",
        2,
        [1],
    )


def test_revision_spanning_two_earlier_loads_names_both(files, data):
    jan = write_extract(files / "jan.csv", valid_rows("victim_satisfaction", ("2024-01",)))
    feb = write_extract(files / "feb.csv", valid_rows("victim_satisfaction", ("2024-02",)))
    both = write_extract(
        files / "jan_feb_revised.csv", valid_rows("victim_satisfaction", ("2024-01", "2024-02"), 5)
    )
    report = ingest_paths([jan, feb, both], data)
    assert report.files[-1].superseded_load_ids == (1, 2)
    assert [m["superseded_months"] for m in manifest(data)] == [0, 0, 2]


def test_rejected_file_changes_nothing(files, data):
    ingest_paths([write_extract(files / "a.csv", valid_rows("victim_satisfaction"))], data)
    before = snapshot(data)
    archived = sorted(data.archive_dir.iterdir())
    # Revises January but breaks a rule on its last line: nothing of it may land.
    rows = valid_rows("victim_satisfaction", per_month=5)
    rows[-1]["satisfied"] = "500"
    (result,) = ingest_paths([write_extract(files / "b.csv", rows)], data).files
    assert result.action == "rejected"
    assert snapshot(data) == before
    assert sorted(data.archive_dir.iterdir()) == archived


def test_landing_alone_rebuilds_after_raw_files_are_deleted(files, data, tmp_path):
    good_files(files)
    ingest_paths([files], data)
    shutil.rmtree(files)
    before = snapshot(data)

    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as con:
        copy_landing_into(con, data)
        copied = {
            t: con.execute(f"select * from landing.{t} order by all").fetchall() for t in TABLES
        }
        described = con.execute("describe landing.load_manifest").fetchall()
    assert copied == before
    assert all(copied[s] for s in ALL_SOURCES)
    types = {name: kind for name, kind, *_ in described}
    assert types["superseded_load_ids"] == "BIGINT[]" and types["loaded_at"] == "TIMESTAMP"
    # Every archived file is still there, byte for byte what was loaded.
    for row in manifest(data):
        assert (data.landing_dir / row["archive_path"]).exists()
    # The landing store is not locked or changed by the copy.
    assert snapshot(data) == before


def test_copy_creates_empty_typed_tables_for_sources_never_loaded(files, data, tmp_path):
    with duckdb.connect(str(tmp_path / "w1.duckdb")) as con:
        copy_landing_into(con, data)  # no landing store at all yet
        assert con.execute("select count(*) from landing.crime_records").fetchone()[0] == 0
    ingest_paths([write_extract(files / "s.csv", valid_rows("victim_satisfaction"))], data)
    with duckdb.connect(str(tmp_path / "w2.duckdb")) as con:
        copy_landing_into(con, data)
        counts = {
            s: con.execute(f"select count(*) from landing.{s}").fetchone()[0] for s in CONTRACTS
        }
        date_type = con.execute(
            "select data_type from information_schema.columns "
            "where table_schema = 'landing' and table_name = 'crime_records' "
            "and column_name = 'recorded_date'"
        ).fetchone()[0]
    assert counts == {s: 3 if s == "victim_satisfaction" else 0 for s in CONTRACTS}
    assert date_type == "DATE"


def test_orphan_archive_files_are_removed_on_the_next_run(files, data):
    ingest_paths([write_extract(files / "a.csv", valid_rows("victim_satisfaction"))], data)
    kept = sorted(data.archive_dir.iterdir())
    (data.archive_dir / "000007").mkdir()
    (data.archive_dir / "000007" / "x.csv").write_bytes(b"from a crashed load")
    (data.archive_dir / ("0" * 64 + ".csv")).write_bytes(b"an old-style name, no manifest row")
    (data.archive_dir / ".tmp-123-3").mkdir()

    ingest_paths(
        [write_extract(files / "b.csv", valid_rows("victim_satisfaction", ("2024-02",)))], data
    )

    remaining = sorted(data.archive_dir.iterdir())
    assert len(remaining) == 2 and kept[0] in remaining
    assert [p.name for p in remaining] == ["000001", "000002"]


def test_a_second_ingest_fails_fast_while_one_holds_the_lock(files, data):
    data.landing_dir.mkdir(parents=True)
    with open(data.landing_dir / ".lock", "a+") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        path = write_extract(files / "a.csv", valid_rows("victim_satisfaction"))
        with pytest.raises(IngestError, match="another ingest is using the landing store"):
            ingest_paths([path], data)
    assert ingest_paths([path], data).files[0].action == "loaded"


def test_missing_path_is_an_error_and_an_empty_default_folder_is_not(files, data):
    with pytest.raises(IngestError, match="no such file or folder"):
        ingest_paths([files / "nope.csv"], data)
    assert ingest_paths([], data).files == []  # $PCC_DATA_DIR/raw does not exist yet
