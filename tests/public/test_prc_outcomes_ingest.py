"""Loading the crime outcomes open data tables: CSV and workbook, negative adjustment rows,
revisions that supersede their quarters only, and bad variants refused with one clear line."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.pipeline import ingest_paths
from tests.public import fixtures as fx
from tests.public.conftest import landing

SUMS = (
    "select financial_year, sum(outcomes_for_offences_recorded), sum(outcomes_closed) "
    "from prc_outcomes group by 1 order by 1"
)


def _sums(rows: list[list]) -> list[tuple]:
    totals: dict[str, list[int]] = {}
    for r in rows:
        pair = totals.setdefault(r[0], [0, 0])
        pair[0] += r[10]
        pair[1] += r[11]
    return sorted((fy, a, b) for fy, (a, b) in totals.items())


def test_csv_loads_as_crime_outcomes_with_negative_adjustments_kept(data, files):
    # A later quarter takes off outcomes that were corrected: published as negative counts.
    negative = ["2023/24", 4, "Kent", "Shoplifting", "Theft offences", "Shoplifting", "46",
                "Caution - youths", "Out-of-court (formal)", "2", -3, -1]  # fmt: skip
    rows = fx.crime_outcome_rows([2023], extra=[negative])
    fx.write_outcomes_csv(files / "outcomes.csv", rows)
    (result,) = ingest_paths([files / "outcomes.csv"], data).files
    assert result.action == "loaded", result.action_text
    assert result.source == "prc_outcomes"
    assert result.rows == len(rows)
    assert (result.first_month, result.last_month) == (date(2023, 4, 1), date(2024, 3, 1))
    assert landing(data, SUMS) == _sums(rows)
    kept = landing(
        data,
        "select outcome_type, outcomes_for_offences_recorded, outcomes_closed from "
        "prc_outcomes where outcome_type = '2'",
    )
    assert kept == [("2", -3, -1)]


def test_workbook_loads_every_year_sheet(data, files):
    rows = fx.write_outcomes_workbook(files / "outcomes.ods", [2022, 2023])
    (result,) = ingest_paths([files / "outcomes.ods"], data).files
    assert result.action == "loaded", result.action_text
    assert result.source == "prc_outcomes"
    assert "skipped notes sheet: Notes" in result.action_text
    assert landing(data, SUMS) == _sums(rows)
    (line,) = landing(data, "select _sheet, _line_number from prc_outcomes order by 2 limit 1")
    assert line == ("2022-23", 2)


def test_outcomes_and_recorded_crime_of_the_same_quarters_live_side_by_side(data, files):
    fx.write_prc_csv(files / "a-prc.csv", [2023])
    fx.write_outcomes_csv(files / "b-outcomes.csv", fx.crime_outcome_rows([2023]))
    report = ingest_paths([files], data)
    assert [(r.source, r.action) for r in report.files] == [
        ("prc_offences", "loaded"),
        ("prc_outcomes", "loaded"),
    ]
    owners = landing(data, "select source, count(*) from public_owner group by 1 order by 1")
    assert owners == [("prc_offences", 12), ("prc_outcomes", 12)]


def test_revised_table_supersedes_exactly_the_quarters_it_covers(data, files):
    first = fx.crime_outcome_rows([2022, 2023])
    revised = fx.crime_outcome_rows([2023, 2024], revision=1)
    fx.write_outcomes_csv(files / "v1.csv", first)
    fx.write_outcomes_csv(files / "v2.csv", revised)
    (loaded,) = ingest_paths([files / "v1.csv"], data).files
    (result,) = ingest_paths([files / "v2.csv"], data).files
    assert result.action == "superseded"
    assert result.superseded_months == 12  # 2023/24 only: 2024/25 is new
    assert result.superseded_load_ids == (loaded.load_id,)
    expected = _sums([r for r in first if r[0] == "2022/23"] + revised)
    assert landing(data, SUMS) == expected
    assert expected[1] != _sums(first)[1]  # the revision really differs


def _header_without(column: str) -> list[str]:
    return [c for c in fx.OUTCOME_HEADER if c != column]


def _drop(rows: list[list], column: str) -> list[list]:
    index = fx.OUTCOME_HEADER.index(column)
    return [[v for i, v in enumerate(r) if i != index] for r in rows]


BAD = {
    "unknown_column": (
        [*fx.OUTCOME_HEADER, "Outcome Subtype"],
        lambda rows: [[*r, "x"] for r in rows],
        ".csv:1: column Outcome Subtype: unknown column in the crime outcomes header",
    ),
    "missing_count": (
        _header_without("Outcomes for investigations closed in the quarter"),
        lambda rows: _drop(rows, "Outcomes for investigations closed in the quarter"),
        "count column missing (expected 'Outcomes for investigations closed in the quarter' or",
    ),
    "missing_outcome_type": (
        _header_without("Outcome Type"),
        lambda rows: _drop(rows, "Outcome Type"),
        "column Outcome Type: required column missing from the crime outcomes header",
    ),
    "type_not_a_number": (
        fx.OUTCOME_HEADER,
        lambda rows: [*rows[:5], [*rows[5][:9], "Charged", *rows[5][10:]], *rows[6:]],
        ".csv:7: column Outcome Type: not a whole number: 'Charged'",
    ),
    "count_not_whole": (
        fx.OUTCOME_HEADER,
        lambda rows: [*rows[:2], [*rows[2][:10], "1.5", rows[2][11]], *rows[3:]],
        ".csv:4: column Outcomes for offences that were recorded in the quarter: not a whole number",
    ),
    "alternate_offence_type": (
        fx.OUTCOME_HEADER,
        lambda rows: [*rows[:1], [*rows[1][:9], "1a", *rows[1][10:]], *rows[2:]],
        ".csv:3: column Outcome Type: not a whole number: '1a' (an alternate-offence outcome",
    ),
    "row_twice": (
        fx.OUTCOME_HEADER,
        lambda rows: [*rows, rows[0]],
        "column Outcome Type: row delivered twice",
    ),
}


@pytest.mark.parametrize("variant", sorted(BAD))
def test_bad_variant_is_refused_with_one_line_and_the_good_file_beside_it_loads(
    data, files, variant
):
    header, spoil, reason = BAD[variant]
    rows = fx.crime_outcome_rows([2023])
    fx.write_outcomes_csv(files / "a-bad.csv", spoil(rows), header)
    fx.write_outcomes_csv(files / "b-good.csv", fx.crime_outcome_rows([2022]))
    bad, good = ingest_paths([files], data).files
    assert bad.action == "rejected"
    message = str(bad.violation)
    assert "\n" not in message
    assert "a-bad.csv" in message and reason in message, message
    assert good.action == "loaded", good.action_text
    assert landing(data, SUMS) == _sums(fx.crime_outcome_rows([2022]))


def test_workbook_mixing_recorded_crime_and_outcome_sheets_is_refused(data, files):
    from tests.public.ods import write_ods

    offences = fx.prc_rows([2022])
    outcomes = fx.crime_outcome_rows([2023])
    write_ods(
        files / "mixed.ods",
        [
            ("2022-23", [[*fx.PRC_COLUMNS, fx.NEW_COUNT], *offences]),
            ("2023-24", [fx.OUTCOME_HEADER, *outcomes]),
        ],
    )
    (result,) = ingest_paths([files / "mixed.ods"], data).files
    assert result.action == "rejected"
    message = str(result.violation)
    assert "mixed.ods [sheet 2023-24]:1: " in message
    assert "a crime outcomes sheet in a police recorded crime workbook" in message
    assert landing(data, "select count(*) from load_manifest") == [(0,)]


@pytest.mark.parametrize("vintage", [0, 1])
def test_renamed_count_columns_and_the_expired_flag_load_with_na_counts_kept_apart(
    data, files, vintage
):
    """Other vintages name the counts otherwise and add `Offence code expired`; an N/A count
    (code expired, data not provided) lands as NULL, never as 0 and never refused."""
    header = [*fx.PRC_COLUMNS, "Offence code expired", *fx.OUTCOME_COLUMNS,
              *fx.OUTCOME_COUNT_VINTAGES[vintage]]  # fmt: skip
    rows = [[*r[:7], "", *r[7:]] for r in fx.crime_outcome_rows([2023])]
    expired = ["2023/24", 1, "Kent", "Old offence", "Theft offences", "Other theft", "49A", "x",
               "Charged/Summonsed", "Charge/Summons", "1", "N/A - Offence code expired", "NA"]  # fmt: skip
    fx.write_outcomes_csv(files / "outcomes.csv", [*rows, expired], header)
    (result,) = ingest_paths([files / "outcomes.csv"], data).files
    assert result.action == "loaded", str(result.violation)
    assert result.rows == len(rows) + 1
    flagged = landing(
        data,
        "select offence_code, outcomes_for_offences_recorded, outcomes_closed from prc_outcomes "
        "where offence_code_expired = 'x'",
    )
    assert flagged == [("49A", None, None)]
    assert landing(data, SUMS) == _sums([[*r[:7], *r[8:]] for r in rows])


SUBSET_SUMS = (
    "select offence_subset, financial_year, sum(outcomes_for_offences_recorded), "
    "sum(outcomes_closed) from prc_subset_outcomes group by 1, 2 order by 1, 2"
)
KNIFE = "prc_outcomes_knives_or_sharp_instruments.csv"


def _subset_sums(subset: str, rows: list[list]) -> list[tuple]:
    return [(subset, *sums) for sums in _sums(rows)]


@pytest.mark.parametrize("vintage", [0, 1])
def test_knife_outcomes_load_as_their_subset_with_negative_rows_and_renamed_counts(
    data, files, vintage
):
    """A knife or sharp instrument outcomes table, in the all-offence layout of either count
    vintage, lands in prc_subset_outcomes tagged with its subset, negative rows kept."""
    header = [*fx.PRC_COLUMNS, *fx.OUTCOME_COLUMNS, *fx.OUTCOME_COUNT_VINTAGES[vintage]]
    negative = ["2023/24", 4, "Kent", "Assault with intent to cause serious harm",
                "Violence against the person", "Violence with injury", "5D", "Caution - youths",
                "Out-of-court (formal)", "2", -2, -1]  # fmt: skip
    rows = fx.crime_outcome_rows([2023], extra=[negative])
    fx.write_outcomes_csv(files / KNIFE, rows, header)
    (result,) = ingest_paths([files / KNIFE], data).files
    assert result.action == "loaded", result.action_text
    assert result.source == "prc_subset_outcomes"
    assert result.rows == len(rows)
    assert landing(data, SUBSET_SUMS) == _subset_sums("knives_or_sharp_instruments", rows)
    kept = landing(
        data,
        "select outcomes_for_offences_recorded, outcomes_closed from prc_subset_outcomes "
        "where outcome_type = '2'",
    )
    assert kept == [(-2, -1)]
    assert landing(data, "select count(*) from prc_outcomes") == [(0,)]


def test_a_firearms_workbook_loads_every_year_sheet_as_its_subset(data, files):
    rows = fx.write_outcomes_workbook(files / "prc_outcomes_firearms.ods", [2022, 2023])
    (result,) = ingest_paths([files / "prc_outcomes_firearms.ods"], data).files
    assert result.action == "loaded", result.action_text
    assert result.source == "prc_subset_outcomes"
    assert landing(data, SUBSET_SUMS) == _subset_sums("firearms", rows)


def test_a_subset_table_supersedes_only_its_own_subset_quarters(data, files):
    """The knife table's revision replaces the knife quarters it covers, never the firearm
    table's nor the all-offence table's of the same quarters."""
    everything = fx.crime_outcome_rows([2023])
    firearms = fx.crime_outcome_rows([2023], revision=2)
    knives = fx.crime_outcome_rows([2022, 2023])
    revised = fx.crime_outcome_rows([2023], revision=1)
    fx.write_outcomes_csv(files / "a-outcomes.csv", everything)
    fx.write_outcomes_csv(files / "b-outcomes-firearms.csv", firearms)
    fx.write_outcomes_csv(files / "c-outcomes-knives.csv", knives)
    report = ingest_paths([files], data)
    assert [r.action for r in report.files] == ["loaded"] * 3, [r.action_text for r in report.files]
    knife_load = report.files[2].load_id
    fx.write_outcomes_csv(files / "d-outcomes-knives-revised.csv", revised)
    (result,) = ingest_paths([files / "d-outcomes-knives-revised.csv"], data).files
    assert result.action == "superseded"
    assert result.superseded_months == 12  # the knife table's 2023/24 only
    assert result.superseded_load_ids == (knife_load,)
    assert landing(data, SUBSET_SUMS) == sorted(
        _subset_sums("firearms", firearms)
        + _subset_sums(
            "knives_or_sharp_instruments", [r for r in knives if r[0] == "2022/23"] + revised
        )
    )
    assert landing(data, SUMS) == _sums(everything)


SUBSET_BAD = {
    "both_subsets_named": (
        "outcomes-knives-and-firearms.csv",
        lambda rows: rows,
        "outcomes-knives-and-firearms.csv: the file name names both knives and firearms",
    ),
    "bad_outcome_type": (
        KNIFE,
        lambda rows: [[*r[:9], "1a", *r[10:]] if i == 3 else r for i, r in enumerate(rows)],
        f"{KNIFE}:5: column Outcome Type: ",
    ),
}


@pytest.mark.parametrize("case", SUBSET_BAD)
def test_a_bad_subset_table_is_refused_with_one_line(data, files, case):
    name, spoil, expected = SUBSET_BAD[case]
    fx.write_outcomes_csv(files / name, spoil(fx.crime_outcome_rows([2023])))
    (result,) = ingest_paths([files / name], data).files
    assert result.action == "rejected"
    message = str(result.violation)
    assert expected in message and "\n" not in message, message
    assert landing(data, "select count(*) from prc_subset_outcomes") == [(0,)]


def test_a_knife_recorded_crime_table_is_refused_and_the_all_offence_quarters_kept(data, files):
    """Only outcomes tables have a source per subset: a recorded crime table named for knife
    offences, in the all-offence layout, would replace the all-offence quarters, so it is refused."""
    fx.write_prc_csv(files / "a-prc.csv", [2023])
    fx.write_prc_csv(files / "b-prc-knife-offences.csv", [2023], revision=1)
    first, knife = ingest_paths([files], data).files
    assert first.action == "loaded"
    assert knife.action == "rejected"
    assert "a recorded crime table of knife or firearm offences" in str(knife.violation)
    owners = landing(
        data, "select distinct load_id from public_owner where source = 'prc_offences'"
    )
    assert owners == [(first.load_id,)]
