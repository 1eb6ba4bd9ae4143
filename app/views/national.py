"""National Crime and Policing Measures: the annual report's table, with trends."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from pcc import charts
from pcc.measures import NATIONAL

stamp = data.warehouse_stamp()
top = st.container()  # title first, filled once the controls are read
area_frame = data.areas(stamp)

left, right = st.columns(2)
area_name = left.selectbox("Area", list(area_frame["area_name"]), key="national_area")
area_code = area_frame.set_index("area_name").at[area_name, "area_code"]
ends = data.period_ends(stamp, 12, area_code)
period_end = right.selectbox(
    "12 months ending", ends, format_func=ui.month_words, key="national_period"
)
first = ui.add_months(period_end, -11)
base_end = data.baseline_end(stamp)
baseline_words = ui.period_words(ui.add_months(base_end, -11), base_end)

with top:
    ui.header(
        "National Crime and Policing Measures",
        "How do the Home Office's national measures compare with last year and with the "
        "12 months to December 2019?",
        f"{ui.period_words(first, period_end)}; previous year "
        f"{ui.period_words(ui.add_months(first, -12), ui.add_months(period_end, -12))}; "
        f"baseline {baseline_words}",
    )

rows = [p for p in data.board(stamp, area_name, 12, period_end) if p.row.framework == NATIONAL]
table = pd.DataFrame(
    {
        "Measure": [p.row.measure_name for p in rows],
        "Current year": [ui.value_text(p, p.value) for p in rows],
        "Previous year": [ui.value_text(p, p.previous_value) for p in rows],
        "Change": [ui.value_text(p, p.change, signed=True) for p in rows],
        "Change %": [ui.pct_change_text(p.pct_change) for p in rows],
        "Baseline": [ui.value_text(p, p.baseline_value) for p in rows],
        "Change vs baseline": [ui.value_text(p, p.change_vs_baseline, signed=True) for p in rows],
        "Change vs baseline %": [ui.pct_change_text(p.pct_change_vs_baseline) for p in rows],
    }
)
st.dataframe(table, hide_index=True, width="stretch")
st.caption(
    f"{area_name}. Counts are exact; satisfaction is summed respondents over the year, rounded "
    "half-up; pp = percentage points; – = not computable (outside the data or a zero comparison)."
)

st.subheader("Trends: rolling 12-month value by month")
trend = data.rolling_values(stamp, area_code)
columns = st.columns(2)
for i, p in enumerate(rows):
    frame = trend[trend["measure_id"] == p.row.measure_id][["period_end", "value"]]
    frame = frame.assign(period_end=pd.to_datetime(frame["period_end"]))
    baseline = float(p.baseline_value) if p.baseline_value is not None else None
    with columns[i % 2]:
        st.altair_chart(
            charts.rolling_trend_chart(
                frame,
                p.row.measure_name,
                p.row.unit,
                baseline_value=baseline,
                baseline_label=f"Baseline ({baseline_words})",
                width=440,
                height=170,
            ),
            width="content",
        )
        st.caption(
            f"{p.row.measure_name}, {area_name}: value for the 12 months ending each month; "
            "dashed line = the baseline year."
        )
