"""Data quality: refresh, loaded files, freshness, quality checks and reconciliation.

Every figure comes from the warehouse: freshness from marts.dq_source_freshness (the table the
refresh's freshness check judged, so the page and the check's warning agree), checks from
marts.dq_validation_results, reconciliation from marts.fct_reconciliation. This page only words
and formats them (pcc.present.format); timestamps are shown in Europe/London time.
"""

from __future__ import annotations

import json
from decimal import Decimal

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
    f"Warehouse refreshed {fmt.local_time(info.refreshed_at)}; data up to {info.data_as_at:%B %Y}"
    if info.data_as_at
    else None,
)

STAGES = {"ingest": "Extract file, at ingest", "refresh": "Warehouse, before publishing"}
EXPECTATIONS = {
    "expect_column_values_to_be_between": "values within their limits",
    "expect_column_values_to_be_in_set": "values from the allowed list",
    "expect_column_values_to_not_be_in_set": "no value from the forbidden list",
    "expect_column_pair_values_to_be_equal": "two figures equal",
    "expect_column_pair_values_a_to_be_greater_than_b": "one figure above another",
}


def _words(name: str | None) -> str:
    """A snake_case name in words: crime_records -> Crime records."""
    return ui.DASH if not name else name.replace("_", " ").capitalize()


def _suite(name: str) -> str:
    """extract_crime_records -> Crime records extract; mart_fct_spc_monthly -> Table fct_spc_monthly."""
    if name.startswith("extract_"):
        return f"{_words(name.removeprefix('extract_'))} extract"
    if name.startswith("mart_"):
        return f"Table {name.removeprefix('mart_')}"
    return _words(name)


def _count(value) -> str:
    return ui.DASH if pd.isna(value) else fmt.number(int(value))


fresh = data.source_freshness(stamp)
overdue = fresh[fresh["is_overdue"].fillna(False).astype(bool)]
if not overdue.empty:
    names = ", ".join(
        f"{_words(r.source)} (latest {fmt.month(r.latest_month)}, {r.status})"
        for r in overdue.itertuples()
    )
    st.error(
        f"**Stale data:** {len(overdue)} of {len(fresh)} sources are overdue: {names}. "
        "Figures for the months since are missing, not zero."
    )

steps = data.refresh_steps(stamp)
if steps:
    st.markdown("**Last refresh, step by step**")
    step_rows = json.loads(steps)
    st.table(
        pd.DataFrame(
            {
                "Step": [_words(s.get("step")) for s in step_rows],
                "Status": [s.get("status") for s in step_rows],
                "Seconds": [fmt.number(Decimal(str(s.get("seconds") or 0)), 1) for s in step_rows],
                "Detail": [s.get("detail") for s in step_rows],
            }
        )
    )

st.subheader("Freshness per source")
checked = fresh["checked_at"].dropna()
st.dataframe(
    pd.DataFrame(
        {
            "Source": fresh["source"].map(_words),
            "Files": fresh["files"].map(_count),
            "First month": fresh["first_month"].map(fmt.month),
            "Latest month": fresh["latest_month"].map(fmt.month),
            "Months since": fresh["months_since"].map(_count),
            "Expected within (months)": fresh["expected_lag_months"].map(_count),
            # A source the freshness check has no rule for (public data) is not "not checked yet".
            "Status": fresh["status"].fillna(
                "not checked yet" if checked.empty else "no freshness rule"
            ),
        }
    ),
    hide_index=True,
    width="stretch",
)
st.caption(
    "A source is overdue when more whole months have passed since its latest month than the "
    "lag its extract is expected to arrive within (PCC_DQ_LAG_<SOURCE>); this is the "
    "freshness check of the refresh"
    + (f", run {fmt.local_time(checked.max())}." if not checked.empty else ".")
)

CHECK_COLUMNS = {
    "check": "Check",
    "stage": "Checked",
    "target": "File or table",
    "column": "Column",
    "severity": "Severity",
    "passed": "Passed",
    "observed_value": "Observed",
    "details": "Details",
    "run": "Run",
}


def _readable(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "check": [
                f"{_suite(s)}: {r} ({EXPECTATIONS.get(e, _words(e))})"
                for s, r, e in zip(frame["suite"], frame["rule"], frame["expectation"], strict=True)
            ],
            "stage": frame["stage"].map(lambda s: STAGES.get(s, s)),
            "target": frame["target"],
            "column": frame["column_name"].map(_words),
            "severity": frame["severity"],
            "passed": frame["success"].map(lambda ok: "yes" if ok else "no"),
            "observed_value": frame["observed_value"],
            "details": frame["details"],
            "run": frame["run_at"].map(fmt.local_time),
        }
    ).rename(columns=CHECK_COLUMNS)


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
        m[0].metric("Checks on extract files", fmt.number(len(at_ingest)))
        m[1].metric("Checks on the warehouse", fmt.number(len(results) - len(at_ingest)))
        m[2].metric("Critical failures", fmt.number(len(critical)))
        m[3].metric("Warnings", fmt.number(len(warnings)))
        st.caption(
            "Great Expectations suites: each extract file is checked at ingest (completeness, "
            "ids already loaded, plausibility) and each build's marts before publishing "
            "(ranges, components, reconciliation, freshness). A critical failure stops the "
            f"publish; warnings are published for a person to look at. Latest check: "
            f"{fmt.local_time(results['run_at'].max())}."
        )
        if failed.empty:
            st.success("Every check passed.")
        else:
            if critical.empty:
                st.success("Every critical check passed.")
            for _, row in warnings.iterrows():
                st.warning(
                    f"**{_suite(row['suite'])}: {row['rule']}** ({row['target']}): {row['details']}"
                )
            st.dataframe(_readable(failed), hide_index=True, width="stretch")
        with st.expander(f"All {fmt.number(len(results))} check results"):
            st.dataframe(_readable(results), hide_index=True, width="stretch", height=420)

