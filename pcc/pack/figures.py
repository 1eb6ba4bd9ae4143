"""The pack's charts: the explorer's shared altair charts rendered offline to SVG.

Charts are drawn for headline measures only, two per measure (rolling year against the
baseline level; the latest quarters against the same quarters a year earlier). Frames are
built in a fixed order so the same warehouse gives byte-identical SVG.
"""

from __future__ import annotations

import pandas as pd

from pcc.pack.data import MeasureFigures, PackData
from pcc.present import charts

CHART_WIDTH = 290
CHART_HEIGHT = 130


def charted(data: PackData) -> list[MeasureFigures]:
    return [m for m in data.measures if m.info.is_headline and m.info.measure_id in data.trends]


def trend_chart(data: PackData, m: MeasureFigures):
    points = data.trends.get(m.info.measure_id, [])
    frame = pd.DataFrame(
        {
            "period_end": pd.to_datetime([p.period_end for p in points]),
            "value": [p.value for p in points],
        }
    )
    baseline = None if m.year.baseline_value_suppressed else m.year.baseline_value_rounded
    return charts.rolling_trend_chart(
        frame,
        title="Rolling 12 months",
        unit=m.year.unit,
        baseline_value=None if baseline is None else float(baseline),
        baseline_label=f"Baseline ({data.period.year_baseline.short})",
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
    )


def quarter_chart(data: PackData, m: MeasureFigures):
    rows = []
    for q in data.quarters.get(m.info.measure_id, []):
        label = q.quarter.tick
        if q.previous_value is not None:
            rows.append((label, "Last year", q.previous_value))
        if q.value is not None:
            rows.append((label, "This year", q.value))
    frame = pd.DataFrame(rows, columns=["quarter", "series", "value"])
    return charts.quarter_comparison_chart(
        frame,
        title="Quarter against the same quarter a year earlier",
        unit=m.year.unit,
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
    )


def render_charts(data: PackData) -> dict[str, str]:
    """measure_id:trend / measure_id:quarter -> SVG text, in pack order."""
    out: dict[str, str] = {}
    for m in charted(data):
        out[f"{m.info.measure_id}:trend"] = charts.to_svg(trend_chart(data, m))
        if data.quarters.get(m.info.measure_id):
            out[f"{m.info.measure_id}:quarter"] = charts.to_svg(quarter_chart(data, m))
    return out
