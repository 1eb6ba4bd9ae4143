"""The PDF pack: HTML rendered by WeasyPrint.

A4, greyscale-safe (the shared charts differ by dash and shade, tables use rules not colour),
page numbers from the CSS page counter, fixed table layouts that fit the page, headers that
repeat across page breaks and rows that never split.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from pcc.measures import NATIONAL, PRIORITY_ORDER, add_months, fmt_pct, fmt_value
from pcc.pack.data import MeasureFigures, PackData
from pcc.pack.gate import DRAFT_STAMP
from pcc.pack.narrative import (
    CONTEXT,
    IMPROVED,
    NOT_SIGNIFICANT,
    UNCHANGED,
    WORSENED,
    judgement,
    sentence,
)
from pcc.pack.period import quarter_label
from pcc.pack.tables import breakdown_cells, district_cells
from pcc.pack.text import (
    PACK_TITLE,
    ROUNDING_NOTE,
    SUPPRESSION_NOTE,
    SYNTHETIC_NOTE,
    cover_lines,
    subtitle,
)
from pcc.pack.trend import TrendFacts, load_trend_facts
from pcc.trend_text import SIGNAL_WORDS, number_text, status_text

DASH = "–"

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

CSS = """
@page {
  size: A4;
  margin: 20mm 14mm 18mm 14mm;
  @top-left { content: "%(header)s"; font-size: 8pt; color: #444; }
  @top-right { content: "%(draft)s"; font-size: 10pt; font-weight: bold; }
  @bottom-left { content: "%(footer)s"; font-size: 7.5pt; color: #444; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }
}
@page :first { @top-left { content: "%(draft)s"; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 8.5pt; color: #000; }
h1 { font-size: 22pt; margin: 40mm 0 6mm 0; }
h2 { font-size: 14pt; margin: 0 0 3mm 0; border-bottom: 1.5pt solid #000; padding-bottom: 1mm; }
h3 { font-size: 10.5pt; margin: 5mm 0 1.5mm 0; break-after: avoid; }
h4 { font-size: 9pt; margin: 3mm 0 1mm 0; break-after: avoid; }
section { break-before: page; }
p { margin: 0 0 2mm 0; line-height: 1.35; }
.subtitle { font-size: 13pt; margin-bottom: 10mm; }
.banner { border: 1.5pt solid #000; padding: 3mm; font-weight: bold; margin: 4mm 0; }
.facts td { padding: 1.2mm 3mm 1.2mm 0; vertical-align: top; font-size: 10pt; }
.facts td:first-child { font-weight: bold; width: 45mm; }
table.data { width: 100%%; table-layout: fixed; border-collapse: collapse; margin: 1mm 0 3mm 0; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; }
table.data th { font-weight: bold; text-align: right; vertical-align: bottom; padding: 1mm 0.8mm;
  border-bottom: 1pt solid #000; background: #E6E6E6; font-size: 7.5pt; }
table.data td { text-align: right; padding: 0.8mm 0.8mm; border-bottom: 0.4pt solid #999;
  vertical-align: top; }
table.data th.l, table.data td.l { text-align: left; }
table.wide { font-family: "DejaVu Sans Condensed", "DejaVu Sans", sans-serif; font-size: 8pt; }
table.wide th { font-size: 7.5pt; }
table.wide td, table.wide th { padding-left: 1.2mm; padding-right: 0.6mm; }
table.data tr.group td { font-weight: bold; background: #F2F2F2; text-align: left; }
.narrative li { margin-bottom: 1.2mm; line-height: 1.3; }
.charts { break-inside: avoid; margin-bottom: 2mm; }
.charts img { width: 49%%; }
.note { font-size: 7.5pt; color: #333; }
.verdict { font-weight: bold; }
"""


def _css_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _v(m: MeasureFigures, value, signed: bool = False, quarter: bool = False) -> str:
    row = (m.quarter or m.year).row if quarter else m.year.row
    return fmt_value(row, value, signed=signed)


def _pct_of(m: MeasureFigures, value) -> str:
    """% change for counts; rates move in percentage points, so their % change is not shown."""
    return DASH if m.info.kind == "ratio" else fmt_pct(value)


def _pp(value) -> str:
    if value is None:
        return DASH
    return f"{'+' if value > 0 else ''}{value:,}pp"


def _rate(value) -> str:
    return DASH if value is None else f"{value:,}%"


def _table(
    headers: list[tuple[str, float, bool]], rows: list[list[str]], groups=None, css_class=""
) -> str:
    """headers: (title, relative width, left-aligned). groups: {row index: group title}."""
    groups = groups or {}
    total = sum(w for _, w, _ in headers)
    cols = "".join(f'<col style="width:{w * 100 / total:.2f}%">' for _, w, _ in headers)
    head = "".join(f'<th class="{"l" if left else ""}">{escape(t)}</th>' for t, _, left in headers)
    body = []
    for i, cells in enumerate(rows):
        if i in groups:
            body.append(
                f'<tr class="group"><td colspan="{len(headers)}">{escape(groups[i])}</td></tr>'
            )
        tds = "".join(
            f'<td class="{"l" if left else ""}">{escape(str(c))}</td>'
            for c, (_, _, left) in zip(cells, headers, strict=True)
        )
        body.append(f"<tr>{tds}</tr>")
    return (
        f'<table class="data {css_class}"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _measure_table(data: PackData, measures: list[MeasureFigures]) -> str:
    q, lq = quarter_label(data.period.end), quarter_label(add_months(data.period.end, -12))
    headers = [
        ("Measure", 40, True),
        ("Rolling year", 14, False),
        ("Previous year", 14, False),
        ("Change", 13, False),
        ("%", 11, False),
        (q, 13, False),
        (lq, 13, False),
        ("Change", 12, False),
        ("%", 11, False),
        (f"Baseline {data.baseline_end:%b %Y}", 14, False),
        ("vs baseline", 12, False),
        ("Solved rate", 11, False),
        ("Solved change", 12, False),
    ]
    rows = []
    for m in measures:
        y, qq, s = m.year, m.quarter, m.solved
        rows.append(
            [
                y.row.measure_name,
                _v(m, y.value),
                _v(m, y.previous_value),
                _v(m, y.change, signed=True),
                _pct_of(m, y.pct_change),
                _v(m, qq.value, quarter=True) if qq else DASH,
                _v(m, qq.previous_value, quarter=True) if qq else DASH,
                _v(m, qq.change, signed=True, quarter=True) if qq else DASH,
                _pct_of(m, qq.pct_change) if qq else DASH,
                _v(m, y.baseline_value),
                fmt_pct(y.pct_change_vs_baseline)
                if y.row.kind != "ratio"
                else _v(m, y.change_vs_baseline, signed=True),
                _rate(s.rate) if s else DASH,
                _pp(s.change) if s else DASH,
            ]
        )
    note = (
        '<p class="note">Rolling year: '
        + escape(data.period.year_label)
        + "; quarter: "
        + escape(data.period.label)
        + ". For rates, changes and the baseline comparison are "
        "in percentage points (pp). Solved rate: crimes recorded in the rolling year with a "
        "solved outcome (charge/summons, caution, community resolution and other solved types), "
        "change on the previous year in pp.</p>"
    )
    return _table(headers, rows, css_class="wide") + note


def _img(svg: str) -> str:
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{encoded}" alt="">'


def _significance(trend: TrendFacts | None, m: MeasureFigures):
    return trend.significance_of(m.info.measure_id) if trend else None


def _sentence(data: PackData, m: MeasureFigures, trend: TrendFacts | None) -> str:
    return sentence(m, data.baseline_end, data.period.end, _significance(trend, m))


def _priority_section(
    data: PackData, priority: str, svgs: dict[str, str], trend: TrendFacts | None = None
) -> str:
    measures = data.by_priority(priority)
    parts = [f"<section><h2>{escape(priority)}</h2>", _measure_table(data, measures)]
    parts.append('<h3>In brief</h3><ul class="narrative">')
    parts += [f"<li>{escape(_sentence(data, m, trend))}</li>" for m in measures]
    parts.append("</ul>")
    for m in measures:
        trend = svgs.get(f"{m.info.measure_id}:trend")
        if not trend:
            continue
        quarter = svgs.get(f"{m.info.measure_id}:quarter")
        parts.append(
            f'<div class="charts"><h4>{escape(m.info.measure_name)}</h4>'
            f"{_img(trend)}{_img(quarter) if quarter else ''}</div>"
        )
    if priority == "Productive Partnerships" and data.s136_breakdown:
        parts.append(_s136_table(data))
    parts.append("</section>")
    return "".join(parts)


def _s136_table(data: PackData) -> str:
    headers = [
        ("Category", 70, True),
        ("Rolling year", 28, False),
        ("Previous year", 28, False),
        ("Change", 28, False),
        ("% change", 28, False),
    ]
    rows, groups, current = [], {}, None
    for r in data.s136_breakdown:
        cells = breakdown_cells(r)
        if r.dimension != current:
            groups[len(rows)], current = r.dimension, r.dimension
        rows.append(_breakdown_row(r.category, cells))
    return (
        '<div style="break-before: page"></div><h3>Section 136 detentions: breakdown (rolling year)</h3>'
        + _table(headers, rows, groups)
        + f'<p class="note">{escape(SUPPRESSION_NOTE)}</p>'
    )


def _count(value) -> str:
    if value is None:
        return DASH
    return value if isinstance(value, str) else f"{value:,}"


def _breakdown_row(label: str, cells: dict) -> list[str]:
    change = cells["change"]
    return [
        label,
        _count(cells["value"]),
        _count(cells["previous"]),
        DASH if change is None else f"{'+' if change > 0 else ''}{change:,}",
        fmt_pct(cells["pct"]),
    ]


def _summary(data: PackData, trend: TrendFacts | None = None) -> str:
    headline = [m for m in data.measures if m.info.is_headline]
    buckets = {IMPROVED: [], WORSENED: [], NOT_SIGNIFICANT: [], UNCHANGED: [], CONTEXT: []}
    for m in headline:
        buckets[judgement(m, _significance(trend, m))].append(m)
    titles = {
        IMPROVED: "Improved on the previous year",
        WORSENED: "Worsened on the previous year",
        NOT_SIGNIFICANT: "No significant change on the previous year (within chance variation)",
        UNCHANGED: "No change on the previous year",
        CONTEXT: "Context measures (a rise or fall is neither better nor worse)",
    }
    headers = [
        ("Measure", 62, True),
        ("Rolling year", 24, False),
        ("Previous year", 24, False),
        ("Change", 22, False),
        ("% change", 18, False),
        ("% vs baseline", 22, False),
    ]
    rows, groups = [], {}
    for verdict in (IMPROVED, WORSENED, NOT_SIGNIFICANT, UNCHANGED, CONTEXT):
        if not buckets[verdict]:
            continue
        groups[len(rows)] = f"{titles[verdict]} ({len(buckets[verdict])})"
        for m in buckets[verdict]:
            y = m.year
            rows.append(
                [
                    y.row.measure_name,
                    _v(m, y.value),
                    _v(m, y.previous_value),
                    _v(m, y.change, signed=True),
                    fmt_pct(y.pct_change) if y.row.kind != "ratio" else DASH,
                    fmt_pct(y.pct_change_vs_baseline)
                    if y.row.kind != "ratio"
                    else _v(m, y.change_vs_baseline, signed=True),
                ]
            )
    counts = ", ".join(
        f"{len(buckets[v])} {w}"
        for v, w in (
            (IMPROVED, "improved"),
            (WORSENED, "worsened"),
            (NOT_SIGNIFICANT, "showed no significant change"),
        )
    )
    significance_note = (
        " A count's change is called better or worse only when it is statistically significant: "
        "outside the 95% interval of chance (Poisson) variation for counts of that size."
        if trend
        else ""
    )
    return (
        "<section><h2>Summary: headline measures</h2>"
        f"<p>Rolling year {escape(data.period.year_label)} against the previous 12 months. "
        f"Of {len(headline)} headline measures, {counts}; better or worse is judged by each "
        "measure's polarity (lower is better for crime, higher is better for satisfaction and "
        f"call answering). Percentages change in percentage points (pp).{significance_note}</p>"
        + _table(headers, rows, groups)
        + f'<p class="note">{escape(ROUNDING_NOTE)}</p>'
        + _summary_signals(data, trend)
        + _summary_targets(data, trend)
        + "</section>"
    )


def _signals_month_note(data: PackData, trend: TrendFacts) -> str:
    if trend.signals_month is None or trend.signals_month == data.period.end:
        return ""
    return (
        f" Signals are live at the latest month of data, {trend.signals_month:%B %Y}, "
        f"not at the pack's period end ({data.period.end:%B %Y})."
    )


def _summary_signals(data: PackData, trend: TrendFacts | None) -> str:
    """Live SPC signals of the headline measures; the full list follows the summary."""
    if trend is None:
        return "<h3>Statistical process control signals</h3><p>Not available in this warehouse.</p>"
    headline = {m.info.measure_id for m in data.measures if m.info.is_headline}
    chosen = [s for s in trend.signals if s.measure_id in headline]
    items = "".join(f"<li>{escape(s.reading)}.</li>" for s in chosen)
    return (
        "<h3>Statistical process control signals (headline measures, Kent)</h3>"
        f"<p>{len(chosen)} live signals in headline measures ({len(trend.signals)} in all "
        "measures, listed after this summary): a month outside the control limits, 8 or more "
        "months on one side of the centre line, or 6 or more months each higher (or lower) than "
        "the one before, against limits from the pre-pandemic baseline (April 2018 - December "
        f"2019).{escape(_signals_month_note(data, trend))}</p>"
        + (f'<ul class="narrative">{items}</ul>' if items else "<p>No live signals.</p>")
    )


def _month_text(yyyy_mm: str) -> str:
    return datetime.strptime(yyyy_mm, "%Y-%m").strftime("%b %Y")


def _summary_targets(data: PackData, trend: TrendFacts | None) -> str:
    if trend is None or not trend.targets:
        return ""
    headers = [
        ("Target", 70, True),
        ("Start (12 months)", 24, False),
        ("Target (12 months)", 24, False),
        ("Glide path now", 22, False),
        ("Actual now", 22, False),
        ("Status", 34, True),
    ]
    rows = [
        [
            f"{t.measure_name}: {t.source.split(':')[-1].strip()}",
            f"{number_text(t.start_value, '')} (to {_month_text(t.start_period_end)})",
            f"{number_text(t.target_value, '')} (to {_month_text(t.target_period_end)})",
            number_text(t.path_value, ""),
            number_text(t.actual_value, ""),
            status_text(t.status),
        ]
        for t in trend.targets
    ]
    return (
        f"<h3>Trajectories to the national pledges (12 months to {data.period.end:%B %Y})</h3>"
        + _table(headers, rows)
        + '<p class="note">Glide path: as seeded for each target (constant rate = the same % '
        "fall every month from the start to the target). Behind the path within noise: above "
        "it, but inside the 95% "
        "Poisson interval of the actual count. Police recorded VAWG-flagged offences are a proxy "
        "for the pledge, which concerns prevalence; better recording can push them up.</p>"
    )


def _signals_section(data: PackData, trend: TrendFacts | None) -> str:
    if trend is None or not trend.signals:
        return ""
    headers = [("Reading", 120, True), ("Signal", 26, True), ("Assessment", 22, True)]
    rows = [[s.reading, SIGNAL_WORDS[s.signal_type], s.assessment] for s in trend.signals]
    return (
        "<section><h2>Statistical process control: every live signal (Kent)</h2>"
        f"<p>{len(trend.signals)} signals in {len({s.measure_id for s in trend.signals})} "
        "measures. Control limits come from April 2018 - December 2019, so a long run below or "
        "above the centre line is change since before the pandemic; an XmR chart is used for "
        "rates and counts of 10 or more a month, a c-chart for rarer counts."
        f"{escape(_signals_month_note(data, trend))}</p>" + _table(headers, rows) + "</section>"
    )


def _national(data: PackData, trend: TrendFacts | None = None) -> str:
    by_id = {m.info.measure_id: m for m in data.by_framework(NATIONAL)}
    used: set[str] = set()
    headers = [
        ("Measure", 52, True),
        ("Rolling year", 18, False),
        ("Previous year", 18, False),
        ("Change", 16, False),
        ("% change", 15, False),
        (f"Baseline {data.baseline_end:%b %Y}", 18, False),
        ("Change", 16, False),
        ("% change", 15, False),
    ]
    rows, groups, text = [], {}, []
    headings = list(NATIONAL_HEADINGS)
    rest = [i for i in by_id if all(i not in ids for _, ids in headings)]
    if rest:
        headings.append(("Other national measures", tuple(rest)))
    for heading, ids in headings:
        present = [by_id[i] for i in ids if i in by_id and i not in used]
        if not present:
            continue
        groups[len(rows)] = heading
        text.append(f'<h4>{escape(heading)}</h4><ul class="narrative">')
        for m in present:
            used.add(m.info.measure_id)
            y = m.year
            rows.append(
                [
                    y.row.measure_name,
                    _v(m, y.value),
                    _v(m, y.previous_value),
                    _v(m, y.change, signed=True),
                    _pct_of(m, y.pct_change),
                    _v(m, y.baseline_value),
                    _v(m, y.change_vs_baseline, signed=True),
                    _pct_of(m, y.pct_change_vs_baseline),
                ]
            )
            text.append(f"<li>{escape(_sentence(data, m, trend))}</li>")
        text.append("</ul>")
    return (
        "<section><h2>National Crime and Policing Measures</h2>"
        f"<p>Kent Police's performance against the Home Office measures: the 12 months "
        f"{escape(data.period.year_label)} against the previous 12 months and against the "
        f"baseline of the 12 months to {data.baseline_end:%B %Y}.</p>"
        + _table(headers, rows, groups)
        + "".join(text)
        + "</section>"
    )


def _districts(data: PackData) -> str:
    headline = {m.info.measure_id for m in data.measures if m.info.is_headline}
    chosen = [r for r in data.districts if r.measure_id in headline]
    headers = [
        ("Measure", 78, True),
        ("Rolling year", 26, False),
        ("Previous year", 26, False),
        ("Change", 26, False),
        ("% change", 26, False),
    ]
    rows, groups, current = [], {}, None
    for r in chosen:
        if r.district != current:
            groups[len(rows)], current = r.district, r.district
        rows.append(_breakdown_row(r.measure_name, district_cells(r)))
    return (
        "<section><h2>Districts</h2>"
        f"<p>Headline recorded-crime and s.136 measures by district, rolling year "
        f"{escape(data.period.year_label)}. Every measure by district is in the workbook.</p>"
        + _table(headers, rows, groups)
        + f'<p class="note">{escape(SUPPRESSION_NOTE)}</p></section>'
    )


def _definitions(data: PackData) -> str:
    headers = [
        ("Measure", 48, True),
        ("Definition", 98, True),
        ("Polarity", 18, True),
        ("Source", 18, True),
    ]
    rows = [
        [
            m.info.measure_name,
            m.info.definition,
            m.info.polarity.replace("_", " "),
            m.info.source_name,
        ]
        for m in data.measures
    ]
    return "<section><h2>Definitions</h2>" + _table(headers, rows) + "</section>"


def _quality(data: PackData, draft: bool, refresh_status: str) -> str:
    q = data.quality
    parts = ["<section><h2>Data quality</h2>"]
    if draft:
        parts.append(
            f'<p class="banner">{escape(DRAFT_STAMP)}: the latest refresh failed its '
            "critical quality checks; figures may be wrong.</p>"
        )
    parts.append(f"<p>{escape(q.headline())}.</p>")
    parts.append(f"<p>Latest refresh attempt: {escape(refresh_status)}.</p>")
    if q.failures:
        headers = [
            ("Severity", 20, True),
            ("Suite", 34, True),
            ("Target", 40, True),
            ("Column", 30, True),
            ("Expectation", 58, True),
        ]
        rows = [[f[4], f[0], f[1], f[3], f[2]] for f in q.failures]
        parts.append("<h3>Failed checks</h3>" + _table(headers, rows))
    parts += [
        f"<p>{escape(ROUNDING_NOTE)}</p>",
        f"<p>{escape(SUPPRESSION_NOTE)}</p>",
        "<p>Crime is counted by recorded date under the Home Office Counting Rules; solved "
        "rates describe outcomes at the extract date, so recent months can still rise.</p>",
    ]
    if data.synthetic:
        parts.append(f'<p class="banner">{escape(SYNTHETIC_NOTE)}</p>')
    parts.append("</section>")
    return "".join(parts)


def _title_page(data: PackData, draft: bool) -> str:
    facts = "".join(
        f"<tr><td>{escape(label)}</td><td>{escape(text)}</td></tr>"
        for label, text in cover_lines(data, draft)
        if label != "Title"
    )
    banners = ""
    if draft:
        banners += f'<p class="banner">{escape(DRAFT_STAMP)}</p>'
    if data.synthetic:
        banners += f'<p class="banner">{escape(SYNTHETIC_NOTE)}</p>'
    return (
        f"<h1>{escape(PACK_TITLE)}</h1>"
        f'<p class="subtitle">Kent Police and Crime Commissioner: Performance &amp; Delivery '
        f"Board<br>{escape(data.period.label)}</p>"
        f'<table class="facts">{facts}</table>{banners}'
    )


def _iso(moment: datetime | None) -> str:
    if moment is None:
        return "2000-01-01T00:00:00Z"
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


_LOAD = object()


def build_html(
    data: PackData, svgs: dict[str, str], draft: bool, refresh_status: str, trend=_LOAD
) -> str:
    """The pack's HTML. trend: TrendFacts, None (no trend marts) or, by default, read from the
    published warehouse for the pack's period."""
    if trend is _LOAD:
        trend = load_trend_facts(data.period.end)
    footer = f"{PACK_TITLE} - {data.period.label}"
    if data.synthetic:
        footer += " - Synthetic sample data"
    css = CSS % {
        "header": _css_text(DRAFT_STAMP if draft else "Kent Police and Crime Commissioner"),
        "draft": _css_text(DRAFT_STAMP if draft else ""),
        "footer": _css_text((DRAFT_STAMP + " - " if draft else "") + footer),
    }
    created = _iso(data.refreshed_at)
    body = [
        _title_page(data, draft),
        _summary(data, trend),
        _signals_section(data, trend),
        *[_priority_section(data, p, svgs, trend) for p in PRIORITY_ORDER],
        _national(data, trend),
        _districts(data),
        data.comparison_html or "",  # force comparison, when public data covers the quarter
        _definitions(data),
        _quality(data, draft, refresh_status),
    ]
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(PACK_TITLE)}: {escape(data.period.label)}</title>"
        '<meta name="author" content="Office of the Kent Police and Crime Commissioner">'
        f'<meta name="description" content="{escape(subtitle(data))}">'
        f'<meta name="dcterms.created" content="{created}">'
        f'<meta name="dcterms.modified" content="{created}">'
        f"<style>{css}</style></head><body>{''.join(body)}</body></html>"
    )


def write_pdf(path: Path, html: str) -> None:
    from weasyprint import HTML

    HTML(string=html).write_pdf(str(path))
