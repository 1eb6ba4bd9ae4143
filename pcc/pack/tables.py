"""The pack's tables, defined once: the workbook writes every column, the PDF a named subset.

Each cell carries the text the PDF prints (pcc.present.format) and the number the workbook
writes (None where the cell is text: a dash, "<5" or a word), both taken from the same board
figure, so the sheet and the page cannot disagree. Nothing here computes a figure: the board
(marts.fct_measure_board) has rounded them and set their disclosure flags.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from pcc.months import parse_month
from pcc.pack.cells import COUNT, COUNT_CHANGE, DECIMAL, DECIMAL_2, Cell, figure, pct, text, whole
from pcc.pack.data import BreakdownRow, MeasureFigures, PackData
from pcc.pack.trend import Signal, SpcReading, TargetStatus
from pcc.present import format as fmt
from pcc.present.ranking import value_text
from pcc.present.trend_text import SIGNAL_WORDS, status_text
from pcc.read.board import BoardRow
from pcc.read.ranking import RankingRow


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # workbook header
    width: float  # Excel character width; the PDF uses it as a relative width
    short: str = ""  # PDF header (default: the title)
    left: bool = False  # text column
    pdf_width: float | None = None  # relative width in the PDF, if not `width`

    @property
    def pdf_title(self) -> str:
        return self.short or self.title


@dataclass(frozen=True)
class Row:
    cells: dict[str, Cell]
    group: str | None = None  # the PDF's group heading above this row, if it starts one


@dataclass(frozen=True)
class Table:
    columns: list[Column]
    rows: list[Row]
    pdf_keys: tuple[str, ...] = field(default=())

    def pdf_columns(self) -> list[Column]:
        by_key = {c.key: c for c in self.columns}
        return [by_key[k] for k in self.pdf_keys] if self.pdf_keys else self.columns

    def pdf_widths(self) -> list[tuple[Column, float]]:
        """The PDF's columns with their share of the page width (%)."""
        columns = self.pdf_columns()
        widths = [c.pdf_width or c.width for c in columns]
        total = sum(widths)
        return [(c, w * 100 / total) for c, w in zip(columns, widths, strict=True)]

    def select(self, keys: Iterable[str]) -> Table:
        return Table(self.columns, self.rows, tuple(keys))


# --- measure tables ---------------------------------------------------------------------------


def window_cells(prefix: str, r: BoardRow | None) -> dict[str, Cell]:
    """Current, previous, change and % change of one window, with the verdict."""
    if r is None:
        return {
            f"{prefix}{k}": text(None) for k in ("", "_previous", "_change", "_pct", "_verdict")
        }
    unit, places = r.unit, r.value_decimals
    return {
        prefix: figure(r.value_rounded, unit, places, withheld=r.value_suppressed),
        f"{prefix}_previous": figure(
            r.previous_value_rounded, unit, places, withheld=r.previous_value_suppressed
        ),
        f"{prefix}_change": figure(
            r.change_rounded, unit, places, signed=True, withheld=r.change_suppressed
        ),
        f"{prefix}_pct": pct(r.pct_change_rounded, withheld=r.change_suppressed),
        f"{prefix}_verdict": Cell(fmt.verdict(r.verdict_vs_previous)),
    }


def baseline_cells(r: BoardRow) -> dict[str, Cell]:
    unit, places = r.unit, r.value_decimals
    withheld = r.change_vs_baseline_suppressed
    return {
        "baseline": figure(
            r.baseline_value_rounded, unit, places, withheld=r.baseline_value_suppressed
        ),
        "baseline_change": figure(
            r.change_vs_baseline_rounded, unit, places, signed=True, withheld=withheld
        ),
        "baseline_pct": pct(r.pct_change_vs_baseline_rounded, withheld=withheld),
        "baseline_verdict": Cell(fmt.verdict(r.verdict_vs_baseline)),
    }


def solved_cells(r: BoardRow) -> dict[str, Cell]:
    """The solved rate (a percentage, 1 decimal) of crime measures that have one."""
    return {
        "solved_rate": figure(r.solved_rate_rounded, "percent", 1),
        "solved_rate_previous": figure(r.previous_solved_rate_rounded, "percent", 1),
        "solved_rate_change": figure(r.solved_rate_change_rounded, "percent", 1, signed=True),
        "solved_rate_verdict": Cell(
            fmt.DASH if r.solved_rate_rounded is None else fmt.verdict(r.solved_rate_verdict)
        ),
    }


