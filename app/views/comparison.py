"""Force comparison: where Kent ranks among the territorial forces of England and Wales.

From the Home Office police recorded crime open data tables, loaded as public data (quarterly,
every force). Forces are ranked on a measure's % change against the previous year or the
baseline; Kent is highlighted and the list can be narrowed to the peer group (peer_group seed).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.present import charts
from pcc.present import format as fmt

COMPARISONS = {
    "Previous year": ("previous_offences", "pct_change_rounded", "rank_vs_previous_year"),
    "Baseline (year to December 2019)": (
        "baseline_offences",
        "pct_change_vs_baseline_rounded",
        "rank_vs_baseline",
    ),
}

stamp = data.warehouse_stamp()
ui.header(
    "Force comparison",
    "Is Kent doing better than other forces? Recorded crime % change, every territorial force.",
)

choices = data.comparison_choices(stamp)
if choices.empty:
    st.info(
        "No public data is loaded, so there is nothing to compare yet.\n\n"
        "Download the Home Office *police recorded crime open data Police Force Area tables* "
        "(.ods), load it with `pcc ingest <workbook.ods>` and run `pcc refresh`."
    )
    st.stop()

names = choices.drop_duplicates("measure_id").set_index("measure_name")["measure_id"]
left, middle, right = st.columns(3)
measure_name = left.selectbox("Measure", list(names.index), key="comparison_measure")
measure_id = names[measure_name]
comparison = middle.radio("Compared with", list(COMPARISONS), key="comparison_against")
window_label = right.radio(
    "Window", ["12 months", "3 months"], horizontal=True, key="comparison_window"
)
window_months = 12 if window_label == "12 months" else 3
ends = choices[(choices["measure_id"] == measure_id) & (choices["window_months"] == window_months)][
    "period_end"
].tolist()
if not ends:
    st.info(f"The public data has no complete {window_label} window for {measure_name}.")
    st.stop()
period_end = left.selectbox("Ending", ends, format_func=fmt.month, key="comparison_period_end")
peers_only = middle.checkbox("Peer group only", key="comparison_peers")

frame = data.force_comparison(stamp, measure_id, window_months, period_end)
if peers_only:
    frame = frame[frame["is_peer"]]
then_column, pct_column, rank_column = COMPARISONS[comparison]


def _figure(value):
    return None if pd.isna(value) else value


ranked = frame.dropna(subset=[pct_column])
if len(frame):
    st.caption(
        f"Period shown: {fmt.month_span(frame['period_start'].iloc[0], frame['period_end'].iloc[0])}"
    )
if ranked.empty:
    st.info("No force has a comparison for this window (the data does not cover it).")
else:
    chart_frame = pd.DataFrame(
        {"label": ranked["force_name"], "value": ranked[pct_column].astype(float)}
    )
    kent = frame.loc[frame["is_kent"], "force_name"]
    st.altair_chart(
        charts.ranked_bar_chart(
            chart_frame,
            f"{measure_name}: % change against the {comparison.lower()}",
            "% change",
            highlight=kent.iloc[0] if len(kent) else None,
        ),
        width="content",
    )

table = frame.assign(_order=frame[rank_column].fillna(10**6)).sort_values(["_order", "force_name"])
st.dataframe(
    pd.DataFrame(
        {
            "Rank": [fmt.number(_figure(r)) for r in table[rank_column]],
            "Force": [
                f"{f} (Kent)" if k and f != "Kent" else f
                for f, k in zip(table["force_name"], table["is_kent"], strict=True)
            ],
            "Peer group": ["yes" if p else "" for p in table["is_peer"]],
            "Offences": [fmt.number(_figure(v)) for v in table["offences"]],
            comparison: [fmt.number(_figure(v)) for v in table[then_column]],
            "% change": [fmt.pct_change(_figure(v)) for v in table[pct_column]],
            "Per 1,000 residents": [
                fmt.number(_figure(v), 2) for v in table["rate_per_1000_rounded"]
            ],
        }
    ),
    hide_index=True,
    width="stretch",
)
st.caption(
    "Source: Home Office police recorded crime open data tables (quarterly, by police force "
    "area). Rank 1 = the largest fall; forces without a comparison are not ranked. National "
    "fraud bodies and British Transport Police are never ranked. Per 1,000 residents only "
    "where a population is in the force_population seed. % rounded half-up from the counts."
)
