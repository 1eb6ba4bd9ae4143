"""Data quality: refresh, loaded files, freshness, quality checks and reconciliation."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from app import data, ui
from pcc.present import format as fmt

stamp = data.warehouse_stamp()
info = data.refresh_info(stamp)
ui.header(
    "Data quality",
    "Can these figures be trusted: how fresh is each source, did the checks pass, and do the "
    "figures match what Kent has published?",
    f"Warehouse refreshed {info.refreshed_at:%d %B %Y %H:%M} UTC; data up to "
    f"{info.data_as_at:%B %Y}"
    if info.data_as_at
    else None,
)

steps = data.refresh_steps(stamp)
if steps:
    st.markdown("**Last refresh, step by step**")
    step_table = pd.DataFrame(json.loads(steps)).rename(
        columns={"step": "Step", "status": "Status", "seconds": "Seconds", "detail": "Detail"}
    )
    st.table(step_table)

st.subheader("Freshness per source")
fresh = data.source_freshness(stamp)
expected = info.data_as_at


def behind(latest) -> str:
    if expected is None or latest is None:
        return ui.DASH
    gap = (expected.year - latest.year) * 12 + expected.month - latest.month
    return "up to date" if gap <= 0 else f"{gap} month{'s' if gap > 1 else ''} behind"


st.dataframe(
    pd.DataFrame(
        {
            "Source": fresh["source"],
            "Files": fresh["files"],
            "First month": fresh["first_month"].map(fmt.month),
            "Latest month": fresh["latest_month"].map(fmt.month),
            "Status": fresh["latest_month"].map(behind),
        }
    ),
    hide_index=True,
    width="stretch",
)
st.caption(
    "Expected: every source reaches the latest month loaded from any source "
    f"({fmt.month(expected) if expected else ui.DASH})."
)

CHECK_COLUMNS = {
    "stage": "Checked at",
    "rule": "Rule",
    "target": "File or table",
    "severity": "Severity",
    "success": "Passed",
    "details": "Details",
    "observed_value": "Observed",
    "suite": "Suite",
    "expectation": "Expectation",
    "column_name": "Column",
}


def _readable(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[list(CHECK_COLUMNS)].rename(columns=CHECK_COLUMNS)


st.subheader("Quality checks")
if not data.dq_tables_present(stamp):
    st.info("Quality-check results will appear here once the checks run.")
else:
    results = data.dq_results(stamp)
    if results.empty:
        st.info("Quality-check results will appear here once the checks run.")
    else:
        failed = results[~results["success"].astype(bool)]
        critical = failed[failed["severity"] == "critical"]
        warnings = failed[failed["severity"] == "warning"]
        at_ingest = results[results["stage"] == "ingest"]
        m = st.columns(4)
        m[0].metric("Checks on extract files", f"{len(at_ingest):,}")
        m[1].metric("Checks on the warehouse", f"{len(results) - len(at_ingest):,}")
        m[2].metric("Critical failures", f"{len(critical):,}")
        m[3].metric("Warnings", f"{len(warnings):,}")
        st.caption(
            "Great Expectations suites: each extract file is checked at ingest (completeness, "
            "ids already loaded, plausibility) and each build's marts before publishing "
            "(ranges, components, reconciliation, freshness). A critical failure stops the "
            f"publish; warnings are published for a person to look at. Latest check: "
            f"{results['run_at'].max():%d %b %Y %H:%M} UTC."
        )
        if failed.empty:
            st.success("Every check passed.")
        else:
            if critical.empty:
                st.success("Every critical check passed.")
            for _, row in warnings.iterrows():
                st.warning(f"**{row['rule'].capitalize()}** ({row['target']}): {row['details']}")
            st.dataframe(_readable(failed), hide_index=True, width="stretch")
        with st.expander(f"All {len(results):,} check results"):
            st.dataframe(_readable(results), hide_index=True, width="stretch", height=420)

st.subheader("Reconciliation with published figures")
recon = data.reconciliation(stamp)
counts = recon["status"].value_counts()
cols = st.columns(max(len(counts), 1))
for col, (status, n) in zip(cols, counts.items(), strict=False):
    col.metric(status.capitalize(), f"{n:,}")
problems = recon[recon["status"].isin(["mismatch", "bound missed"])]
if problems.empty:
    st.success(
        "Every reconcilable published figure matches the warehouse (or is a known exception)."
    )
else:
    st.error(f"{len(problems)} published figure(s) do not match the warehouse:")
    st.dataframe(problems, hide_index=True, width="stretch")
revised = recon[recon["status"] == "revised since publication"]
if not revised.empty:
    st.warning(
        f"{len(revised)} published figure(s) have moved because their data were revised since "
        "publication (not an error; the difference and the load that revised them are shown):"
    )
    st.dataframe(revised, hide_index=True, width="stretch")
not_covered = recon[recon["status"] == "not covered"]
if not not_covered.empty:
    st.info(
        f"{len(not_covered)} published figure(s) fall outside the months this warehouse holds "
        "(a partial history, or months not loaded yet), so they cannot be checked: "
        + ", ".join(not_covered["figure_id"])
    )
RECON_COLUMNS = {
    "figure_id": "Figure",
    "measure_id": "Measure",
    "period": "Period",
    "published_value": "Published",
    "computed_value": "Warehouse",
    "status": "Status",
    "explanation": "Why",
    "published_in": "Published in",
}
st.dataframe(
    recon[list(RECON_COLUMNS)].rename(columns=RECON_COLUMNS),
    hide_index=True,
    width="stretch",
    height=420,
)
st.caption(
    "Each published Kent figure recomputed from the warehouse and rounded half-up to the "
    "published decimals (`pcc reconcile`)."
)

st.subheader("Files loaded")
manifest = data.load_manifest(stamp)
st.dataframe(manifest, hide_index=True, width="stretch")
st.caption("Every extract file accepted into the landing store, newest load last.")
