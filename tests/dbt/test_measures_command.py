"""`pcc measures` as users run it: formats, rounding, baseline override, errors, import weight."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from pcc.build.dbt_runner import run_dbt
from pcc.commands.measures import run_measures
from pcc.errors import UsageError
from pcc.paths import DataPaths
from pcc.present.board_table import CSV_COLUMNS
from pcc.present.numbers import round_half_up


def measures_output(capsys, *args) -> str:
    assert run_measures(*args) == 0
    return capsys.readouterr().out


def measures_csv(capsys, period_end, window_months=12, area="Kent", baseline_end=None):
    text = measures_output(capsys, period_end, window_months, area, baseline_end, "csv")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_columns_periods_and_rounding(published, capsys):
    rows = measures_csv(capsys, "2021-03")
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    by_id = {r["measure_id"]: r for r in rows}
    robbery = by_id["robbery"]
    assert (robbery["period_start"], robbery["period_end"]) == ("2020-04", "2021-03")
    assert (robbery["baseline_start"], robbery["baseline_end"]) == ("2019-01", "2019-12")
    # Counts are plain integers.
    assert robbery["value"].isdigit()
    # Percentages: summed numerator / denominator from the fixture, rounded half-up to 1 dp.
    satisfied = respondents = 0
    for r in published.landing.rows["victim_satisfaction"]:
        if (r["survey"], r["question"]) == ("domestic_abuse", "overall_satisfaction") and date(
            2020, 4, 1
        ) <= r["month"] <= date(2021, 3, 1):
            satisfied += r["satisfied"]
            respondents += r["respondents"]
    expected = round_half_up(satisfied * 100, respondents, 1)
    assert by_id["satisfaction_domestic_abuse"]["value"] == str(expected)
    # The satisfaction baseline (2019) is outside the data: empty, not 0.
    assert by_id["satisfaction_domestic_abuse"]["baseline_value"] == ""


def test_json_has_the_same_records_as_csv(published, capsys):
    as_csv = measures_csv(capsys, "2021-03")
    as_json = json.loads(measures_output(capsys, "2021-03", 12, "Kent", None, "json"))
    assert [list(r) for r in as_json] == [list(CSV_COLUMNS)] * len(as_json)
    for from_csv, from_json in zip(as_csv, as_json, strict=True):
        for column in CSV_COLUMNS:
            value = from_json[column]
            assert from_csv[column] == ("" if value is None else str(value))
    robbery = next(r for r in as_json if r["measure_id"] == "robbery")
    assert isinstance(robbery["value"], int)


def test_table_groups_national_measures_first(published, capsys):
    text = measures_output(capsys, "2021-03", 12, "Kent", None, "table")
    national = text.index("National Crime and Policing Measures")
    people = text.index("Police and Crime Plan: Protecting People")
    partnerships = text.index("Police and Crime Plan: Productive Partnerships")
    assert national < people < partnerships
    assert "Murder and other homicide" in text[national:people]


def test_district_by_name_or_code_shows_only_district_sources(published, capsys):
    by_code = measures_csv(capsys, "2021-03", 3, "E07000112")
    by_old_name = measures_csv(capsys, "2021-03", 3, "shepway")
    assert by_code == by_old_name
    assert {r["area"] for r in by_code} == {"Folkestone and Hythe"}
    ids = {r["measure_id"] for r in by_code}
    assert "s136_detentions" in ids and "robbery" in ids
    assert "calls_for_service" not in ids and "victims_supported" not in ids


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2021-03", 12, "Atlantis", None, "csv"), "Ashford"),
        (("2030-01", 12, "Kent", None, "csv"), "choose a period end from 2019-03 to 2021-12"),
        (("2021-3", 12, "Kent", None, "csv"), "YYYY-MM"),
        (("2021-03", 6, "Kent", None, "csv"), "12 or 3"),
        (("2021-03", 12, "Kent", "2010-12", "csv"), "baseline"),
    ],
)
def test_bad_arguments_are_one_line_errors(published, args, message):
    with pytest.raises(UsageError) as error:
        run_measures(*args)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


@pytest.mark.heavy
def test_baseline_override_equals_a_rebuild_with_the_var_changed(published, capsys, tmp_path):
    override = measures_csv(capsys, "2021-03", 12, "Kent", "2019-06")
    robbery = next(r for r in override if r["measure_id"] == "robbery")
    assert (robbery["baseline_start"], robbery["baseline_end"]) == ("2018-07", "2019-06")
    expected = sum(
        1
        for c in published.landing.rows["crime_records"]
        if c["offence_code"] in {"34A", "34B"}
        and date(2018, 7, 1) <= c["recorded_date"] <= date(2019, 6, 30)
    )
    assert robbery["baseline_value"] == str(expected)

    # Rebuild the windows and the board with baseline_end 2019-06: the build's default baseline
    # gives the same table as choosing 2019-06 from the board (one definition, no second formula).
    rebuilt = DataPaths(tmp_path / "rebuilt")
    rebuilt.build_dir.mkdir(parents=True)
    build_file = rebuilt.build_dir / "rebuild.duckdb"
    shutil.copyfile(published.data.warehouse, build_file)
    run_dbt(
        [
            "run",
            "--select",
            "fct_measure_windows int_board__windows fct_measure_board",
            "--vars",
            '{"baseline_end": "2019-06"}',
        ],
        build_file,
        rebuilt,
        echo=lambda line: None,
    )
    shutil.copyfile(build_file, rebuilt.warehouse)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PCC_DATA_DIR", str(rebuilt.root))
        from_rebuild = measures_csv(capsys, "2021-03")
    assert from_rebuild == override


def test_quarter_comparisons_use_the_same_quarter_a_year_earlier(published, capsys):
    rows = {r["measure_id"]: r for r in measures_csv(capsys, "2021-06", 3)}
    s136 = rows["s136_detentions"]
    detentions = published.landing.rows["s136_detentions"]

    def count(first, last):
        return sum(1 for d in detentions if first <= d["detention_datetime"].date() <= last)

    now = count(date(2021, 4, 1), date(2021, 6, 30))
    then = count(date(2020, 4, 1), date(2020, 6, 30))
    assert (s136["value"], s136["previous_value"]) == (str(now), str(then))
    assert s136["change"] == str(now - then)
    assert Decimal(s136["pct_change"]) == round_half_up((now - then) * 100, then, 1)
    assert s136["period_start"] == "2021-04"


def test_measures_does_not_import_dbt_gx_or_streamlit(published):
    code = (
        "import sys, json\n"
        "from pcc.commands.measures import run_measures\n"
        "run_measures('2021-03', 12, 'Kent', '2019-06', 'json')\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'dbt', 'great_expectations', 'streamlit', 'pandas'})\n"
        "print('HEAVY=' + json.dumps(heavy), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "HEAVY=[]" in result.stderr
