{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_rows(period_end_is_stale('period_end')) }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- What each crime measure's solved rate is made of: crimes recorded in a window (3 and 12
-- months ending each month, complete windows only) by the board's outcome group of their
-- current outcome, with the group's share of all crimes recorded in the window. The solved
-- groups' shares add up to the measure's solved rate before rounding. Incremental by period end
-- (macros/incremental.sql): a refresh rebuilds only the windows that hold a changed month.
with

monthly as (

    select * from {{ ref('int_crime__outcome_group_monthly') }}

),

source_months as (

    select month_start from {{ ref('int_measures__source_months') }}
    where source = 'crime_records'

),

measures as (

    select * from {{ ref('dim_measures') }}

),

areas as (

    select * from {{ ref('int_measures__areas') }}

),

outcome_groups as (

    select distinct
        board_outcome_group as outcome_group,
        group_order,
        is_solved
    from {{ ref('outcome_groups') }}

),

window_lengths as (

    select unnest({{ var('window_lengths') }}) as window_months

),

windows as (

    select
        window_lengths.window_months,
        ends.month_start as period_end,
        {{ add_months('ends.month_start', '1 - window_lengths.window_months') }} as period_start
    from source_months as ends
    cross join window_lengths
    inner join source_months as months
        on
            months.month_start between {{ add_months('ends.month_start', '1 - window_lengths.window_months') }}
            and ends.month_start
    {% if is_incremental() %}
        where {{ period_end_is_stale('ends.month_start') }}
    {% endif %}
    group by window_lengths.window_months, ends.month_start
    -- Complete windows only: every month of the window is covered by the crime extract.
    having count(*) = window_lengths.window_months

),

spine as (

    select
        measures.measure_id,
        areas.area_code,
        windows.window_months,
        windows.period_start,
        windows.period_end,
        outcome_groups.outcome_group,
        outcome_groups.group_order,
        outcome_groups.is_solved
    from measures
    inner join areas on list_contains(areas.sources, measures.source)
    cross join windows
    cross join outcome_groups
    where measures.source = 'crime_records' and measures.components is null and measures.has_solved_rate

),

counted as (

    select
        spine.measure_id,
        spine.area_code,
        spine.window_months,
        spine.period_start,
        spine.period_end,
        spine.outcome_group,
        spine.group_order,
        spine.is_solved,
        cast(coalesce(sum(monthly.crimes), 0) as bigint) as crimes
    from spine
    left join monthly
        on
            spine.measure_id = monthly.measure_id
            and spine.area_code = monthly.area_code
            and spine.outcome_group = monthly.outcome_group
            and monthly.month_start between spine.period_start and spine.period_end
    group by all

),

with_totals as (

    select
        *,
        sum(crimes) over (
            partition by measure_id, area_code, window_months, period_end
        ) as recorded_crimes
    from counted

)

select
    measure_id,
    area_code,
    window_months,
    period_start,
    period_end,
    outcome_group,
    group_order,
    is_solved,
    crimes,
    cast(recorded_crimes as bigint) as recorded_crimes,
    cast({{ round_half_up('crimes * 100', 'recorded_crimes', 1) }} as double) as share_pct
from with_totals
