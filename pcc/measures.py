"""`pcc measures`: the board table of every measure for one window and area.

Reads the published marts through a short-lived read-only connection and nothing else: no
dbt, Great Expectations or Streamlit import, so it answers in well under two seconds.
All arithmetic is on the integer numerators and denominators the marts keep, with Fractions,
and rounding is half-up only here, at presentation. A --baseline-end other than the build's
is summed from fct_measure_monthly at query time, so it needs no rebuild.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from pcc.errors import UsageError
from pcc.numbers import round_fraction_half_up
from pcc.warehouse import connect_published

WINDOW_CHOICES = (12, 3)
NATIONAL = "National Crime and Policing Measures"
PLAN = "Police and Crime Plan"
PRIORITY_ORDER = (
    "Protecting People",
    "Protecting Places",
    "Protecting Property",
    "Productive Partnerships",
)
CSV_COLUMNS = (
    "measure_id",
    "measure_name",
    "area",
    "period_start",
    "period_end",
    "value",
    "previous_value",
    "change",
    "pct_change",
    "baseline_start",
    "baseline_end",
    "baseline_value",
    "change_vs_baseline",
    "pct_change_vs_baseline",
)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str, option: str) -> date:
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UsageError(f"{option} must be a month as YYYY-MM, got {text!r}")
    return date(int(match.group(1)), int(match.group(2)), 1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def month_text(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    area_type: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Window:
    """Integer numerator and denominator of one window (denominator None for counts)."""

    numerator: int | None
    denominator: int | None


@dataclass(frozen=True)
class MeasureRow:
    measure_id: str
    measure_name: str
    framework: str
    priority: str
    kind: str
    unit: str
    multiplier: int
    current: Window
    previous: Window
    baseline: Window
    display_order: int


# --- exact statistics -------------------------------------------------------------------------


def value_of(row: MeasureRow, window: Window) -> Fraction | None:
    if window.numerator is None:
        return None
    if row.kind == "ratio":
        if not window.denominator:
            return None
        return Fraction(window.numerator * row.multiplier, window.denominator)
    return Fraction(window.numerator)


def change_of(row: MeasureRow, current: Window, comparison: Window) -> Fraction | None:
    now, then = value_of(row, current), value_of(row, comparison)
    return None if now is None or then is None else now - then


def pct_change_of(row: MeasureRow, current: Window, comparison: Window) -> Fraction | None:
    now, then = value_of(row, current), value_of(row, comparison)
    if now is None or then is None or then == 0:
        return None
    return (now - then) * 100 / then


# --- reading the marts ------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\$([a-z_]+)")


def sql_literal(value) -> str:
    """A SQL literal for a validated value. DuckDB's parameter binding imports pandas (~0.6 s),
    so these few known-type values are inlined instead."""
    if isinstance(value, date):
        return f"date '{value.isoformat()}'"
    if isinstance(value, bool) or not isinstance(value, int | str | list | tuple):
        raise TypeError(f"no SQL literal for {value!r}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return "[" + ", ".join(sql_literal(v) for v in value) + "]"


def bind(sql: str, params: dict) -> str:
    return _PLACEHOLDER.sub(lambda m: sql_literal(params[m.group(1)]), sql)


def resolve_area(con, wanted: str) -> Area:
    rows = con.execute(
        """
        select area_code, area_name, area_type, coalesce(alternative_names, ''), sources
        from marts.dim_areas
        order by sort_order
        """
    ).fetchall()
    key = wanted.strip().casefold()
    for code, name, area_type, alternatives, sources in rows:
        names = {code.casefold(), name.casefold()}
        names |= {a.strip().casefold() for a in alternatives.split(";") if a.strip()}
        if key in names:
            return Area(code, name, area_type, tuple(sources))
    choices = ", ".join(name for _, name, *_ in rows)
    raise UsageError(f"unknown area {wanted!r}: choose one of {choices} (or an ONS area code)")


def check_period(con, area: Area, window_months: int, period_end: date) -> None:
    sql = """
        select min(period_end), max(period_end), count(*) filter (where period_end = $period_end)
        from marts.fct_measure_windows
        where area_code = $area and window_months = $window_months
    """
    params = {"period_end": period_end, "area": area.code, "window_months": window_months}
    first, last, found = con.execute(bind(sql, params)).fetchone()
    if not found:
        available = (
            f"choose a period end from {month_text(first)} to {month_text(last)}"
            if first
            else "the warehouse has none"
        )
        raise UsageError(
            f"no complete {window_months}-month window ends {month_text(period_end)} "
            f"for {area.name}: {available}"
        )


_BOARD_SQL = """
with

measures as (

    select *
    from marts.dim_measures
    where list_contains($sources, source)

),

windows as (

    select *
    from marts.fct_measure_windows
    where area_code = $area and window_months = $window_months and period_end = $period_end

),

