"""Mental health: section 136 detentions by month, year, place of safety, conveyance and age."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.disclosure import is_suppressed

stamp = data.warehouse_stamp()
area_frame = data.areas(stamp)
districts = area_frame[area_frame["area_type"] == "district"]
code_of = dict(zip(districts["area_name"], districts["area_code"], strict=True))
top = st.container()  # title first, filled once the controls are read

c1, c2 = st.columns([3, 1])
picked = c1.multiselect("Districts (none = all Kent)", list(code_of), key="s136_districts")
months = data.s136_months(stamp)
period_end = c2.selectbox(
    "12 months ending",
    sorted(months, reverse=True)[: max(len(months) - 11, 1)],
    format_func=ui.month_words,
    key="s136_period",
)
first = ui.add_months(period_end, -11)
with top:
    ui.header(
        "Mental health: section 136 detentions",
        "How often are people in crisis detained under s.136, where are they taken and how?",
        f"{ui.period_words(first, period_end)} (12 months) for the breakdowns; charts show every "
        "month and financial year",
    )
    st.markdown(f"**{', '.join(picked) if picked else 'Kent'}**")

chosen = tuple(code_of[d] for d in picked)
by_month = data.s136_by_month(stamp, chosen).set_index("month_start")
by_month = by_month.reindex(months, fill_value=0).reset_index(names="month_start")

small = by_month["detentions"].map(is_suppressed)
chart_frame = pd.DataFrame(
    {
        "month": pd.to_datetime(by_month["month_start"]),
        "value": by_month["detentions"].where(~small),
    }
)
note = " Months with 1-4 detentions are left out." if small.any() else ""
ui.show_chart(
    "monthly_chart",
    chart_frame,
    f"Detentions under s.136 each month (by date of detention).{note}",
    title="Section 136 detentions by month",
    unit="detentions",
    height=180,
)


def financial_year(month) -> str:
    start = month.year if month.month >= 4 else month.year - 1
    return f"{start}/{str(start + 1)[-2:]}"


years = by_month.assign(year=by_month["month_start"].map(financial_year))
years = years.groupby("year", as_index=False).agg(
    value=("detentions", "sum"), months=("detentions", "size")
)
years = years.assign(
    partial=years["months"] < 12,
    label=[f"{y}*" if m < 12 else y for y, m in zip(years["year"], years["months"], strict=True)],
)
years = years[~years["value"].map(is_suppressed)]
left, right = st.columns([3, 2])
with left:
    ui.show_chart(
        "category_bar_chart",
        years[["label", "value", "partial"]],
        "Detentions per financial year (April-March); * = part year, lighter bar.",
        title="Detentions by financial year",
        value_title="detentions",
        height=180,
    )
with right:
    st.dataframe(
        pd.DataFrame(
            {
                "Financial year": years["label"],
                "Months": years["months"],
                "Detentions": years["value"].map(ui.suppressed_text),
            }
        ),
        hide_index=True,
        width="stretch",
        height="content",
    )

in_window = (by_month["month_start"] >= first) & (by_month["month_start"] <= period_end)
total = int(by_month.loc[in_window, "detentions"].sum())
mixes = data.s136_mix(stamp, chosen, first, period_end)
st.subheader(f"Breakdowns: {ui.suppressed_text(total)} detentions in the 12 months")


def mix(column: str, title: str, order: list[str] | None = None) -> None:
    counts = mixes[mixes["breakdown"] == column].set_index("category")["detentions"]
    if order:
        counts = counts.reindex(
            [o for o in order if o in counts.index] + [i for i in counts.index if i not in order],
            fill_value=0,
        )
    else:
        counts = counts.sort_values(ascending=False)
    hide = counts.map(is_suppressed)
    table = pd.DataFrame(
        {
            title: counts.index,
            "Detentions": counts.map(ui.suppressed_text).values,
            "Share": [
                ui.DASH if h else ui.pct_text(c, total) for c, h in zip(counts, hide, strict=True)
            ],
        }
    )
    bars = pd.DataFrame({"label": counts.index, "value": [ui.percent(c, total) for c in counts]})[
        ~hide.values
    ]
    left, right = st.columns([2, 3])
    with left:
        st.dataframe(table, hide_index=True, width="stretch", height="content")
    with right:
        ui.show_chart(
            "ranked_bar_chart",
            bars,
            f"Share of the 12 months' detentions by {title.lower()}; <5 = 1-4, not drawn.",
            label_limit=240,  # whole names, e.g. "health-based place of safety"
            title=f"{title} (% of detentions)",
            value_title="% of detentions",
            height=24 * max(len(bars), 1),
        )


AGE_ORDER = ["under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65 and over", "unknown"]
mix("first_place_of_safety", "Place of safety")
mix("conveyance", "Conveyance")
mix("age_band", "Age band", AGE_ORDER)
