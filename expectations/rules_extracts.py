"""Extract suites: what an incoming file must show as a whole before it is accepted.

Where each rule lives (one rule, one place):
- Per-line rules (header and schema, types, required values, allowed values, signs, row
  arithmetic such as answered bands summing to answered, duplicate keys within the file) are
  the contract's (ingest/contracts.py): they reject the file naming its line and column.
- Rules about the file as a whole, or the file against what is already loaded, are here, as
  GX suites over small check frames built from the file in DuckDB:
    completeness  every month of the file's range present for every district or channel (critical)
    uniqueness    no record id already loaded for another month (critical: it would count twice)
    plausibility  each month's volume against its preceding months, in standard deviations
                  (warning: real events move numbers; a person should look)
- Freshness (each source's latest month against its expected lag) is a property of the
  warehouse, not of a file: it is in the mart suites (rules_marts.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from expectations import settings
from expectations.specs import Rule, Suite
from ingest.contracts import CONTRACTS, allowed_values
from ingest.sql_literal import literal


@dataclass(frozen=True)
class ExtractProfile:
    """How to cut one source into check frames."""

    source: str
    month_column: str
    cell_column: str | None  # every month must have rows for every value of this column
    volume: str  # SQL aggregate: the month's volume for plausibility
    volume_label: str
    series_column: str | None = None  # plausibility per value of this column (e.g. channel)
    record_id: str | None = None  # single-column id that must not already be loaded

    def cells(self) -> list[str]:
        if self.cell_column is None:
            return ["all"]
        column = CONTRACTS[self.source].column(self.cell_column)
        return sorted(allowed_values(column))


PROFILES: dict[str, ExtractProfile] = {
    p.source: p
    for p in (
        ExtractProfile(
            "crime_records",
            "recorded_date",
            "district_code",
            "count(*)",
            "crimes recorded",
            record_id="crime_id",
        ),
        ExtractProfile(
            "call_handling",
            "date",
            "channel",
            "sum(calls_offered)",
            "contacts offered",
            series_column="channel",
        ),
        ExtractProfile(
            "s136_detentions",
            "detention_datetime",
            None,
            "count(*)",
            "detentions",
            record_id="detention_id",
        ),
        ExtractProfile(
            "victim_referrals", "month", None, "sum(referrals_received)", "referrals received"
        ),
        ExtractProfile("victim_satisfaction", "month", None, "sum(respondents)", "respondents"),
        ExtractProfile(
            "asb_incidents",
            "reported_date",
            "district_code",
            "count(*)",
            "ASB incidents reported",
            record_id="incident_id",
        ),
        ExtractProfile("road_casualties", "collision_date", None, "count(*)", "road casualties"),
    )
}


def suite_for(source: str) -> Suite:
    """The extract suite of one source: one frame per file, one expectation per rule.

    The frame stacks three small check frames (coverage cells, monthly volumes, the id check);
    each expectation reads its own column, and GX skips the empty cells of the others, so each
    file costs one validation.
    """
    profile = PROFILES[source]
    cell = profile.cell_column or "month"
    rules = [
        Rule(
            "ExpectColumnValuesToBeBetween",
            {"column": "rows", "min_value": 1},
            "critical",
            "completeness",
            f"every month in the file's range has rows for every {cell}",
            labels=("month", "cell"),
        ),
        Rule(
            "ExpectColumnValuesToBeBetween",
            {
                "column": "z_score",
                # Suite parameters: the threshold is set at run time (settings.py).
                "min_value": {"$PARAMETER": "plausibility_min_z"},
                "max_value": {"$PARAMETER": "plausibility_max_z"},
            },
            "warning",
            "plausibility",
            f"{profile.volume_label} per day within the configured number of standard "
            f"deviations of the preceding {settings.PLAUSIBILITY_HISTORY_MONTHS} months",
            labels=("month", "series", "volume", "history_mean", "z_score"),
        ),
    ]
    if profile.record_id:
        rules.append(
            Rule(
                "ExpectColumnValuesToBeBetween",
                {"column": "ids_already_loaded", "max_value": 0},
                "critical",
                "uniqueness",
                f"no {profile.record_id} is already loaded for a month this file does not replace",
                labels=("ids_already_loaded", "example_id"),
            )
        )
    return Suite(name=f"extract_{source}", target="file", rules=tuple(rules))


def checked_column(source: str, rule: str) -> str | None:
    """The extract's own column a failed rule is about (not the check frame's column)."""
    profile = PROFILES[source]
    if rule == "completeness":
        return profile.cell_column or profile.month_column
    if rule == "uniqueness":
        return profile.record_id
    return None


def all_suites() -> list[Suite]:
    return [suite_for(source) for source in PROFILES]


def frame_sql(
    source: str, staged_table: str, landing_schema: str, id_hashes: str | None = None
) -> str:
    """SQL of the check frame of one staged file, against the landing store.

    id_hashes: a table of the landing schema holding (source, month, id_hash = hash(record id))
    of every loaded row; the already-loaded check then scans those hashes instead of every
    loaded id, and confirms a match on the ids themselves.
    """
    profile = PROFILES[source]
    month = f"date_trunc('month', \"{profile.month_column}\")::date"
    file_months = f"select distinct {month} as month from {staged_table}"
    parts = [
        _coverage_sql(profile, month, staged_table),
        _volume_sql(profile, month, file_months, staged_table, landing_schema),
    ]
    if profile.record_id:
        parts.append(_ids_sql(profile, month, file_months, staged_table, landing_schema, id_hashes))
    return "\nunion all by name\n".join(f"select * from ({part})" for part in parts)


def _coverage_sql(profile: ExtractProfile, month: str, staged_table: str) -> str:
    cells = ", ".join(literal(c) for c in profile.cells())
    cell = f'"{profile.cell_column}"' if profile.cell_column else "'all'"
    return f"""
        with
        counts as (
            select {month} as month, {cell} as cell, count(*) as rows
            from {staged_table} group by all
        ),
        months as (
            select unnest(generate_series(min(month), max(month), interval 1 month))::date as month
            from counts
        ),
        cells as (select unnest([{cells}]) as cell)
        select strftime(months.month, '%Y-%m') as month, cells.cell, coalesce(counts.rows, 0) as rows
        from months cross join cells left join counts using (month, cell)
        order by all
    """


def _volume_sql(
    profile: ExtractProfile, month: str, file_months: str, staged_table: str, landing: str
) -> str:
    series = f'"{profile.series_column}"' if profile.series_column else "'all'"
    history = settings.PLAUSIBILITY_HISTORY_MONTHS
    # Per day, so that February's three missing days do not look like a fall.
    per_day = f"round({profile.volume} / date_part('day', last_day(any_value({month}))), 1)"
    return f"""
        with
        file_months as ({file_months}),
        incoming as (
            select {month} as month, {series} as series, {per_day} as volume
            from {staged_table} group by all
        ),
        loaded as (
            -- Only the months a file month's history window can reach: the filter on the raw
            -- column lets DuckDB skip the rest of a large store instead of grouping all of it.
            select {month} as month, {series} as series, {per_day} as volume
            from {landing}.{profile.source}
            where
                "{profile.month_column}"
                    >= (select min(month) from file_months) - interval {history} month
                and "{profile.month_column}" < (select max(month) from file_months)
                and {month} not in (select month from file_months)
            group by all
        ),
        combined as (select * from incoming union all by name select * from loaded),
        scored as (
            select
                month, series, volume,
                count(volume) over history as history_months,
                avg(volume) over history as history_mean,
                stddev_samp(volume) over history as history_sd
            from combined
            window history as (
                partition by series order by month
                range between interval {history} month preceding and interval 1 month preceding
            )
        )
        select
            strftime(month, '%Y-%m') as month, series, volume, history_months,
            round(history_mean, 1) as history_mean,
            case
                when history_months >= {settings.PLAUSIBILITY_MIN_HISTORY} and history_mean > 0
                    then round(
                        (volume - history_mean)
                        / greatest(history_sd, history_mean * {settings.PLAUSIBILITY_MIN_RELATIVE_SD}),
                        2
                    )
            end as z_score
        from scored
        where month in (select month from file_months)
        order by series, month
    """


def _ids_sql(
    profile: ExtractProfile,
    month: str,
    file_months: str,
    staged_table: str,
    landing: str,
    id_hashes: str | None = None,
) -> str:
    record_id = f'"{profile.record_id}"'
    if id_hashes is None:
        clashes = f"""
        kept as (
            select {record_id} as record_id from {landing}.{profile.source}
            where {month} not in (select month from file_months)
        ),
        clashes as (
            select incoming.{record_id} as record_id
            from {staged_table} as incoming
            inner join kept on incoming.{record_id} = kept.record_id
        )"""
    else:
        # Ids whose hash is loaded for another month, then only those compared as ids.
        clashes = f"""
        kept as (
            select id_hash from {landing}.{id_hashes}
            where source = {literal(profile.source)} and month not in (select month from file_months)
        ),
        hash_matches as (
            select incoming.{record_id} as record_id
            from {staged_table} as incoming
            semi join kept on hash(incoming.{record_id}) = kept.id_hash
        ),
        clashes as (
            select loaded.{record_id} as record_id
            from {landing}.{profile.source} as loaded
            where
                loaded.{record_id} in (select record_id from hash_matches)
                and {month} not in (select month from file_months)
        )"""
    return f"""
        with
        file_months as ({file_months}),{clashes}
        select
            (select count(*) from {staged_table}) as ids_in_file,
            (select count(*) from clashes) as ids_already_loaded,
            (select min(record_id) from clashes) as example_id
    """
