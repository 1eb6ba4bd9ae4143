"""Presentation helpers shared by the pages: headers, number formats, suppression, tiles.

Numbers are formatted here only: counts with thousands separators, percentages to one decimal
rounded half-up from their integer numerator and denominator (pcc.numbers), never from a float.
"""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal

import pandas as pd
import streamlit as st

from pcc.charts import BASELINE, COMPARISON, CURRENT
from pcc.disclosure import SUPPRESSED, is_suppressed
from pcc.measures import Presented
from pcc.numbers import round_half_up

DASH = "–"
GOOD, BAD, NEUTRAL = CURRENT, COMPARISON, BASELINE  # Okabe-Ito blue / orange / grey


def month_words(month: date) -> str:
    return month.strftime("%b %Y")


def period_words(first: date, last: date) -> str:
    return f"{month_words(first)} – {month_words(last)}"


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def header(title: str, question: str, period: str | None = None) -> None:
    st.title(title)
    st.markdown(f"*{question}*")
    if period:
        st.caption(f"Period shown: {period}")


def count_text(count: int | None) -> str:
    return DASH if count is None or pd.isna(count) else f"{int(count):,}"


def suppressed_text(count: int | None) -> str:
    """A person-level count for a breakdown: "<5" for 1-4 (pcc.disclosure)."""
    if count is None or pd.isna(count):
        return DASH
    return SUPPRESSED if is_suppressed(int(count)) else f"{int(count):,}"


def pct_text(numerator: int | None, denominator: int | None, places: int = 1) -> str:
    """numerator / denominator as a percentage, rounded half-up exactly."""
    if numerator is None or not denominator or pd.isna(numerator) or pd.isna(denominator):
        return DASH
    return f"{round_half_up(int(numerator) * 100, int(denominator), places):,}%"


def ratio_text(numerator: int | None, denominator: int | None, places: int = 1) -> str:
    if numerator is None or not denominator or pd.isna(numerator) or pd.isna(denominator):
        return DASH
    return f"{round_half_up(int(numerator), int(denominator), places):,}"


def rate(numerator: int, denominator: int, places: int = 1) -> float | None:
    """Half-up rounded ratio as a float, for charts and tables that sort numerically."""
    if not denominator:
        return None
    return float(round_half_up(int(numerator), int(denominator), places))


def percent(numerator: int, denominator: int, places: int = 1) -> float | None:
    return rate(int(numerator) * 100, denominator, places)


# --- board values (pcc.measures.Presented) -----------------------------------------------------


def value_text(p: Presented, value: Decimal | None, signed: bool = False) -> str:
    if value is None:
        return DASH
    sign = "+" if signed and value > 0 else ""
    text = f"{sign}{value:,}"
    if p.row.unit == "percent":
        return text + (" pp" if signed else "%")
    if p.row.unit == "seconds":
        return text + " s"
    return text


def pct_change_text(value: Decimal | None) -> str:
    if value is None:
        return DASH
    return f"{'+' if value > 0 else ''}{value:,}%"


def judgement(polarity: str, change: Decimal | None) -> tuple[str, str, str]:
    """(arrow, word, colour) for a change, by the measure's polarity."""
    if change is None:
        return "", "no comparison", NEUTRAL
    arrow = "▲" if change > 0 else "▼" if change < 0 else "▶"
    if change == 0:
        return arrow, "no change", NEUTRAL
    if polarity == "context_only":
        return arrow, "up" if change > 0 else "down", NEUTRAL
    better = (change < 0) == (polarity == "lower_is_better")
    return arrow, "better" if better else "worse", GOOD if better else BAD


def _change_line(label: str, p: Presented, polarity: str, change, pct) -> str:
    arrow, word, colour = judgement(polarity, change)
    amount = value_text(p, change, signed=True)
    pct_part = f" ({pct_change_text(pct)})" if pct is not None else ""
    return (
        f'<div style="font-size:0.85rem;color:{colour};">'
        f'<span aria-hidden="true">{arrow}</span> {html.escape(amount)}{pct_part} '
        f"<b>{word}</b> <span style='color:#444'>vs {label}</span></div>"
    )


def tile_html(p: Presented, polarity: str) -> str:
    """One headline measure: value, change against last year and against the baseline."""
    return (
        f'<div class="pcc-tile" data-measure="{html.escape(p.row.measure_id)}" '
        'style="border:1px solid #ccc;border-radius:6px;padding:0.6rem 0.8rem;'
        'margin-bottom:0.6rem;min-height:8.2rem;">'
        f'<div style="font-size:0.9rem;color:#333;">{html.escape(p.row.measure_name)}</div>'
        f'<div class="pcc-value" style="font-size:1.7rem;font-weight:600;">'
        f"{html.escape(value_text(p, p.value))}</div>"
        + _change_line("last year", p, polarity, p.change, p.pct_change)
        + _change_line("baseline", p, polarity, p.change_vs_baseline, p.pct_change_vs_baseline)
        + "</div>"
    )


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")
