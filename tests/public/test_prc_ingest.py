"""Loading the police recorded crime open data tables: workbook and CSV, both vintages,
re-delivered and revised workbooks, and bad variants rejected with one clear line."""

from __future__ import annotations

import csv
from datetime import date

from ingest.pipeline import ingest_paths
from pcc.commands.ingest import format_report
from tests.public import fixtures as fx
from tests.public.conftest import landing
from tests.public.ods import write_ods


def _sum_by_year(rows: list[list]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for r in rows:
        totals[r[0]] = totals.get(r[0], 0) + r[7]
    return totals


def test_workbook_loads_every_year_sheet_and_skips_the_notes_sheet(data, files):
    rows = fx.write_prc_workbook(files / "prc.ods", [2018, 2019], count_column=fx.OLD_COUNT)
    report = ingest_paths([files / "prc.ods"], data)
    (result,) = report.files
    assert result.action == "loaded", result.action_text
    assert result.source == "prc_offences"
    assert result.rows == len(rows)
    assert (result.first_month, result.last_month) == (date(2018, 4, 1), date(2020, 3, 1))
    assert "skipped notes sheet: Notes" in result.action_text
    landed = dict(
        landing(data, "select financial_year, sum(offences) from prc_offences group by 1")
    )
    assert landed == _sum_by_year(rows)
    assert landing(data, "select distinct count_column from prc_offences") == [(fx.OLD_COUNT,)]
    manifest = landing(data, "select source, rows, months from load_manifest")
    assert manifest == [("prc_offences", len(rows), 24)]


def test_sheet_and_line_numbers_point_at_the_published_row(data, files):
    rows = fx.write_prc_workbook(files / "prc.ods", [2019], count_column=fx.OLD_COUNT)
    ingest_paths([files / "prc.ods"], data)
    # Row 2 of the sheet is the first data row; row 11 the tenth.
    (landed,) = landing(
        data,
        "select force_name, offence_code, offences, _sheet from prc_offences "
        "where _line_number = 11",
    )
    assert landed == (rows[9][2], rows[9][6], rows[9][7], "2019-20")


def test_quarters_map_to_calendar_months_april_first(data, files):
    fx.write_prc_workbook(files / "prc.ods", [2019], count_column=fx.OLD_COUNT)
    ingest_paths([files / "prc.ods"], data)
    starts = landing(
        data,
        "select distinct financial_quarter, quarter_start from prc_offences order by 1",
    )
    assert starts == [
        (1, date(2019, 4, 1)),
        (2, date(2019, 7, 1)),
        (3, date(2019, 10, 1)),
        (4, date(2020, 1, 1)),
    ]


def test_csv_export_of_the_newer_vintage_loads_as_published(data, files):
    rows = fx.write_prc_csv(files / "prc.csv", [2023], count_column=fx.NEW_COUNT, new_vintage=True)
    (result,) = ingest_paths([files / "prc.csv"], data).files
    assert result.action == "loaded", result.action_text
    assert result.rows == len(rows)
    assert landing(data, "select distinct count_column from prc_offences") == [(fx.NEW_COUNT,)]
    subgroups = {r[0] for r in landing(data, "select distinct offence_subgroup from prc_offences")}
    assert "Residential burglary" in subgroups  # kept as published; mapped in dbt
    forces = {r[0] for r in landing(data, "select distinct force_name from prc_offences")}
    assert {"City of London", "Action Fraud", "British Transport Police"} <= forces
    (homicide,) = landing(
        data, "select count(*) from prc_offences where offence_code = '1/4.1/4.10/4.2'"
    )
    assert homicide[0] == sum(r[6] == "1/4.1/4.10/4.2" for r in rows)


def test_both_vintages_and_underscore_sheet_names_load_side_by_side(data, files):
    old = fx.write_prc_workbook(files / "a-old.ods", [2018], count_column=fx.OLD_COUNT)
    new = fx.write_prc_workbook(
        files / "b-new.ods", [2023], count_column=fx.NEW_COUNT, separator="_", new_vintage=True
    )
    report = ingest_paths([files], data)
    assert [r.action for r in report.files] == ["loaded", "loaded"]
    landed = dict(landing(data, "select count_column, sum(offences) from prc_offences group by 1"))
    assert landed == {fx.OLD_COUNT: sum(r[7] for r in old), fx.NEW_COUNT: sum(r[7] for r in new)}


def test_redelivered_workbook_is_unchanged_and_changes_nothing(data, files):
    fx.write_prc_workbook(files / "prc.ods", [2019], count_column=fx.OLD_COUNT)
    ingest_paths([files / "prc.ods"], data)
    before = landing(data, "select count(*), sum(offences) from prc_offences")
    copy = files / "copy" / "prc-again.ods"
    copy.parent.mkdir()
    copy.write_bytes((files / "prc.ods").read_bytes())
    (result,) = ingest_paths([copy], data).files
    assert result.action == "unchanged"
    assert landing(data, "select count(*), sum(offences) from prc_offences") == before
    assert landing(data, "select count(*) from load_manifest") == [(1,)]


def test_revised_workbook_supersedes_exactly_the_quarters_it_covers(data, files):
    first = fx.write_prc_workbook(files / "v1.ods", [2018, 2019, 2020], count_column=fx.OLD_COUNT)
    revised = fx.write_prc_workbook(
        files / "v2.ods", [2020, 2021], count_column=fx.NEW_COUNT, revision=1
    )
    (loaded,) = ingest_paths([files / "v1.ods"], data).files
    (result,) = ingest_paths([files / "v2.ods"], data).files
    assert result.action == "superseded"
    assert result.superseded_months == 12  # 2020/21 only: 2021/22 is new
    assert result.superseded_load_ids == (loaded.load_id,)
    assert "superseded 12 months" in format_report_line(result)
    landed = dict(
        landing(data, "select financial_year, sum(offences) from prc_offences group by 1")
    )
    expected = _sum_by_year([r for r in first if r[0] in ("2018/19", "2019/20")])
    expected |= _sum_by_year(revised)
    assert landed == expected
    assert landed["2020/21"] != _sum_by_year(first)["2020/21"]  # the revision really differs


def format_report_line(result) -> str:
    from ingest.report import IngestReport

    return format_report(IngestReport([result]))


def test_unknown_offence_code_is_kept_and_reported(data, files):
    extra = [["2019/20", 2, "Kent", "A new offence", "Theft offences", "Other theft", "49Z", 7]]
    fx.write_prc_workbook(files / "prc.ods", [2019], count_column=fx.OLD_COUNT, extra=extra)
    (result,) = ingest_paths([files / "prc.ods"], data).files
    assert result.action == "loaded"
    assert "49Z" in result.action_text and "not in offence_codes.csv" in result.action_text
    assert landing(data, "select offences from prc_offences where offence_code = '49Z'") == [(7,)]


# --- bad variants: rejected with file, sheet, line, column and reason; nothing loaded ---------


def _rejected(data, path) -> str:
    report = ingest_paths([path], data)
    (result,) = report.files
    assert result.action == "rejected"
    assert landing(data, "select count(*) from load_manifest") == [(0,)]
    assert landing(data, "select count(*) from prc_offences") == [(0,)]
    message = str(result.violation)
    assert "\n" not in message
    return message


def test_missing_count_column_is_rejected(data, files):
    header = fx.PRC_COLUMNS  # no count column at all
    write_ods(
        files / "prc.ods", [("2019-20", [header, ["2019/20", 1, "Kent", "x", "y", "z", "39"]])]
    )
    message = _rejected(data, files / "prc.ods")
    assert message.startswith(f"{files / 'prc.ods'} [sheet 2019-20]:1: ")
    assert "column Number of Offences / Offence Count" in message
    assert "count column missing" in message


def test_unknown_sheet_layout_is_rejected(data, files):
    sheet = [["Table 1: police recorded crime"], ["Force", "Crimes"], ["Kent", 5]]
    write_ods(files / "prc.ods", [("Notes", fx.NOTES), ("2019-20", sheet)])
    message = _rejected(data, files / "prc.ods")
    assert "[sheet 2019-20]:1: unknown sheet layout" in message


def test_workbook_without_financial_year_sheets_is_rejected(data, files):
    write_ods(files / "prc.ods", [("Notes", fx.NOTES), ("Contents", [["Nothing here"]])])
    message = _rejected(data, files / "prc.ods")
    assert "no financial-year sheets" in message and "Notes, Contents" in message


def test_count_that_is_not_a_whole_number_names_line_and_column(data, files):
    path = files / "prc.csv"
    rows = fx.write_prc_csv(path, [2019], count_column=fx.NEW_COUNT)
    lines = path.read_text().splitlines()
    fields = next(csv.reader([lines[4]]))
    fields[-1] = "12.5"
    lines[4] = ",".join(f'"{f}"' for f in fields)
    path.write_text("\n".join(lines) + "\n")
    message = _rejected(data, path)
    assert message == f"{path}:5: column Offence Count: not a whole number: '12.5'"
    assert rows  # the file had good rows too: none of them loaded


def test_row_in_the_wrong_year_sheet_is_rejected(data, files):
    header = [*fx.PRC_COLUMNS, fx.OLD_COUNT]
    rows = [
        header,
        ["2019/20", 1, "Kent", "x", "y", "z", "39", 4],
        ["2018/19", 1, "Kent", "x", "y", "z", "39", 4],
    ]
    write_ods(files / "prc.ods", [("2019-20", rows)])
    message = _rejected(data, files / "prc.ods")
    assert message.endswith(":3: column Financial Year: 2018/19 in the sheet for 2019/20")
