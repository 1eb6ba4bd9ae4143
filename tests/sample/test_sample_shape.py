"""What a user of the sample relies on beyond the published totals: complete coverage, a
believable shape over time and place, and flags only where the offence allows them."""

from __future__ import annotations

import statistics
from datetime import date, timedelta
from pathlib import Path

import pytest

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
MONTHS = [f"{y}-{m:02d}" for y in range(2018, 2026) for m in range(1, 13)][3:-3]  # 2018-04..2025-09


def _scalar(raw, sql: str):
    return raw.execute(sql).fetchone()[0]


def test_sample_covers_every_month_district_day_and_channel(raw):
    assert len(MONTHS) == 90
    district_months = raw.execute(
        "select distinct strftime(recorded_date, '%Y-%m'), district_code from crime"
    ).fetchall()
    districts = [r[0] for r in raw.execute("select district_code from districts").fetchall()]
    assert set(district_months) == {(m, d) for m in MONTHS for d in districts}

    days = (date(2025, 9, 30) - date(2018, 4, 1)).days + 1
    expected = {
        (date(2018, 4, 1) + timedelta(i), ch)
        for i in range(days)
        for ch in ("999", "101", "online")
    }
    rows = raw.execute("select date, channel from calls").fetchall()
    assert len(rows) == len(expected) and set(rows) == expected


def test_each_crime_file_holds_exactly_its_own_month(raw):
    files = raw.execute(
        f"select regexp_extract(filename, 'crime_records_(\\d{{4}}-\\d{{2}})', 1) as file_month, "
        "left(recorded_date, 7) as month, count(*) "
        f"from read_csv('{RAW}/crime_records/*.csv.gz', filename = true, all_varchar = true) "
        "group by all"
    ).fetchall()
    assert sorted(f for f, _, _ in files) == MONTHS
    assert all(f == m for f, m, _ in files)


def _monthly(raw, sql: str) -> dict[str, int]:
    return dict(raw.execute(sql).fetchall())


def _crime_monthly(raw, where: str) -> dict[str, int]:
    return _monthly(
        raw,
        "select strftime(recorded_date, '%Y-%m'), count(*) from crime c "
        f"join offence_codes o using (offence_code) where {where} group by 1",
    )


def _season_mean(monthly: dict[str, int], calendar_months: tuple[int, ...]) -> float:
    return statistics.mean(v for m, v in monthly.items() if int(m[5:]) in calendar_months)


def test_violence_peaks_in_summer_and_burglary_in_winter(raw):
    violence = _crime_monthly(raw, "o.offence_subgroup = 'Violence with injury'")
    burglary = _crime_monthly(raw, "o.offence_subgroup = 'Domestic burglary'")
    summer, winter = (6, 7, 8), (12, 1, 2)
    assert _season_mean(violence, summer) > 1.1 * _season_mean(violence, winter)
    assert _season_mean(burglary, winter) > 1.15 * _season_mean(burglary, summer)


MAJOR_SERIES = {
    "all crime": "select strftime(recorded_date, '%Y-%m'), count(*) from crime group by 1",
    "violence with injury": (
        "select strftime(recorded_date, '%Y-%m'), count(*) from crime join offence_codes "
        "using (offence_code) where offence_subgroup = 'Violence with injury' group by 1"
    ),
    "residential burglary": (
        "select strftime(recorded_date, '%Y-%m'), count(*) from crime join offence_codes "
        "using (offence_code) where offence_subgroup = 'Domestic burglary' group by 1"
    ),
    "shoplifting": (
        "select strftime(recorded_date, '%Y-%m'), count(*) from crime "
        "where offence_code = '46' group by 1"
    ),
    "domestic abuse": (
        "select strftime(recorded_date, '%Y-%m'), sum(domestic_abuse) from crime group by 1"
    ),
    "s136 detentions": "select strftime(detention_datetime, '%Y-%m'), count(*) from s136 group by 1",
    "999 calls": (
        "select strftime(date, '%Y-%m'), sum(calls_offered) from calls where channel = '999' group by 1"
    ),
    "101 calls": (
        "select strftime(date, '%Y-%m'), sum(calls_offered) from calls where channel = '101' group by 1"
    ),
    "victim referrals": "select month, sum(referrals_received) from referrals group by 1",
}


@pytest.mark.parametrize("series", sorted(MAJOR_SERIES))
def test_no_month_is_a_cliff_against_its_year(raw, series):
    monthly = _monthly(raw, MAJOR_SERIES[series])
    values = [monthly[m] for m in MONTHS]
    for i, value in enumerate(values):
        neighbourhood = values[max(0, i - 6) : i + 6]
        median = statistics.median(neighbourhood)
        assert median / 2 <= value <= 2 * median, (
            f"{series} {MONTHS[i]}: {value} vs median {median}"
        )


def test_kent_records_150k_to_190k_crimes_a_year(raw):
    yearly = dict(
        raw.execute(
            "select year(recorded_date), count(*) from crime "
            "where year(recorded_date) between 2019 and 2024 group by 1"
        ).fetchall()
    )
    assert sorted(yearly) == list(range(2019, 2025))
    assert all(150_000 <= n <= 190_000 for n in yearly.values()), yearly


def test_districts_differ_by_crime_rate(raw):
    rate = dict(
        raw.execute(
            "select d.district_name, count(*) / any_value(d.population_2011_census::int) "
            "from crime c join districts d using (district_code) group by 1"
        ).fetchall()
    )
    county = statistics.median(rate.values())
    for high in ("Thanet", "Medway", "Maidstone"):
        assert rate[high] > county, (high, rate)
    for low in ("Sevenoaks", "Tunbridge Wells"):
        assert rate[low] < county, (low, rate)