def measure_cells(m: MeasureFigures) -> dict[str, Cell]:
    y = m.year
    return {
        "measure_name": Cell(y.measure_name),
        "unit": Cell(y.unit),
        "polarity": Cell(y.polarity.replace("_", " ")),
        **window_cells("year", y),
        **window_cells("quarter", m.quarter),
        **baseline_cells(y),
        **solved_cells(y),
        "measure_id": Cell(y.measure_id),
    }


def measure_columns(data: PackData) -> list[Column]:
    p = data.period
    year, previous = p.year.short, p.previous_year.short
    quarter, last_quarter = p.quarter.short, p.previous_quarter.short
    baseline = p.year_baseline.short
    return [
        Column("measure_name", "Measure", 44, left=True, pdf_width=28),
        Column("unit", "Unit", 10, left=True),
        Column("polarity", "Polarity", 16, left=True),
        Column("year", f"Rolling year ({year})", 14, "Rolling year"),
        Column("year_previous", f"Previous rolling year ({previous})", 14, "Previous year"),
        Column("year_change", "Change on previous year", 12, "Change", pdf_width=13),
        Column("year_pct", "% change on previous year", 11, "%"),
        Column("year_verdict", "Verdict on previous year", 18, "Verdict", left=True),
        Column("quarter", f"Quarter ({quarter})", 12, quarter),
        Column("quarter_previous", f"Same quarter last year ({last_quarter})", 13, last_quarter),
        Column("quarter_change", "Change on same quarter", 12, "Change", pdf_width=13),
        Column("quarter_pct", "% change on same quarter", 11, "%"),
        Column("quarter_verdict", "Verdict on same quarter", 18, "Verdict", left=True),
        Column("baseline", f"Baseline ({baseline})", 13, f"Baseline {baseline}"),
        Column("baseline_change", "Change vs baseline", 12, "vs baseline", pdf_width=13),
        Column("baseline_pct", "% change vs baseline", 11, "%"),
        Column("baseline_verdict", "Verdict vs baseline", 18, "Verdict", left=True),
        Column("solved_rate", "Solved rate % (rolling year)", 11, "Solved rate"),
        Column("solved_rate_previous", "Solved rate % (previous year)", 11, "Solved before"),
        Column("solved_rate_change", "Solved rate change (pp)", 11, "Solved change"),
        Column("solved_rate_verdict", "Solved rate verdict", 18, "Solved verdict", left=True),
        Column("measure_id", "Measure ID", 30, left=True),
    ]


def measure_table(data: PackData, measures: list[MeasureFigures], groups=None) -> Table:
    """groups: {measure_id: heading} for the PDF rows that start a group."""
    groups = groups or {}
    rows = [Row(measure_cells(m), groups.get(m.info.measure_id)) for m in measures]
    return Table(measure_columns(data), rows)


# The PDF's selections of the measure table.
SECTION_KEYS = (
    "measure_name",
    "year",
    "year_previous",
    "year_change",
    "year_pct",
    "quarter",
    "quarter_previous",
    "quarter_change",
    "quarter_pct",
    "baseline",
    "baseline_change",
    "baseline_pct",
    "solved_rate",
    "solved_rate_change",
)
SUMMARY_KEYS = (
    "measure_name",
    "year",
    "year_previous",
    "year_change",
    "year_pct",
    "baseline_change",
    "baseline_pct",
)
NATIONAL_KEYS = (
    "measure_name",
    "year",
    "year_previous",
    "year_change",
    "year_pct",
    "baseline",
    "baseline_change",
    "baseline_pct",
)


# --- districts and breakdowns -----------------------------------------------------------------


def _pair_columns(group: str, label: str, label_width: float) -> list[Column]:
    return [
        Column("group", group, 22, left=True),
        Column("label", label, label_width, left=True),
        Column("value", "Rolling year", 14),
        Column("previous", "Previous rolling year", 14, "Previous year"),
        Column("change", "Change", 12),
        Column("pct", "% change", 11),
    ]


PAIR_KEYS = ("label", "value", "previous", "change", "pct")


