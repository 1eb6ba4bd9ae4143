"""Trends and targets: is a change real (SPC signals), is Kent on course (trajectories), and
what would the next 12 months look like if last year repeated (projection)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.present import charts
from pcc.present import format as fmt
from pcc.present.trend_text import CHART_WORDS, SIGNAL_WORDS, number_text, status_text

stamp = data.warehouse_stamp()
top = st.container()  # title first, filled once the controls are read
with top:
    ui.header(
        "Trends and targets",
        "Which changes are more than month-to-month noise, and is Kent on course for its targets?",
    )

if not data.trend_tables_present(stamp):
    st.info("This warehouse was built before the trend marts existed: run `pcc refresh`.")
    st.stop()

dims = data.measure_dim(stamp).set_index("measure_id")
charted = dims[dims["unit"] != "months"]  # streak measures are run lengths, not a process
area_frame = data.areas(stamp)

# Open on the first measure with a live signal for Kent, rather than on a rare count.
live = [
    m for m in data.spc_signals(stamp, data.force_code(stamp))["measure_id"] if m in charted.index
]
left, right = st.columns([2, 1])
measure_id = left.selectbox(
    "Measure",
    list(charted.index),
    index=list(charted.index).index(live[0]) if live else 0,
    format_func=lambda m: charted.at[m, "measure_name"],
    key="trends_measure",
)
info = charted.loc[measure_id]
area_choices = area_frame if info["has_district_breakdown"] else area_frame.iloc[:1]
area_name = right.selectbox("Area", list(area_choices["area_name"]), key="trends_area")
area_code = area_frame.set_index("area_name").at[area_name, "area_code"]
unit = info["unit"]


def disclosed(frame: pd.DataFrame, value: str, suppressed: str) -> pd.Series:
    """The values a chart may draw: those disclosure control withholds (the mart's flag, a
    person-level count of 1-4 below force level) are left out."""
    return frame[value].where(~frame[suppressed].astype(bool))


# --- statistical process control ---------------------------------------------------------------


def _icon(letter: str, colour: str) -> str:
    return (
        f'<span style="display:inline-block;min-width:1.4em;padding:0 0.3em;border-radius:0.7em;'
        f'background:{colour};color:#fff;font-weight:600;text-align:center;">{letter}</span>'
    )


def spc_icons(variation, direction, assurance) -> str:
    """The Making Data Count icons of a reading (NHS England, "Making Data Count:
    strengthening your decisions", 2019): letter, colour and meaning from pcc.present.format."""
    direction = None if pd.isna(direction) else direction
    assurance = None if pd.isna(assurance) else assurance
    text = f"{_icon(*fmt.spc_variation_icon(variation, direction))} **{fmt.spc_variation(variation, direction)}**"
    letter, colour = fmt.spc_assurance_icon(assurance)
    if letter:
        text += f" &nbsp; {_icon(letter, colour)} **{fmt.spc_assurance(assurance)}**"
    return text


st.subheader(f"Statistical process control: {info['measure_name']}, {area_name}")
series = data.spc_series(stamp, measure_id, area_code)
if series.empty or series["chart_type"].iloc[0] == "none":
    st.info(
        f"{info['measure_name']} in {area_name} is too rare for control limits "
        "(fewer than 1 a month in the baseline), so no SPC signals are computed."
    )
else:
    current = series.iloc[-1]  # the current process (the chart re-bases after a sustained shift)
    signal = pd.Series("No signal", index=series.index)
    signal[series["is_trend_signal"]] = charts.SPC_SIGNALS[2]
    signal[series["is_run_signal"]] = charts.SPC_SIGNALS[1]
    signal[series["is_outside_limits"]] = charts.SPC_SIGNALS[0]
    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(series["month_start"]),
            "value": disclosed(series, "value", "value_suppressed"),
            "centre": series["centre"],
            "lower": series["lower_limit"],
            "upper": series["upper_limit"],
            "signal": signal,
        }
    )
    title = f"{info['measure_name']} by month, {area_name}"
    ui.show_chart("spc_chart", frame, "", title=title, unit=unit)
    baseline = fmt.month_span(current["baseline_start"].date(), current["baseline_end"].date())
    st.caption(
        f"{CHART_WORDS[current['chart_type']]}. Latest centre line (solid grey) "
        f"{number_text(current['centre'], unit)} and control limits (dashed) "
        f"{number_text(current['lower_limit'], unit)} to {number_text(current['upper_limit'], unit)}, "
        f"from the current process's baseline {baseline}. Signals: a month outside the limits; "
        "8 or more months in a row on one side of the centre line; 6 or more months in a row "
        "each higher (or each lower) than the one before. A confirmed sustained shift starts a "
        "new process with its own limits (re-basing); seasonal measures are judged seasonally "
        "adjusted, so a summer peak alone is no signal (docs/spc.md)."
        + (
            f" Months withheld by disclosure control ({fmt.SUPPRESSED}) are not plotted."
            if info["is_about_people"]
            else ""
        )
    )
    readings = data.spc_readings(stamp, area_code)
    mine = readings[readings["measure_id"] == measure_id]
    if not mine.empty:
        r = mine.iloc[0]
        st.markdown(
            spc_icons(r["variation"], r["direction"], r["assurance"])
            + f" read at {fmt.month(r['reading_month'])}"
            + (
                " (its later months are provisional: open investigations)"
                if r["has_provisional_months"]
                else ""
            ),
            unsafe_allow_html=True,
        )
        # The months each rule flags, counted in dbt (marts.fct_spc_summary).
        flagged = (r["months_outside_limits"], r["months_run_signal"], r["months_trend_signal"])
        for column, kind, months in zip(
            st.columns(3), charts.SPC_SIGNALS[:3], flagged, strict=True
        ):
            column.metric(f"Months flagged: {kind.lower()}", fmt.number(int(months)))

