"""Overview: the Police and Crime Plan on a page, one tile per headline measure."""

from __future__ import annotations

import streamlit as st

from app import data, ui
from pcc.measures import PRIORITY_ORDER

stamp = data.warehouse_stamp()
top = st.container()  # title first, filled once the controls are read
WINDOWS = {"Rolling year (12 months)": 12, "Quarter (3 months)": 3}

left, right = st.columns([1, 1])
window_label = left.radio("Window", list(WINDOWS), horizontal=True, key="overview_window")
window = WINDOWS[window_label]
ends = data.period_ends(stamp, window)
period_end = right.selectbox(
    "Period ending", ends, format_func=ui.month_words, key="overview_period"
)
first = ui.add_months(period_end, 1 - window)
base_end = data.baseline_end(stamp)

with top:
    ui.header(
        "Police and Crime Plan: overview",
        "How is Kent doing on the plan's headline measures, against last year and against 2019?",
        f"{ui.period_words(first, period_end)} against "
        f"{ui.period_words(ui.add_months(first, -12), ui.add_months(period_end, -12))} (last year) "
        f"and {ui.period_words(ui.add_months(base_end, 1 - window), base_end)} (baseline)",
    )

dims = data.measure_dim(stamp).set_index("measure_id")
headline = set(dims.index[dims["is_headline"]])
rows = [p for p in data.board(stamp, "Kent", window, period_end) if p.row.measure_id in headline]

for priority in PRIORITY_ORDER:
    tiles = [p for p in rows if p.row.priority == priority]
    if not tiles:
        continue
    st.subheader(priority)
    columns = st.columns(4)
    for i, p in enumerate(tiles):
        polarity = dims.at[p.row.measure_id, "polarity"]
        columns[i % 4].markdown(ui.tile_html(p, polarity), unsafe_allow_html=True)

st.caption(
    "▲/▼ show the direction of change; **better**/**worse** follow each measure's polarity "
    "(blue = better, orange = worse, grey = context only or no change). Counts are exact; "
    "percentages are summed over the window and rounded half-up; pp = percentage points; "
    "– = not computable (outside the data)."
)
