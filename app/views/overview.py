"""Overview: the Police and Crime Plan on a page, one tile per headline measure.

A count's change is called better or worse only when it is statistically significant
(marts.fct_measure_change_significance: 95% Poisson interval of the rate ratio); otherwise the
tile says "no significant change" with a neutral arrow.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.measures import PRIORITY_ORDER, Presented
from pcc.trend_text import NO_SIGNIFICANT_CHANGE, pct_interval_text

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


def change_line(label: str, p: Presented, polarity: str, change, pct, interval) -> str:
    """One change on a tile; interval = (is_significant, lower %, upper %) or None (ratios)."""
    arrow, word, colour = ui.judgement(polarity, change)
    hover = ""
    if interval is not None and change:
        significant, lower, upper = interval
        hover = f"95% interval of the change: {pct_interval_text(lower, upper)}"
        if significant is False:
            arrow, word, colour = "▶", NO_SIGNIFICANT_CHANGE, ui.NEUTRAL
    amount = ui.value_text(p, change, signed=True)
    pct_part = f" ({ui.pct_change_text(pct)})" if pct is not None else ""
    return (
        f'<div style="font-size:0.85rem;color:{colour};" title="{html.escape(hover)}">'
        f'<span aria-hidden="true">{arrow}</span> {html.escape(amount)}{pct_part} '
        f"<b>{word}</b> <span style='color:#444'>vs {label}</span></div>"
    )


def interval_of(significance: pd.DataFrame, measure_id: str, suffix: str):
    if measure_id not in significance.index:
        return None
    row = significance.loc[measure_id]
    flag = row[f"is_significant{suffix}"]
    if pd.isna(flag):
        return None
    return bool(flag), row[f"pct_change{suffix}_lower"], row[f"pct_change{suffix}_upper"]


def tile_html(p: Presented, polarity: str, significance: pd.DataFrame) -> str:
    """One headline measure: value, change against last year and against the baseline."""
    measure_id = p.row.measure_id
    return (
        f'<div class="pcc-tile" data-measure="{html.escape(measure_id)}" '
        'style="border:1px solid #ccc;border-radius:6px;padding:0.6rem 0.8rem;'
        'margin-bottom:0.6rem;min-height:8.2rem;">'
        f'<div style="font-size:0.9rem;color:#333;">{html.escape(p.row.measure_name)}</div>'
        f'<div class="pcc-value" style="font-size:1.7rem;font-weight:600;">'
        f"{html.escape(ui.value_text(p, p.value))}</div>"
        + change_line(
            "last year",
            p,
            polarity,
            p.change,
            p.pct_change,
            interval_of(significance, measure_id, ""),
        )
        + change_line(
            "baseline",
            p,
            polarity,
            p.change_vs_baseline,
            p.pct_change_vs_baseline,
            interval_of(significance, measure_id, "_vs_baseline"),
        )
        + "</div>"
    )


dims = data.measure_dim(stamp).set_index("measure_id")
significance = data.change_significance(stamp, data.FORCE_CODE, window, period_end)
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
        columns[i % 4].markdown(tile_html(p, polarity, significance), unsafe_allow_html=True)

st.caption(
    "▲/▼ show the direction of change; **better**/**worse** follow each measure's polarity "
    "(blue = better, orange = worse, grey = context only or no change). A count's change is "
    "better or worse only when it is statistically significant (its 95% Poisson interval, "
    "shown on hover, excludes no change); otherwise it reads **no significant change** "
    "(▶, grey). Counts are exact; "
    "percentages are summed over the window and rounded half-up; pp = percentage points; "
    "– = not computable (outside the data)."
)
