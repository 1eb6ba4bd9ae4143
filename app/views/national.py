"""National Crime and Policing Measures: the annual report's table, with trends."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app import data, ui
from pcc import charts
from pcc.measures import NATIONAL

ROLLING = "Rolling 12 months"
PANEL_WIDTH = 330  # two panels and their axes fit the wide layout's main column

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
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height="content",
    column_config={"Measure": st.column_config.TextColumn(width=265)},
)
st.caption(
    f"{area_name}. Counts are exact; satisfaction is summed respondents over the year, rounded "
    "half-up; pp = percentage points; – = not computable (outside the data or a zero comparison)."
)


def trend_frame(rows, trend: pd.DataFrame, baseline_label: str) -> pd.DataFrame:
    """Long frame for the small multiples: each measure's rolling value and its baseline level."""
    parts = []
    for p in rows:
        frame = trend[trend["measure_id"] == p.row.measure_id]
        if frame.empty:
            continue
        panel = p.row.measure_name + (" (%)" if p.row.unit == "percent" else "")
        months = pd.to_datetime(frame["period_end"])
        parts.append(
            pd.DataFrame({"panel": panel, "period_end": months, "value": frame["value"]}).assign(
                series=ROLLING
            )
        )
        if p.baseline_value is not None:
            parts.append(
                pd.DataFrame(
                    {"panel": panel, "period_end": months, "value": float(p.baseline_value)}
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
    rows = [p for p in data.board(stamp, area_name, 12, period_end) if p.row.framework == NATIONAL]
    frame = trend_frame(rows, data.rolling_values(stamp, area_code), baseline_label)
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
