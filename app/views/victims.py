"""Victims: commissioned services' referrals and support, and victim satisfaction.

Totals, satisfaction and its trend are board rows (marts.fct_measure_board); the breakdowns by
service and crime category, and the cells disclosure control withholds in them, come from
marts.fct_victim_service_breakdowns.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.present import format as fmt

TOTALS = ("victim_referrals", "victims_supported")
COUNTS = {"referrals_received": "Referrals", "contacted": "Contacted", "supported": "Supported"}

TITLE = "Victims: services and satisfaction"
QUESTION = (
    "How many victims do the PCC's commissioned services reach and support, and how "
    "satisfied are victims with the police?"
)

stamp = data.warehouse_stamp()
kent = data.force_code(stamp)
ends = data.period_ends(stamp, 12, kent, TOTALS[0])
if not ends:
    ui.not_loaded(TITLE, QUESTION, data.measure_dim(stamp).set_index("measure_id").loc[TOTALS[0]])
top = st.container()  # title first, filled once the controls are read

period_end = st.selectbox(
    "12 months ending",
    ends,
    format_func=fmt.month,
    key="victims_period",
)
rows = data.board(stamp, kent, 12, period_end)
board = {r.measure_id: r for r in rows}
first = rows[0]
with top:
    ui.header(
        TITLE,
        QUESTION,
        f"{fmt.month_span(first.period_start, first.period_end)} (12 months)",
    )

m = st.columns(len(TOTALS))
for col, measure_id in zip(m, TOTALS, strict=True):
    r = board[measure_id]
    col.metric(
        r.measure_name,
        fmt.withheld(fmt.measure_value(r.value_rounded, r.unit, 0), r.value_suppressed),
        help=f"Against last year: {fmt.verdict(r.verdict_vs_previous)}. {r.definition}.",
    )

mixes = data.victim_breakdowns(stamp, 12, first.period_end)


def breakdown(by: str, title: str) -> pd.DataFrame:
    """One breakdown as published: the counts the mart withholds are left empty."""
    table = mixes[mixes["breakdown"] == by]
    shown = pd.DataFrame({title: table["category"]})
    for column, label in COUNTS.items():
        shown[label] = ui.withheld(table[column], table[f"{column}_suppressed"])
    return shown


counts = {label: ui.count_column() for label in COUNTS.values()}
by_service = breakdown("service", "Service")
by_category = breakdown("crime_category", "Crime category")
st.markdown("**By service**")
ui.table(by_service, counts)
st.markdown("**By crime category**")
ui.table(by_category, counts)
st.caption(
    "Sums of the services' monthly returns; support can exceed referrals (support continues "
    f"for victims referred earlier). {ui.WITHHELD_NOTE}"
)
ui.download(
    pd.concat(
        [
            by_service.rename(columns={"Service": "category"}).assign(breakdown="service"),
            by_category.rename(columns={"Crime category": "category"}).assign(
                breakdown="crime category"
            ),
        ]
    )[["breakdown", "category", *COUNTS.values()]],
    f"victims_breakdowns_{first.period_end:%Y-%m}.csv",
    "victims_download_breakdowns",
    "the breakdowns",
)

monthly = data.monthly_board(stamp, kent, TOTALS)
ui.show_chart(
    "monthly_chart",
    pd.concat(
        [
            pd.DataFrame(
                {
                    "month": pd.to_datetime(frame["month_start"]),
                    "value": ui.chart_values(frame),
                    "series": board[measure_id].measure_name,
                }
            )
            for measure_id, frame in monthly.groupby("measure_id", sort=False)
        ]
    ),
    "All commissioned services, each month: referrals received and victims supported.",
    title="Referrals and support by month",
    unit="victims",
    height=200,
)

st.subheader("Victim satisfaction")
dims = data.measure_dim(stamp)
survey_ids = [m for m in dims.loc[dims["source"] == "victim_satisfaction", "measure_id"]]
surveyed = [board[m] for m in survey_ids if m in board]


def _published(value, suppressed: bool):
    """A board figure as a number for a number column; empty where disclosure withholds it."""
    return None if value is None or suppressed else float(value)


ui.table(
    pd.DataFrame(
        [
            {
                "Measure": r.measure_name,
                "Respondents": _published(r.denominator, r.value_suppressed),
                "Satisfied": _published(r.value_rounded, r.value_suppressed),
                "A year earlier": _published(r.previous_value_rounded, r.previous_value_suppressed),
                "Change": _published(r.change_rounded, r.change_suppressed),
                "Verdict": fmt.verdict(r.verdict_vs_previous),
            }
            for r in surveyed
        ]
    ),
    {
        "Measure": st.column_config.TextColumn(width=250),  # fits 800 px; full name on hover
        "Respondents": ui.count_column(),
        "Satisfied": ui.decimal_column(suffix="%"),
        "A year earlier": ui.decimal_column(suffix="%"),
        "Change": st.column_config.NumberColumn(format="%+.1f pp", width=ui.NUMBER_WIDTH),
        "Verdict": st.column_config.TextColumn(width=130),
    },
)
st.caption(
    "Satisfied respondents / respondents, both summed over the 12 months (not an average "
    "of monthly rates), rounded half-up; better / worse only where the change is statistically "
    "significant."
)

trend = data.board_series(stamp, kent, 12, tuple(survey_ids))
names = {r.measure_id: r.measure_name for r in surveyed}
ui.show_chart(
    "monthly_chart",
    pd.DataFrame(
        {
            "month": pd.to_datetime(trend["period_end"]),
            "value": ui.chart_values(trend),
            "series": trend["measure_id"].map(names),
        }
    ).dropna(),
    "Satisfaction in the 12 months ending each month, by survey (summed respondents).",
    y_zero=False,  # from zero, rates between 80% and 100% would be drawn as flat lines
    title="Victim satisfaction, rolling year",
    unit="percent",
    height=200,
)
ui.figure_sources(("fct_measure_board", "fct_victim_service_breakdowns"), (*TOTALS, *survey_ids))