# --- current signals ---------------------------------------------------------------------------

signals = data.spc_signals(stamp, area_code)
st.subheader(f"Signals live in the latest month, {area_name}")
if signals.empty:
    st.success(f"No measure in {area_name} shows a signal in its latest month.")
else:
    mine = signals[signals["measure_id"] == measure_id]
    for reading in mine["reading"]:
        st.markdown(f"**{reading}**")
    table = pd.DataFrame(
        {
            "Reading": signals["reading"],
            "Signal": signals["signal_type"].map(SIGNAL_WORDS),
            "Assessment": signals["assessment"],
            "Since": pd.to_datetime(signals["since_month"]).dt.strftime("%b %Y"),
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={"Reading": st.column_config.TextColumn(width="large")},
    )
    st.caption(
        f"{len(signals):,} signals in {signals['measure_id'].nunique():,} measures. "
        "improvement / deterioration follow each measure's polarity; neutral = context only."
    )
    ui.download(signals, f"spc_signals_{area_code}.csv", "trends_download_signals", "the signals")

# --- one reading per measure (Making Data Count icons) ----------------------------------------

all_readings = data.spc_readings(stamp, area_code)
if not all_readings.empty:
    st.subheader(f"One reading per measure, {area_name}")
    st.dataframe(
        pd.DataFrame(
            {
                "Measure": all_readings["measure_name"],
                "Variation": [
                    f"{fmt.spc_variation_icon(v, None if pd.isna(d) else d)[0]} "
                    f"{fmt.spc_variation(v, None if pd.isna(d) else d)}"
                    for v, d in zip(
                        all_readings["variation"], all_readings["direction"], strict=True
                    )
                ],
                "Assurance": all_readings["assurance"].map(
                    lambda a: fmt.spc_assurance(None if pd.isna(a) else a)
                ),
                "Read at": all_readings["reading_month"].map(fmt.month),
                "Process since": all_readings["phase_start"].map(fmt.month),
            }
        ),
        hide_index=True,
        width="stretch",
        # Fixed widths (px) that fit an 800 px window; a cell's full text shows on hover.
        column_config={
            "Measure": st.column_config.TextColumn(width=190),
            "Variation": st.column_config.TextColumn(width=290),
            "Assurance": st.column_config.TextColumn(width=100),
            "Read at": st.column_config.TextColumn(width=70),
            "Process since": st.column_config.TextColumn(
                width=70, help="The month the current process (its limits) starts: re-based then"
            ),
        },
    )
    st.caption(
        "NHS England's Making Data Count icons (Strengthening your decisions, 2019): ~ common "
        "cause (grey); special cause improvement (blue) or concern (orange), or neither for a "
        "context-only measure (purple), on higher (H) or lower (L) values; assurance against a "
        "monthly standard: consistently passing (P), consistently falling short (F), hit and "
        "miss (?). Solved rates are read at their latest mature month."
    )
    ui.download(
        all_readings, f"spc_readings_{area_code}.csv", "trends_download_readings", "the readings"
    )

# --- targets -----------------------------------------------------------------------------------

st.subheader("Targets: trajectories to the national pledges")
trajectories = data.target_trajectories(stamp)
if trajectories.empty:
    st.info("No targets are seeded (dbt_project/seeds/targets/targets.csv).")
for _target_id, path in trajectories.groupby("target_id", sort=False):
    head = path.iloc[0]
    target_unit = dims.at[head["measure_id"], "unit"] if head["measure_id"] in dims.index else ""
    latest = path[path["is_latest_actual"]]
    st.markdown(f"**{head['measure_name']}**: {head['source']}")
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(
        f"12 months to {fmt.month(head['period_end'])} (start)",
        number_text(head["start_value"], target_unit),
    )
    m2.metric(
        f"Target, 12 months to {fmt.month(path.iloc[-1]['period_end'])}",
        number_text(head["target_value"], target_unit),
    )
    if latest.empty:
        m3.metric("Latest actual", ui.DASH)
        m4.markdown("Status  \n**no actual yet**")
    else:
        row = latest.iloc[0]
        m3.metric(
            f"12 months to {fmt.month(row['period_end'])}",
            number_text(row["actual_value"], target_unit),
            delta=f"path {number_text(row['path_value'], target_unit)}",
            delta_color="off",
        )
        m4.markdown(f"Status  \n**{status_text(row['status']).capitalize()}**")
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "period_end": path["period_end"],
                    "series": "Glide path",
                    "value": path["path_value"],
                }
            ),
            pd.DataFrame(
                {
                    "period_end": path["period_end"],
                    "series": "Actual",
                    "value": path["actual_value"],
                }
            ).dropna(),
        ]
    ).assign(period_end=lambda f: pd.to_datetime(f["period_end"]))
    ui.show_chart(
        "trajectory_chart",
        long,
        "",
        title=f"{head['measure_name']}: glide path and actual",
        unit=target_unit,
    )
    glide = (
        "a constant rate (the same % fall each month)"
        if head["glide_path"] == "constant_rate"
        else "a straight line"
    )
    st.caption(
        f"{head['notes']} Glide path: {glide}. Status: on track at or below the path; behind "
        "within noise when above it but inside the 95% Poisson interval of the count; off track "
        "otherwise."
    )

