"""Force comparison: where Kent ranks among the territorial forces of England and Wales.

Two parts. The force ranking (marts.fct_force_ranking, the same rows as `pcc compare`): every
territorial force ranked on a measure (the Home Office 999 data: share within 10 seconds and
average answer time; recorded crime per 1,000 residents; solved and charge rates from the
crime outcomes tables; knife and firearm crime per 100,000 residents and their charge rates
from those offences' own outcomes tables; stop and search per 1,000, the share ending in
arrest and disproportionality), rank 1 = best by polarity, a sorted "ski-slope" chart with
Kent and its most similar group (MSG) highlighted, the MSG and national figures, and the source of the
group, or a note that no cited group is loaded. Then the recorded crime comparison against the
previous year or the baseline, from the Home Office police recorded crime open data tables,
narrowed to the peer group if wanted (peer_group seed).
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.present import charts
from pcc.present import format as fmt
from pcc.present.ranking import MSG_MISSING, sources_note, summary, value_text

COMPARISONS = {
    "Previous year": ("previous_offences", "pct_change_rounded", "rank_vs_previous_year"),
    "Baseline (year to December 2019)": (
        "baseline_offences",
        "pct_change_vs_baseline_rounded",
        "rank_vs_baseline",
    ),
}
WINDOWS = {1: "1 month", 3: "3 months", 12: "12 months"}

stamp = data.warehouse_stamp()
ui.header(
    "Force comparison",
    "Is Kent doing better than other forces? Every territorial force ranked, Kent and its most "
    "similar group highlighted.",
)


def _ranking() -> None:
    choices = data.ranking_choices(stamp)
    if not choices:
        st.info(
            "No force ranking yet: load the Home Office 999 answer-time data (CSV) or the police "
            "recorded crime open data tables with `pcc ingest <file>` and run `pcc refresh`."
        )
        return
    names = {c[0]: c[1] for c in choices}
    left, middle, right = st.columns(3)
    measure_id = left.selectbox(
        "Measure ranked", list(names), format_func=names.get, key="ranking_measure"
    )
    windows = sorted({c[2] for c in choices if c[0] == measure_id})
    window = middle.radio(
        "Window", windows, format_func=WINDOWS.get, horizontal=True, key="ranking_window"
    )
    ends = [c[3] for c in choices if c[0] == measure_id and c[2] == window]
    period_end = right.selectbox("Ending", ends, format_func=fmt.month, key="ranking_period_end")
    rows, source = data.force_ranking(stamp, measure_id, window, period_end)
    if data.refresh_info(stamp).synthetic:
        st.caption(
            "Synthetic sample: the 999 files, the recorded crime and crime outcomes tables (all "
            "offences, knives, firearms) and the stop and search archive in data/raw/public are "
            "modelled for every force (Kent's figures from its synthetic extracts); no figure is "
            "a real force's."
        )
    for line in summary(rows, source):
        if line == MSG_MISSING:
            st.warning(line)  # said plainly, instead of showing another group as the MSG
        else:
            st.markdown(f"- {line}")
    valued = [r for r in rows if r.value_order is not None]
    if valued:
        frame = pd.DataFrame(
            {
                "label": [r.force_name for r in valued],
                "value": [float(r.value_rounded) for r in valued],
                "order": [r.value_order for r in valued],
                "rank": [r.force_rank for r in valued],
                "group": [
                    "Kent" if r.is_kent else "Most similar group" if r.is_msg else "Other force"
                    for r in valued
                ],
            }
        )
        first = "highest first" if rows[0].polarity == "context_only" else "best first"
        # Through the pages' shared chart path (width fitted, the height kept for the plot):
        # drawn as it was, Streamlit fitted the title, the 43 angled names and the legend into
        # the chart's height and left the bars a few pixels high.
        ui.show_chart(
            "ski_slope_chart",
            frame,
            "",
            title=f"{rows[0].measure_name}: every force, {first}",
            value_title=fmt.unit_title(rows[0].value_unit),
        )
    st.dataframe(
        pd.DataFrame(
            {
                "Rank": [fmt.number(r.force_rank) for r in rows],
                "Force": [r.force_name for r in rows],
                "Group": [
                    "Kent" if r.is_kent else "Most similar group" if r.is_msg else "" for r in rows
                ],
                "Value": [value_text(r, r.value_rounded) for r in rows],
                "Rank a year earlier": [fmt.number(r.force_rank_year_earlier) for r in rows],
                "Places gained": [fmt.number(r.rank_change, signed=True) for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    ui.download(
        pd.DataFrame([dataclasses.asdict(r) for r in rows]),
        f"force_ranking_{rows[0].measure_id}_{rows[0].period_end:%Y-%m}.csv",
        "comparison_download_ranking",
        "the ranking",
    )
    st.caption(sources_note(source, "on the Calls page"))


st.subheader("Rank among the territorial forces")
_ranking()
st.subheader("Recorded crime: % change, every territorial force")
choices = data.comparison_choices(stamp)
if choices.empty:
    st.info(
        "No police recorded crime open data is loaded, so there is nothing to compare yet.\n\n"
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
ui.download(
    table.drop(columns="_order"), "force_comparison.csv", "comparison_download_forces", "the forces"
)
st.caption(
    "Source: Home Office police recorded crime open data tables (quarterly, by police force "
    "area). Rank 1 = the largest fall; forces without a comparison are not ranked. National "
    "fraud bodies and British Transport Police are never ranked. Per 1,000 residents of the "
    "2011 Census (ONS; dbt_project/seeds/README.md). % rounded half-up from the counts."
)
