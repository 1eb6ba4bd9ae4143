"""Mental health: section 136 detentions by month, year, place of safety, conveyance and age.

Totals, the monthly series and financial years are board figures (marts.fct_measure_board,
marts.fct_measure_monthly_board) with their disclosure flags; the breakdowns are summed in SQL
and suppressed through app.ui.breakdown_count until a publishable breakdown mart replaces them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.present import format as fmt

MEASURE = "s136_detentions"

stamp = data.warehouse_stamp()
area_frame = data.areas(stamp)
top = st.container()  # title first, filled once the controls are read

c1, c2 = st.columns([3, 1])
area_name = c1.selectbox("Area", list(area_frame["area_name"]), key="s136_area")
area = area_frame.set_index("area_name").loc[area_name]
area_code = area["area_code"]
period_end = c2.selectbox(
    "12 months ending",
    data.period_ends(stamp, 12, area_code),
    format_func=fmt.month,
    key="s136_period",
)
row = data.board_row(stamp, MEASURE, area_code, 12, period_end)
with top:
    ui.header(
        "Mental health: section 136 detentions",
        "How often are people in crisis detained under s.136, where are they taken and how?",
        f"{fmt.month_span(row.period_start, row.period_end)} (12 months) for the breakdowns; "
        "charts show every month and financial year",
    )
    st.markdown(f"**{area_name}**")

by_month = data.monthly_board(stamp, area_code, (MEASURE,))
withheld = by_month["value_suppressed"].any()
note = " Months with 1-4 detentions are left out." if withheld else ""
ui.show_chart(
    "monthly_chart",
    pd.DataFrame(
        {"month": pd.to_datetime(by_month["month_start"]), "value": ui.chart_values(by_month)}
    ),
    f"Detentions under s.136 each month (by date of detention).{note}",
    title="Section 136 detentions by month",
    unit="detentions",
    height=180,
)

# Financial years are the board's 12-month windows ending in March.
years = data.board_series(stamp, area_code, 12, (MEASURE,))
years = years[pd.to_datetime(years["period_end"]).dt.month == 3]
labels = [f"{end.year - 1}/{end:%y}" for end in years["period_end"]]
left, right = st.columns([3, 2])
with left:
    ui.show_chart(
        "category_bar_chart",
        pd.DataFrame({"label": labels, "value": ui.chart_values(years), "partial": False}).dropna(),
        "Detentions per financial year (April-March), complete years only.",
        title="Detentions by financial year",
        value_title="detentions",
        height=180,
    )
with right:
    st.dataframe(
        pd.DataFrame(
            {
                "Financial year": labels,
                "Detentions": [
                    fmt.withheld(fmt.number(v), s)
                    for v, s in zip(years["value_rounded"], years["value_suppressed"], strict=True)
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        height="content",
    )

total = fmt.withheld(fmt.number(row.value_rounded), row.value_suppressed)
mixes = data.s136_mix(
    stamp, () if area["area_type"] == "force" else (area_code,), row.period_start, row.period_end
)
st.subheader(f"Breakdowns: {total} detentions in the 12 months")


def mix(column: str, title: str, order: list[str] | None = None) -> None:
    counts = mixes[mixes["breakdown"] == column].set_index("category")["detentions"]
    if order:
        counts = counts.reindex(
            [o for o in order if o in counts.index] + [i for i in counts.index if i not in order],
            fill_value=0,
        )
    else:
        counts = counts.sort_values(ascending=False)
    hide = counts.map(ui.breakdown_hidden)
    table = pd.DataFrame(
        {
            title: counts.index,
            "Detentions": counts.map(ui.breakdown_count).values,
            "Share": [
                fmt.DASH if h else ui.breakdown_pct(c, row.numerator)
                for c, h in zip(counts, hide, strict=True)
            ],
        }
    )
    bars = pd.DataFrame(
        {"label": counts.index, "value": [ui.breakdown_rate(c, row.numerator, 100) for c in counts]}
    )[~hide.values]
    left, right = st.columns([2, 3])
    with left:
        st.dataframe(table, hide_index=True, width="stretch", height="content")
    with right:
        ui.show_chart(
            "ranked_bar_chart",
            bars,
            f"Share of the 12 months' detentions by {title.lower()}; {fmt.SUPPRESSED} = 1-4, "
            "not drawn.",
            label_limit=240,  # whole names, e.g. "health-based place of safety"
            title=f"{title} (% of detentions)",
            value_title="% of detentions",
            height=24 * max(len(bars), 1),
        )


AGE_ORDER = ["under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65 and over", "unknown"]
mix("first_place_of_safety", "Place of safety")
mix("conveyance", "Conveyance")
mix("age_band", "Age band", AGE_ORDER)
