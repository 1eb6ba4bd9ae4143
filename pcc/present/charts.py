"""Charts shared by the explorer and the quarterly pack.

One definition per chart so the PCC sees the same picture on screen and on paper. Colours
are the Okabe-Ito colour-blind-safe palette, and every series that must be told apart also
differs in dash pattern or shade, so the pack stays readable when printed in greyscale.
Each function takes a tidy pandas frame and returns an altair chart; `to_svg` renders one
offline with vl-convert for the PDF.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#666666",
}
CURRENT = OKABE_ITO["blue"]
COMPARISON = OKABE_ITO["orange"]
BASELINE = OKABE_ITO["grey"]
HIGHLIGHT = OKABE_ITO["vermillion"]

FONT = "DejaVu Sans"  # installed with Debian's fonts; the same metrics on screen and in the PDF


def _configure(chart: alt.Chart | alt.LayerChart, title: str, width: int, height: int):
    return (
        chart.properties(title=title, width=width, height=height)
        .configure(font=FONT)
        .configure_title(fontSize=13, anchor="start")
        .configure_axis(labelFontSize=10, titleFontSize=11, grid=True, gridOpacity=0.4)
        .configure_legend(orient="bottom", labelFontSize=10, titleFontSize=10)
        .configure_view(strokeWidth=0)
    )


def _value_format(unit: str) -> str:
    return ",.1f" if unit in ("percent", "seconds") else ",.0f"


def rolling_trend_chart(
    frame: pd.DataFrame,
    title: str,
    unit: str,
    baseline_value: float | None = None,
    baseline_label: str = "Baseline (12 months to Dec 2019)",
    width: int = 520,
    height: int = 200,
):
    """Rolling 12-month value by month-end, with the baseline as a dashed level.

    frame: columns `period_end` (datetime) and `value`.
    """
    fmt = _value_format(unit)
    line = (
        alt.Chart(frame)
        .mark_line(color=CURRENT, strokeWidth=2.5, point=alt.OverlayMarkDef(size=12, color=CURRENT))
        .encode(
            x=alt.X("period_end:T", title="12 months ending", axis=alt.Axis(format="%b %Y")),
            y=alt.Y(
                "value:Q",
                title=unit,
                # "~" trims zeros: whole labels where the ticks are whole, one decimal where a
                # narrow range (a rate between 10.8 and 11.4) would otherwise repeat "11".
                axis=alt.Axis(format=fmt.replace(".1f", ".1~f")),
                scale=alt.Scale(zero=False),
            ),
            tooltip=[
                alt.Tooltip("period_end:T", title="12 months ending", format="%B %Y"),
                alt.Tooltip("value:Q", title="Rolling year", format=fmt),
            ],
        )
    )
    layers = [line]
    if baseline_value is not None:
        rule_frame = pd.DataFrame({"baseline": [baseline_value], "label": [baseline_label]})
        rule = (
            alt.Chart(rule_frame)
            .mark_rule(color=BASELINE, strokeDash=[6, 4], strokeWidth=2)
            .encode(
                y="baseline:Q",
                tooltip=[alt.Tooltip("baseline:Q", title=baseline_label, format=fmt)],
            )
        )
        label = (
            alt.Chart(rule_frame)
            .mark_text(align="left", dx=4, dy=-6, fontSize=10, color=BASELINE)
            .encode(y="baseline:Q", text="label:N", x=alt.value(0))
        )
        layers += [rule, label]
    return _configure(alt.layer(*layers), title, width, height)


def quarter_comparison_chart(
    frame: pd.DataFrame, title: str, unit: str, width: int = 520, height: int = 200
):
    """Bars per quarter: this year against the same quarter a year earlier.

    frame: columns `quarter` (label, e.g. "Apr-Jun 2025"), `series` ("This year" / "Last year"), `value`.
    """
    fmt = _value_format(unit)
    chart = (
        alt.Chart(frame)
        .mark_bar(stroke="black", strokeWidth=0.6)
        .encode(
            x=alt.X("quarter:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("series:N", sort=["Last year", "This year"]),
            y=alt.Y("value:Q", title=unit, axis=alt.Axis(format=fmt.replace(".1f", ".0f"))),
            # Shade as well as hue, so the pair survives greyscale printing.
            color=alt.Color(
                "series:N",
                title=None,
                sort=["Last year", "This year"],
                scale=alt.Scale(domain=["Last year", "This year"], range=["#BBBBBB", CURRENT]),
            ),
            tooltip=["quarter:N", "series:N", alt.Tooltip("value:Q", format=fmt)],
        )
    )
    return _configure(chart, title, width, height)


def monthly_chart(frame: pd.DataFrame, title: str, unit: str, width: int = 620, height: int = 220):
    """Monthly values with an optional second series drawn dashed.

    frame: columns `month` (datetime), `value`, and optionally `series`.
    """
    fmt = _value_format(unit)
    has_series = "series" in frame.columns
    encoding = {
        "x": alt.X("month:T", title=None, axis=alt.Axis(format="%b %Y")),
        "y": alt.Y("value:Q", title=unit, axis=alt.Axis(format=fmt.replace(".1f", ".0f"))),
        "tooltip": [
            alt.Tooltip("month:T", title="Month", format="%B %Y"),
            alt.Tooltip("value:Q", title=unit, format=fmt),
        ],
    }
    if has_series:
        domain = list(dict.fromkeys(frame["series"]))
        encoding["color"] = alt.Color(
            "series:N",
            title=None,
            scale=alt.Scale(domain=domain, range=list(OKABE_ITO.values())[: len(domain)]),
        )
        encoding["strokeDash"] = alt.StrokeDash("series:N", title=None, sort=domain)
        encoding["tooltip"] = [*encoding["tooltip"], alt.Tooltip("series:N", title="Series")]
    chart = alt.Chart(frame).mark_line(strokeWidth=2, color=CURRENT).encode(**encoding)
    return _configure(chart, title, width, height)


def standard_line_chart(
    frame: pd.DataFrame,
    title: str,
    standard: float,
    standard_label: str,
    width: int = 620,
    height: int = 220,
):
    """A monthly percentage against a fixed standard (e.g. 90% of 999 calls within 10 seconds).

    frame: columns `month` (datetime), `value` (percent), `meets` (bool).
    """
    base = alt.Chart(frame).encode(x=alt.X("month:T", title=None, axis=alt.Axis(format="%b %Y")))
    line = base.mark_line(color=CURRENT, strokeWidth=2).encode(
        y=alt.Y("value:Q", title="percent", scale=alt.Scale(zero=False))
    )
    points = base.mark_point(filled=True, size=30).encode(
        y="value:Q",
        shape=alt.Shape(
            "meets:N",
            title="Meets standard",
            scale=alt.Scale(domain=[True, False], range=["circle", "triangle-down"]),
        ),
        color=alt.Color(
            "meets:N",
            title="Meets standard",
            scale=alt.Scale(domain=[True, False], range=[OKABE_ITO["green"], HIGHLIGHT]),
        ),
        tooltip=[
            alt.Tooltip("month:T", title="Month", format="%B %Y"),
            alt.Tooltip("value:Q", title="percent", format=".1f"),
        ],
    )
    rule_frame = pd.DataFrame({"standard": [standard], "label": [standard_label]})
    rule = alt.Chart(rule_frame).mark_rule(color=BASELINE, strokeDash=[6, 4]).encode(y="standard:Q")
    label = (
        alt.Chart(rule_frame)
        .mark_text(align="left", dx=4, dy=-6, fontSize=10, color=BASELINE)
        .encode(y="standard:Q", text="label:N", x=alt.value(0))
    )
    return _configure(alt.layer(line, points, rule, label), title, width, height)


def ranked_bar_chart(
    frame: pd.DataFrame,
    title: str,
    value_title: str,
    highlight: str | None = None,
    value_format: str = ",.1f",
    width: int = 520,
    height: int | None = None,
    ordered: bool = False,
):
    """Horizontal bars ranked by value (e.g. districts by crimes per 1,000 residents), or in the
    frame's own order when `ordered` (categories with an order of their own, e.g. age bands).

    frame: columns `label` and `value`; the bar whose label equals `highlight` is emphasised.
    """
    data = (
        frame.assign(is_highlight=frame["label"] == highlight)
        if highlight
        else frame.assign(is_highlight=False)
    )
    chart = (
        alt.Chart(data)
        .mark_bar(stroke="black", strokeWidth=0.4)
        .encode(
            y=alt.Y("label:N", title=None, sort=None if ordered else "-x"),
            x=alt.X(
                "value:Q",
                title=value_title,
                axis=alt.Axis(format=value_format.replace(".1f", ".0f")),
            ),
            color=alt.condition("datum.is_highlight", alt.value(HIGHLIGHT), alt.value(CURRENT)),
            tooltip=["label:N", alt.Tooltip("value:Q", title=value_title, format=value_format)],
        )
    )
    return _configure(chart, title, width, height or max(120, 22 * len(frame)))


def ski_slope_chart(frame: pd.DataFrame, title: str, value_title: str, width: int = 720):
    """Every force as a column in dbt's order (a "ski slope"), coloured by group.

    frame: columns `label`, `value`, `order` (dbt's value_order: best first, or highest first
    for a context-only measure; sets the order), `rank` (1 = best; empty for a context-only
    measure) and `group` (Kent, Most similar group or Other force).
    """
    groups = ["Kent", "Most similar group", "Other force"]
    colours = [HIGHLIGHT, OKABE_ITO["orange"], OKABE_ITO["sky"]]
    chart = (
        alt.Chart(frame)
        .mark_bar(stroke="black", strokeWidth=0.3)
        .encode(
            x=alt.X(
                "label:N",
                title=None,
                sort=alt.EncodingSortField(field="order", order="ascending"),
                # Every force named (Kent among them): no label is dropped to avoid overlap.
                axis=alt.Axis(labelAngle=-60, labelFontSize=9, labelOverlap=False),
            ),
            y=alt.Y("value:Q", title=value_title),
            color=alt.Color("group:N", title=None, scale=alt.Scale(domain=groups, range=colours)),
            tooltip=["label:N", "rank:Q", alt.Tooltip("value:Q", title=value_title, format=",.1f")],
        )
    )
    return _configure(chart, title, width, 260)


def _vl_version() -> str:
    """vl-convert names Vega-Lite versions like "5.20"; match the schema altair writes."""
    major_minor = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]
    return major_minor


def _spec(chart) -> str:
    """The Vega-Lite JSON, unvalidated: the explorer draws the same charts through Streamlit,
    which validates them, and validation is a third of the time a pack spends on its charts."""
    return chart.to_json(validate=False)


def to_svg(chart) -> str:
    """Render offline (vl-convert bundles Vega); used by the PDF pack."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(_spec(chart), vl_version=_vl_version())


