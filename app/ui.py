"""Presentation helpers shared by the pages: headers, number formats, suppression, tiles.

Numbers are formatted here only: counts with thousands separators, percentages to one decimal
rounded half-up from their integer numerator and denominator (pcc.numbers), never from a float.
"""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal

import altair as alt
import pandas as pd
import streamlit as st

from pcc import charts
from pcc.charts import BASELINE, COMPARISON, CURRENT
from pcc.disclosure import SUPPRESSED, is_suppressed
from pcc.measures import Presented
from pcc.numbers import round_half_up

DASH = "–"
GOOD, BAD, NEUTRAL = CURRENT, COMPARISON, BASELINE  # Okabe-Ito blue / orange / grey


def month_words(month: date) -> str:
    return month.strftime("%b %Y")


def period_words(first: date, last: date) -> str:
    return f"{month_words(first)} – {month_words(last)}"


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def header(title: str, question: str, period: str | None = None) -> None:
    st.title(title)
    st.markdown(f"*{question}*")
    if period:
        st.caption(f"Period shown: {period}")


def count_text(count: int | None) -> str:
    return DASH if count is None or pd.isna(count) else f"{int(count):,}"


def suppressed_text(count: int | None) -> str:
    """A person-level count for a breakdown: "<5" for 1-4 (pcc.disclosure)."""
    if count is None or pd.isna(count):
        return DASH
    return SUPPRESSED if is_suppressed(int(count)) else f"{int(count):,}"


def pct_text(numerator: int | None, denominator: int | None, places: int = 1) -> str:
    """numerator / denominator as a percentage, rounded half-up exactly."""
    if numerator is None or not denominator or pd.isna(numerator) or pd.isna(denominator):
        return DASH
    return f"{round_half_up(int(numerator) * 100, int(denominator), places):,}%"


def ratio_text(numerator: int | None, denominator: int | None, places: int = 1) -> str:
    if numerator is None or not denominator or pd.isna(numerator) or pd.isna(denominator):
        return DASH
    return f"{round_half_up(int(numerator), int(denominator), places):,}"


def rate(numerator: int, denominator: int, places: int = 1) -> float | None:
    """Half-up rounded ratio as a float, for charts and tables that sort numerically."""
    if not denominator:
        return None
    return float(round_half_up(int(numerator), int(denominator), places))


def percent(numerator: int, denominator: int, places: int = 1) -> float | None:
    return rate(int(numerator) * 100, denominator, places)


# --- board values (pcc.measures.Presented) -----------------------------------------------------


def value_text(p: Presented, value: Decimal | None, signed: bool = False) -> str:
    if value is None:
        return DASH
    sign = "+" if signed and value > 0 else ""
    text = f"{sign}{value:,}"
    if p.row.unit == "percent":
        return text + (" pp" if signed else "%")
    if p.row.unit == "seconds":
        return text + " s"
    return text


def pct_change_text(value: Decimal | None) -> str:
    if value is None:
        return DASH
    return f"{'+' if value > 0 else ''}{value:,}%"


def judgement(polarity: str, change: Decimal | None) -> tuple[str, str, str]:
    """(arrow, word, colour) for a change, by the measure's polarity."""
    if change is None:
        return "", "no comparison", NEUTRAL
    arrow = "▲" if change > 0 else "▼" if change < 0 else "▶"
    if change == 0:
        return arrow, "no change", NEUTRAL
    if polarity == "context_only":
        return arrow, "up" if change > 0 else "down", NEUTRAL
    better = (change < 0) == (polarity == "lower_is_better")
    return arrow, "better" if better else "worse", GOOD if better else BAD


def _change_line(label: str, p: Presented, polarity: str, change, pct) -> str:
    arrow, word, colour = judgement(polarity, change)
    amount = value_text(p, change, signed=True)
    pct_part = f" ({pct_change_text(pct)})" if pct is not None else ""
    return (
        f'<div style="font-size:0.85rem;color:{colour};">'
        f'<span aria-hidden="true">{arrow}</span> {html.escape(amount)}{pct_part} '
        f"<b>{word}</b> <span style='color:#444'>vs {label}</span></div>"
    )


def tile_html(p: Presented, polarity: str) -> str:
    """One headline measure: value, change against last year and against the baseline."""
    return (
        f'<div class="pcc-tile" data-measure="{html.escape(p.row.measure_id)}" '
        'style="border:1px solid #ccc;border-radius:6px;padding:0.6rem 0.8rem;'
        'margin-bottom:0.6rem;min-height:8.2rem;">'
        f'<div style="font-size:0.9rem;color:#333;">{html.escape(p.row.measure_name)}</div>'
        f'<div class="pcc-value" style="font-size:1.7rem;font-weight:600;">'
        f"{html.escape(value_text(p, p.value))}</div>"
        + _change_line("last year", p, polarity, p.change, p.pct_change)
        + _change_line("baseline", p, polarity, p.change_vs_baseline, p.pct_change_vs_baseline)
        + "</div>"
    )


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
    """A pcc.charts chart across its column, with the one-line caption saying what it shows.

    builder names the pcc.charts function and options are its arguments. The spec is cached
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
