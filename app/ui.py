"""Presentation helpers shared by the pages: headers, verdict colours, disclosure, charts.

Figures arrive computed and rounded in dbt (the board, marts.fct_measure_board, and the other
display marts) and are written with pcc.present.format. The few breakdown tables that are not
yet display marts (s.136 and victims breakdowns, the crime explorer's free selections) go
through the helpers at the end of this module, so they can be switched to marts in one place.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from pcc.present import charts
from pcc.present import format as fmt
from pcc.present.charts import BASELINE, COMPARISON, CURRENT
from pcc.present.disclosure import is_suppressed
from pcc.present.numbers import round_half_up

DASH = fmt.DASH
GOOD, BAD, NEUTRAL = CURRENT, COMPARISON, BASELINE  # Okabe-Ito blue / orange / grey
VERDICT_COLOURS = {"better": GOOD, "worse": BAD}  # every other verdict is neutral grey


def verdict_colour(verdict: str | None) -> str:
    return VERDICT_COLOURS.get(verdict, NEUTRAL)


def arrow(change) -> str:
    """▲ / ▼ / ▶ from the sign of a rounded change (direction only, not a judgement)."""
    if change is None:
        return ""
    return "▲" if change > 0 else "▼" if change < 0 else "▶"


def header(title: str, question: str, period: str | None = None) -> None:
    st.title(title)
    st.markdown(f"*{question}*")
    if period:
        st.caption(f"Period shown: {period}")


def chart_values(frame: pd.DataFrame) -> pd.Series:
    """A display mart's rounded values as floats for a chart, withheld ones left out."""
    return frame["value_rounded"].astype(float).where(~frame["value_suppressed"].astype(bool))


# Streamlit fits a chart's whole height (title, axes, legend) into its `height` unless told
# otherwise, which squashes the plot; fit-x stretches the width to the column and keeps `height`
# for the plot itself, as in the pack.
_FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")


@st.cache_data(show_spinner=False, max_entries=512)
def _chart_spec(
    builder: str,
    frame: pd.DataFrame,
    options: tuple,
    y_zero: bool | None,
    y_format: str | None,
    label_limit: int | None,
    yes_no_legend: str | None,
) -> dict:
    chart = getattr(charts, builder)(frame, **dict(options))
    if y_zero is not None:
        chart.encoding.y.scale = alt.Scale(zero=y_zero)
    if y_format is not None:
        chart.encoding.y.axis = alt.Axis(format=y_format)
    if label_limit is not None:
        chart.config.axis.labelLimit = label_limit
    if yes_no_legend is not None:
        for layer in chart.layer:
            for channel in (layer.encoding.color, layer.encoding.shape):
                if getattr(channel, "shorthand", None) == yes_no_legend:
                    channel.legend = alt.Legend(labelExpr="datum.value ? 'yes' : 'no'")
    return chart.properties(autosize=_FIT_WIDTH).to_dict()


def show_chart(
    builder: str,
    frame: pd.DataFrame,
    caption: str,
    *,
    y_zero: bool | None = None,
    y_format: str | None = None,
    label_limit: int | None = None,
    yes_no_legend: str | None = None,
    **options,
) -> None:
    """A pcc.present.charts chart across its column, with the one-line caption saying what it shows.

    builder names the pcc.present.charts function and options are its arguments. The spec is cached
    on the data and options, since building and validating an altair chart costs far more
    than drawing it. The keyword tweaks adjust the shared chart for the screen: y_zero (scale
    from zero or not), y_format (tick format), label_limit (axis label width in px) and
    yes_no_legend (a boolean field, e.g. "meets:N", whose legend reads yes/no).
    """
    spec = _chart_spec(
        builder,
        frame,
        tuple(sorted(options.items())),
        y_zero,
        y_format,
        label_limit,
        yes_no_legend,
    )
    st.vega_lite_chart(spec, width="stretch")
    if caption:  # empty when the page writes a longer caption of its own below
        st.caption(caption)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


# --- not yet display marts: breakdown tables and free selections --------------------------------
# Breakdowns by place of safety, age band, service, ... and the crime explorer's selections are
# summed in SQL (app.data) but rounded and suppressed here, until publishable breakdown marts
# (with secondary suppression) replace them.


def breakdown_count(count: int | None) -> str:
    """A person-level count in a breakdown as published: "<5" for 1-4 (pcc.present.disclosure)."""
    if count is None or pd.isna(count):
        return DASH
    return fmt.SUPPRESSED if is_suppressed(int(count)) else fmt.number(int(count))


def breakdown_hidden(count: int | None) -> bool:
    return count is not None and not pd.isna(count) and is_suppressed(int(count))


def breakdown_pct(numerator: int | None, denominator: int | None) -> str:
    """numerator / denominator as a percentage, rounded half-up exactly."""
    if numerator is None or not denominator or pd.isna(numerator) or pd.isna(denominator):
        return DASH
    return fmt.number(round_half_up(int(numerator) * 100, int(denominator), 1), 1) + "%"


def breakdown_ratio(numerator: int | None, denominator: int | None) -> str:
    if numerator is None or not denominator or pd.isna(numerator) or pd.isna(denominator):
        return DASH
    return fmt.number(round_half_up(int(numerator), int(denominator), 1), 1)


def breakdown_rate(numerator: int, denominator: int, scale: int = 1) -> float | None:
    """numerator * scale / denominator, half-up to 1 decimal, as a float for a chart."""
    if not denominator:
        return None
    return float(round_half_up(int(numerator) * scale, int(denominator), 1))