def to_png(chart, scale: float = 2.0) -> bytes:
    import vl_convert as vlc

    return vlc.vegalite_to_png(_spec(chart), vl_version=_vl_version(), scale=scale)


def category_bar_chart(
    frame: pd.DataFrame,
    title: str,
    value_title: str,
    value_format: str = ",.0f",
    width: int = 520,
    height: int = 200,
):
    """Vertical bars in the frame's order (e.g. detentions by financial year).

    frame: columns `label` and `value`, and optionally `partial` (bool): a partial period is
    drawn lighter, so it is not read as a fall.
    """
    data = frame if "partial" in frame.columns else frame.assign(partial=False)
    chart = (
        alt.Chart(data)
        .mark_bar(stroke="black", strokeWidth=0.4)
        .encode(
            x=alt.X("label:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "value:Q",
                title=value_title,
                axis=alt.Axis(format=value_format.replace(".1f", ".0f")),
            ),
            color=alt.condition("datum.partial", alt.value(OKABE_ITO["sky"]), alt.value(CURRENT)),
            tooltip=["label:N", alt.Tooltip("value:Q", title=value_title, format=value_format)],
        )
    )
    return _configure(chart, title, width, height)


# --- trend and trajectory (SPC, targets, projection) -------------------------------------------

SPC_SIGNALS = ["Outside the limits", "Run of 8+", "Trend of 6+", "No signal"]


