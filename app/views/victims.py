"""Victims: commissioned services' referrals and support, and victim satisfaction."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.disclosure import is_suppressed

stamp = data.warehouse_stamp()
services = data.victim_services(stamp)
surveys = data.satisfaction(stamp)
top = st.container()  # title first, filled once the controls are read

months = sorted(services["month_start"].unique(), reverse=True)
period_end = st.selectbox(
    "12 months ending",
    months[: max(len(months) - 11, 1)],
    format_func=ui.month_words,
    key="victims_period",
)
first = ui.add_months(period_end, -11)
with top:
    ui.header(
        "Victims: services and satisfaction",
        "How many victims do the PCC's commissioned services reach and support, and how "
        "satisfied are victims with the police?",
        f"{ui.period_words(first, period_end)} (12 months)",
    )

COUNTS = {"referrals_received": "Referrals", "contacted": "Contacted", "supported": "Supported"}


def in_window(frame: pd.DataFrame, start, end) -> pd.DataFrame:
    return frame[(frame["month_start"] >= start) & (frame["month_start"] <= end)]


current = in_window(services, first, period_end)
m = st.columns(3)
for col, (column, label) in zip(m, COUNTS.items(), strict=True):
    col.metric(label, ui.count_text(int(current[column].sum())))


def breakdown(by: str, title: str) -> pd.DataFrame:
    sums = (
        current.groupby(by)[list(COUNTS)].sum().sort_values("referrals_received", ascending=False)
    )
    table = sums.rename(columns=COUNTS)
    for label in COUNTS.values():
        table[label] = table[label].map(ui.suppressed_text)
    return table.reset_index().rename(columns={by: title})


left, right = st.columns(2)
with left:
    st.markdown("**By service**")
    st.dataframe(
        breakdown("service", "Service"), hide_index=True, width="stretch", height="content"
    )
with right:
    st.markdown("**By crime category**")
    st.dataframe(
        breakdown("crime_category", "Crime category"),
        hide_index=True,
        width="stretch",
        height="content",
    )
st.caption(
    "Sums of the services' monthly returns; support can exceed referrals (support continues "
    "for victims referred earlier). <5 = 1-4."
)

monthly = services.groupby("month_start", as_index=False)[list(COUNTS)].sum()
frame = pd.concat(
    [
        pd.DataFrame(
            {"month": pd.to_datetime(monthly["month_start"]), "value": monthly[c], "series": label}
        )
        for c, label in COUNTS.items()
    ]
)
ui.show_chart(
    "monthly_chart",
    frame,
    "All commissioned services, each month: referrals received, victims contacted, victims "
    "supported.",
    title="Referrals, contacts and support by month",
    unit="victims",
    height=200,
)

st.subheader("Victim satisfaction")
QUESTIONS = {
    "overall_satisfaction": "Overall satisfaction",
    "dignity_and_respect": "Treated with dignity and respect",
    "treated_fairly": "Treated fairly",
}
SURVEYS = {"domestic_abuse": "Domestic abuse", "hate_crime": "Hate crime", "rape": "Rape"}
now = (
    in_window(surveys, first, period_end)
    .groupby(["survey", "question"])[["respondents", "satisfied"]]
    .sum()
)
before = (
    in_window(surveys, ui.add_months(first, -12), ui.add_months(period_end, -12))
    .groupby(["survey", "question"])[["respondents", "satisfied"]]
    .sum()
)
rows = []
for (survey, question), r in now.iterrows():
    prev = before.loc[(survey, question)] if (survey, question) in before.index else None
    rows.append(
        {
            "Survey": SURVEYS.get(survey, survey),
            "Question": QUESTIONS.get(question, question),
            "Respondents": ui.suppressed_text(r["respondents"]),
            "Satisfied": ui.DASH
            if is_suppressed(r["respondents"])
            else ui.pct_text(r["satisfied"], r["respondents"]),
            "A year earlier": ui.DASH
            if prev is None or is_suppressed(prev["respondents"])
            else ui.pct_text(prev["satisfied"], prev["respondents"]),
        }
    )
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height="content")
st.caption(
    "Satisfied respondents / respondents, both summed over the 12 months (not an average "
    "of monthly rates), rounded half-up."
)

overall = surveys[surveys["question"] == "overall_satisfaction"].sort_values("month_start")
trend = []
for survey, group in overall.groupby("survey"):
    sat, resp = group["satisfied"].rolling(12).sum(), group["respondents"].rolling(12).sum()
    for month, s, n in zip(group["month_start"], sat, resp, strict=True):
        if pd.notna(n) and not is_suppressed(int(n)):
            trend.append(
                {
                    "month": pd.Timestamp(month),
                    "value": ui.percent(int(s), int(n)),
                    "series": SURVEYS.get(survey, survey),
                }
            )
ui.show_chart(
    "monthly_chart",
    pd.DataFrame(trend),
    "Overall satisfaction in the 12 months ending each month, by survey (summed respondents).",
    y_zero=False,  # from zero, rates between 80% and 100% would be drawn as flat lines
    title="Overall satisfaction, rolling year",
    unit="percent",
    height=200,
)
