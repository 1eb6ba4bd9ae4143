"""The bad-input corpus: every way a delivery goes wrong, through `pcc ingest` as a user runs it.

Each case asserts the exit code (1), the one-line message on stderr naming the file, line,
column and reason, no traceback anywhere, and that the landing store holds exactly the rows
it held before. One folder mixing bad and good files loads the good ones.
"""

from __future__ import annotations

import csv
import gzip
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pytest

from ingest.landing import TABLES
from ingest.pipeline import ingest_paths
from tests.ingest.extract_factory import to_csv, valid_rows, write_extract
from tests.ingest.test_ingest_cli import pcc_ingest
from tests.public import fixtures as fx

OVERFLOW = "9223372036854775807"


@dataclass(frozen=True)
class Case:
    name: str  # file name, which also decides the reader (.csv, .csv.gz)
    content: Callable[[], bytes]
    line: int | None
    column: str | None
    reason: str  # the message's reason, or the start of it


def _extract(source: str, changes: dict[int, dict[str, str]], months=("2024-01",)) -> bytes:
    rows = valid_rows(source, months)
    for index, values in changes.items():
        rows[index].update(values)
    return to_csv(rows).encode()


def _rows_without(source: str, keep: Callable[[dict], bool], months=("2024-01",)) -> bytes:
    return to_csv([r for r in valid_rows(source, months) if keep(r)]).encode()


def _csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue().encode()


def _prc(index: int, column: int, value) -> bytes:
    rows = fx.prc_rows([2022])
    rows[index][column] = value
    return _csv([*fx.PRC_COLUMNS, fx.NEW_COUNT], rows)


def _prc_multiline(index: int, column: int, value) -> bytes:
    rows = fx.prc_rows([2022])
    rows[1][fx.PRC_COLUMNS.index("Offence Description")] += "\n(continued)"
    rows[index][column] = value
    return _csv([*fx.PRC_COLUMNS, fx.NEW_COUNT], rows)


def _prc_blank_line(index: int, column: int, value) -> bytes:
    rows = fx.prc_rows([2022])
    rows[index][column] = value
    return _csv([*fx.PRC_COLUMNS, fx.NEW_COUNT], [*rows[:2], [], *rows[2:]])


def _prc_twice() -> bytes:
    rows = fx.prc_rows([2022])
    return _csv([*fx.PRC_COLUMNS, fx.NEW_COUNT], [*rows[:5], rows[2], *rows[5:]])


def _street(index: int, column: str, value: str) -> bytes:
    rows = fx.street_rows("kent", "2023-01")
    rows[index][fx.STREET_HEADER.index(column)] = value
    return _csv(fx.STREET_HEADER, rows)


def _street_repeated_id() -> bytes:
    rows = fx.street_rows("kent", "2023-01")
    repeated = next(i for i, r in enumerate(rows) if r[0] and i > 3)
    rows[repeated][0] = next(r[0] for r in rows if r[0])
    return _csv(fx.STREET_HEADER, rows)


GOOD_CRIME = to_csv(valid_rows("crime_records")).encode()
PRC_COUNT = len(fx.PRC_COLUMNS)

