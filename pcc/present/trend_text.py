"""Words and numbers for the trend marts, shared by the explorer and the pack.

Significance (marts.fct_measure_change_significance) decides whether a change may be called a
rise or a fall at all: within Poisson noise it is "no significant change". Floats from the trend
marts (limits, paths, projections) are rounded half-up as they print (pcc.present.numbers).
"""

from __future__ import annotations

from pcc.present.numbers import round_float_half_up

NO_SIGNIFICANT_CHANGE = "no significant change"
STATUS_WORDS = {
    "on_track": "on track",
    "close_to_path": "behind the path, within noise",
    "off_track": "off track",
}
SIGNAL_WORDS = {
    "outside_limits": "Outside the limits",
    "shift": "Run of 8+",
    "trend": "Trend of 6+",
}
CHART_WORDS = {
    "xmr": "XmR chart (individuals with moving range)",
    "c": "c-chart (Poisson counts)",
    "none": "not charted (fewer than 1 a month in the baseline)",
}


def places_for(unit: str) -> int:
    return 1 if unit in ("percent", "seconds") else 0


def number_text(value: float | None, unit: str) -> str:
    """A float from the trend marts as readers see it: 1,234 / 12.3% / 45.6 s."""
    if value is None or value != value:  # None or NaN
        return "–"
    text = f"{round_float_half_up(float(value), places_for(unit)):,}"
    if unit == "percent":
        return text + "%"
    if unit == "seconds":
        return text + " s"
    return text


def pct_interval_text(lower: float | None, upper: float | None) -> str:
    """A 95% interval of a % change: "-8.0% to +56.5%"."""
    if lower is None or upper is None or lower != lower or upper != upper:
        return "–"

    def signed(v: float) -> str:
        d = round_float_half_up(float(v), 1)
        return f"{'+' if d > 0 else ''}{d:,}%"

    return f"{signed(lower)} to {signed(upper)}"


def status_text(status: str | None) -> str:
    return STATUS_WORDS.get(status or "", "no actual yet")
