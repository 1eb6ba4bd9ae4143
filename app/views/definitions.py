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

POLARITY = {
    "lower_is_better": "Lower is better",
    "higher_is_better": "Higher is better",
    "context_only": "Context only (no better or worse)",
}
dims = data.measure_dim(stamp)
st.dataframe(
    pd.DataFrame(
        {
            "Measure": dims["measure_name"],
            "Definition": dims["definition"],
            "Source": dims["source_name"],
            "Polarity": dims["polarity"].map(lambda p: POLARITY.get(p, p)),
            "Unit": dims["unit"],
            "Kind": dims["kind"],
            "Framework": dims["framework"],
            "Priority": dims["priority"],
            "Headline": dims["is_headline"].map({True: "yes", False: ""}),
            "Id": dims["measure_id"],
        }
    ),
    hide_index=True,
    width="stretch",
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
st.dataframe(codes, hide_index=True, width="stretch")
st.caption(f"{len(codes):,} Home Office offence codes match.")