previous as (

    select *
    from marts.fct_measure_windows
    where area_code = $area and window_months = $window_months and period_end = $previous_end

),

baseline_months as (

    -- The baseline window summed from the monthly fact at query time: same length as the
    -- window, ending at $baseline_end; complete only if every month is covered.
    select
        monthly.measure_id,
        count(*) as months_covered,
        sum(monthly.numerator) as numerator_sum,
        sum(monthly.denominator) as denominator_sum,
        arg_max(monthly.numerator, monthly.month_start) as last_numerator
    from marts.fct_measure_monthly as monthly
    where
        monthly.area_code = $area
        and monthly.month_start between $baseline_start and $baseline_end
    group by monthly.measure_id

)

select
    measures.measure_id,
    measures.measure_name,
    measures.framework,
    measures.priority,
    measures.kind,
    measures.unit,
    measures.value_multiplier,
    windows.numerator,
    windows.denominator,
    previous.numerator as previous_numerator,
    previous.denominator as previous_denominator,
    case
        when baseline_months.months_covered <> $window_months then null
        when measures.window_aggregation = 'last' then baseline_months.last_numerator
        else baseline_months.numerator_sum
    end as baseline_numerator,
    case
        when baseline_months.months_covered = $window_months then baseline_months.denominator_sum
    end as baseline_denominator,
    measures.display_order
