"""Kent PCC performance explorer: the entry point `pcc explore` serves.

Builds the page list (st.navigation, along the top so pages keep the whole width of a narrow
window), the note on the data above every page, and stops with a friendly
message while no warehouse has been published. Reads only through app.data (short-lived,
read-only connections); never imports dbt or Great Expectations.
"""

from __future__ import annotations

import os

import streamlit as st

from app import data

st.set_page_config(page_title="Kent PCC performance", page_icon="📊", layout="wide")

PAGES = [
    st.Page("views/overview.py", title="Overview", default=True),
    st.Page("views/national.py", title="National measures"),
    st.Page("views/trends.py", title="Trends and targets"),
    st.Page("views/crime.py", title="Crime explorer"),
    st.Page("views/contact.py", title="Public contact"),
    st.Page("views/s136.py", title="Mental health (s.136)"),
    st.Page("views/victims.py", title="Victims"),
    st.Page("views/comparison.py", title="Force comparison"),
    st.Page("views/quality.py", title="Data quality"),
    st.Page("views/definitions.py", title="Definitions"),
]

stamp = data.warehouse_stamp()
if stamp is None:
    st.title("Kent PCC performance explorer")
    st.info(
        "No warehouse has been published yet, so there is nothing to show.\n\n"
        "Build one from the extracts with `pcc refresh` (or `make run`), then reload this page. "
        "The explorer reads `$PCC_DATA_DIR/warehouse.duckdb` "
        f"(here: `{data.DataPaths.from_env().warehouse}`)."
    )
    st.stop()

info = data.refresh_info(stamp)
page = st.navigation(PAGES, position="top")
as_at = f"{info.data_as_at:%B %Y}" if info.data_as_at else "unknown"
note = f"Data up to **{as_at}** · warehouse refreshed {info.refreshed_at:%d %b %Y %H:%M} UTC"
if info.synthetic and os.environ.get("PCC_SAMPLE_BANNER", "1") != "0":
    st.warning(
        "**Synthetic sample data**: generated to reproduce Kent's published totals; not real "
        f"crimes or people. {note}"
    )
else:
    st.caption(note)
page.run()
