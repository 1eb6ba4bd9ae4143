"""Presentation helpers shared by the pages: headers, verdict colours, charts, tables, downloads.

Figures arrive computed, rounded and flagged for disclosure in dbt (the board,
marts.fct_measure_board, the breakdown marts and the warehouse's round_half_up macro for the
crime explorer's free selections) and are written with pcc.present.format or shown as numbers
with a column format; nothing here computes a figure.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from pcc.months import QUARTER_END_MONTHS
from pcc.present import charts
from pcc.present import format as fmt
from pcc.present.charts import BASELINE, COMPARISON, CURRENT

DASH = fmt.DASH
GOOD, BAD, NEUTRAL = CURRENT, COMPARISON, BASELINE  # Okabe-Ito blue / orange / grey
VERDICT_COLOURS = {"better": GOOD, "worse": BAD}  # every other verdict is neutral grey


def verdict_colour(verdict: str | None) -> str:
    return VERDICT_COLOURS.get(verdict, NEUTRAL)


def arrow(change) -> str:
    """▲ / ▼ / ▶ from the sign of a rounded change (direction only, not a judgement)."""
    if change is None:
        return ""
    return "▲" if change > 0 else "▼" if change < 0 else "▶"


def header(title: str, question: str, period: str | None = None) -> None:
    st.title(title)
    st.markdown(f"*{question}*")
    if period:
        st.caption(f"Period shown: {period}")


def not_loaded(title: str, question: str, measure: pd.Series) -> None:
    """A page whose extract this warehouse lacks: say which (the measure's source in
    marts.dim_measures) and how to load it; stop the page."""
    header(title, question)
    st.info(
        f"This warehouse holds no {measure['source_name']} data yet: none of the "
        f"`{measure['source']}` extract is loaded. Put the extract in the raw folder, run "
        "`pcc ingest` and `pcc refresh`, and reload."
    )
    st.stop()


def chart_values(frame: pd.DataFrame) -> pd.Series:
    """A display mart's rounded values as floats for a chart, withheld ones left out."""
    return frame["value_rounded"].astype(float).where(~frame["value_suppressed"].astype(bool))


# Streamlit fits a chart's whole height (title, axes, legend) into its `height` unless told
# otherwise, which squashes the plot; fit-x stretches the width to the column and keeps `height`
# for the plot itself, as in the pack.
_FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")


@st.cache_data(show_spinner=False, max_entries=512)
def _chart_spec(
    builder: str,
    frame: pd.DataFrame,
    options: tuple,
    y_zero: bool | None,
    y_format: str | None,
    label_limit: int | None,
    yes_no_legend: str | None,
) -> dict:
    chart = getattr(charts, builder)(frame, **dict(options))
    if y_zero is not None:
        chart.encoding.y.scale = alt.Scale(zero=y_zero)
    if y_format is not None:
        chart.encoding.y.axis = alt.Axis(format=y_format)
    if label_limit is not None:
        chart.config.axis.labelLimit = label_limit
    if yes_no_legend is not None:
        for layer in chart.layer:
            for channel in (layer.encoding.color, layer.encoding.shape):
                if getattr(channel, "shorthand", None) == yes_no_legend:
                    channel.legend = alt.Legend(labelExpr="datum.value ? 'yes' : 'no'")
    return chart.properties(autosize=_FIT_WIDTH).to_dict()


_COLOUR_NAMES = {hex_code.lower(): name for name, hex_code in charts.OKABE_ITO.items()}
_SHAPE_NAMES = {"triangle-down": "downward triangle", "triangle-up": "upward triangle"}


