"""Loading data.police.uk stop and search files: the archive layout and an older one without
the last two columns, the police.uk API's column names, a force's re-delivered month, and bad
files refused with one line naming the file, line, column and reason."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from ingest.pipeline import ingest_paths
from tests.public import fixtures as fx
from tests.public.conftest import landing

KENT_MARCH = "2024-03-kent-stop-and-search.csv"


def _write(path, header, rows) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_a_zip_of_monthly_folders_loads_every_forces_searches_under_its_file_name(data, files):
    written = fx.write_police_uk_zip(files / "police.zip", ["2024-02", "2024-03"])
    report = ingest_paths([files / "police.zip"], data)
    (result,) = [r for r in report.files if r.source == "police_uk_stop_search"]
    expected = {
        (slug, date(2024, int(month[-2:]), 1)): len(fx.stop_search_rows(slug, month))
        for slug in fx.POLICE_UK_FORCES
        for month in ("2024-02", "2024-03")
    }
    assert result.rows == sum(expected.values())
    by_force_month = landing(
        data, "select force_id, month, count(*) from police_uk_stop_search group by all"
    )
    assert {(f, m): n for f, m, n in by_force_month} == expected
    # Every published value is kept as published: outcomes, flags, an empty place.
    kent = fx.stop_search_rows("kent", "2024-03")
    loaded = landing(
        data,
        "select outcome, outcome_linked_to_object, latitude from police_uk_stop_search "
        "where _member = '2024-03/2024-03-kent-stop-and-search.csv' order by _line_number",
    )
    assert loaded == [(r[12], r[13] or None, float(r[4]) if r[4] else None) for r in kent]
    assert "2024-03/2024-03-kent-stop-and-search.csv" in written


def test_an_older_file_without_the_last_two_columns_and_api_names_load(data, files):
    rows = fx.stop_search_rows("kent", "2024-03")
    old = files / "2015-06-kent-stop-and-search.csv"
    old_rows = [[*r[:1], r[1].replace("2024-03", "2015-06"), *r[2:13]] for r in rows]
    _write(old, fx.STOP_SEARCH_HEADER[:13], old_rows)
    api = files / KENT_MARCH
    api_header = [
        "type", "datetime", "operation", "operation_name", "latitude", "longitude", "gender",
        "age_range", "self_defined_ethnicity", "officer_defined_ethnicity", "legislation",
        "object_of_search", "outcome", "outcome_linked_to_object_of_search",
        "removal_of_more_than_outer_clothing",
    ]  # fmt: skip
    _write(api, api_header, rows)
    report = ingest_paths([old, api], data)
    assert [r.action for r in report.files] == ["loaded", "loaded"]
    assert landing(
        data,
        "select month, count(*), count(outcome_linked_to_object), count(removal_of_outer_clothing) "
        "from police_uk_stop_search group by month order by month",
    ) == [
        (date(2015, 6, 1), len(rows), 0, 0),
        (date(2024, 3, 1), len(rows), sum(bool(r[13]) for r in rows), len(rows)),
    ]


def test_a_forces_redelivered_month_replaces_that_month_alone(data, files):
    fx.write_police_uk_zip(files / "police.zip", ["2024-02", "2024-03"])
    ingest_paths([files / "police.zip"], data)
    essex_before = landing(
        data, "select count(*) from police_uk_stop_search where force_id = 'essex'"
    )
    again = files / "redelivered" / KENT_MARCH
    again.parent.mkdir()
    _write(again, fx.STOP_SEARCH_HEADER, fx.stop_search_rows("kent", "2024-03")[:2])
    (result,) = ingest_paths([again], data).files
    assert result.action == "superseded" and result.superseded_months == 1
    assert dict(
        landing(
            data,
            "select month, count(*) from police_uk_stop_search where force_id = 'kent' group by 1",
        )
    ) == {date(2024, 2, 1): len(fx.stop_search_rows("kent", "2024-02")), date(2024, 3, 1): 2}
    assert (
        landing(data, "select count(*) from police_uk_stop_search where force_id = 'essex'")
        == essex_before
    )


@pytest.mark.parametrize(
    ("name", "edit", "expected"),
    [
        (
            KENT_MARCH,
            lambda h, rows: ([*h[:6], "Sex", *h[7:]], rows),
            ":1: column Sex: unknown column 'Sex' in a stop and search file (expected Type, Date,",
        ),
        (
            KENT_MARCH,
            lambda h, rows: (
                h,
                [rows[0], [*rows[1][:1], "2024-04-02T10:00:00+00:00", *rows[1][2:]]],
            ),
            ":3: column Date: 2024-04-02T10:00:00+00:00 is not in 2024-03, the month the file is named for",
        ),
        (
            KENT_MARCH,
            lambda h, rows: (h, [rows[0], ["Dog search", *rows[1][1:]]]),
            ":3: column Type: 'Dog search' is not a search type (Person search, Vehicle search, ",
        ),
        (
            KENT_MARCH,
            lambda h, rows: (h, [[*rows[0][:13], "Yes", rows[0][14]]]),
            ":2: column Outcome linked to object of search: 'Yes' is not True, False or empty",
        ),
        (
            KENT_MARCH,
            lambda h, rows: (h, [[*rows[0][:4], "91.5", *rows[0][5:]]]),
            ":2: column Latitude: 91.5 is not a latitude in the UK",
        ),
        (
            "kent-searches.csv",
            lambda h, rows: (h, rows),
            ": cannot tell the force: a police.uk stop and search file is named "
            "YYYY-MM-<force>-stop-and-search.csv",
        ),
    ],
    ids=["unknown column", "date outside the month", "search type", "flag", "latitude", "name"],
)
def test_a_bad_file_is_refused_with_one_line_and_nothing_lands(data, files, name, edit, expected):
    header, rows = edit(list(fx.STOP_SEARCH_HEADER), fx.stop_search_rows("kent", "2024-03"))
    path = files / name
    _write(path, header, rows)
    good = files / "2024-03-essex-stop-and-search.csv"
    _write(good, fx.STOP_SEARCH_HEADER, fx.stop_search_rows("essex", "2024-03"))
    bad_result, good_result = ingest_paths([path, good], data).files
    assert bad_result.action == "rejected"
    message = str(bad_result.violation)
    assert message.startswith(str(path)) and expected in message and "\n" not in message
    # One bad file never stops the others.
    assert good_result.action == "loaded"
    assert landing(data, "select distinct force_id from police_uk_stop_search") == [("essex",)]


def test_a_file_without_searches_is_a_month_of_none_not_a_missing_month(data, files):
    path = files / KENT_MARCH
    _write(path, fx.STOP_SEARCH_HEADER, [])
    (result,) = ingest_paths([path], data).files
    assert (result.action, result.rows, result.first_month) == ("loaded", 0, date(2024, 3, 1))
    assert landing(
        data, "select scope, month from public_owner where source = 'police_uk_stop_search'"
    ) == [("kent", date(2024, 3, 1))]
