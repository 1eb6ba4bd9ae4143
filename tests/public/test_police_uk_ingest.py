"""Loading data.police.uk street-level crime and outcomes: zip archives, monthly folders and
single CSVs; anti-social behaviour rows (no Crime ID) are counted; a force's re-delivered month
replaces only that force's month."""

from __future__ import annotations

import csv
import gzip
import io
from datetime import date

from ingest.pipeline import ingest_paths
from tests.public import fixtures as fx
from tests.public.conftest import landing


def _rows(files: dict[str, str], suffix: str) -> list[list[str]]:
    out = []
    for name, text in files.items():
        if name.endswith(suffix):
            out += list(csv.reader(io.StringIO(text)))[1:]
    return out


def test_zip_of_monthly_folders_loads_street_and_outcomes(data, files):
    written = fx.write_police_uk_zip(files / "police.zip", ["2023-01", "2023-02"])
    report = ingest_paths([files / "police.zip"], data)
    by_source = {r.source: r for r in report.files}
    assert set(by_source) == {"police_uk_street", "police_uk_outcomes", "police_uk_stop_search"}
    street, outcomes = _rows(written, "-street.csv"), _rows(written, "-outcomes.csv")
    assert by_source["police_uk_street"].rows == len(street)
    assert by_source["police_uk_outcomes"].rows == len(outcomes)
    searches = _rows(written, "-stop-and-search.csv")
    assert by_source["police_uk_stop_search"].rows == len(searches) > 0
    asb = sum(r[0] == "" and r[9] == "Anti-social behaviour" for r in street)
    assert asb > 0
    assert landing(
        data,
        "select count(*) from police_uk_street "
        "where crime_id is null and crime_type = 'Anti-social behaviour'",
    ) == [(asb,)]
    members = {m for (m,) in landing(data, "select distinct _member from police_uk_street")}
    assert "2023-01/2023-01-kent-street.csv" in members
    (manifest,) = landing(
        data,
        "select months, first_month, last_month from load_manifest "
        "where source = 'police_uk_street'",
    )
    assert manifest == (2, date(2023, 1, 1), date(2023, 2, 1))


def test_redelivered_zip_is_unchanged(data, files):
    fx.write_police_uk_zip(files / "police.zip", ["2023-01"])
    ingest_paths([files / "police.zip"], data)
    again = ingest_paths([files / "police.zip"], data)
    assert {r.action for r in again.files} == {"unchanged"}
    assert landing(data, "select count(*) from load_manifest") == [
        (3,)
    ]  # street, outcomes, searches


def test_monthly_folders_load_and_a_forces_month_is_replaced_alone(data, files):
    written = fx.write_police_uk_folders(files, ["2023-01", "2023-02"])
    report = ingest_paths([files], data)
    assert len(report.files) == len(written)
    assert {r.action for r in report.files} == {"loaded"}
    essex_before = landing(
        data, "select count(*) from police_uk_street where reported_by = 'Essex Police'"
    )

    # Kent re-delivers January with one row only: Kent's January is replaced, nothing else.
    kent = files / "redelivered" / "2023-01-kent-street.csv"
    kent.parent.mkdir()
    header = fx.STREET_HEADER
    row = fx.street_rows("kent", "2023-01")[1]
    kent.write_text(",".join(header) + "\n" + ",".join(row) + "\n")
    (result,) = ingest_paths([kent], data).files
    assert result.action == "superseded" and result.superseded_months == 1
    kent_months = dict(
        landing(
            data,
            "select month, count(*) from police_uk_street where reported_by = 'Kent Police' group by 1",
        )
    )
    kent_february = len(fx.street_rows("kent", "2023-02"))
    assert kent_months == {date(2023, 1, 1): 1, date(2023, 2, 1): kent_february}
    assert (
        landing(data, "select count(*) from police_uk_street where reported_by = 'Essex Police'")
        == essex_before
    )


def test_bad_month_is_rejected_with_line_and_column(data, files):
    path = files / "2023-01-kent-outcomes.csv"
    rows = fx.outcome_rows("kent", "2023-01")
    rows[2][1] = "January 2023"
    path.write_text(
        "\n".join(",".join(f'"{v}"' for v in r) for r in [fx.OUTCOMES_HEADER, *rows]) + "\n"
    )
    (result,) = ingest_paths([path], data).files
    assert result.action == "rejected"
    assert (
        str(result.violation) == f"{path}:4: column Month: not a month as YYYY-MM: 'January 2023'"
    )
    assert landing(data, "select count(*) from police_uk_outcomes") == [(0,)]


def test_unexpected_file_in_a_zip_rejects_the_zip(data, files):
    import zipfile

    fx.write_police_uk_zip(files / "police.zip", ["2023-01"])
    with zipfile.ZipFile(files / "police.zip", "a") as archive:
        archive.writestr("2023-01/readme.txt", "hello")
    (result,) = ingest_paths([files / "police.zip"], data).files
    assert result.action == "rejected"
    assert "[2023-01/readme.txt]" in str(result.violation)
    assert landing(data, "select count(*) from police_uk_street") == [(0,)]


def test_the_same_rows_in_other_bytes_are_unchanged(data, files):
    text = fx.police_uk_files(["2023-01"])["2023-01/2023-01-kent-street.csv"].encode()
    first = files / "2023-01-kent-street.csv"
    first.write_bytes(text)
    ingest_paths([first], data)
    before = landing(data, "select * from load_manifest order by load_id")
    gzipped = files / "again" / "2023-01-kent-street.csv.gz"
    gzipped.parent.mkdir()
    gzipped.write_bytes(gzip.compress(text, mtime=7))
    crlf = files / "2023-01-kent-street-crlf.csv"
    crlf.write_bytes(text.replace(b"\n", b"\r\n"))

    report = ingest_paths([gzipped, crlf], data)

    assert [r.action for r in report.files] == ["unchanged", "unchanged"]
    assert landing(data, "select * from load_manifest order by load_id") == before
    # Other rows for the same force and month are a revision, as before.
    changed = files / "2023-01-kent-street-rev.csv"
    changed.write_bytes(text.replace(b"Shoplifting", b"Burglary", 1))
    (revised,) = ingest_paths([changed], data).files
    assert revised.action == "superseded"