def legend_words(spec: dict) -> str:
    """The legend of a chart in words, read from its own encoding (the colour and shape scales
    of each legend field), so a caption never names a colour or shape the chart does not use:
    "Meets standard: green circle = yes; vermillion downward triangle = no."."""
    fields: dict[str, dict] = {}
    for layer in spec.get("layer", [spec]):
        for channel, encoding in layer.get("encoding", {}).items():
            scale = encoding.get("scale", {}) if isinstance(encoding, dict) else {}
            if channel in ("color", "shape") and "domain" in scale and "range" in scale:
                entry = fields.setdefault(encoding["field"], {"title": encoding.get("title")})
                entry[channel] = dict(zip(map(str, scale["domain"]), scale["range"], strict=True))
                entry["labels"] = encoding.get("legend", {}).get("labelExpr")
    sentences = []
    for field, entry in fields.items():
        keys = list((entry.get("color") or entry.get("shape")).keys())
        marks = []
        for key in keys:
            colour = _COLOUR_NAMES.get(str(entry.get("color", {}).get(key, "")).lower(), "")
            shape = entry.get("shape", {}).get(key, "")
            words = " ".join(w for w in (colour, _SHAPE_NAMES.get(shape, shape)) if w)
            label = ({"True": "yes", "False": "no"} if entry["labels"] else {}).get(key, key)
            marks.append(f"{words} = {label}")
        sentences.append(f"{entry['title'] or field}: {'; '.join(marks)}.")
    return " ".join(sentences)


def show_chart(
    builder: str,
    frame: pd.DataFrame,
    caption: str,
    *,
    y_zero: bool | None = None,
    y_format: str | None = None,
    label_limit: int | None = None,
    yes_no_legend: str | None = None,
    describe_legend: bool = False,
    **options,
) -> None:
    """A pcc.present.charts chart across its column, with the one-line caption saying what it shows.

    builder names the pcc.present.charts function and options are its arguments. The spec is cached
    on the data and options, since building and validating an altair chart costs far more
    than drawing it. The keyword tweaks adjust the shared chart for the screen: y_zero (scale
    from zero or not), y_format (tick format), label_limit (axis label width in px) and
    yes_no_legend (a boolean field, e.g. "meets:N", whose legend reads yes/no).
    describe_legend adds the legend in words to the caption, read from the chart's encoding.
    """
    spec = _chart_spec(
        builder,
        frame,
        tuple(sorted(options.items())),
        y_zero,
        y_format,
        label_limit,
        yes_no_legend,
    )
    st.vega_lite_chart(spec, width="stretch")
    if describe_legend:
        caption = f"{caption} {legend_words(spec)}".strip()
    if caption:  # empty when the page writes a longer caption of its own below
        st.caption(caption)


def figure_sources(marts: tuple[str, ...], measure_ids: tuple[str, ...] = ()) -> None:
    """Where a page's figures come from: each measure's definition (the Definitions page) and
    each mart's page in the dbt docs (columns, tests, lineage; `pcc docs --serve`)."""
    from pcc.present.docs_links import model_url

    parts = []
    if measure_ids:
        links = ", ".join(f"[{m}](/definitions?measure={m})" for m in measure_ids)
        parts.append(f"Definitions: {links}")
    else:
        parts.append("Definitions: [every measure](/definitions)")
    lineage = ", ".join(f"[marts.{m}]({model_url(m)})" for m in marts)
    parts.append(f"computed in {lineage} (dbt docs: `pcc docs --serve`)")
    st.caption(" · ".join(parts))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


# --- tables and downloads -----------------------------------------------------------------------
# Tables hold numbers as numbers (right-aligned, sortable) with a display format; a figure
# disclosure control withholds (the mart's *_suppressed flag) is left empty, in the table and in
# its CSV download alike, which carry the figures themselves rather than display text.

WITHHELD_NOTE = (
    f"An empty cell is withheld ({fmt.SUPPRESSED}: 1-4, or a cell that would reveal one)."
)


NUMBER_WIDTH = 84  # px: "1,234,567" and a short heading; tables of 4 columns fit half of 800 px


def count_column(label: str | None = None, help: str | None = None, width=NUMBER_WIDTH):
    return st.column_config.NumberColumn(label, help=help, format="localized", width=width)


