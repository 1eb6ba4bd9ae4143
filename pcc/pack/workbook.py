"""The Excel workbook: values (never formulas) with real number formats.

Every sheet's first row carries the title, or the DRAFT stamp when the quality gate was
overridden; headers are frozen and filterable. Every table is a pcc.pack.tables Table (the
PDF prints the same cells); workbook dates come from the refresh time so the same warehouse
gives the same file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import xlsxwriter

from pcc.pack import cells, tables
from pcc.pack.data import PackData
from pcc.pack.gate import DRAFT_STAMP
from pcc.pack.text import (
    PACK_TITLE,
    SUPPRESSION_NOTE,
    SYNTHETIC_NOTE,
    cover_lines,
    subtitle,
)
from pcc.present import format as fmt

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
        self.right = wb.add_format({**base, "align": "right"})
        self.numbers = {
            cells.COUNT: wb.add_format({**base, "num_format": "#,##0"}),
            cells.DECIMAL: wb.add_format({**base, "num_format": "#,##0.0"}),
            cells.DECIMAL_2: wb.add_format({**base, "num_format": "#,##0.00"}),
            cells.COUNT_CHANGE: wb.add_format({**base, "num_format": "+#,##0;-#,##0;0"}),
            cells.DECIMAL_CHANGE: wb.add_format({**base, "num_format": "+#,##0.0;-#,##0.0;0.0"}),
        }


def _naive_utc(moment: datetime | None) -> datetime:
    if moment is None:
        return FIXED_CREATED
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _sheet(wb, f: _Formats, name: str, title: str, data: PackData, draft: bool, note=""):
    ws = wb.add_worksheet(name)
    ws.write(0, 0, DRAFT_STAMP if draft else title, f.draft if draft else f.title)
    ws.write(1, 0, (title + ": " if draft else "") + subtitle(data), f.note)
    if data.synthetic:
        ws.write(2, 0, SYNTHETIC_NOTE, f.note)
    if note:
        ws.write(2, 3, note, f.note)
    return ws


def _write(ws, f: _Formats, table: tables.Table) -> None:
    columns = table.columns
    for c, column in enumerate(columns):
        ws.set_column(c, c, column.width)
        ws.write(HEADER_ROW, c, column.title, f.header)
    ws.set_row(HEADER_ROW, 45)
    for r, row in enumerate(table.rows, HEADER_ROW + 1):
        for c, column in enumerate(columns):
            cell = row.cells.get(column.key)
            if cell is None or (cell.number is None and cell.text == fmt.DASH):
                continue  # not computable: an empty cell, as the PDF's dash
            if cell.number is not None:
                ws.write_number(r, c, cell.number, f.numbers[cell.style])
            else:
                ws.write_string(r, c, cell.text, f.text if column.left else f.right)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + max(len(table.rows), 1), len(columns) - 1)


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


def sheet_name(section: str, measures) -> str:
    """A section's sheet: its priority ("Protecting People"), or "National measures"."""
    first = measures[0].year
    return "National measures" if section == first.framework else first.priority


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
    for section, measures in data.sections():
        ws = _sheet(wb, f, sheet_name(section, measures), section, data, draft)
        _write(ws, f, tables.measure_table(data, measures))

    title = "Recorded crime and s.136 detentions by district"
    ws = _sheet(wb, f, "Districts", title, data, draft, SUPPRESSION_NOTE)
    _write(ws, f, tables.district_table(data.districts))

    title = "Section 136 detentions: breakdown (rolling year)"
    ws = _sheet(wb, f, "s136 breakdown", title, data, draft, SUPPRESSION_NOTE)
    _write(ws, f, tables.breakdown_table(data.s136_breakdown))

    if data.trend is not None:
        as_at = f"{data.period.end:%b %Y}"
        title = f"Statistical process control: one reading per measure, as at {as_at}"
        ws = _sheet(wb, f, "SPC readings", title, data, draft)
        _write(ws, f, tables.spc_readings_table(data.trend.readings))
        title = f"Statistical process control: signals live in {as_at}"
        ws = _sheet(wb, f, "SPC signals", title, data, draft)
        _write(ws, f, tables.signals_table(data.trend.signals))
        title = f"Trajectories to targets, 12 months to {data.period.end:%b %Y}"
        ws = _sheet(wb, f, "Targets", title, data, draft)
        _write(ws, f, tables.targets_table(data.trend.targets))

    if data.comparison:
        title = f"How {data.force.name} compares with other forces"
        ws = _sheet(wb, f, "Force comparison", title, data, draft)
        _write(ws, f, tables.comparison_table(data.comparison))

    if data.ranking:
        title = f"Rank among the territorial forces, 12 months to {data.period.end:%b %Y}"
        ws = _sheet(wb, f, "Force ranking", title, data, draft)
        _write(ws, f, tables.ranking_table(data.ranking, data.msg_source))

    ws = _sheet(wb, f, "Definitions", "Definitions", data, draft)
    _write(ws, f, tables.definitions_table(data))
    wb.close()
