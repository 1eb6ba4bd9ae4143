"""National Crime and Policing Measures: the annual report's table, with trends."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app import data, ui
from pcc.present import charts
from pcc.present import format as fmt
from pcc.present.board_table import table_cells

ROLLING = "Rolling 12 months"
PANEL_WIDTH = 290  # two panels and their axes fit the main column of an 800 px window
COLUMNS = (
    "Measure",
    "Current year",
    "Previous year",
    "Change",
    "Change %",
    "Verdict",
    "Baseline",
    "Change vs baseline",
    "Change vs baseline %",
    "Verdict vs baseline",
)

stamp = data.warehouse_stamp()
top = st.container()  # title first, filled once the controls are read
area_frame = data.areas(stamp)

left, right = st.columns(2)
area_name = left.selectbox("Area", list(area_frame["area_name"]), key="national_area")
area_code = area_frame.set_index("area_name").at[area_name, "area_code"]
ends = data.period_ends(stamp, 12, area_code)
period_end = right.selectbox("12 months ending", ends, format_func=fmt.month, key="national_period")
rows = [r for r in data.board(stamp, area_code, 12, period_end) if r.framework == data.NATIONAL]
first = rows[0]
baseline_words = fmt.month_span(first.baseline_period_start, first.baseline_period_end)

with top:
    ui.header(
        "National Crime and Policing Measures",
        "How do the Home Office's national measures compare with last year and with the "
        "12 months to December 2019?",
        f"{fmt.month_span(first.period_start, first.period_end)}; previous year "
        f"{fmt.month_span(first.previous_period_start, first.previous_period_end)}; "
        f"baseline {baseline_words}",
    )

# The published view: person-level counts below force level are withheld (<5) as the board's
# disclosure flags say, with secondary suppression across districts.
# Measures of different units share the value columns, so the cells are the board's text (the
# one formatter); one table against last year and one against the baseline each fit a narrow
# window. The download carries the board's figures as numbers.
table = pd.DataFrame([table_cells(r, publishable=True) for r in rows], columns=list(COLUMNS))
name_column = {"Measure": st.column_config.TextColumn(width="medium", pinned=True)}
against_year, against_baseline = st.tabs(["Against last year", f"Against {baseline_words}"])
with against_year:
    ui.table(table[list(COLUMNS[:6])], name_column)
with against_baseline:
    ui.table(table[[COLUMNS[0], *COLUMNS[6:]]], name_column)
ui.board_download(
    rows,
    f"national_measures_{area_code}_{period_end:%Y-%m}.csv",
    "national_download",
    "the figures",
)
st.caption(
    f"{area_name}. Counts are exact; satisfaction is summed respondents over the year, rounded "
    "half-up; pp = percentage points; better / worse only where the change is statistically "
    f"significant; {fmt.DASH} = not computable (outside the data or a zero comparison); "
    f"{fmt.SUPPRESSED} = withheld (disclosure control: a count of 1-4 people, or a district "
    "count that would reveal one)."
)


def trend_frame(rows, trend: pd.DataFrame, baseline_label: str) -> pd.DataFrame:
    """Long frame for the small multiples: each measure's rolling value and its baseline level,
    both as the board rounds them; withheld values are not drawn."""
    parts = []
    for r in rows:
        frame = trend[trend["measure_id"] == r.measure_id]
        if frame.empty:
            continue
        panel = r.measure_name + (" (%)" if r.unit == "percent" else "")
        months = pd.to_datetime(frame["period_end"])
        parts.append(
            pd.DataFrame(
                {"panel": panel, "period_end": months, "value": ui.chart_values(frame)}
            ).assign(series=ROLLING)
        )
        if r.baseline_value_rounded is not None and not r.baseline_value_suppressed:
            parts.append(
                pd.DataFrame(
                    {"panel": panel, "period_end": months, "value": float(r.baseline_value_rounded)}
                ).assign(series=baseline_label)
            )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def small_multiples(frame: pd.DataFrame, baseline_label: str, title: str):
    """One chart, one panel per measure (own y scale): a single spec draws fast, unlike one
    chart per measure."""
    series = [ROLLING, baseline_label]
    panels = list(dict.fromkeys(frame["panel"]))
    return (
        alt.Chart(frame)
        .mark_line(strokeWidth=2)
        .encode(
            x=alt.X("period_end:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
            y=alt.Y(
                "value:Q",
                title=None,
                scale=alt.Scale(zero=False),
                axis=alt.Axis(format=",.1~f", tickCount=4, minExtent=42),
            ),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=series, range=[charts.CURRENT, charts.BASELINE]),
            ),
            strokeDash=alt.StrokeDash(
                "series:N", title=None, scale=alt.Scale(domain=series, range=[[1, 0], [6, 4]])
            ),
            tooltip=[
                alt.Tooltip("panel:N", title="Measure"),
                alt.Tooltip("period_end:T", title="12 months ending", format="%B %Y"),
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("value:Q", title="Value", format=",.1~f"),
            ],
        )
        .properties(width=PANEL_WIDTH, height=110)
        .facet(
            facet=alt.Facet(
                "panel:N",
                title=None,
                sort=panels,
                header=alt.Header(
                    labelFontSize=12,
                    labelFontWeight="bold",
                    labelAnchor="start",
                    labelLimit=PANEL_WIDTH,
                ),
            ),
            columns=2,
            spacing={"row": 18, "column": 28},
        )
        .resolve_scale(y="independent")
        .properties(title=title)
        .configure(font=charts.FONT)
        .configure_title(fontSize=13, anchor="start")
        .configure_axis(labelFontSize=10, grid=True, gridOpacity=0.4)
        .configure_legend(orient="top", labelFontSize=11, labelLimit=0, symbolStrokeWidth=2.5)
        .configure_view(strokeWidth=0)
    )


@st.cache_data(show_spinner=False, max_entries=64)
def trends_spec(
    stamp: int, area_name: str, area_code: str, period_end, baseline_label: str
) -> dict:
    """The small-multiples spec, built once per warehouse, area and period (keyed on stamp)."""
    rows = [r for r in data.board(stamp, area_code, 12, period_end) if r.framework == data.NATIONAL]
    series = data.board_series(stamp, area_code, 12, tuple(r.measure_id for r in rows))
    frame = trend_frame(rows, series, baseline_label)
    if frame.empty:
        return {}
    title = f"Rolling 12-month value by month, {area_name}"
    return small_multiples(frame, baseline_label, title).to_dict()


st.subheader("Trends")
spec = trends_spec(stamp, area_name, area_code, period_end, f"Baseline ({baseline_words})")
if spec:
    st.vega_lite_chart(spec, width="content")
    st.caption(
        "Each measure's value for the 12 months ending each month (solid), against its "
        "baseline-year level (dashed); each panel has its own scale. Measures with no figures "
        "for the area are left out."
    )
else:
    st.info(f"No trend figures for {area_name}.")
ui.figure_sources(("fct_measure_board", "fct_measure_monthly_board"))
