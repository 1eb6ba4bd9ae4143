"""Crime explorer: any offence group, subgroup or code, flag and districts.

Recorded crime counts are not about people and are published unsuppressed (police.uk
publishes them at street level). The window's months come from the board; the selection's
sums, rolling years and rates are SQL (app.data), rounded by the warehouse's round_half_up
macro that dbt creates from the same definition as every mart's.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.present import format as fmt

stamp = data.warehouse_stamp()
area_frame = data.areas(stamp)
districts = area_frame[area_frame["area_type"] == "district"]
code_of = dict(zip(districts["area_name"], districts["area_code"], strict=True))
top = st.container()  # title first, filled once the controls are read

c1, c2, c3 = st.columns([1, 2, 1])
level = c1.selectbox("Offence level", list(data.OFFENCE_LEVELS), key="crime_level")
choices = data.offence_choices(stamp, level)
offences = c2.multiselect(
    "Offences (none = all crime)",
    list(choices),
    format_func=choices.get,
    key="crime_offences",
)
flag = c3.selectbox("Flag", ["(any)", *data.FLAGS], key="crime_flag")
flag = None if flag == "(any)" else flag
c4, c5 = st.columns([3, 1])
picked = c4.multiselect("Districts (none = all Kent)", list(code_of), key="crime_districts")
kent = data.force_code(stamp)
ends = data.period_ends(stamp, 12, kent)
period_end = c5.selectbox("12 months ending", ends, format_func=fmt.month, key="crime_period")
window = data.board(stamp, kent, 12, period_end)[0]  # the window's months, as on the board
first = window.period_start

selection = ", ".join(offences) if offences else "All crime"
if flag:
    selection += f" · flagged {flag.lower()}"
where = ", ".join(picked) if picked else "Kent"
with top:
    ui.header(
        "Crime explorer",
        "How many crimes of a chosen kind were recorded, where, and how many were solved?",
        f"{fmt.month_span(first, period_end)} (12 months), with every month of the data "
        "in the charts",
    )
    st.markdown(f"**{selection}** in **{where}**")

monthly = data.crime_monthly(
    stamp, level, tuple(offences), flag, tuple(code_of[d] for d in picked)
).assign(month=lambda f: pd.to_datetime(f["month_start"]))

crimes, solved, solved_rate, previous_crimes = data.crime_window(
    stamp,
    level,
    tuple(offences),
    flag,
    tuple(code_of[d] for d in picked),
    (first, period_end),
    (window.previous_period_start, window.previous_period_end),
)

m1, m2, m3 = st.columns(3)
m1.metric("Crimes recorded", fmt.number(crimes))
m2.metric("Same 12 months a year earlier", fmt.number(previous_crimes))
m3.metric("Solved rate", fmt.measure_value(solved_rate, "percent", 1))

# --- monthly series ---------------------------------------------------------------------------
shown = monthly.drop(columns="month").astype(
    {"rolling_12_months": "Int64", "rolling_12_months_solved": "Int64"}
)
ui.show_chart(
    "monthly_chart",
    monthly.assign(value=monthly["crimes"])[["month", "value"]],
    "Crimes recorded each month for the selection (by recorded date).",
    title="Crimes recorded by month",
    unit="crimes",
    height=200,
)

trend = monthly.dropna(subset="rolling_12_months").assign(
    period_end=lambda f: f["month"],
    value=lambda f: f["rolling_12_months"].astype(float),
)
left, right = st.columns(2)
with left:
    ui.show_chart(
        "rolling_trend_chart",
        trend[["period_end", "value"]],
        "Crimes recorded in the 12 months ending each month.",
        title="Rolling year",
        unit="crimes",
    )
with right:
    ui.show_chart(
        "rolling_trend_chart",
        trend.assign(value=trend["rolling_solved_rate_pct"].astype(float))[["period_end", "value"]],
        "Share of the crimes recorded in the 12 months ending each month that have a solved "
        "outcome (types 1-4, 6-8, 22) at the extract date; the latest months are lower because "
        "many of their investigations are still open.",
        title="Solved rate, rolling year",
        unit="percent",
    )

ui.download(shown, "crime_monthly.csv", "crime_download_monthly", "the monthly figures")

# --- district comparison ------------------------------------------------------------------------
st.subheader("Districts: crimes per 1,000 residents")
by_district = data.crime_by_district(stamp, level, tuple(offences), flag, first, period_end)
district_table = pd.DataFrame(
    {
        "District": by_district["district"],
        "Crimes": by_district["crimes"],
        "Per 1,000": by_district["per_1000_residents"].astype("Float64"),
        "Solved rate": by_district["solved_rate_pct"].astype("Float64"),
        "Population (2011)": by_district["population"],
    }
)
bars = pd.DataFrame(
    {"label": by_district["district"], "value": district_table["Per 1,000"]}
).astype({"value": float})
left, right = st.columns([5, 6])  # the table's four columns fit beside the chart at 800 px
with left:
    ui.show_chart(
        "ranked_bar_chart",
        bars,
        "Crimes recorded in the 12 months per 1,000 usual residents (2011 census), highest "
        "first; a single chosen district is highlighted.",
        label_limit=240,  # whole district names
        title=f"Crimes per 1,000 residents, {fmt.month_span(first, period_end)}",
        value_title="per 1,000 residents",
        highlight=picked[0] if len(picked) == 1 else None,
        height=24 * max(len(bars), 1),
    )
with right:
    # Population goes in the CSV download; the chart caption names it.
    ui.table(
        district_table.drop(columns="Population (2011)"),
        {
            "Crimes": ui.count_column(),
            "Per 1,000": ui.decimal_column(help="Crimes per 1,000 residents (2011 census)"),
            "Solved rate": ui.decimal_column(suffix="%"),
        },
    )
ui.download(
    district_table, "crime_by_district.csv", "crime_download_districts", "the district figures"
)
ui.figure_sources(("fct_crime_monthly", "dim_areas"))