def spc_chart(frame: pd.DataFrame, title: str, unit: str, width: int = 620, height: int = 240):
    """Statistical process control chart: monthly values, centre line, control limits, signals.

    frame: columns `month` (datetime), `value`, `centre`, `lower`, `upper` and `signal` (one of
    SPC_SIGNALS). Signal points differ in shape as well as colour, for greyscale printing.
    """
    fmt = _value_format(unit)
    base = alt.Chart(frame).encode(x=alt.X("month:T", title=None, axis=alt.Axis(format="%b %Y")))
    line = base.mark_line(color=CURRENT, strokeWidth=1.8).encode(
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False))
    )
    centre = base.mark_line(color=BASELINE, strokeWidth=1.5).encode(y="centre:Q")
    lower = base.mark_line(color=BASELINE, strokeDash=[6, 4], strokeWidth=1.2).encode(y="lower:Q")
    upper = base.mark_line(color=BASELINE, strokeDash=[6, 4], strokeWidth=1.2).encode(y="upper:Q")
    points = base.mark_point(filled=True, size=34).encode(
        y="value:Q",
        shape=alt.Shape(
            "signal:N",
            title="Signal",
            scale=alt.Scale(
                domain=SPC_SIGNALS, range=["diamond", "square", "triangle-up", "circle"]
            ),
        ),
        color=alt.Color(
            "signal:N",
            title="Signal",
            scale=alt.Scale(
                domain=SPC_SIGNALS,
                range=[HIGHLIGHT, COMPARISON, OKABE_ITO["purple"], OKABE_ITO["sky"]],
            ),
        ),
        tooltip=[
            alt.Tooltip("month:T", title="Month", format="%B %Y"),
            alt.Tooltip("value:Q", title=unit, format=fmt),
            alt.Tooltip("centre:Q", title="Centre line", format=fmt),
            alt.Tooltip("lower:Q", title="Lower limit", format=fmt),
            alt.Tooltip("upper:Q", title="Upper limit", format=fmt),
            alt.Tooltip("signal:N", title="Signal"),
        ],
    )
    return _configure(alt.layer(line, centre, lower, upper, points), title, width, height)


