"""Where Kent ranks among the territorial forces on one measure, as `pcc compare` and the
explorer's comparison page show it.

Rows of marts.fct_force_ranking (pcc.read.ranking), formatted by pcc.present.format: the value,
rank (1 = best by the measure's polarity), rank a year earlier, Kent's most similar group and
the national figure are all computed in dbt. No arithmetic here.
"""

from __future__ import annotations

import csv
import io

from pcc.present import format as fmt
from pcc.read.ranking import RankingRow

HEADERS = ("Rank", "Force", "Group", "Value", "Rank a year earlier", "Change")
MSG_MISSING = (
    "Most similar group: not loaded (dbt_project/seeds/public/most_similar_groups.csv has no "
    "cited list for Kent; see dbt_project/seeds/README.md), so no MSG figure is shown."
)

SOURCES = (
    "Sources: Home Office 999 answer-time data (per force, monthly), police recorded crime and "
    "crime outcomes open data tables (all offences, and those involving a knife or sharp "
    "instrument or a firearm) and data.police.uk stop and search files; residents from the "
    "2011 Census (ONS), by ethnic group for the search rate ratios. Rank 1 = best by the "
    "measure's polarity among the territorial forces with a value; context measures (searches "
    "per 1,000 and the ratios against White residents) are sorted, not ranked. A charge or "
    "solved rate counts the outcomes given by publication to offences recorded in the window, "
    "so recent quarters are not yet mature. Group and national figures are pooled (summed "
    "numerators over summed denominators: the 999 average weighted by calls, rates by residents "
    "or offences, a ratio of rates from its four parts), rounded half-up. The 999 average is "
    "the published monthly averages weighted by calls; Kent's own figure {own_figure} comes "
    "from its call-level extract and can differ in the last decimal."
)


def sources_note(msg_source: str | None, own_figure: str) -> str:
    """What the ranking is drawn from and how, naming the source of the most similar group or
    its absence (the pack and the explorer say the same); own_figure says where Kent's own 999
    figure is shown ("in this pack", "on the Calls page")."""
    group = f"Most similar group: {msg_source}." if msg_source else MSG_MISSING
    return f"{SOURCES.format(own_figure=own_figure)} {group}"


def value_text(row: RankingRow, value) -> str:
    """A ranked value as dbt rounded it: 91.2%, 6.3 s, 85.27 per 1,000, 45.3 per 100,000."""
    return fmt.measure_value(value, row.value_unit, row.value_decimals)


def _rank_text(rank, of) -> str:
    return fmt.DASH if rank is None else f"{fmt.number(rank)} of {fmt.number(of)}"


def summary(rows: list[RankingRow], source: str | None) -> list[str]:
    first = rows[0]
    window = (
        f"{first.period_end:%B %Y}"
        if first.window_months == 1
        else f"{first.window_months} months to {first.period_end:%B %Y} "
        f"({fmt.month_span(first.period_start, first.period_end)})"
    )
    context = first.polarity == "context_only"
    how = (
        f"sorted by the {first.compared_value}, highest first (context only: sorted, not ranked)"
        if context
        else f"ranked on the {first.compared_value} (rank 1 = best)"
    )
    lines = [f"{first.measure_name}: {window}, {how}"]
    kent = next((r for r in rows if r.is_kent), None)
    if kent is None:
        lines.append("Kent: not in the loaded data for this window.")
    elif context:
        lines.append(
            f"Kent: {value_text(kent, kent.value_rounded)}, "
            f"{_rank_text(kent.value_order, kent.national_forces)} from the highest"
        )
    else:
        earlier = ""
        if kent.force_rank_year_earlier is not None:
            earlier = (
                f"; a year earlier {fmt.number(kent.force_rank_year_earlier)} "
                f"({fmt.number(kent.rank_change, signed=True)} "
                f"{'place' if abs(kent.rank_change or 0) == 1 else 'places'})"
            )
        lines.append(
            f"Kent: {value_text(kent, kent.value_rounded)}, rank "
            f"{_rank_text(kent.force_rank, kent.forces_ranked)}{earlier}"
        )
    if first.msg_forces:
        within = (
            "" if kent is None else f"; Kent {_rank_text(kent.msg_rank, kent.msg_forces_ranked)}"
        )
        lines.append(
            f"Most similar group ({fmt.number(first.msg_forces)} forces, {source}): "
            f"{value_text(first, first.msg_value_rounded)}{within}"
        )
    else:
        lines.append(MSG_MISSING)
    lines.append(
        f"National ({fmt.number(first.national_forces)} forces): "
        f"{value_text(first, first.national_value_rounded)}"
    )
    return lines


def cells(row: RankingRow) -> tuple[str, ...]:
    return (
        fmt.number(row.force_rank),
        row.force_name,
        "Kent" if row.is_kent else ("MSG" if row.is_msg else ""),
        value_text(row, row.value_rounded),
        fmt.number(row.force_rank_year_earlier),
        fmt.number(row.rank_change, signed=True),
    )


def render_table(rows: list[RankingRow], source: str | None) -> str:
    table = [HEADERS, *(cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    text = summary(rows, source) + [""]
    for line in table:
        text.append(
            "  "
            + "  ".join(
                c.ljust(w) if i in (1, 2) else c.rjust(w)
                for i, (c, w) in enumerate(zip(line, widths, strict=True))
            ).rstrip()
        )
    return "\n".join(text) + "\n"


def render_csv(rows: list[RankingRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows(cells(r) for r in rows)
    return out.getvalue()
