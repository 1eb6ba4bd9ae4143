"""The Excel workbook: values (never formulas) with real number formats.

Every sheet's first row carries the title, or the DRAFT stamp when the quality gate was
overridden; headers are frozen and filterable. Workbook dates come from the refresh time so the
same warehouse gives the same file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from pcc.measures import NATIONAL, PRIORITY_ORDER
from pcc.numbers import round_float_half_up
from pcc.pack.data import PackData
from pcc.pack.gate import DRAFT_STAMP
from pcc.pack.tables import (
    CHANGE,
    PCT,
    RATE,
    RATE_CHANGE,
    TEXT,
    VALUE,
    Column,
    breakdown_cells,
    breakdown_columns,
    district_cells,
    district_columns,
    measure_cells,
    measure_columns,
)
from pcc.pack.text import (
    PACK_TITLE,
    SUPPRESSION_NOTE,
    SYNTHETIC_NOTE,
    cover_lines,
    subtitle,
)
from pcc.pack.trend import load_trend_facts
from pcc.trend_text import SIGNAL_WORDS, status_text

FIXED_CREATED = datetime(2000, 1, 1)  # used only when the warehouse carries no refresh time
HEADER_ROW = 3


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"font_name": "Arial", "font_size": 10}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.draft = wb.add_format({**base, "bold": True, "font_size": 14, "font_color": "#C00000"})
        self.note = wb.add_format({**base, "italic": True})
        self.header = wb.add_format(
            {
                **base,
                "bold": True,
                "text_wrap": True,
                "valign": "top",
                "bottom": 1,
                "bg_color": "#DDDDDD",
            }
        )
        self.text = wb.add_format({**base, "valign": "top"})
        self.wrap = wb.add_format({**base, "valign": "top", "text_wrap": True})
        self.suppressed = wb.add_format({**base, "align": "right"})
        self.count = wb.add_format({**base, "num_format": "#,##0"})
        self.decimal = wb.add_format({**base, "num_format": "0.0"})
        self.count_change = wb.add_format({**base, "num_format": "+#,##0;-#,##0;0"})
        self.decimal_change = wb.add_format({**base, "num_format": "+0.0;-0.0;0.0"})


def _naive_utc(moment: datetime | None) -> datetime:
    if moment is None:
        return FIXED_CREATED
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _number(value) -> int | float | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and value.as_tuple().exponent >= 0
            else float(value)
        )
    return value


def _cell_format(f: _Formats, column: Column, is_ratio: bool):
    if column.kind == VALUE:
        return f.decimal if is_ratio else f.count
    if column.kind == CHANGE:
        return f.decimal_change if is_ratio else f.count_change
    if column.kind in (PCT, RATE_CHANGE):
        return f.decimal_change
    if column.kind == RATE:
        return f.decimal
    return f.text


def _sheet_top(ws, f: _Formats, title: str, data: PackData, draft: bool) -> None:
    ws.write(0, 0, DRAFT_STAMP if draft else title, f.draft if draft else f.title)
    ws.write(1, 0, (title + ": " if draft else "") + subtitle(data), f.note)
    if data.synthetic:
        ws.write(2, 0, SYNTHETIC_NOTE, f.note)


def _table(ws, f: _Formats, columns: list[Column], rows: list[dict], ratio_flags: list[bool]):
    for c, column in enumerate(columns):
        ws.set_column(c, c, column.width)
        ws.write(HEADER_ROW, c, column.title, f.header)
    ws.set_row(HEADER_ROW, 45)
    for r, (cells, is_ratio) in enumerate(zip(rows, ratio_flags, strict=True), HEADER_ROW + 1):
        for c, column in enumerate(columns):
            value = _number(cells.get(column.key))
            if value is None:
                continue
            if isinstance(value, str):
                fmt = f.suppressed if column.kind != TEXT else f.text
                ws.write_string(r, c, value, fmt)
            else:
                ws.write_number(r, c, value, _cell_format(f, column, is_ratio))
    ws.freeze_panes(HEADER_ROW + 1, 1)
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + max(len(rows), 1), len(columns) - 1)


def _measure_sheet(wb, f, name: str, title: str, data: PackData, measures, draft: bool) -> None:
    ws = wb.add_worksheet(name)
    _sheet_top(ws, f, title, data, draft)
    columns = measure_columns(data)
    _table(
        ws,
        f,
        columns,
        [measure_cells(m) for m in measures],
        [m.info.kind == "ratio" for m in measures],
    )


def _cover(wb, f, data: PackData, draft: bool) -> None:
    ws = wb.add_worksheet("Cover")
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 90)
    ws.write(0, 0, DRAFT_STAMP if draft else PACK_TITLE, f.draft if draft else f.title)
    ws.write(1, 0, PACK_TITLE if draft else "Kent Police and Crime Commissioner", f.note)
    row = 3
    for label, text in cover_lines(data, draft):
        ws.write(row, 0, label, f.header)
        ws.write(row, 1, text, f.wrap)
        row += 1
    if data.quality.failures:
        row += 1
        ws.write(row, 0, "Failed quality checks", f.header)
        for suite, target, expectation, column, severity in data.quality.failures:
            row += 1
            ws.write(row, 1, f"[{severity}] {suite}: {target}.{column} {expectation}", f.wrap)


def _trend_sheets(wb, f: _Formats, data: PackData, draft: bool) -> None:
    """Live SPC signals and target trajectories (marts/trend), when the warehouse has them."""
    trend = load_trend_facts(data.period.end)
    if trend is None:
        return
    ws = wb.add_worksheet("SPC signals")
    _sheet_top(ws, f, "Statistical process control: signals live in the latest month", data, draft)
    columns = [
        Column("reading", "Reading", TEXT, 110),
        Column("signal", "Signal", TEXT, 20),
        Column("assessment", "Assessment", TEXT, 16),
        Column("since", "Since", TEXT, 12),
        Column("measure_id", "Measure ID", TEXT, 30),
    ]
    rows = [
        {
            "reading": s.reading,
            "signal": SIGNAL_WORDS[s.signal_type],
            "assessment": s.assessment,
            "since": f"{s.since_month:%b %Y}",
            "measure_id": s.measure_id,
        }
        for s in trend.signals
    ]
    _table(ws, f, columns, rows, [False] * len(rows))

    ws = wb.add_worksheet("Targets")
    _sheet_top(ws, f, f"Trajectories to targets, 12 months to {data.period.end:%b %Y}", data, draft)
    columns = [
        Column("measure_name", "Measure", TEXT, 40),
        Column("source", "Target", TEXT, 60),
        Column("start_value", "Start (12 months)", VALUE, 14),
        Column("start_period_end", "Start: 12 months to", TEXT, 14),
        Column("target_value", "Target (12 months)", VALUE, 14),
        Column("target_period_end", "Target: 12 months to", TEXT, 14),
        Column("path_value", "Glide path now", VALUE, 14),
        Column("actual_value", "Actual now", VALUE, 14),
        Column("status", "Status", TEXT, 28),
    ]

    def whole(value: float | None):
        return None if value is None else int(round_float_half_up(value, 0))

    rows = [
        {
            "measure_name": t.measure_name,
            "source": t.source,
            "start_value": whole(t.start_value),
            "start_period_end": t.start_period_end,
            "target_value": whole(t.target_value),
            "target_period_end": t.target_period_end,
            "path_value": whole(t.path_value),
            "actual_value": whole(t.actual_value),
            "status": status_text(t.status),
        }
        for t in trend.targets
    ]
    _table(ws, f, columns, rows, [False] * len(rows))


def write_workbook(path: Path, data: PackData, draft: bool) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    created = _naive_utc(data.refreshed_at)
    wb.set_properties(
        {
            "title": f"{PACK_TITLE}: {data.period.label}",
            "subject": "Quarterly Performance & Delivery Board pack",
            "author": "Office of the Kent Police and Crime Commissioner",
            "company": "Office of the Kent Police and Crime Commissioner",
            "comments": SYNTHETIC_NOTE if data.synthetic else "",
            "created": created,
        }
    )
    f = _Formats(wb)
    _cover(wb, f, data, draft)
    for priority in PRIORITY_ORDER:
        _measure_sheet(wb, f, priority, priority, data, data.by_priority(priority), draft)
    _measure_sheet(wb, f, "National measures", NATIONAL, data, data.by_framework(NATIONAL), draft)

    ws = wb.add_worksheet("Districts")
    _sheet_top(ws, f, "Recorded crime and s.136 detentions by district", data, draft)
    ws.write(2, 3, SUPPRESSION_NOTE, f.note)
    _table(
        ws,
        f,
        district_columns(),
        [district_cells(r) for r in data.districts],
        [False] * len(data.districts),
    )

    ws = wb.add_worksheet("s136 breakdown")
    _sheet_top(ws, f, "Section 136 detentions: breakdown (rolling year)", data, draft)
    ws.write(2, 3, SUPPRESSION_NOTE, f.note)
    _table(
        ws,
        f,
        breakdown_columns(),
        [breakdown_cells(r) for r in data.s136_breakdown],
        [False] * len(data.s136_breakdown),
    )

    _trend_sheets(wb, f, data, draft)

    ws = wb.add_worksheet("Definitions")
    _sheet_top(ws, f, "Definitions", data, draft)
    columns = [
        Column("measure_name", "Measure", TEXT, 44),
        Column("framework", "Framework", TEXT, 30),
        Column("priority", "Priority", TEXT, 22),
        Column("polarity", "Polarity", TEXT, 16),
        Column("unit", "Unit", TEXT, 10),
        Column("source", "Source", TEXT, 22),
        Column("definition", "Definition", TEXT, 90),
        Column("measure_id", "Measure ID", TEXT, 30),
    ]
    rows = [
        {
            "measure_name": m.info.measure_name,
            "framework": m.info.framework,
            "priority": m.info.priority,
            "polarity": m.info.polarity.replace("_", " "),
            "unit": m.info.unit,
            "source": m.info.source_name,
            "definition": m.info.definition,
            "measure_id": m.info.measure_id,
        }
        for m in data.measures
    ]
    _table(ws, f, columns, rows, [False] * len(rows))
    wb.close()
