"""The PDF pack: a Jinja2 template (templates/pack.html.j2) rendered by WeasyPrint.

A4, greyscale-safe (the shared charts differ by dash and shade, tables use rules not colour),
page numbers from the CSS page counter, fixed table layouts that fit the page, headers that
repeat across page breaks and rows that never split. Every table is a selection of a
pcc.pack.tables Table, the same cells the workbook writes; this module only arranges them.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from pcc.pack import tables
from pcc.pack.comparison import NOTE as COMPARISON_NOTE
from pcc.pack.data import MeasureFigures, PackData
from pcc.pack.gate import DRAFT_STAMP
from pcc.pack.narrative import VERDICT_GROUPS, judgement, sentence
from pcc.pack.text import (
    PACK_TITLE,
    ROUNDING_NOTE,
    SUPPRESSION_NOTE,
    SYNTHETIC_NOTE,
    cover_lines,
    subtitle,
)
from pcc.present import format as fmt
from pcc.present.ranking import sources_note

TEMPLATES = Path(__file__).with_name("templates")

# The annual report groups the national measures under the Government's priorities.
NATIONAL_HEADINGS = (
    ("Reduce murder and other homicides", ("homicide",)),
    (
        "Reduce serious violence",
        ("firearms_offences", "knife_offences", "violence_with_injury", "robbery"),
    ),
    (
        "Disrupt drugs supply and county lines",
        (
            "drug_offences",
            "drug_trafficking",
            "drug_possession_excl_cannabis",
            "drug_possession_cannabis",
            "drug_other",
        ),
    ),
    (
        "Reduce neighbourhood crime",
        (
            "neighbourhood_crime",
            "robbery_personal",
            "theft_from_person",
            "vehicle_offences",
            "residential_burglary",
        ),
    ),
    ("Tackle cyber-crime", ("cyber_online_org_victim",)),
    (
        "Improve satisfaction among victims, with a focus on victims of domestic abuse",
        ("satisfaction_domestic_abuse",),
    ),
)
OTHER_NATIONAL = "Other national measures"
SUMMARY_COUNTS = {
    "better": "improved",
    "worse": "worsened",
    "no significant change": "showed no significant change",
}


def _css_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["j2", "html"]),
        undefined=StrictUndefined,
        trim_blocks=False,
    )
    env.filters["css"] = _css_text
    return env


def _uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@dataclass(frozen=True)
class Charts:
    name: str
    images: list[str]


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    table: tables.Table
    sentences: list[tuple[str | None, list[str]]]
    charts: list[Charts]


def _sentence(data: PackData, m: MeasureFigures) -> str:
    significance = data.trend.significance_of(m.info.measure_id) if data.trend else None
    return sentence(m, significance)


def _charts(measures: list[MeasureFigures], svgs: dict[str, str]) -> list[Charts]:
    out = []
    for m in measures:
        keys = (f"{m.info.measure_id}:trend", f"{m.info.measure_id}:quarter")
        if keys[0] in svgs:
            out.append(Charts(m.year.measure_name, [_uri(svgs[k]) for k in keys if k in svgs]))
    return out


def _national(data: PackData, measures: list[MeasureFigures], svgs) -> Section:
    by_id = {m.info.measure_id: m for m in measures}
    listed = {i for _, ids in NATIONAL_HEADINGS for i in ids}
    headings = [*NATIONAL_HEADINGS, (OTHER_NATIONAL, tuple(i for i in by_id if i not in listed))]
    ordered, groups, sentences = [], {}, []
    for heading, ids in headings:
        present = [by_id[i] for i in ids if i in by_id]
        if not present:
            continue
        groups[present[0].info.measure_id] = heading
        ordered += present
        sentences.append((heading, [_sentence(data, m) for m in present]))
    table = tables.measure_table(data, ordered, groups).select(tables.NATIONAL_KEYS)
    p = data.period
    intro = (
        f"{data.force.name} Police's performance against the Home Office measures: the 12 "
        f"months {p.year_label} against the previous 12 months and against the baseline of "
        f"{p.year_baseline.words}."
    )
    return Section(measures[0].year.board_section, intro, table, sentences, _charts(ordered, svgs))


def _plan_section(data: PackData, section: str, measures, svgs) -> Section:
    table = tables.measure_table(data, measures).select(tables.SECTION_KEYS)
    intro = f"The measures of this priority, {data.force.name}, quarter {data.period.label}."
    sentences = [(None, [_sentence(data, m) for m in measures])]
    return Section(section, intro, table, sentences, _charts(measures, svgs))


def sections(data: PackData, svgs: dict[str, str]) -> list[Section]:
    out = []
    for section, measures in data.sections():
        if section == measures[0].year.framework:
            out.append(_national(data, measures, svgs))
        else:
            out.append(_plan_section(data, section, measures, svgs))
    return out


def summary(data: PackData) -> dict:
    """Headline measures grouped by the board's verdict on the previous year."""
    headline = data.headline()
    ordered, groups, counts = [], {}, []
    for verdict, title in VERDICT_GROUPS:
        members = [m for m in headline if judgement(m) == verdict]
        if not members:
            if verdict in SUMMARY_COUNTS:
                counts.append(f"0 {SUMMARY_COUNTS[verdict]}")
            continue
        groups[members[0].info.measure_id] = f"{title} ({len(members)})"
        ordered += members
        if verdict in SUMMARY_COUNTS:
            counts.append(f"{len(members)} {SUMMARY_COUNTS[verdict]}")
    table = tables.measure_table(data, ordered, groups).select(tables.SUMMARY_KEYS)
    headline_ids = {m.info.measure_id for m in headline}
    signals = [s for s in data.trend.signals if s.measure_id in headline_ids] if data.trend else []
    return {
        "total": len(headline),
        "counts": ", ".join(counts),
        "table": table,
        "signals": signals,
    }


