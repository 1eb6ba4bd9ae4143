{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_months('month_start', 'crime_records') }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- Crimes recorded in each month that a crime measure counts, by the board's outcome group of
-- their current outcome (open crimes in their own group), for each district and the force: what
-- the solved rate is made of. Only the measures that have a solved rate. Incremental by recorded
-- month (macros/incremental.sql): a refresh rebuilds only the recorded months whose crimes changed.
with

rules as (

    select * from {{ ref('int_measures__rules') }}
    where source = 'crime_records' and components is null and has_solved_rate

),

crime_counts as (

    select * from {{ ref('int_crime__monthly_counts') }}
    where
        date_basis = 'recorded'
        {% if is_incremental() %}
            and recorded_month in {{ changed_months('crime_records') }}
        {% endif %}

),

outcome_groups as (

    select * from {{ ref('outcome_groups') }}

),

by_district as (

    select
        rules.measure_id,
        crime_counts.district_code,
        crime_counts.month_start,
        outcome_groups.board_outcome_group as outcome_group,
        outcome_groups.group_order,
        outcome_groups.is_solved,
        sum(crime_counts.crimes) as crimes
    from crime_counts
    inner join rules
        on {{ crime_rule_matches('rules', 'crime_counts') }}
    inner join outcome_groups
        on crime_counts.outcome_code is not distinct from outcome_groups.outcome_code
    group by all

)

select
    measure_id,
    district_code as area_code,
    month_start,
    outcome_group,
    group_order,
    is_solved,
    cast(crimes as bigint) as crimes
from by_district

union all

select
    measure_id,
    '{{ var("force_area_code") }}' as area_code,
    month_start,
    outcome_group,
    group_order,
    is_solved,
    cast(sum(crimes) as bigint) as crimes
from by_district
group by measure_id, month_start, outcome_group, group_order, is_solved
