"""Definitions: every measure, and the Home Office offence code lookup."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui

stamp = data.warehouse_stamp()
ui.header(
    "Definitions",
    "What exactly does each measure count, where does it come from, and which way is better?",
)

dims = data.measure_dim(stamp)
# A figure's "definition" link opens this page at its measure (?measure=<id>).
asked = st.query_params.get("measure")
if asked in set(dims["measure_id"]):
    picked = dims.set_index("measure_id").loc[asked]
    st.info(
        f"**{picked['measure_name']}**: {picked['plain_definition']}. Source: "
        f"{picked['source_name']}; unit: {picked['unit']}; which way is better: "
        f"{picked['polarity'].replace('_', ' ')}."
    )
# A static table: definitions are sentences, which the scrolling grid would cut off.
where = [
    f"{framework} · {priority}" if priority else framework
    for framework, priority in zip(dims["framework"], dims["priority"], strict=True)
]
st.table(
    pd.DataFrame(
        {
            "Measure": dims["measure_name"]
            + dims["is_headline"].map({True: " (headline)", False: ""}),
            "Definition": dims["plain_definition"],
            "Source": dims["source_name"],
            # the seed's word, as written: lower is better, higher is better, context only
            "Which way is better": dims["polarity"].str.replace("_", " ").str.capitalize(),
            "Unit": dims["unit"] + " (" + dims["kind"] + ")",
            "Framework": where,
            "Id": dims["measure_id"],
        }
    ).set_index("Measure")
)
ui.download(
    dims.drop(columns=["display_order"]), "measures.csv", "definitions_download", "the definitions"
)
st.caption(
    f"{len(dims)} measures. Counts sum the months of a window; ratios divide summed "
    "numerators by summed denominators."
)

st.subheader("Offence codes")
search = st.text_input(
    "Search offence codes (code, description, group or subgroup)", key="definitions_search"
)
codes = data.offence_codes(stamp, search)
st.dataframe(
    codes.rename(
        columns={
            "offence_code": "Code",
            "offence_description": "Description",
            "offence_group": "Group",
            "offence_subgroup": "Subgroup",
            "open_data_code": "Open data code",
        }
    ),
    hide_index=True,
    width="stretch",
    # Widths that fit an 800 px window: long names are cut short, never the columns.
    column_config={
        "Code": st.column_config.TextColumn(width=60),
        "Description": st.column_config.TextColumn(width=240),
        "Group": st.column_config.TextColumn(width=170),
        "Subgroup": st.column_config.TextColumn(width=170),
        "Open data code": st.column_config.TextColumn(width=90),
    },
)
st.caption(f"{len(codes):,} Home Office offence codes match.")
ui.figure_sources(("dim_measures",))