CASES = [
    # crime_records
    Case(
        "crime_code.csv",
        lambda: _extract("crime_records", {2: {"offence_code": "99Z"}}),
        4,
        "offence_code",
        "unknown offence_code '99Z' (not in the offence_codes reference list)",
    ),
    Case(
        "crime_bell.csv",
        lambda: _extract("crime_records", {3: {"lsoa_code": "E010\x0724000"}}),
        5,
        "lsoa_code",
        "control character U+0007 at character 5 of 'E010\\x0724000'",
    ),
    Case(
        "crime_nbsp_id.csv",
        lambda: _extract("crime_records", {1: {"crime_id": "CR\u00a01"}}),
        3,
        "crime_id",
        "non-ASCII space U+00A0 at character 3 of 'CR\\xa01'",
    ),
    Case(
        "crime_dup.csv",
        lambda: _extract("crime_records", {4: {"crime_id": "CR-2024-01-000000"}}),
        6,
        "crime_id",
        "duplicate primary key crime_id 'CR-2024-01-000000' (lines 2 and 6)",
    ),
    Case(
        "crime_future.csv",
        lambda: _extract("crime_records", {0: {"recorded_date": "2099-01-01"}}),
        2,
        "recorded_date",
        "date in the future '2099-01-01'",
    ),
    Case(
        "crime_date.csv",
        lambda: _extract("crime_records", {5: {"recorded_date": "01/03/2024"}}),
        7,
        "recorded_date",
        "not a date '01/03/2024' (expected YYYY-MM-DD)",
    ),
    Case(
        "crime_outcome.csv",
        lambda: _extract("crime_records", {1: {"outcome_date": "2023-12-01"}}),
        3,
        "outcome_date",
        "outcome_date is before recorded_date",
    ),
    Case(
        "crime_bool.csv",
        lambda: _extract("crime_records", {2: {"hate": "yes"}}),
        4,
        "hate",
        "not a boolean 'yes' (expected true/false/1/0)",
    ),
    Case(
        "crime_latin1.csv",
        lambda: GOOD_CRIME.replace(b"person", b"p\xe9rson", 1),
        2,
        "victim_type",
        "not UTF-8 (byte 0xE9 at line 2",
    ),
    Case(
        "crime_corrupt.csv.gz",
        lambda: gzip.compress(GOOD_CRIME)[:40] + b"\x00" * 40,
        None,
        None,
        "not a readable gzip file (",
    ),
    Case(
        "crime_semicolon.csv",
        lambda: GOOD_CRIME.replace(b",", b";"),
        1,
        None,
        "wrong delimiter: expected comma, found semicolon",
    ),
    Case(
        "crime_ragged.csv",
        lambda: GOOD_CRIME.replace(b"\nCR-2024-01-000002,", b"\nx,CR-2024-01-000002,"),
        4,
        None,
        "ragged row: 15 fields, the header has 14",
    ),
    Case(
        "crime_header_only.csv",
        lambda: GOOD_CRIME.split(b"\n", 1)[0] + b"\n",
        None,
        None,
        "header only: no data rows",
    ),
    Case("crime_empty.csv", lambda: b"", None, None, "empty file (0 bytes)"),
    Case(
        "crime_extra.csv",
        lambda: to_csv(
            valid_rows("crime_records"), [*valid_rows("crime_records")[0], "comments"]
        ).encode(),
        1,
        "comments",
        "unknown column (not in the crime_records contract)",
    ),
    # call_handling
    Case(
        "calls_overflow.csv",
        lambda: _extract("call_handling", {4: {"calls_offered": OVERFLOW}}),
        6,
        "calls_offered",
        f"integer out of range '{OVERFLOW}' (at most 1,000,000,000)",
    ),
    Case(
        "calls_superscript.csv",
        lambda: _extract("call_handling", {7: {"calls_offered": "²"}}),
        9,
        "calls_offered",
        "not an integer '²' (expected a whole number)",
    ),
    Case(
        "calls_one_day.csv",
        lambda: _rows_without("call_handling", lambda r: r["date"] == "2024-01-15"),
        None,
        "date",
        "missing 30 day(s) of 2024-01: 2024-01-01..2024-01-14, 2024-01-16..2024-01-31",
    ),
    Case(
        "calls_negative.csv",
        lambda: _extract("call_handling", {3: {"calls_abandoned": "-2"}}),
        5,
        "calls_abandoned",
        "negative count -2 (must be 0 or more)",
    ),
    Case(
        "calls_rule.csv",
        lambda: _extract("call_handling", {2: {"calls_abandoned": "50"}}),
        4,
        "calls_answered",
        "calls_answered + calls_abandoned is greater than calls_offered",
    ),
    Case(
        "calls_channel.csv",
        lambda: _extract("call_handling", {1: {"channel": "fax"}}),
        3,
        "channel",
        "unknown channel 'fax' (allowed: 101, 999, online)",
    ),
    Case(
        "calls_missing_col.csv",
        lambda: to_csv(
            valid_rows("call_handling"),
            [c for c in valid_rows("call_handling")[0] if c != "calls_abandoned"],
        ).encode(),
        1,
        "calls_abandoned",
        "required column missing from the call_handling header",
    ),
    # s136_detentions
    Case(
        "s136_datetime.csv",
        lambda: _extract("s136_detentions", {1: {"detention_datetime": "2024-01-02 25:00"}}),
        3,
        "detention_datetime",
        "impossible date-time '2024-01-02 25:00'",
    ),
    Case(
        "s136_age.csv",
        lambda: _extract("s136_detentions", {2: {"age_band": "16"}}),
        4,
        "age_band",
        "unknown age_band '16'",
    ),
    Case(
        "s136_district.csv",
        lambda: _extract("s136_detentions", {0: {"district_code": "E99999999"}}),
        2,
        "district_code",
        "unknown district_code 'E99999999' (not in the districts reference list)",
    ),
    Case(
        "s136_dup.csv",
        lambda: _extract("s136_detentions", {2: {"detention_id": "S136-2024-01-0000"}}),
        4,
        "detention_id",
        "duplicate primary key detention_id 'S136-2024-01-0000' (lines 2 and 4)",
    ),
    Case(
        "s136_tab.csv",
        lambda: _extract("s136_detentions", {1: {"detention_id": "S136\t9"}}),
        3,
        "detention_id",
        "control character U+0009 at character 5 of 'S136\\t9'",
    ),
    # victim_referrals
    Case(
        "ref_big.csv",
        lambda: _extract("victim_referrals", {2: {"supported": "99999999999"}}),
        4,
        "supported",
        "integer out of range '99999999999' (at most 1,000,000,000)",
    ),
    Case(
        "ref_negative.csv",
        lambda: _extract("victim_referrals", {1: {"contacted": "-2"}}),
        3,
        "contacted",
        "negative count -2 (must be 0 or more)",
    ),
    Case(
        "ref_month.csv",
        lambda: _extract("victim_referrals", {0: {"month": "2024-13"}}),
        2,
        "month",
        "impossible month '2024-13'",
    ),
    Case(
        "ref_future.csv",
        lambda: _extract("victim_referrals", {0: {"month": "2099-01"}}),
        2,
        "month",
        "month in the future '2099-01'",
    ),
    Case(
        "ref_empty.csv",
        lambda: _extract("victim_referrals", {2: {"provider": ""}}),
        4,
        "provider",
        "required value is empty",
    ),
    Case(
        "ref_space.csv",
        lambda: _extract("victim_referrals", {1: {"provider": "Victim Support "}}),
        3,
        "provider",
        "value has leading or trailing spaces 'Victim Support '",
    ),
    # victim_satisfaction
    Case(
        "sat_rule.csv",
        lambda: _extract("victim_satisfaction", {1: {"satisfied": "500"}}),
        3,
        "satisfied",
        "satisfied is greater than respondents",
    ),
    Case(
        "sat_overflow.csv",
        lambda: _extract("victim_satisfaction", {2: {"respondents": OVERFLOW}}),
        4,
        "respondents",
        f"integer out of range '{OVERFLOW}' (at most 1,000,000,000)",
    ),
    Case(
        "sat_survey.csv",
        lambda: _extract("victim_satisfaction", {0: {"survey": "burglary"}}),
        2,
        "survey",
        "unknown survey 'burglary'",
    ),
    Case(
        "sat_dup.csv",
        lambda: _extract("victim_satisfaction", {1: {"survey": "domestic_abuse"}}),
        3,
        "month",
        "duplicate primary key (month, survey, question) = "
        "(2024-01, domestic_abuse, overall_satisfaction) (lines 2 and 3)",
    ),
    Case("unknown.csv", lambda: b"a,b,c\n1,2,3\n", 1, None, "unrecognised header"),
    # police recorded crime (Home Office open data), CSV export
    Case(
        "prc_superscript.csv",
        lambda: _prc(3, PRC_COUNT, "²"),
        5,
        fx.NEW_COUNT,
        "not a whole number: '²'",
    ),
    Case(
        "prc_overflow.csv",
        lambda: _prc(4, PRC_COUNT, OVERFLOW),
        6,
        fx.NEW_COUNT,
        f"implausible count {OVERFLOW} (at most 1,000,000,000 either way)",
    ),
    Case(
        "prc_digits.csv",
        lambda: _prc(4, PRC_COUNT, "9" * 5000),  # more digits than Python's int() takes
        6,
        fx.NEW_COUNT,
        "implausible count 99999",
    ),
    Case(
        "prc_multiline.csv",  # a quoted description over two lines: lines are physical lines
        lambda: _prc_multiline(4, PRC_COUNT, "x"),
        7,
        fx.NEW_COUNT,
        "not a whole number: 'x'",
    ),
    Case(
        "prc_blank_line.csv",  # a blank line is no row, but it still counts as a line
        lambda: _prc_blank_line(4, PRC_COUNT, "\u00a012\u00a0x"),
        7,
        fx.NEW_COUNT,
        "not a whole number: '12\\xa0x'",  # stripped of non-breaking spaces, as str.strip()
    ),
    Case(
        "prc_twice.csv",
        _prc_twice,
        7,
        "Offence Code",
        "row delivered twice: Financial Year 2022/23, Financial Quarter 1, Force Name Kent, "
        "Offence Code 4.8 (rows 4 and 7)",
    ),
    Case(
        "prc_year.csv",
        lambda: _prc(2, 0, "2022-23"),
        4,
        "Financial Year",
        "not a financial year like 2017/18: '2022-23'",
    ),
    Case("prc_force.csv", lambda: _prc(6, 2, ""), 8, "Force Name", "empty value"),
    # data.police.uk street-level CSVs
    Case(
        "2023-01-kent-street_1900.csv",
        lambda: _street(2, "Month", "1900-01"),
        4,
        "Month",
        "month 1900-01 outside police.uk's range (2010-12 to this month",
    ),
    Case(
        "2023-01-kent-street_2099.csv",
        lambda: _street(1, "Month", "2099-08"),
        3,
        "Month",
        "month 2099-08 outside police.uk's range (2010-12 to this month",
    ),
    Case(
        "2023-01-kent-street_nan.csv",
        lambda: _street(0, "Longitude", "nan"),
        2,
        "Longitude",
        "nan is not a longitude in the UK (-8.7 to 1.8)",
    ),
    Case(
        "2023-01-kent-street_inf.csv",
        lambda: _street(3, "Latitude", "inf"),
        5,
        "Latitude",
        "inf is not a latitude in the UK (49.8 to 60.9)",
    ),
    Case(
        "2023-01-kent-street_999.csv",
        lambda: _street(1, "Longitude", "999"),
        3,
        "Longitude",
        "999 is not a longitude in the UK (-8.7 to 1.8)",
    ),
    Case(
        "2023-01-kent-street_text.csv",
        lambda: _street(1, "Latitude", "north"),
        3,
        "Latitude",
        "not a number: 'north'",
    ),
    Case(
        "2023-01-kent-street_dup.csv",
        _street_repeated_id,
        6,
        "Crime ID",
        "Crime ID 'd958055319506c10f2c4f9ba1f47a644bf5f26daaba8fca178769a710941615c' twice "
        "(lines 4 and 6)",
    ),
]


