"""Crime explorer: any offence group, subgroup or code, flag and districts.

Recorded crime counts are not about people and are published unsuppressed (police.uk
publishes them at street level). The window's months come from the board; the selection's
sums are SQL (app.data) and its rates go through app.ui's breakdown helpers until a mart or
macro serves free selections.
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
offences = c2.multiselect(
    "Offences (none = all crime)", data.offence_choices(stamp, level), key="crime_offences"
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

in_window = monthly[(monthly["month_start"] >= first) & (monthly["month_start"] <= period_end)]
previous = monthly[
    (monthly["month_start"] >= window.previous_period_start)
    & (monthly["month_start"] <= window.previous_period_end)
]
crimes, solved = int(in_window["crimes"].sum()), int(in_window["solved_crimes"].sum())
previous_crimes = int(previous["crimes"].sum()) if len(previous) == 12 else None

m1, m2, m3 = st.columns(3)
m1.metric("Crimes recorded", fmt.number(crimes))
m2.metric("Same 12 months a year earlier", fmt.number(previous_crimes))
m3.metric("Solved rate", ui.breakdown_pct(solved, crimes))

# --- monthly series ---------------------------------------------------------------------------
rolling = monthly["crimes"].rolling(12).sum()
rolling_solved = monthly["solved_crimes"].rolling(12).sum()
shown = pd.DataFrame(
    {
        "month": monthly["month_start"].map(lambda d: d.strftime("%Y-%m")),
        "crimes": monthly["crimes"],
        "solved_crimes": monthly["solved_crimes"],
        "rolling_12_months": rolling.map(lambda v: int(v) if pd.notna(v) else ""),
        "rolling_solved_rate_pct": [
            ui.breakdown_pct(s, c) if pd.notna(c) else ""
            for s, c in zip(rolling_solved, rolling, strict=True)
        ],
    }
)
ui.show_chart(
    "monthly_chart",
    monthly.assign(value=monthly["crimes"])[["month", "value"]],
    "Crimes recorded each month for the selection (by recorded date).",
    title="Crimes recorded by month",
    unit="crimes",
    height=200,
)

trend = pd.DataFrame(
    {"period_end": monthly["month"], "value": rolling, "solved": rolling_solved}
).dropna()
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
    rate_frame = pd.DataFrame(
        {
            "period_end": trend["period_end"],
            "value": [
                ui.breakdown_rate(s, c, 100)
                for s, c in zip(trend["solved"], trend["value"], strict=True)
            ],
        }
    )
    ui.show_chart(
        "rolling_trend_chart",
        rate_frame,
        "Share of the crimes recorded in the 12 months ending each month that have a solved "
        "outcome (types 1-4, 6-8, 22) at the extract date; the latest months are lower because "
        "many of their investigations are still open.",
        title="Solved rate, rolling year",
        unit="percent",
    )

st.download_button(
    "Download the monthly figures (CSV)",
    ui.csv_bytes(shown),
    file_name="crime_monthly.csv",
    mime="text/csv",
    key="crime_download_monthly",
)

# --- district comparison ------------------------------------------------------------------------
st.subheader("Districts: crimes per 1,000 residents")
by_district = data.crime_by_district(stamp, level, tuple(offences), flag, first, period_end)
district_table = pd.DataFrame(
    {
        "District": by_district["district"],
        "Crimes": by_district["crimes"].map(fmt.number),
        "Per 1,000 residents": [
            ui.breakdown_ratio(c * 1000, pop)
            for c, pop in zip(by_district["crimes"], by_district["population"], strict=True)
        ],
        "Solved rate": [
            ui.breakdown_pct(s, c)
            for s, c in zip(by_district["solved_crimes"], by_district["crimes"], strict=True)
        ],
        "Population (2011)": by_district["population"].map(fmt.number),
    }
)
bars = pd.DataFrame(
    {
        "label": by_district["district"],
        "value": [
            ui.breakdown_rate(c, pop, 1000)
            for c, pop in zip(by_district["crimes"], by_district["population"], strict=True)
        ],
    }
)
left, right = st.columns(2)
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
    st.dataframe(
        district_table.drop(columns="Population (2011)"),
        hide_index=True,
        width="stretch",
        height="content",
    )
st.download_button(
    "Download the district figures (CSV)",
    ui.csv_bytes(district_table),
    file_name="crime_by_district.csv",
    mime="text/csv",
    key="crime_download_districts",
)
