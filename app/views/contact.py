"""Public contact: 999 and 101 call handling against the national standard.

Figures are the board's calls_* measures (marts.fct_measure_board) and the monthly values and
standard tests of marts.fct_measure_monthly_board: the page selects and formats them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.present import format as fmt

WITHIN_10S = "calls_999_within_10s_pct"
STREAK = "calls_999_months_meeting_standard"
CHARTED = (
    WITHIN_10S,
    "calls_999_avg_answer_seconds",
    "calls_999_abandoned_pct",
    "calls_101_answered_pct",
    "calls_101_abandoned_pct",
    "calls_101_avg_answer_seconds",
)

TITLE = "Public contact: 999 and 101"
QUESTION = "How quickly does the force answer emergency (999) and non-emergency (101) calls?"

stamp = data.warehouse_stamp()
kent = data.force_code(stamp)
ends = data.period_ends(stamp, 12, kent, WITHIN_10S)
if not ends:
    ui.not_loaded(TITLE, QUESTION, data.measure_dim(stamp).set_index("measure_id").loc[WITHIN_10S])
top = st.container()  # title first, filled once the controls are read

period_end = st.selectbox(
    "12 months ending",
    ends,
    format_func=fmt.month,
    key="contact_period",
)
board = {r.measure_id: r for r in data.board(stamp, kent, 12, period_end)}
first = board[WITHIN_10S]

with top:
    ui.header(
        TITLE,
        QUESTION,
        f"{fmt.month_span(first.period_start, first.period_end)} (12 months); charts show every "
        "month",
    )


def shown(measure_id: str) -> str:
    """The board's value of a measure, in its unit."""
    r = board[measure_id]
    return fmt.withheld(
        fmt.measure_value(r.value_rounded, r.unit, r.value_decimals), r.value_suppressed
    )


def verdict(measure_id: str) -> str:
    r = board[measure_id]
    return f"Against last year: {fmt.verdict(r.verdict_vs_previous)}. {r.definition}."


monthly = data.monthly_board(stamp, kent, CHARTED)


def series(measure_id: str, name: str | None = None) -> pd.DataFrame:
    """Monthly values of a measure as the mart rounds them, for a chart."""
    frame = monthly[monthly["measure_id"] == measure_id]
    out = pd.DataFrame(
        {"month": pd.to_datetime(frame["month_start"]), "value": ui.chart_values(frame)}
    )
    return out if name is None else out.assign(series=name)


standard_rows = monthly[(monthly["measure_id"] == WITHIN_10S) & monthly["standard"].notna()]
standard = standard_rows["standard"].iloc[0] if len(standard_rows) else None
standard_text = fmt.measure_value(standard, "percent", 0)

st.subheader("999 emergency calls")
m = st.columns(4)
m[0].metric(
    "Answered within 10 seconds",
    shown(WITHIN_10S),
    help=f"National standard: {standard_text}. {verdict(WITHIN_10S)}",
)
m[1].metric(
    "Average time to answer",
    shown("calls_999_avg_answer_seconds"),
    help=verdict("calls_999_avg_answer_seconds"),
)
m[2].metric("Abandoned", shown("calls_999_abandoned_pct"), help=verdict("calls_999_abandoned_pct"))
m[3].metric(
    f"Months in a row at {standard_text}+",
    shown(STREAK),
    help=f"{board[STREAK].definition}; {fmt.DASH} = the run goes back to the first month of "
    "the data, so its length is not known.",
)
st.caption(
    f"{fmt.number(board['calls_999_abandoned_pct'].denominator)} 999 calls offered in the "
    "12 months."
)

within = monthly[monthly["measure_id"] == WITHIN_10S]
ui.show_chart(
    "standard_line_chart",
    series(WITHIN_10S).assign(meets=within["meets_standard"].astype(bool).to_numpy()),
    "Share of answered 999 calls picked up within 10 seconds, by month.",
    yes_no_legend="meets:N",
    describe_legend=True,
    title="999 calls answered within 10 seconds",
    standard=float(standard) if standard is not None else None,
    standard_label=f"National standard {standard_text}",
    height=200,
)
left, right = st.columns(2)
with left:
    ui.show_chart(
        "monthly_chart",
        series("calls_999_avg_answer_seconds"),
        "Average seconds from a 999 call being offered to its answer, over answered calls.",
        title="999 average time to answer",
        unit="seconds",
        height=170,
    )
with right:
    ui.show_chart(
        "monthly_chart",
        series("calls_999_abandoned_pct"),
        "Share of 999 calls offered that were abandoned before being answered, by month.",
        y_format=",.1~f",  # whole-number ticks would repeat ("1, 1, 2") on this narrow range
        title="999 calls abandoned",
        unit="percent",
        height=170,
    )

st.subheader("101 non-emergency calls")
m = st.columns(4)
m[0].metric("Answered", shown("calls_101_answered_pct"), help=verdict("calls_101_answered_pct"))
m[1].metric(
    "Average wait to answer",
    shown("calls_101_avg_answer_seconds"),
    help=verdict("calls_101_avg_answer_seconds"),
)
m[2].metric("Abandoned", shown("calls_101_abandoned_pct"), help=verdict("calls_101_abandoned_pct"))
m[3].metric("Calls offered", fmt.number(board["calls_101_answered_pct"].denominator))

left, right = st.columns(2)
with left:
    ui.show_chart(
        "monthly_chart",
        pd.concat(
            [
                series("calls_101_answered_pct", "Answered"),
                series("calls_101_abandoned_pct", "Abandoned"),
            ]
        ),
        "Share of 101 calls offered that were answered, and that were abandoned, by month.",
        title="101 calls answered and abandoned",
        unit="percent",
        height=170,
    )
with right:
    ui.show_chart(
        "monthly_chart",
        series("calls_101_avg_answer_seconds"),
        "Average seconds from a 101 call being offered to its answer, over answered calls.",
        title="101 average wait to answer",
        unit="seconds",
        height=170,
    )
ui.board_download(
    [board[m] for m in (*CHARTED, STREAK)],
    f"calls_{period_end:%Y-%m}.csv",
    "contact_download",
    "the call-handling figures",
)
ui.figure_sources(("fct_measure_board", "fct_measure_monthly_board"), (*CHARTED, STREAK))