def _codes_with(raw, condition: str) -> set[str]:
    return {
        r[0]
        for r in raw.execute(
            f"select distinct offence_code from crime where {condition}"
        ).fetchall()
    }


def _codes_where(raw, condition: str) -> set[str]:
    return {
        r[0]
        for r in raw.execute(f"select offence_code from offence_codes where {condition}").fetchall()
    }


def test_flags_only_on_offences_that_can_carry_them(raw):
    violent = "offence_group in ('Violence against the person', 'Robbery', 'Sexual offences')"
    knife = _codes_with(raw, "knife_or_sharp_instrument = 1")
    assert knife and knife <= _codes_where(raw, f"{violent} or offence_code = '10D'")
    assert "46" not in knife

    firearm = _codes_with(raw, "firearm = 1")
    assert firearm and firearm <= _codes_where(
        raw, "offence_group in ('Violence against the person', 'Robbery') "
        "or offence_code in ('10A', '10B', '81')",
    )  # fmt: skip

    personal = _codes_where(
        raw,
        "offence_group in ('Violence against the person', 'Sexual offences', "
        "'Criminal damage and arson')",
    )
    for flag in ("domestic_abuse", "vawg"):
        assert _codes_with(raw, f"{flag} = 1") <= personal, flag
        assert (
            _scalar(raw, f"select count(*) from crime where {flag} = 1 and victim_type <> 'person'")
            == 0
        )

    aggravated = ("8M", "8P", "9B", "58J", "105B")
    assert (
        _scalar(raw, f"select count(*) from crime where offence_code in {aggravated} and hate = 0")
        == 0
    )


def test_victim_types_fit_the_offence(raw):
    rape = _codes_where(raw, "offence_subgroup = 'Rape offences'")
    organisation = _codes_with(raw, "victim_type = 'organisation'")
    assert not organisation & rape
    assert not organisation & _codes_where(raw, "offence_group = 'Violence against the person'")
    assert {"46", "34A", "30C"} <= organisation
    state_based = _codes_where(
        raw,
        "offence_group in ('Drug offences', 'Possession of weapons offences', "
        "'Public order offences')",
    )
    assert _codes_with(raw, "victim_type <> 'none'").isdisjoint(state_based)
    victim_based = _codes_where(
        raw,
        "offence_group not in ('Drug offences', 'Possession of weapons offences', "
        "'Public order offences', 'Miscellaneous crimes', 'Fraud offences')",
    )
    assert _codes_with(raw, "victim_type = 'none'").isdisjoint(victim_based)


def test_outcomes_are_consistent_and_recent_crimes_more_often_open(raw):
    assert _scalar(raw, "select count(*) from crime where outcome_date < recorded_date") == 0
    assert (
        _scalar(
            raw, "select count(*) from crime where (outcome_code is null) <> (outcome_date is null)"
        )
        == 0
    )
    assert _scalar(raw, "select max(outcome_date) from crime") <= date(2025, 10, 15)

    def open_share(start: str, end: str) -> float:
        return _scalar(
            raw,
            "select avg((outcome_code is null)::int) from crime "
            f"where recorded_date between '{start}' and '{end}'",
        )

    recent, earlier = open_share("2025-07-01", "2025-09-30"), open_share("2022-07-01", "2022-09-30")
    assert recent > 0.15 and earlier < 0.02 and recent > 10 * earlier

    charged = _scalar(
        raw,
        "select avg((outcome_code = 1)::int) from crime "
        "where recorded_date between '2022-04-01' and '2023-03-31'",
    )
    assert 0.08 <= charged <= 0.12


LOCKDOWN_SERIES = {
    "violence with injury": "o.offence_subgroup = 'Violence with injury'",
    "robbery": "c.offence_code in ('34A', '34B')",
    "residential burglary": "o.offence_subgroup = 'Domestic burglary'",
    "theft from the person": "c.offence_code = '39'",
    "vehicle offences": "c.offence_code in ('45', '48', '37.2', '126')",
}


def _against_2019(monthly: dict[str, int]) -> dict[str, float]:
    """Each month of 2019-2022 as a share of the same calendar month of 2019 (season removed)."""
    return {m: monthly[m] / monthly[f"2019-{m[5:]}"] for m in MONTHS if "2019-01" <= m <= "2022-12"}


def _three_month_means(ratios: dict[str, float]) -> dict[str, float]:
    months = sorted(ratios)
    return {
        months[i]: statistics.mean(ratios[m] for m in months[i - 1 : i + 2])
        for i in range(1, len(months) - 1)
    }


@pytest.mark.parametrize("series", sorted(LOCKDOWN_SERIES))
def test_lockdowns_of_2020_2021_are_a_trough_then_recovery(raw, series):
    """Monthly counts against the same month of 2019: the lowest three months fall in the
    lockdowns (March 2020 to June 2021), at least 20% down, and 2022 at least 10% above them."""
    ratios = _against_2019(_crime_monthly(raw, LOCKDOWN_SERIES[series]))
    smoothed = _three_month_means(ratios)
    trough_month = min(smoothed, key=smoothed.get)
    trough = smoothed[trough_month]
    recovery = statistics.mean(r for m, r in ratios.items() if m.startswith("2022"))
    assert "2020-03" <= trough_month <= "2021-06", (series, trough_month)
    assert trough <= 0.8, (series, trough_month, trough)
    assert recovery >= 1.1 * trough, (series, trough, recovery)


def test_drug_offences_rose_in_the_lockdowns(raw):
    """Proactive policing: drug offences were up on 2019 while other crime fell."""
    ratios = _against_2019(_crime_monthly(raw, "c.offence_code in ('92A', '92C', '92D', '92E')"))
    lockdown = ("2020-04", "2020-05", "2021-01", "2021-02")
    assert statistics.mean(ratios[m] for m in lockdown) >= 1.1