def district_table(rows: list[BoardRow], only: set[str] | None = None) -> Table:
    """Districts by measure (12 months), publishable as the board flags them."""
    out, current = [], None
    for r in rows:
        if only is not None and r.measure_id not in only:
            continue
        window = window_cells("w", r)
        cells = {
            "group": Cell(r.area_name),
            "label": Cell(r.measure_name),
            "value": window["w"],
            "previous": window["w_previous"],
            "change": window["w_change"],
            "pct": window["w_pct"],
            "measure_id": Cell(r.measure_id),
        }
        out.append(Row(cells, r.area_name if r.area_name != current else None))
        current = r.area_name
    columns = [*_pair_columns("District", "Measure", 44), Column("measure_id", "Measure ID", 30)]
    return Table(columns, out, PAIR_KEYS)


def breakdown_table(rows: list[BreakdownRow]) -> Table:
    out, current = [], None
    for r in rows:
        cells = {
            "group": Cell(r.dimension),
            "label": Cell(r.category),
            "value": figure(Decimal(r.value), "", 0, withheld=r.value_withheld),
            "previous": figure(Decimal(r.previous_value), "", 0, withheld=r.previous_withheld),
            "change": figure(Decimal(r.change), "", 0, signed=True, withheld=r.change_withheld),
            "pct": pct(r.pct_change, withheld=r.change_withheld),
        }
        out.append(Row(cells, r.dimension if r.dimension != current else None))
        current = r.dimension
    return Table(_pair_columns("Breakdown", "Category", 34), out, PAIR_KEYS)


# --- trend, comparison and reference tables ---------------------------------------------------


def text_table(specs, records: Iterable[dict[str, str]], pdf_keys=()) -> Table:
    """A table of words: specs are (key, title, width) of left-aligned columns."""
    columns = [Column(key, title, width, left=True) for key, title, width in specs]
    rows = [Row({k: Cell(v) for k, v in record.items()}) for record in records]
    return Table(columns, rows, tuple(pdf_keys))


def signals_table(signals: list[Signal]) -> Table:
    specs = (
        ("reading", "Reading", 110),
        ("signal", "Signal", 20),
        ("assessment", "Assessment", 16),
        ("since", "Since", 12),
        ("measure_id", "Measure ID", 30),
    )
    records = (
        {
            "reading": s.reading,
            "signal": SIGNAL_WORDS[s.signal_type],
            "assessment": s.assessment,
            "since": fmt.month(s.since_month),
            "measure_id": s.measure_id,
        }
        for s in signals
    )
    return text_table(specs, records, ("reading", "signal", "assessment"))


def spc_readings_table(readings: list[SpcReading]) -> Table:
    """One Making Data Count reading per measure (pcc.present.format words and icon letters)."""
    specs = (
        ("measure", "Measure", 50),
        ("variation_icon", "Variation icon", 10),
        ("variation", "Variation", 48),
        ("assurance_icon", "Assurance icon", 10),
        ("assurance", "Assurance", 40),
        ("read_at", "Read at", 12),
        ("process_since", "Current process since", 14),
        ("measure_id", "Measure ID", 30),
    )
    records = (
        {
            "measure": r.measure_name,
            "variation_icon": fmt.spc_variation_icon(r.variation, r.direction)[0],
            "variation": fmt.spc_variation(r.variation, r.direction),
            "assurance_icon": fmt.spc_assurance_icon(r.assurance)[0],
            "assurance": fmt.spc_assurance(r.assurance),
            "read_at": fmt.month(r.reading_month),
            "process_since": fmt.month(r.phase_start),
            "measure_id": r.measure_id,
        }
        for r in readings
    )
    return text_table(
        specs, records, ("measure", "variation", "assurance", "read_at", "process_since")
    )


def _month(yyyy_mm: str) -> Cell:
    return Cell(fmt.month(parse_month(yyyy_mm, "period end")))


def targets_table(targets: list[TargetStatus]) -> Table:
    columns = [
        Column("measure_name", "Measure", 40, left=True),
        Column("source", "Target", 60, left=True),
        Column("start_value", "Start (12 months)", 14, "Start"),
        Column("start_period_end", "Start: 12 months to", 14, "to"),
        Column("target_value", "Target (12 months)", 14, "Target"),
        Column("target_period_end", "Target: 12 months to", 14, "by"),
        Column("path_value", "Glide path now", 14),
        Column("actual_value", "Actual now", 14),
        Column("status", "Status", 28, left=True),
    ]
    rows = [
        Row(
            {
                "measure_name": Cell(t.measure_name),
                "source": Cell(t.source),
                "start_value": whole(t.start_value),
                "start_period_end": _month(t.start_period_end),
                "target_value": whole(t.target_value),
                "target_period_end": _month(t.target_period_end),
                "path_value": whole(t.path_value),
                "actual_value": whole(t.actual_value),
                "status": Cell(status_text(t.status)),
            }
        )
        for t in targets
    ]
    return Table(columns, rows)