def _counts(data) -> dict[str, int]:
    if not data.landing_db.exists():
        return {}
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory):
    """A landing store holding valid rows of two sources, copied for each case."""
    from pcc.paths import DataPaths

    root = tmp_path_factory.mktemp("corpus")
    data = DataPaths(root / "data")
    sat = write_extract(root / "sat.csv", valid_rows("victim_satisfaction", ("2023-12",)))
    calls = write_extract(root / "calls.csv", valid_rows("call_handling", ("2023-12",)))
    report = ingest_paths([sat, calls], data)
    assert [r.action for r in report.files] == ["loaded", "loaded"]
    return data


def test_the_corpus_is_large_and_covers_every_format():
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    prefixes = {c.name.split("_")[0] for c in CASES}
    assert {"crime", "calls", "s136", "ref", "sat", "prc", "2023-01-kent-street"} <= prefixes


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_one_line_naming_file_line_column_and_reason(case, loaded_store, tmp_path):
    data = type(loaded_store)(tmp_path / "data")
    shutil.copytree(loaded_store.root, data.root)
    path = tmp_path / "in" / case.name
    path.parent.mkdir()
    path.write_bytes(case.content())
    before = _counts(data)

    result = pcc_ingest(path, data_dir=data.root)

    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stdout
    (message,) = result.stderr.splitlines()
    where = str(path) + (f":{case.line}" if case.line else "")
    column = f"column {case.column}: " if case.column else ""
    assert message.startswith(f"{where}: {column}{case.reason}"), message
    assert _counts(data) == before


