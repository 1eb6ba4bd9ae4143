"""Valid extracts of every source load with their rows typed as the contract says."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from ingest.contracts import CONTRACTS
from tests.ingest.extract_factory import ALL_SOURCES, to_csv, valid_rows, write_bytes, write_extract


@pytest.mark.parametrize("source", ALL_SOURCES)
def test_each_source_loads_with_typed_rows_and_line_numbers(source, files, data, ingest_one):
    rows = valid_rows(source, months=("2024-01", "2024-02"), per_month=4)
    result = ingest_one(write_extract(files / f"{source}.csv", rows))

    assert (result.action, result.source, result.rows) == ("loaded", source, len(rows))
    assert (result.first_month, result.last_month) == (dt.date(2024, 1, 1), dt.date(2024, 2, 1))
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        described = con.execute(f"describe {source}").fetchall()
        lines = [
            r[0] for r in con.execute(f"select _line_number from {source} order by 1").fetchall()
        ]
    contract = CONTRACTS[source]
    assert [d[0] for d in described] == [*contract.column_names, "_file_sha256", "_line_number"]
    assert lines == list(range(2, len(rows) + 2))


def test_values_are_typed_booleans_case_insensitive_months_first_day(files, data, ingest_one):
    crime = valid_rows("crime_records", per_month=8)
    ingest_one(write_extract(files / "crime.csv", crime))
    satisfaction = valid_rows("victim_satisfaction", months=("2023-11",), per_month=2)
    ingest_one(write_extract(files / "sat.csv", satisfaction))
    detentions = valid_rows("s136_detentions", per_month=2)
    detentions[1]["detention_datetime"] = "2024-01-02 09:05:30"  # space and seconds also accepted
    ingest_one(write_extract(files / "s136.csv", detentions))

    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        flags = con.execute(
            "select firearm, online, vawg, knife_or_sharp_instrument, outcome_code, lsoa_code "
            "from crime_records order by _line_number"
        ).fetchall()
        month = con.execute("select distinct month from victim_satisfaction").fetchall()
        times = con.execute(
            "select detention_datetime from s136_detentions order by _line_number"
        ).fetchall()
    # Row 0: online '1', vawg 'True', knife 'FALSE', firearm '0'; no outcome yet, no LSOA.
    assert flags[0] == (False, True, True, False, None, None)
    assert flags[1] == (False, False, False, False, 1, "E01024000")
    assert month == [(dt.date(2023, 11, 1),)]
    assert times == [(dt.datetime(2024, 1, 1, 14, 0),), (dt.datetime(2024, 1, 2, 9, 5, 30),)]


def test_header_names_ignore_case_spaces_underscores_and_order(files, data, ingest_one):
    rows = valid_rows("call_handling", per_month=3)
    columns = list(reversed(rows[0]))
    text = to_csv(rows, columns)
    header, body = text.split("\n", 1)
    header = header.replace("calls_offered", "Calls Offered").replace("date", "DATE")
    result = ingest_one(write_bytes(files / "calls.csv", f"{header}\n{body}".encode()))

    assert (result.action, result.source, result.rows) == ("loaded", "call_handling", 93)
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        assert con.execute("select sum(calls_offered) from call_handling").fetchone()[0] == 9300


def test_optional_columns_may_be_left_out(files, data, ingest_one):
    rows = valid_rows("crime_records", per_month=3)
    for row in rows:
        del row["lsoa_code"]
    result = ingest_one(write_extract(files / "crime.csv", rows))
    assert result.action == "loaded"
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        assert con.execute("select count(lsoa_code) from crime_records").fetchone()[0] == 0


def test_gzip_bom_and_crlf_are_read_transparently(files, data, ingest_one):
    rows = valid_rows("victim_referrals", per_month=3)
    text = to_csv(rows).replace("\n", "\r\n")
    result = ingest_one(write_bytes(files / "ref.csv.gz", b"\xef\xbb\xbf" + text.encode(), gz=True))
    assert (result.action, result.rows) == ("loaded", 3)
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        service = con.execute("select service from victim_referrals limit 1").fetchone()[0]
    assert service == "Kent Advocacy and Support Service 0"  # no stray \r