STATISTICS = {
    "count": "count",
    "rate": "rate",
    "pct_change": "% change",
    "change": "change",
}


def _figure(value, decimals) -> str:
    if value is None or pd.isna(value):
        return ui.DASH
    places = 0 if decimals is None or pd.isna(decimals) else int(decimals)
    return fmt.number(Decimal(str(value)), places)


st.subheader("Reconciliation with published figures")
recon = data.reconciliation(stamp)
counts = recon["status"].value_counts()
cols = st.columns(max(len(counts), 1))
for col, (status, n) in zip(cols, counts.items(), strict=False):
    col.metric(status.capitalize(), fmt.number(n))
RECON_COLUMNS = {
    "figure_id": "Figure",
    "measure_id": "Measure",
    "statistic": "Statistic",
    "period": "Period",
    "comparison_period": "Compared with",
    "published_value": "Published",
    "computed_value": "Warehouse",
    "difference": "Difference",
    "status": "Status",
    "explanation": "Why",
    "published_in": "Published in",
}


def _recon_table(frame: pd.DataFrame) -> pd.DataFrame:
    decimals = frame["published_decimals"]
    return pd.DataFrame(
        {
            "figure_id": frame["figure_id"],
            "measure_id": frame["measure_id"],
            "statistic": frame["statistic"].map(lambda s: STATISTICS.get(s, _words(s))),
            "period": frame["period"],
            "comparison_period": frame["comparison_period"].fillna(ui.DASH),
            "published_value": [
                _figure(v, d) for v, d in zip(frame["published_value"], decimals, strict=True)
            ],
            "computed_value": [
                _figure(v, d) for v, d in zip(frame["computed_value"], decimals, strict=True)
            ],
            "difference": [
                _figure(v, d) for v, d in zip(frame["difference"], decimals, strict=True)
            ],
            "status": frame["status"],
            "explanation": frame["explanation"],
            "published_in": frame["published_in"],
        }
    ).rename(columns=RECON_COLUMNS)


problems = recon[recon["status"].isin(["mismatch", "bound missed"])]
if problems.empty:
    st.success(
        "Every reconcilable published figure matches the warehouse (or is a known exception)."
    )
else:
    st.error(f"{len(problems)} published figure(s) do not match the warehouse:")
    st.dataframe(_recon_table(problems), hide_index=True, width="stretch")
revised = recon[recon["status"] == "revised since publication"]
if not revised.empty:
    st.warning(
        f"{len(revised)} published figure(s) have moved because their data were revised since "
        "publication (not an error; the difference and the load that revised them are shown):"
    )
    st.dataframe(_recon_table(revised), hide_index=True, width="stretch")
not_covered = recon[recon["status"] == "not covered"]
if not not_covered.empty:
    st.info(
        f"{len(not_covered)} published figure(s) fall outside the months this warehouse holds "
        "(a partial history, or months not loaded yet), so they cannot be checked: "
        + ", ".join(not_covered["figure_id"])
    )
st.dataframe(_recon_table(recon), hide_index=True, width="stretch", height=420)
ui.download(recon, "reconciliation.csv", "quality_download_reconciliation", "the reconciliation")
st.caption(
    "Each published Kent figure recomputed from the warehouse and rounded half-up to the "
    "published decimals (`pcc reconcile`): the statistic (a count, a rate, a change or a % "
    "change), the period it covers and, for a change, the period it is compared with."
)

st.subheader("Files loaded")
manifest = data.load_manifest(stamp)
st.dataframe(
    pd.DataFrame(
        {
            "Load": manifest["load_id"],
            "File": manifest["file_name"],
            "Source": manifest["source"].map(_words),
            "Rows": manifest["rows"].map(_count),
            "First month": manifest["first_month"].map(fmt.month),
            "Last month": manifest["last_month"].map(fmt.month),
            "Loaded": manifest["loaded_at"].map(fmt.local_time),
            "Action": manifest["action"],
        }
    ),
    hide_index=True,
    width="stretch",
)
st.caption("Every extract file accepted into the landing store, newest load last.")
ui.download(manifest, "load_manifest.csv", "quality_download_manifest", "the files loaded")
