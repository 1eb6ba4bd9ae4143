"""Crime explorer: any offence group, subgroup or code, flag and districts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.disclosure import is_suppressed

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
ends = data.period_ends(stamp, 12)
period_end = c5.selectbox("12 months ending", ends, format_func=ui.month_words, key="crime_period")
first = ui.add_months(period_end, -11)

selection = ", ".join(offences) if offences else "All crime"
if flag:
    selection += f" · flagged {flag.lower()}"
where = ", ".join(picked) if picked else "Kent"
with top:
    ui.header(
        "Crime explorer",
        "How many crimes of a chosen kind were recorded, where, and how many were solved?",
        f"{ui.period_words(first, period_end)} (12 months), with every month of the data "
        "in the charts",
    )
    st.markdown(f"**{selection}** in **{where}**")

monthly = data.crime_monthly(
    stamp, level, tuple(offences), flag, tuple(code_of[d] for d in picked)
).assign(month=lambda f: pd.to_datetime(f["month_start"]))

in_window = monthly[(monthly["month_start"] >= first) & (monthly["month_start"] <= period_end)]
previous = monthly[
    (monthly["month_start"] >= ui.add_months(first, -12))
    & (monthly["month_start"] <= ui.add_months(period_end, -12))
]
crimes, solved = int(in_window["crimes"].sum()), int(in_window["solved_crimes"].sum())
previous_crimes = int(previous["crimes"].sum()) if len(previous) == 12 else None

m1, m2, m3 = st.columns(3)
m1.metric("Crimes recorded", ui.suppressed_text(crimes))
m2.metric(
    "Same 12 months a year earlier",
    ui.suppressed_text(previous_crimes) if previous_crimes is not None else ui.DASH,
)
m3.metric("Solved rate", ui.pct_text(solved, crimes) if not is_suppressed(crimes) else ui.DASH)

# --- monthly series: counts 1-4 are not drawn (they would disclose a "<5") -----------------------
rolling = monthly["crimes"].rolling(12).sum()
rolling_solved = monthly["solved_crimes"].rolling(12).sum()
shown = pd.DataFrame(
    {
        "month": monthly["month_start"].map(lambda d: d.strftime("%Y-%m")),
        "crimes": monthly["crimes"].map(ui.suppressed_text),
        "solved_crimes": monthly["solved_crimes"].map(ui.suppressed_text),
        "rolling_12_months": rolling.map(lambda v: ui.suppressed_text(v) if pd.notna(v) else ""),
        "rolling_solved_rate_pct": [
            ui.pct_text(int(s), int(c)) if pd.notna(c) and not is_suppressed(int(c)) else ""
            for s, c in zip(rolling_solved, rolling, strict=True)
        ],
    }
)
small = monthly["crimes"].map(is_suppressed)
chart_frame = monthly.assign(value=monthly["crimes"].where(~small))[["month", "value"]]
note = " Months with 1-4 crimes are left out (shown as <5 in the table)." if small.any() else ""
ui.show_chart(
    "monthly_chart",
    chart_frame,
    f"Crimes recorded each month for the selection (by recorded date).{note}",
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
    rates = trend[~trend["value"].map(lambda v: is_suppressed(int(v)))]
    rate_frame = pd.DataFrame(
        {
            "period_end": rates["period_end"],
            "value": [
                ui.percent(int(s), int(c))
                for s, c in zip(rates["solved"], rates["value"], strict=True)
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
small = by_district["crimes"].map(is_suppressed)
district_table = pd.DataFrame(
    {
        "District": by_district["district"],
        "Crimes": by_district["crimes"].map(ui.suppressed_text),
        "Per 1,000 residents": [
            ui.DASH if hide else ui.ratio_text(c * 1000, pop)
            for c, pop, hide in zip(
                by_district["crimes"], by_district["population"], small, strict=True
            )
        ],
        "Solved rate": [
            ui.DASH if hide else ui.pct_text(s, c)
            for s, c, hide in zip(
                by_district["solved_crimes"], by_district["crimes"], small, strict=True
            )
        ],
        "Population (2011)": by_district["population"].map(ui.count_text),
    }
)
bars = pd.DataFrame(
    {
        "label": by_district["district"],
        "value": [
            ui.rate(c * 1000, pop)
            for c, pop in zip(by_district["crimes"], by_district["population"], strict=True)
        ],
    }
)[~small]
left, right = st.columns(2)
with left:
    note = " Districts with 1-4 crimes are not drawn." if small.any() else ""
    ui.show_chart(
        "ranked_bar_chart",
        bars,
        "Crimes recorded in the 12 months per 1,000 usual residents (2011 census), highest "
        f"first; a single chosen district is highlighted.{note}",
        label_limit=240,  # whole district names
        title=f"Crimes per 1,000 residents, {ui.period_words(first, period_end)}",
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