def decimal_column(
    label: str | None = None, decimals: int = 1, suffix: str = "", help=None, width=NUMBER_WIDTH
):
    """A number shown with fixed decimals and a unit suffix ("%", " pp"), still a number."""
    printf = f"%.{decimals}f" + suffix.replace("%", "%%")
    return st.column_config.NumberColumn(label, help=help, format=printf, width=width)


def withheld(values: pd.Series, suppressed: pd.Series) -> pd.Series:
    """The published values: those the mart flags as withheld left empty (a missing number)."""
    numbers = pd.to_numeric(values)
    kind = "Int64" if pd.api.types.is_integer_dtype(numbers) else "Float64"
    return numbers.astype(kind).mask(suppressed.astype(bool).to_numpy())


def table(frame: pd.DataFrame, columns: dict | None = None, **options) -> None:
    """A full-width table, every row shown, with column_config for its number columns."""
    st.dataframe(
        frame,
        hide_index=True,
        width=options.pop("width", "stretch"),
        height=options.pop("height", "content"),
        column_config=columns,
        **options,
    )


def download(frame: pd.DataFrame, file_name: str, key: str, what: str = "these figures") -> None:
    """A CSV of the figures behind a table or chart: numbers, not display text."""
    st.download_button(
        f"Download {what} (CSV)", csv_bytes(frame), file_name=file_name, mime="text/csv", key=key
    )


def board_download(rows, file_name: str, key: str, what: str = "the figures") -> None:
    """Board rows (pcc.read.board) as CSV, exactly as `pcc measures --publishable --format csv`
    writes them: the rounded figures as numbers, those disclosure control withholds as <5."""
    from pcc.present.board_table import records, render_csv

    st.download_button(
        f"Download {what} (CSV)",
        render_csv(records(rows, publishable=True)).encode("utf-8"),
        file_name=file_name,
        mime="text/csv",
        key=key,
    )


def quarterly_pack(stamp: int, period_ends: list, key: str) -> None:
    """Choose a quarter and download its board pack (pcc pack): built on first request for this
    warehouse, then fetched from a folder per published warehouse. The pack's heavy imports
    (weasyprint, the charts' renderer) load only when a pack is built, never with the page."""
    quarters = [end for end in period_ends if end.month in QUARTER_END_MONTHS]
    if not quarters:
        return
    st.subheader("Quarterly board pack")
    left, right = st.columns([1, 1], vertical_alignment="bottom")
    quarter = left.selectbox("Quarter ending", quarters, format_func=fmt.month, key=key)
    folder = Path(tempfile.gettempdir()) / "pcc-explorer-packs" / str(stamp) / f"{quarter:%Y-%m}"
    files = sorted(folder.glob("pack-*.*"))
    if not files and right.button("Build the quarterly pack", key=f"{key}_build"):
        with st.spinner("Building the pack (workbook and PDF)..."):
            _build_pack(quarter, folder)
        files = sorted(folder.glob("pack-*.*"))
    for file in files:
        right.download_button(
            f"Download the quarterly pack ({file.suffix[1:].upper()})",
            file.read_bytes(),
            file_name=file.name,
            key=f"{key}_{file.suffix}",
        )


def _build_pack(quarter, folder: Path) -> None:
    """`pcc pack` in its own process: the explorer never imports the pack's writers, and the
    pack's gate (no pack from a refresh that failed its checks) applies as on the command line."""
    staging = folder.with_name(folder.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    command = [sys.executable, "-m", "pcc", "pack", "--period-end", f"{quarter:%Y-%m}"]
    result = subprocess.run([*command, "--out", str(staging)], capture_output=True, text=True)
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["no reason given"])[-1]
        st.error(f"The pack could not be built: {reason}")
        return
    staging.replace(folder)  # whole packs only: a half-built one is never offered