def test_one_corrupt_gzip_and_one_overflow_never_stop_five_good_files(files, data):
    good = {
        "a_crime.csv": ("crime_records", ("2024-02",)),
        "b_calls.csv.gz": ("call_handling", ("2024-02",)),
        "c_s136.csv": ("s136_detentions", ("2024-02",)),
        "d_ref.csv": ("victim_referrals", ("2024-02",)),
        "e_sat.csv": ("victim_satisfaction", ("2024-02",)),
    }
    for name, (source, months) in good.items():
        write_extract(files / name, valid_rows(source, months), gz=name.endswith(".gz"))
    (files / "f_corrupt.csv.gz").write_bytes(gzip.compress(GOOD_CRIME)[:50])
    (files / "g_overflow.csv").write_bytes(
        _extract("victim_satisfaction", {0: {"respondents": OVERFLOW}}, ("2024-03",))
    )

    result = pcc_ingest(files, data_dir=data.root)

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "7 files: 5 loaded, 0 unchanged, 2 rejected"
    stderr = result.stderr.splitlines()
    assert len(stderr) == 2
    assert stderr[0].startswith(f"{files / 'f_corrupt.csv.gz'}: not a readable gzip file (")
    assert stderr[1] == (
        f"{files / 'g_overflow.csv'}:2: column respondents: "
        f"integer out of range '{OVERFLOW}' (at most 1,000,000,000)"
    )
    counts = _counts(data)
    assert all(counts[source] for source, _ in good.values())
    assert counts["victim_satisfaction"] == len(valid_rows("victim_satisfaction", ("2024-02",)))