from measures
left join windows on measures.measure_id = windows.measure_id
left join previous on measures.measure_id = previous.measure_id
left join baseline_months on measures.measure_id = baseline_months.measure_id
order by measures.display_order
"""


def build_baseline_end(con) -> date:
    row = con.execute("select max(baseline_end) from marts.fct_measure_windows").fetchone()
    return row[0]


def read_board(
    con, area: Area, window_months: int, period_end: date, baseline_end: date
) -> list[MeasureRow]:
    params = {
        "sources": list(area.sources),
        "area": area.code,
        "window_months": window_months,
        "period_end": period_end,
        "previous_end": add_months(period_end, -12),
        "baseline_start": add_months(baseline_end, 1 - window_months),
        "baseline_end": baseline_end,
    }
    rows = con.execute(bind(_BOARD_SQL, params)).fetchall()
    board = [
        MeasureRow(
            measure_id=r[0],
            measure_name=r[1],
            framework=r[2],
            priority=r[3],
            kind=r[4],
            unit=r[5],
            multiplier=r[6],
            current=Window(r[7], r[8]),
            previous=Window(r[9], r[10]),
            baseline=Window(r[11], r[12]),
            display_order=r[13],
        )
        for r in rows
    ]
    return sorted(board, key=board_order)


def board_order(row: MeasureRow) -> tuple:
    """National measures first, then the Plan by priority; seed display_order within each."""
    if row.framework == NATIONAL:
        return (0, 0, row.display_order)
    rank = PRIORITY_ORDER.index(row.priority) if row.priority in PRIORITY_ORDER else 99
    return (1, rank, row.display_order)


# --- presentation -----------------------------------------------------------------------------


def _rounded(row: MeasureRow, value: Fraction | None) -> Decimal | None:
    """Counts (and count changes) as integers; ratios and their changes to one decimal."""
    if value is None:
        return None
    places = 1 if row.kind == "ratio" else 0
    return round_fraction_half_up(value, places)


def _pct(value: Fraction | None) -> Decimal | None:
    return None if value is None else round_fraction_half_up(value, 1)


@dataclass(frozen=True)
class Presented:
    row: MeasureRow
    value: Decimal | None
    previous_value: Decimal | None
    change: Decimal | None
    pct_change: Decimal | None
    baseline_value: Decimal | None
    change_vs_baseline: Decimal | None
    pct_change_vs_baseline: Decimal | None


def present(row: MeasureRow) -> Presented:
    return Presented(
        row=row,
        value=_rounded(row, value_of(row, row.current)),
        previous_value=_rounded(row, value_of(row, row.previous)),
        change=_rounded(row, change_of(row, row.current, row.previous)),
        pct_change=_pct(pct_change_of(row, row.current, row.previous)),
        baseline_value=_rounded(row, value_of(row, row.baseline)),
        change_vs_baseline=_rounded(row, change_of(row, row.current, row.baseline)),
        pct_change_vs_baseline=_pct(pct_change_of(row, row.current, row.baseline)),
    )


def board_records(
    presented: list[Presented], area: Area, period: tuple[date, date], baseline: tuple[date, date]
) -> list[dict]:
    def number(value: Decimal | None):
        if value is None:
            return None
        # Counts round to 0 places (exponent 0) and print as integers; ratios keep 1 decimal.
        return int(value) if value.as_tuple().exponent >= 0 else value

    return [
        {
            "measure_id": p.row.measure_id,
            "measure_name": p.row.measure_name,
            "area": area.name,
            "period_start": month_text(period[0]),
            "period_end": month_text(period[1]),
            "value": number(p.value),
            "previous_value": number(p.previous_value),
            "change": number(p.change),
            "pct_change": number(p.pct_change),
            "baseline_start": month_text(baseline[0]),
            "baseline_end": month_text(baseline[1]),
            "baseline_value": number(p.baseline_value),
            "change_vs_baseline": number(p.change_vs_baseline),
            "pct_change_vs_baseline": number(p.pct_change_vs_baseline),
        }
        for p in presented
    ]


def render_csv(records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: "" if v is None else str(v) for k, v in record.items()})
    return out.getvalue()


def render_json(records: list[dict]) -> str:
    def encode(value):
        if isinstance(value, Decimal):
            return float(value)
        raise TypeError(type(value))

    return json.dumps(records, indent=2, default=encode) + "\n"


_DASH = "–"


def fmt_value(row: MeasureRow, value: Decimal | None, *, signed: bool = False) -> str:
    if value is None:
        return _DASH
    sign = "+" if signed and value > 0 else ""
    text = f"{sign}{value:,}"
    if row.kind != "ratio":
        return text
    if row.unit == "percent":
        return text + ("pp" if signed else "%")
    if row.unit == "seconds":
        return text + "s"
    return text


def fmt_pct(value: Decimal | None) -> str:
    if value is None:
        return _DASH
    return f"{'+' if value > 0 else ''}{value:,}%"


def _month_words(month: date) -> str:
    return month.strftime("%b %Y")


def render_table(
    presented: list[Presented],
    area: Area,
    window_months: int,
    period: tuple[date, date],
    baseline: tuple[date, date],
) -> str:
    previous = (add_months(period[0], -12), add_months(period[1], -12))
    span = "12 months" if window_months == 12 else f"{window_months} months"
    lines = [
        f"{area.name}: {span} to {period[1].strftime('%B %Y')} "
        f"({_month_words(period[0])} - {_month_words(period[1])})",
        f"  previous: {_month_words(previous[0])} - {_month_words(previous[1])}; "
        f"baseline: {_month_words(baseline[0])} - {_month_words(baseline[1])}",
    ]
    headers = ("Measure", "Current", "Previous", "Change", "%", "Baseline", "Change", "%")
    name_width = max([len(p.row.measure_name) for p in presented] + [len(headers[0])])
    widths = (name_width, 10, 10, 10, 8, 10, 10, 8)

    def line(cells) -> str:
        first = f"  {cells[0]:<{widths[0]}}"
        return first + "".join(f" {c:>{w}}" for c, w in zip(cells[1:], widths[1:], strict=True))

    group = None
    for p in presented:
        heading = p.row.framework if p.row.framework == NATIONAL else f"{PLAN}: {p.row.priority}"
        if heading != group:
            group = heading
            lines += ["", heading, line(headers)]
        lines.append(
            line(
                (
                    p.row.measure_name,
                    fmt_value(p.row, p.value),
                    fmt_value(p.row, p.previous_value),
                    fmt_value(p.row, p.change, signed=True),
                    fmt_pct(p.pct_change),
                    fmt_value(p.row, p.baseline_value),
                    fmt_value(p.row, p.change_vs_baseline, signed=True),
                    fmt_pct(p.pct_change_vs_baseline),
                )
            )
        )
    lines += [
        "",
        "Counts are exact. Percentages use summed numerators and denominators over the window, "
        "rounded half-up; ratio changes are in percentage points (pp). "
        f"{_DASH} = not computable (months outside the data, or a zero comparison).",
    ]
    return "\n".join(lines) + "\n"


def run_measures(
    period_end: str,
    window_months: int,
    area: str,
    baseline_end: str | None,
    fmt: str,
) -> int:
    end = parse_month(period_end, "--period-end")
    if window_months not in WINDOW_CHOICES:
        raise UsageError(f"--window-months must be 12 or 3, got {window_months}")
    wanted_baseline = parse_month(baseline_end, "--baseline-end") if baseline_end else None
    with connect_published() as con:
        found_area = resolve_area(con, area)
        check_period(con, found_area, window_months, end)
        base_end = wanted_baseline or build_baseline_end(con)
        rows = read_board(con, found_area, window_months, end, base_end)
    if wanted_baseline and not any(r.baseline.numerator is not None for r in rows):
        raise UsageError(
            f"no measure has a complete {window_months}-month baseline ending "
            f"{month_text(wanted_baseline)}: the data does not cover it"
        )
    period = (add_months(end, 1 - window_months), end)
    baseline = (add_months(base_end, 1 - window_months), base_end)
    presented = [present(r) for r in rows]
    if fmt == "table":
        print(render_table(presented, found_area, window_months, period, baseline), end="")
        return 0
    records = board_records(presented, found_area, period, baseline)
    print(render_csv(records) if fmt == "csv" else render_json(records), end="")
    return 0