def trajectory_chart(
    frame: pd.DataFrame, title: str, unit: str, width: int = 620, height: int = 240
):
    """A target's glide path (dashed grey) against the actual rolling 12-month value (blue).

    frame: columns `period_end` (datetime), `series` ("Glide path" / "Actual"), `value`.
    """
    fmt = _value_format(unit)
    domain = ["Glide path", "Actual"]
    chart = (
        alt.Chart(frame)
        .mark_line(strokeWidth=2.2)
        .encode(
            x=alt.X("period_end:T", title="12 months ending", axis=alt.Axis(format="%b %Y")),
            y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=True)),
            color=alt.Color(
                "series:N", title=None, scale=alt.Scale(domain=domain, range=[BASELINE, CURRENT])
            ),
            strokeDash=alt.StrokeDash(
                "series:N", title=None, scale=alt.Scale(domain=domain, range=[[6, 4], [1, 0]])
            ),
            tooltip=[
                alt.Tooltip("period_end:T", title="12 months ending", format="%B %Y"),
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("value:Q", title=unit, format=fmt),
            ],
        )
    )
    return _configure(chart, title, width, height)


def projection_chart(
    frame: pd.DataFrame, title: str, unit: str, width: int = 620, height: int = 240
):
    """Recent actual months (solid) and the projection (dashed) with its 80% and 95% intervals.

    frame: columns `month` (datetime), `value`, `series` ("Actual" / "Projection") and, for
    projection rows, `lower_80`, `upper_80`, `lower_95`, `upper_95`.
    """
    fmt = _value_format(unit)
    base = alt.Chart(frame).encode(x=alt.X("month:T", title=None, axis=alt.Axis(format="%b %Y")))
    projected = base.transform_filter("datum.series == 'Projection'")
    band_95 = projected.mark_area(color=OKABE_ITO["sky"], opacity=0.25).encode(
        y=alt.Y("lower_95:Q", title=unit), y2="upper_95:Q"
    )
    band_80 = projected.mark_area(color=OKABE_ITO["sky"], opacity=0.45).encode(
        y="lower_80:Q", y2="upper_80:Q"
    )
    domain = ["Actual", "Projection"]
    line = base.mark_line(strokeWidth=2).encode(
        y=alt.Y("value:Q", title=unit),
        color=alt.Color(
            "series:N", title=None, scale=alt.Scale(domain=domain, range=[CURRENT, BASELINE])
        ),
        strokeDash=alt.StrokeDash(
            "series:N", title=None, scale=alt.Scale(domain=domain, range=[[1, 0], [6, 4]])
        ),
        tooltip=[
            alt.Tooltip("month:T", title="Month", format="%B %Y"),
            alt.Tooltip("series:N", title="Series"),
            alt.Tooltip("value:Q", title=unit, format=fmt),
            alt.Tooltip("lower_95:Q", title="95% from", format=fmt),
            alt.Tooltip("upper_95:Q", title="95% to", format=fmt),
        ],
    )
    return _configure(alt.layer(band_95, band_80, line), title, width, height)
