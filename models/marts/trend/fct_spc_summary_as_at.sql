{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_as_at_series(ref('fct_spc_monthly_as_at')) }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- One SPC reading per charted measure x area, as NHS England's Making Data Count icons read it
-- (docs/spc.md): the variation icon at the latest point the rules judge (the latest month, or for
-- an outcome-lagged measure the latest mature month) and, where the measure has a standard, the
-- assurance icon from where the standard lies against the current process limits. One reading
-- per measure x area x as_at_month (fct_spc_monthly_as_at); fct_spc_summary is the latest.
-- Incremental by as-at series (macros/incremental.sql): a refresh builds only the series a
-- changed month reaches, and new ones.
with

spc as (

    select spc.* from {{ ref('fct_spc_monthly_as_at') }} as spc
    where spc.chart_type != 'none' and {{ as_at_series_to_build('spc') }}

),

measures as (

    select
        measure_id,
        measure_name,
        polarity
    from {{ ref('dim_measures') }}

),

-- A standard is a monthly threshold a measure is held to: var spc_standards (999 calls answered
-- within 10 seconds: at least 90%, the streak_threshold of calls_999_months_meeting_standard in
-- the measures seed). The pledges in seed targets are rolling-year trajectories
-- (fct_target_trajectory), not a monthly standard, so they get no assurance icon here.
{% set standards = var('spc_standards', {}) %}
standards as (

    {% if standards is mapping and standards | length > 0 -%}
        select
            measure_id,
            cast(target_value as double) as target_value
        from (
            values
            {% for measure_id, target in standards.items() -%}
                ('{{ measure_id }}', {{ target }}){% if not loop.last %},{% endif %}
            {% endfor %}
        ) as standards (measure_id, target_value)
    {%- else -%}
        select
            cast(null as varchar) as measure_id,
            cast(null as double) as target_value
        where false
    {%- endif %}

),

series as (

    select
        as_at_month,
        measure_id,
        area_code,
        max(month_start) as latest_month,
        max(month_start) filter (where not is_provisional) as reading_month,
        cast(count(*) filter (where is_rebase_month) as integer) as rebases,
        -- Months each rule flags in the series (the chart's markers), counted once here.
        cast(count(*) filter (where is_outside_limits) as integer) as months_outside_limits,
        cast(count(*) filter (where is_run_signal) as integer) as months_run_signal,
        cast(count(*) filter (where is_trend_signal) as integer) as months_trend_signal
    from spc
    group by as_at_month, measure_id, area_code

),

reading as (

    select
        spc.*,
        series.latest_month,
        series.rebases,
        series.months_outside_limits,
        series.months_run_signal,
        series.months_trend_signal,
        -- The signal the icon reads, by precedence: a point outside the limits, a run, a trend.
        case
            when spc.is_outside_limits then 'outside_limits'
            when spc.is_run_signal then 'shift'
            when spc.is_trend_signal then 'trend'
        end as signal_type,
        case
            when spc.is_outside_limits then case when spc.outside_side = 'above' then 'up' else 'down' end
            when spc.is_run_signal then case when spc.side = 'above' then 'up' else 'down' end
            when spc.is_trend_signal then spc.trend_direction
        end as direction
    from spc
    inner join series
        on
            spc.as_at_month = series.as_at_month
            and spc.measure_id = series.measure_id
            and spc.area_code = series.area_code
            and spc.month_start = series.reading_month

),

worded as (

    select
        reading.*,
        measures.measure_name,
        measures.polarity,
        standards.target_value,
        case
            when reading.signal_type is null then 'common_cause'
            else 'special_cause_' || case {{ direction_reading('measures.polarity', 'reading.direction') }}
                when 'improvement' then 'improvement'
                when 'deterioration' then 'concern'
                else 'neutral'
            end
        end as variation,
        -- Making Data Count assurance: the standard against the whole current process range (a
        -- standard exactly on a limit is hit and miss, as NHSRplotthedots reads it).
        case
            when standards.target_value is null then null
            when measures.polarity = 'higher_is_better' and reading.lower_limit > standards.target_value
                then 'consistently_passing'
            when measures.polarity = 'higher_is_better' and reading.upper_limit < standards.target_value
                then 'consistently_failing'
            when measures.polarity = 'lower_is_better' and reading.upper_limit < standards.target_value
                then 'consistently_passing'
            when measures.polarity = 'lower_is_better' and reading.lower_limit > standards.target_value
                then 'consistently_failing'
            when measures.polarity in ('higher_is_better', 'lower_is_better') then 'hit_and_miss'
        end as assurance
    from reading
    inner join measures on reading.measure_id = measures.measure_id
    left join standards on reading.measure_id = standards.measure_id

)

select
    measure_id,
    area_code,
    as_at_month,
    is_latest,
    measure_name,
    polarity,
    latest_month,
    month_start as reading_month,
    latest_month > month_start as has_provisional_months,
    value,
    chart_value,
    seasonal_index,
    chart_type,
    phase,
    phase_start,
    rebase_reason,
    rebases,
    months_outside_limits,
    months_run_signal,
    months_trend_signal,
    centre,
    lower_limit,
    upper_limit,
    variation,
    signal_type,
    direction,
    cast(target_value as double) as target_value,
    assurance
from worded