# --- projection --------------------------------------------------------------------------------

st.subheader(f"Projection of the next 12 months: {info['measure_name']}, {area_name}")
projected = data.projection(stamp, measure_id, area_code)
if projected.empty:
    st.info("No projection: the series is shorter than a year.")
else:
    history = data.measure_monthly(stamp, measure_id, area_code).tail(24)
    actual = pd.DataFrame(
        {
            "month": history["month_start"],
            "value": disclosed(history, "value", "value_suppressed"),
            "series": "Actual",
        }
    )
    ahead = pd.DataFrame(
        {
            "month": projected["month_start"],
            "value": disclosed(projected, "projected_value", "projected_suppressed"),
            "series": "Projection",
            "lower_80": projected["lower_80"],
            "upper_80": projected["upper_80"],
            "lower_95": projected["lower_95"],
            "upper_95": projected["upper_95"],
        }
    )
    frame = pd.concat([actual, ahead], ignore_index=True).assign(
        month=lambda f: pd.to_datetime(f["month"])
    )
    ui.show_chart(
        "projection_chart",
        frame,
        "",
        title=f"{info['measure_name']}: last 24 months and next 12",
        unit=unit,
    )
    table = pd.DataFrame(
        {
            "Month": pd.to_datetime(projected["month_start"]).dt.strftime("%b %Y"),
            "Projected": [
                ui.DASH if withheld else number_text(v, unit)
                for v, withheld in zip(
                    projected["projected_value"], projected["projected_suppressed"], strict=True
                )
            ],
            "80% interval": [
                f"{number_text(lo, unit)} – {number_text(hi, unit)}"
                for lo, hi in zip(projected["lower_80"], projected["upper_80"], strict=True)
            ],
            "95% interval": [
                f"{number_text(lo, unit)} – {number_text(hi, unit)}"
                for lo, hi in zip(projected["lower_95"], projected["upper_95"], strict=True)
            ],
        }
    )
    st.dataframe(table, hide_index=True, width="content")
    st.caption(
        "Seasonal naive projection: each month as the same month last year. The interval comes "
        f"from the last {int(projected['error_months'].iloc[0]):,} months' seasonal naive errors "
        f"(root mean square {number_text(projected['error_sd'].iloc[0], unit)}). It shows what "
        "to expect if the coming year repeats the last; it is not a target."
    )
ui.figure_sources(
    ("fct_spc_monthly", "fct_target_trajectory", "fct_measure_projection"), (measure_id,)
)
