"""Kent PCC performance explorer (placeholder until the explorer pages land).

Reads the published warehouse through short-lived read-only connections only.
"""

from __future__ import annotations

import streamlit as st

from pcc.errors import NoWarehouseError
from pcc.warehouse import connect_published

st.set_page_config(page_title="Kent PCC performance", layout="wide")
st.title("Kent PCC performance warehouse")
st.caption(
    "Sample data is synthetic: calibrated to published Kent totals, not real crimes or people."
)

try:
    with connect_published() as con:
        info = con.execute("select refreshed_at, data_as_at from meta.refresh_info").fetchone()
        tables = con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
        ).fetchall()
except NoWarehouseError as exc:
    st.warning(f"No warehouse has been published yet. {exc}")
    st.stop()

st.write(
    f"Warehouse refreshed at **{info[0]:%Y-%m-%d %H:%M} UTC**, data up to **{info[1]:%B %Y}**."
)
st.write("Marts available to analysts (schema `marts`):")
st.table({"table": [t[0] for t in tables]})
