"""Overview: the Police and Crime Plan on a page, one tile per headline measure.

Every figure, verdict and disclosure state is a board row (marts.fct_measure_board, the rows
`pcc measures` prints), written with pcc.present.format: better / worse only where dbt found
the change statistically significant, otherwise "no significant change" in grey.
"""

from __future__ import annotations

import html

import streamlit as st

from app import data, ui
from pcc.present import format as fmt
from pcc.read.board import BoardRow

stamp = data.warehouse_stamp()
top = st.container()  # title first, filled once the controls are read
WINDOWS = {"Rolling year (12 months)": 12, "Quarter (3 months)": 3}
kent = data.force_code(stamp)

left, right = st.columns([1, 1])
window_label = left.radio("Window", list(WINDOWS), horizontal=True, key="overview_window")
window = WINDOWS[window_label]
ends = data.period_ends(stamp, window, kent)
period_end = right.selectbox("Period ending", ends, format_func=fmt.month, key="overview_period")
rows = data.board(stamp, kent, window, period_end)

with top:
    first = rows[0]
    ui.header(
        "Police and Crime Plan: overview",
        "How is Kent doing on the plan's headline measures, against last year and against 2019?",
        f"{fmt.month_span(first.period_start, first.period_end)} against "
        f"{fmt.month_span(first.previous_period_start, first.previous_period_end)} (last year) "
        f"and {fmt.month_span(first.baseline_period_start, first.baseline_period_end)} "
        "(baseline)",
    )


def change_line(label: str, r: BoardRow, change, pct, verdict, significance, withheld) -> str:
    """One change on a tile: arrow (direction), amount, % and the board's verdict."""
    amount = fmt.withheld(
        fmt.measure_value(change, r.unit, r.value_decimals, signed=True), withheld
    )
    pct_part = f" ({fmt.withheld(fmt.pct_change(pct), withheld)})" if pct is not None else ""
    hover = f"Significance: {significance}" if significance else ""
    return (
        f'<div style="font-size:0.85rem;color:{ui.verdict_colour(verdict)};" '
        f'title="{html.escape(hover)}">'
        f'<span aria-hidden="true">{ui.arrow(None if withheld else change)}</span> '
        f"{html.escape(amount)}{html.escape(pct_part)} "
        f"<b>{html.escape(fmt.verdict(verdict))}</b> <span style='color:#444'>vs {label}</span></div>"
    )


def tile_html(r: BoardRow) -> str:
    """One headline measure: value, change against last year and against the baseline."""
    value = fmt.withheld(
        fmt.measure_value(r.value_rounded, r.unit, r.value_decimals), r.value_suppressed
    )
    return (
        f'<div class="pcc-tile" data-measure="{html.escape(r.measure_id)}" '
        'style="border:1px solid #ccc;border-radius:6px;padding:0.6rem 0.8rem;'
        'margin-bottom:0.6rem;min-height:8.2rem;">'
        f'<div style="font-size:0.9rem;color:#333;">{html.escape(r.measure_name)}</div>'
        f'<div class="pcc-value" style="font-size:1.7rem;font-weight:600;">'
        f"{html.escape(value)}</div>"
        + change_line(
            "last year",
            r,
            r.change_rounded,
            r.pct_change_rounded,
            r.verdict_vs_previous,
            r.significance_vs_previous,
            r.change_suppressed,
        )
        + change_line(
            "baseline",
            r,
            r.change_vs_baseline_rounded,
            r.pct_change_vs_baseline_rounded,
            r.verdict_vs_baseline,
            r.significance_vs_baseline,
            r.change_vs_baseline_suppressed,
        )
        + "</div>"
    )


dims = data.measure_dim(stamp)
headline = set(dims.loc[dims["is_headline"], "measure_id"])
tiles = [r for r in rows if r.measure_id in headline]
for section in dict.fromkeys(r.board_section for r in tiles):
    st.subheader(section)
    columns = st.columns(4)
    for i, r in enumerate(t for t in tiles if t.board_section == section):
        columns[i % 4].markdown(tile_html(r), unsafe_allow_html=True)

st.caption(
    "▲/▼ show the direction of change; **better**/**worse** follow each measure's polarity "
    "(blue = better, orange = worse, grey = context only or no significant change) and are "
    "given only where the change is statistically significant (95%; the test is shown on "
    "hover); otherwise the tile reads **no significant change**. Counts are exact; "
    "percentages are summed over the window and rounded half-up; pp = percentage points; "
    f"{fmt.DASH} = not computable (outside the data)."
)
ui.board_download(
    rows,
    f"board_{window}m_{period_end:%Y-%m}.csv",
    "overview_download",
    "every measure's figures",
)

ui.quarterly_pack(stamp, data.period_ends(stamp, 3, kent), "overview_pack")
ui.figure_sources(("fct_measure_board",))
