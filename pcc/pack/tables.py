"""The rows and columns the pack's tables share between the workbook and the PDF.

One definition of each table (its columns, and how each cell is taken from the figures) keeps
the Excel sheet and the printed page identical; suppression of small counts happens here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pcc.disclosure import is_suppressed, suppress_count
from pcc.measures import add_months
from pcc.numbers import round_half_up
from pcc.pack.data import BreakdownRow, DistrictRow, MeasureFigures, PackData
from pcc.pack.period import quarter_label

# Kinds of cell, which decide the number format: value (count or ratio), change (signed),
# pct (signed % change, one decimal), rate (solved rate %), text.
VALUE, CHANGE, PCT, RATE, RATE_CHANGE, TEXT = (
    "value",
    "change",
    "pct",
    "rate",
    "rate_change",
    "text",
)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str
    width: float  # Excel character width; the PDF uses it as a relative width


def _month(d) -> str:
    return f"{d:%b %Y}"


def measure_columns(data: PackData) -> list[Column]:
    p = data.period
    year = f"{_month(p.year_start)}-{_month(p.end)}"
    prev = f"{_month(add_months(p.year_start, -12))}-{_month(add_months(p.end, -12))}"
    quarter = quarter_label(p.end)
    last_quarter = quarter_label(add_months(p.end, -12))
    baseline = f"12 months to {data.baseline_end:%b %Y}"
    return [
        Column("measure_name", "Measure", TEXT, 44),
        Column("unit", "Unit", TEXT, 10),
        Column("polarity", "Polarity", TEXT, 16),
        Column("year", f"Rolling year ({year})", VALUE, 14),
        Column("previous_year", f"Previous rolling year ({prev})", VALUE, 14),
        Column("year_change", "Change on previous year", CHANGE, 12),
        Column("year_pct", "% change on previous year", PCT, 11),
        Column("quarter", f"Quarter ({quarter})", VALUE, 12),
        Column("previous_quarter", f"Same quarter last year ({last_quarter})", VALUE, 13),
        Column("quarter_change", "Change on same quarter", CHANGE, 12),
        Column("quarter_pct", "% change on same quarter", PCT, 11),
        Column("baseline", f"Baseline ({baseline})", VALUE, 13),
        Column("baseline_change", "Change vs baseline", CHANGE, 12),
        Column("baseline_pct", "% change vs baseline", PCT, 11),
        Column("solved_rate", "Solved rate % (rolling year)", RATE, 11),
        Column("previous_solved_rate", "Solved rate % (previous year)", RATE, 11),
        Column("solved_rate_change", "Solved rate change (pp)", RATE_CHANGE, 11),
        Column("measure_id", "Measure ID", TEXT, 30),
    ]


def measure_cells(m: MeasureFigures) -> dict:
    y, q, s = m.year, m.quarter, m.solved
    return {
        "measure_name": y.row.measure_name,
        "unit": m.info.unit,
        "polarity": m.info.polarity.replace("_", " "),
        "year": y.value,
        "previous_year": y.previous_value,
        "year_change": y.change,
        "year_pct": y.pct_change,
        "quarter": q.value if q else None,
        "previous_quarter": q.previous_value if q else None,
        "quarter_change": q.change if q else None,
        "quarter_pct": q.pct_change if q else None,
        "baseline": y.baseline_value,
        "baseline_change": y.change_vs_baseline,
        "baseline_pct": y.pct_change_vs_baseline,
        "solved_rate": s.rate if s else None,
        "previous_solved_rate": s.previous_rate if s else None,
        "solved_rate_change": s.change if s else None,
        "measure_id": y.row.measure_id,
    }


BREAKDOWN_COLUMNS = [
    Column("group", "", TEXT, 24),
    Column("label", "", TEXT, 34),
    Column("value", "Rolling year", VALUE, 14),
    Column("previous", "Previous rolling year", VALUE, 14),
    Column("change", "Change", CHANGE, 12),
    Column("pct", "% change", PCT, 11),
]


def _suppressed_pair(value: int | None, previous: int | None) -> dict:
    """Counts under 5 become "<5"; a change next to a suppressed count would reveal it."""
    cells = {"value": suppress_count(value), "previous": suppress_count(previous)}
    if value is None or previous is None or is_suppressed(value) or is_suppressed(previous):
        cells.update(change=None, pct=None)
    else:
        cells["change"] = Decimal(value - previous)
        cells["pct"] = round_half_up((value - previous) * 100, previous, 1) if previous else None
    return cells


def district_columns() -> list[Column]:
    cols = list(BREAKDOWN_COLUMNS)
    cols[0] = Column("group", "District", TEXT, 22)
    cols[1] = Column("label", "Measure", TEXT, 44)
    return [*cols, Column("measure_id", "Measure ID", TEXT, 30)]


def district_cells(row: DistrictRow) -> dict:
    return {
        "group": row.district,
        "label": row.measure_name,
        **_suppressed_pair(row.value, row.previous_value),
        "measure_id": row.measure_id,
    }


def breakdown_columns() -> list[Column]:
    cols = list(BREAKDOWN_COLUMNS)
    cols[0] = Column("group", "Breakdown", TEXT, 22)
    cols[1] = Column("label", "Category", TEXT, 34)
    return cols


def breakdown_cells(row: BreakdownRow) -> dict:
    return {
        "group": row.dimension,
        "label": row.category,
        **_suppressed_pair(row.value, row.previous_value),
    }