def test_public_counts_are_signed_and_negative_adjustments_load(files, data):
    rows = fx.prc_rows([2022])
    rows[3][PRC_COUNT] = -7  # taken off in a later quarter (transferred or cancelled)
    path = files / "prc.csv"
    path.write_bytes(_csv([*fx.PRC_COLUMNS, fx.NEW_COUNT], rows))

    (result,) = ingest_paths([path], data).files

    assert result.action == "loaded", result.violation
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        total, lowest = con.execute(
            "select sum(offences), min(offences) from prc_offences"
        ).fetchone()
    assert (total, lowest) == (sum(r[PRC_COUNT] for r in rows), -7)


def test_the_files_of_the_corpus_are_rejected_by_the_api_too(files, data):
    """The Python API gives the same verdicts: a rejected result, never an exception."""
    for case in CASES[:10]:
        (files / case.name).write_bytes(case.content())
    report = ingest_paths([files], data)
    assert [r.action for r in report.files] == ["rejected"] * 10
    assert not data.landing_db.exists() or not _counts(data)["crime_records"]


def test_extract_suite_rejections_name_the_files_line_and_column(files, data):
    january = valid_rows("crime_records", ("2024-01",))
    ingest_paths([write_extract(files / "jan.csv", january)], data)
    before = _counts(data)
    february = valid_rows("crime_records", ("2024-02",))
    february[3]["crime_id"] = january[0]["crime_id"]  # already loaded for January
    again = write_extract(files / "feb_again.csv", february)
    gone = february[0]["district_code"]
    missing = write_extract(
        files / "feb_missing.csv",
        [r for r in valid_rows("crime_records", ("2024-02",)) if r["district_code"] != gone],
    )

    result = pcc_ingest(again, missing, data_dir=data.root)

    assert result.returncode == 1 and "Traceback" not in result.stderr
    first, second = result.stderr.splitlines()
    assert first.startswith(f"{again}:5: column crime_id: uniqueness check failed ")
    assert second.startswith(f"{missing}: column district_code: completeness check failed ")
    assert f"cell={gone}" in second
    assert _counts(data) == before
