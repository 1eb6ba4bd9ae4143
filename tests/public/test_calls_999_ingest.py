"""Loading the Home Office 999 answer-time data: both assumed vintages, a newer publication
superseding the months it covers, and bad variants rejected with one line."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.pipeline import ingest_paths
from tests.public.conftest import landing

NEW_HEADER = (
    "Force,Month,Total calls,Calls answered in under 10 seconds,"
    "Calls answered in 10 to under 60 seconds,Calls answered in 60 seconds or more,"
    "Average time to answer (seconds)"
)
# The older vintage: other names, month as Mar-24, a percentage column and force name variants.
OLD_HEADER = (
    "Force name,Month,Number of calls,Under 10 seconds,% under 10 seconds,"
    "Between 10 and 60 seconds,60 seconds or more,Average answer time"
)


def _write(path, header: str, rows: list[str]):
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_both_vintages_load_into_one_table_with_the_manifest(data, files):
    old = _write(
        files / "old.csv",
        OLD_HEADER,
        ["Kent Police,Mar-22,100,90,90.0,8,2,6.1", "Avon & Somerset,Mar-22,50,40,80.0,5,5,9.0"],
    )
    new = _write(
        files / "new.csv",
        NEW_HEADER,
        ["Kent,2024-03,200,150,40,10,8.5", "Police Scotland,2024-03,300,290,10,0,4.0"],
    )
    report = ingest_paths([old, new], data)
    assert [r.action for r in report.files] == ["loaded", "loaded"]
    assert {r.source for r in report.files} == {"calls_999_monthly"}
    assert "percentage columns not loaded" in report.files[0].action_text
    assert "1 force name not in forces.csv (kept, not ranked): Police Scotland" in (
        report.files[1].action_text
    )
    rows = landing(
        data,
        "select force_name, month, calls, answered_under_10s, answered_10_to_60s, "
        "answered_60s_or_more, average_answer_seconds from calls_999_monthly order by 2, 1",
    )
    assert rows == [
        ("Avon & Somerset", date(2022, 3, 1), 50, 40, 5, 5, 9.0),
        ("Kent Police", date(2022, 3, 1), 100, 90, 8, 2, 6.1),
        ("Kent", date(2024, 3, 1), 200, 150, 40, 10, 8.5),
        ("Police Scotland", date(2024, 3, 1), 300, 290, 10, 0, 4.0),
    ]
    manifest = landing(
        data, "select file_name, source, rows, first_month from load_manifest order by 1"
    )
    assert manifest == [
        ("new.csv", "calls_999_monthly", 2, date(2024, 3, 1)),
        ("old.csv", "calls_999_monthly", 2, date(2022, 3, 1)),
    ]


def test_a_newer_publication_supersedes_the_months_it_covers_for_every_force(data, files):
    first = _write(
        files / "first.csv",
        NEW_HEADER,
        ["Kent,2024-02,100,90,8,2,6.0", "Essex,2024-02,80,60,10,10,9.0"],
    )
    ingest_paths([first], data)
    revised = _write(files / "revised.csv", NEW_HEADER, ["Kent,Feb-24,110,99,9,2,6.2"])
    (result,) = ingest_paths([revised], data).files
    assert result.action == "superseded"
    assert result.superseded_months == 1
    # The month is the publication's: Essex's row of the older one is gone, not kept twice.
    assert landing(data, "select force_name, calls from calls_999_monthly") == [("Kent", 110)]
    assert ingest_paths([revised], data).files[0].action == "unchanged"


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (
            NEW_HEADER + ",Calls abandoned",
            "Kent,2024-03,100,90,8,2,6.0,4",
            "bad.csv:1: column Calls abandoned: unknown column in the 999 answer-time data",
        ),
        (
            NEW_HEADER,
            "Kent,2024-03,100,90,8,3,6.0",
            "bad.csv:2: column Total calls: the three answer-time bands sum to 101, not the 100",
        ),
        (
            NEW_HEADER,
            "Kent,2024-13,100,90,8,2,6.0",
            "bad.csv:2: column Month: not a month like 2024-03 or Mar-24: '2024-13'",
        ),
        (
            NEW_HEADER,
            "Kent,2024-03,100,-90,8,2,6.0",
            "bad.csv:2: column Calls answered in under 10 seconds: not a whole number >= 0: '-90'",
        ),
        (
            NEW_HEADER.replace(",Average time to answer (seconds)", ""),
            "Kent,2024-03,100,90,8,2",
            "bad.csv:1: column Average time to answer (seconds): required column missing",
        ),
    ],
    ids=["unknown-column", "bands", "month", "negative", "missing-column"],
)
def test_a_bad_variant_is_rejected_with_one_line_and_nothing_loaded(
    data, files, header, row, message
):
    good = _write(files / "good.csv", NEW_HEADER, ["Essex,2024-01,10,9,1,0,5.0"])
    bad = _write(files / "bad.csv", header, [row])
    report = ingest_paths([bad, good], data)
    rejected, loaded = report.files
    assert rejected.action == "rejected"
    assert message in str(rejected.violation)
    assert "\n" not in str(rejected.violation)
    assert loaded.action == "loaded"  # one bad file never stops the others
    assert landing(data, "select force_name, month from calls_999_monthly") == [
        ("Essex", date(2024, 1, 1))
    ]


def test_a_force_and_month_delivered_twice_is_rejected(data, files):
    bad = _write(
        files / "twice.csv",
        NEW_HEADER,
        ["Kent,2024-03,100,90,8,2,6.0", "kent,Mar-24,100,90,8,2,6.0"],
    )
    (result,) = ingest_paths([bad], data).files
    assert result.action == "rejected"
    assert "twice.csv:3: column Force: row delivered twice: kent, 2024-03 (lines 2 and 3)" in str(
        result.violation
    )