def _signals_month_note(data: PackData) -> str:
    return (
        f" Readings and signals are as at {data.period.end:%B %Y}, from the data up to then only:"
        " later months never change them."
    )


def spc_icons(data: PackData) -> list[dict]:
    """The per-measure SPC readings with their icons' letters and colours (pcc.present.format)."""
    if data.trend is None:
        return []
    rows = []
    for r in data.trend.readings:
        variation_letter, variation_colour = fmt.spc_variation_icon(r.variation, r.direction)
        assurance_letter, assurance_colour = fmt.spc_assurance_icon(r.assurance)
        rows.append(
            {
                "measure": r.measure_name,
                "variation_letter": variation_letter,
                "variation_colour": variation_colour,
                "variation": fmt.spc_variation(r.variation, r.direction),
                "assurance_letter": assurance_letter,
                "assurance_colour": assurance_colour,
                "assurance": fmt.spc_assurance(r.assurance),
                "read_at": fmt.month(r.reading_month),
                "provisional": r.has_provisional_months,
                "process_since": fmt.month(r.phase_start),
            }
        )
    return rows


def _iso(moment: datetime | None) -> str:
    if moment is None:
        return "2000-01-01T00:00:00Z"
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_html(data: PackData, svgs: dict[str, str], draft: bool, refresh_status: str) -> str:
    """The pack's HTML: a pure function of the PackData, the charts and the gate's state."""
    footer = f"{PACK_TITLE} - {data.period.label}"
    if data.synthetic:
        footer += " - Synthetic sample data"
    trend = data.trend
    headline = {m.info.measure_id for m in data.headline()}
    context = {
        "title": PACK_TITLE,
        "period": data.period,
        "force": data.force.name,
        "subtitle": subtitle(data),
        "created": _iso(data.refreshed_at),
        "page_header": DRAFT_STAMP if draft else "Kent Police and Crime Commissioner",
        "page_draft": DRAFT_STAMP if draft else "",
        "page_footer": (DRAFT_STAMP + " - " if draft else "") + footer,
        "draft": draft,
        "draft_stamp": DRAFT_STAMP,
        "synthetic_note": SYNTHETIC_NOTE if data.synthetic else "",
        "cover": [line for line in cover_lines(data, draft) if line[0] != "Title"],
        "rounding_note": ROUNDING_NOTE,
        "suppression_note": SUPPRESSION_NOTE,
        "summary": summary(data),
        "trend": trend,
        "signals_month_note": _signals_month_note(data),
        "spc_readings": spc_icons(data),
        "targets": tables.targets_table(trend.targets) if trend and trend.targets else None,
        "signals": tables.signals_table(trend.signals) if trend and trend.signals else None,
        "signal_measures": len({s.measure_id for s in trend.signals}) if trend else 0,
        "sections": sections(data, svgs),
        "districts": tables.district_table(data.districts, headline),
        "breakdown": tables.breakdown_table(data.s136_breakdown).select(tables.PAIR_KEYS),
        "comparison": tables.comparison_table(data.comparison) if data.comparison else None,
        "comparison_note": COMPARISON_NOTE,
        "ranking": tables.ranking_table(data.ranking, data.msg_source) if data.ranking else None,
        "ranking_note": sources_note(data.msg_source, "in this pack"),
        "definitions": tables.definitions_table(data),
        "quality": data.quality,
        "refresh_status": refresh_status,
        "failures": tables.failures_table(data.quality.failures) if data.quality.failures else None,
    }
    return _environment().get_template("pack.html.j2").render(context)


def write_pdf(path: Path, html: str) -> None:
    from weasyprint import HTML

    HTML(string=html).write_pdf(str(path))
