"""Public contact: 999 and 101 call handling against the national standard."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui

STANDARD = 90  # national standard: 90% of 999 calls answered within 10 seconds

stamp = data.warehouse_stamp()
calls_999 = data.calls_monthly(stamp, "999")
calls_101 = data.calls_monthly(stamp, "101")
top = st.container()  # title first, filled once the controls are read

months = sorted(calls_999["month_start"], reverse=True)[: max(len(calls_999) - 11, 1)]
period_end = st.selectbox(
    "12 months ending", months, format_func=ui.month_words, key="contact_period"
)
first = ui.add_months(period_end, -11)

with top:
    ui.header(
        "Public contact: 999 and 101",
        "How quickly does the force answer emergency (999) and non-emergency (101) calls?",
        f"{ui.period_words(first, period_end)} (12 months); charts show every month",
    )


def window(frame: pd.DataFrame) -> pd.Series:
    inside = frame[(frame["month_start"] >= first) & (frame["month_start"] <= period_end)]
    return inside.drop(columns="month_start").sum()


def streak_at(frame: pd.DataFrame, end) -> tuple[int, bool]:
    """Consecutive months up to `end` meeting the standard; True if the run reaches the data start."""
    run = 0
    for row in frame[frame["month_start"] <= end].iloc[::-1].itertuples():
        # Exact integer test: within_10s / answered >= 90%.
        if row.calls_answered and row.answered_within_10s * 100 >= STANDARD * row.calls_answered:
            run += 1
        else:
            return run, False
    return run, True


w999, w101 = window(calls_999), window(calls_101)
run, from_start = streak_at(calls_999, period_end)

st.subheader("999 emergency calls")
m = st.columns(4)
m[0].metric(
    "Answered within 10 seconds",
    ui.pct_text(w999["answered_within_10s"], w999["calls_answered"]),
    help=f"National standard: {STANDARD}%",
)
m[1].metric(
    "Average time to answer",
    f"{ui.ratio_text(w999['total_answer_seconds'], w999['calls_answered'])} s",
)
m[2].metric("Abandoned", ui.pct_text(w999["calls_abandoned"], w999["calls_offered"]))
m[3].metric(
    "Months in a row at 90%+",
    f"{run}{'+' if from_start and run else ''}",
    help="Consecutive months up to the period end with at least 90% answered within 10 s"
    + ("; the run goes back to the first month of the data." if from_start else "."),
)
st.caption(f"{ui.count_text(w999['calls_offered'])} 999 calls offered in the 12 months.")


def series(
    frame: pd.DataFrame, name: str, numerator: str, denominator: str, scale: int
) -> pd.DataFrame:
    """Monthly numerator / denominator (x scale, e.g. 100 for %), half-up to one decimal."""
    return pd.DataFrame(
        {
            "month": pd.to_datetime(frame["month_start"]),
            "value": [
                ui.rate(n * scale, d)
                for n, d in zip(frame[numerator], frame[denominator], strict=True)
            ],
            "series": name,
        }
    )


monthly = calls_999.assign(month=pd.to_datetime(calls_999["month_start"]))
monthly = monthly.assign(
    value=[
        ui.percent(a, b)
        for a, b in zip(monthly["answered_within_10s"], monthly["calls_answered"], strict=True)
    ],
    meets=[
        bool(b) and a * 100 >= STANDARD * b
        for a, b in zip(monthly["answered_within_10s"], monthly["calls_answered"], strict=True)
    ],
)
ui.show_chart(
    "standard_line_chart",
    monthly[["month", "value", "meets"]],
    "Share of answered 999 calls picked up within 10 seconds, by month; green circles meet the "
    "standard, red triangles miss it.",
    yes_no_legend="meets:N",
    title="999 calls answered within 10 seconds",
    standard=STANDARD,
    standard_label=f"National standard {STANDARD}%",
    height=200,
)
left, right = st.columns(2)
with left:
    ui.show_chart(
        "monthly_chart",
        series(calls_999, "999", "total_answer_seconds", "calls_answered", 1).drop(
            columns="series"
        ),
        "Average seconds from a 999 call being offered to its answer, over answered calls.",
        title="999 average time to answer",
        unit="seconds",
        height=170,
    )
with right:
    ui.show_chart(
        "monthly_chart",
        series(calls_999, "999", "calls_abandoned", "calls_offered", 100).drop(columns="series"),
        "Share of 999 calls offered that were abandoned before being answered, by month.",
        y_format=",.1~f",  # whole-number ticks would repeat ("1, 1, 2") on this narrow range
        title="999 calls abandoned",
        unit="percent",
        height=170,
    )

st.subheader("101 non-emergency calls")
m = st.columns(4)
m[0].metric("Answered", ui.pct_text(w101["calls_answered"], w101["calls_offered"]))
m[1].metric(
    "Average wait to answer",
    f"{ui.ratio_text(w101['total_answer_seconds'], w101['calls_answered'])} s",
)
m[2].metric("Abandoned", ui.pct_text(w101["calls_abandoned"], w101["calls_offered"]))
m[3].metric("Calls offered", ui.count_text(w101["calls_offered"]))

left, right = st.columns(2)
with left:
    frame = pd.concat(
        [
            series(calls_101, "Answered", "calls_answered", "calls_offered", 100),
            series(calls_101, "Abandoned", "calls_abandoned", "calls_offered", 100),
        ]
    )
    ui.show_chart(
        "monthly_chart",
        frame,
        "Share of 101 calls offered that were answered, and that were abandoned, by month.",
        title="101 calls answered and abandoned",
        unit="percent",
        height=170,
    )
with right:
    ui.show_chart(
        "monthly_chart",
        series(calls_101, "101", "total_answer_seconds", "calls_answered", 1).drop(
            columns="series"
        ),
        "Average seconds from a 101 call being offered to its answer, over answered calls.",
        title="101 average wait to answer",
        unit="seconds",
        height=170,
    )
