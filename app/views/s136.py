"""Mental health: section 136 detentions by month, year, place of safety, conveyance and age.

Totals, the monthly series and financial years are board figures (marts.fct_measure_board,
marts.fct_measure_monthly_board) with their disclosure flags; the breakdowns by place of
safety, conveyance, age (in age order), sex, ethnicity and repeat detention come from
marts.fct_s136_breakdowns, withheld as it says (primary and secondary suppression, in dbt).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.present import format as fmt

MEASURE = "s136_detentions"

TITLE = "Mental health: section 136 detentions"
QUESTION = "How often are people in crisis detained under s.136, where are they taken and how?"

stamp = data.warehouse_stamp()
area_frame = data.areas(stamp)
if not data.period_ends(stamp, 12, data.force_code(stamp), MEASURE):
    ui.not_loaded(TITLE, QUESTION, data.measure_dim(stamp).set_index("measure_id").loc[MEASURE])
top = st.container()  # title first, filled once the controls are read

c1, c2 = st.columns([3, 1])
area_name = c1.selectbox("Area", list(area_frame["area_name"]), key="s136_area")
area = area_frame.set_index("area_name").loc[area_name]
area_code = area["area_code"]
period_end = c2.selectbox(
    "12 months ending",
    data.period_ends(stamp, 12, area_code, MEASURE),
    format_func=fmt.month,
    key="s136_period",
)
row = data.board_row(stamp, MEASURE, area_code, 12, period_end)
with top:
    ui.header(
        TITLE,
        QUESTION,
        f"{fmt.month_span(row.period_start, row.period_end)} (12 months) for the breakdowns; "
        "charts show every month and financial year",
    )
    st.markdown(f"**{area_name}**")

by_month = data.monthly_board(stamp, area_code, (MEASURE,))
withheld = by_month["value_suppressed"].any()
note = " Months withheld by disclosure control are left out." if withheld else ""
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
    year_table = pd.DataFrame(
        {
            "Financial year": labels,
            "Detentions": ui.withheld(
                years["value_rounded"].astype(int), years["value_suppressed"]
            ).to_numpy(),
        }
    )
    ui.table(year_table, {"Detentions": ui.count_column()})

total = fmt.withheld(fmt.number(row.value_rounded), row.value_suppressed)
breakdowns = data.s136_breakdowns(stamp, area_code, 12, row.period_end)
st.subheader(f"Breakdowns: {total} detentions in the 12 months")


def breakdown(dimension: str) -> None:
    """One breakdown as published (marts.fct_s136_breakdowns): withheld cells are <5 and not
    drawn, with their share; the mart's secondary cells keep any from being recovered."""
    cells = breakdowns[breakdowns["dimension"] == dimension].sort_values("category_order")
    if cells.empty:
        return
    title = cells["dimension_label"].iloc[0]
    hidden = cells["detentions_suppressed"].astype(bool)
    table = pd.DataFrame(
        {
            title: cells["category_label"].values,
            "Detentions": ui.withheld(cells["detentions"], hidden).to_numpy(),
            "Share": ui.withheld(cells["share_rounded"].astype(float), hidden).to_numpy(),
        }
    )
    tables.append(table.rename(columns={title: "category"}).assign(breakdown=title))
    bars = pd.DataFrame(
        {"label": cells["category_label"].values, "value": cells["share_rounded"].astype(float)}
    )[~hidden.values]
    left, right = st.columns(2)
    with left:
        ui.table(table, {"Detentions": ui.count_column(), "Share": ui.decimal_column(suffix="%")})
    with right:
        ui.show_chart(
            "ranked_bar_chart",
            bars,
            f"Share of the 12 months' detentions by {title.lower()}. {ui.WITHHELD_NOTE} "
            "Withheld cells are not drawn.",
            label_limit=240,  # whole names, e.g. "health-based place of safety"
            title=f"{title} (% of detentions)",
            value_title="% of detentions",
            height=24 * max(len(bars), 1),
            ordered=dimension == "age_band",  # age bands in age order, not by size
        )


tables: list[pd.DataFrame] = []
for dimension in (
    "first_place_of_safety",
    "conveyance",
    "age_band",
    "sex",
    "ethnicity_group",
    "is_repeat_detention",
):
    breakdown(dimension)
ui.download(
    pd.concat([year_table.assign(breakdown="financial year"), *tables], ignore_index=True)[
        ["breakdown", "Financial year", "category", "Detentions", "Share"]
    ],
    f"s136_{area_code}_{row.period_end:%Y-%m}.csv",
    "s136_download",
    "the detentions and breakdowns",
)
ui.figure_sources(
    ("fct_measure_board", "fct_measure_monthly_board", "fct_s136_breakdowns"), (MEASURE,)
)