def _rank(place: int | None, out_of: int) -> Cell:
    return Cell(fmt.DASH if place is None else f"{place} of {out_of}")


def comparison_table(rows) -> Table:
    columns = [
        Column("measure_name", "Measure", 40, left=True),
        Column("offences", "Offences", 14),
        Column("pct", "% vs previous year", 14),
        Column("rank", "Rank", 12),
        Column("peer_rank", "Peer rank", 12),
        Column("baseline_pct", "% vs baseline", 14),
        Column("baseline_rank", "Rank", 12),
        Column("baseline_peer_rank", "Peer rank", 12),
    ]
    out = [
        Row(
            {
                "measure_name": Cell(r.measure_name),
                "offences": figure(Decimal(r.offences), "offences", 0),
                "pct": pct(r.pct_change_rounded),
                "rank": _rank(r.rank_vs_previous_year, r.forces_ranked_vs_previous_year),
                "peer_rank": _rank(r.peer_rank_vs_previous_year, r.peers),
                "baseline_pct": pct(r.pct_change_vs_baseline_rounded),
                "baseline_rank": _rank(r.rank_vs_baseline, r.forces_ranked_vs_baseline),
                "baseline_peer_rank": _rank(r.peer_rank_vs_baseline, r.peers),
            }
        )
        for r in rows
    ]
    return Table(columns, out)


def ranking_table(rows: list[RankingRow], msg_source: str | None) -> Table:
    """The force's rank on each ranked measure (marts.fct_force_ranking), with its most similar
    group and the nation as dbt pooled and rounded them."""

    def value(row: RankingRow, number: Decimal | None) -> Cell:
        style = DECIMAL_2 if row.value_decimals == 2 else DECIMAL
        return Cell(value_text(row, number), None if number is None else float(number), style)

    columns = [
        Column("measure_name", "Measure", 36, left=True),
        Column("compared_value", "Ranked on", 40, left=True),
        Column("value", "Value", 16),
        Column("rank", "Rank (1 = best)", 14),
        Column("year_earlier", "Rank a year earlier", 14),
        Column("change", "Places gained", 12),
        Column("msg", "Most similar group", 16),
        Column("national", "National", 16),
    ]
    out = [
        Row(
            {
                "measure_name": Cell(r.measure_name),
                "compared_value": Cell(r.compared_value),
                "value": value(r, r.value_rounded),
                "rank": _rank(r.force_rank, r.forces_ranked),
                "year_earlier": Cell(
                    fmt.number(r.force_rank_year_earlier), r.force_rank_year_earlier, COUNT
                ),
                "change": Cell(fmt.number(r.rank_change, signed=True), r.rank_change, COUNT_CHANGE),
                "msg": value(r, r.msg_value_rounded) if msg_source and r.msg_forces else text(None),
                "national": value(r, r.national_value_rounded),
            }
        )
        for r in rows
    ]
    return Table(columns, out)


def definitions_table(data: PackData) -> Table:
    specs = (
        ("measure_name", "Measure", 44),
        ("framework", "Framework", 30),
        ("priority", "Priority", 22),
        ("polarity", "Polarity", 16),
        ("unit", "Unit", 10),
        ("source", "Source", 22),
        ("definition", "Definition", 90),
        ("measure_id", "Measure ID", 30),
    )
    records = (
        {
            "measure_name": m.year.measure_name,
            "framework": m.year.framework,
            "priority": m.year.priority,
            "polarity": m.year.polarity.replace("_", " "),
            "unit": m.year.unit,
            "source": m.info.source_name,
            "definition": m.year.definition,
            "measure_id": m.year.measure_id,
        }
        for m in data.measures
    )
    return text_table(specs, records, ("measure_name", "definition", "polarity", "source"))


def failures_table(failures: list[tuple[str, str, str, str, str]]) -> Table:
    specs = (
        ("severity", "Severity", 20),
        ("suite", "Suite", 34),
        ("target", "Target", 40),
        ("column", "Column", 30),
        ("expectation", "Expectation", 58),
    )
    keys = ("suite", "target", "expectation", "column", "severity")
    return text_table(specs, (dict(zip(keys, f, strict=True)) for f in failures))
