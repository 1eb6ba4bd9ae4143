{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_rows(from_first_changed_month('month_start', 'crime_records')) }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- Monthly numerator (and denominator for ratios) of every crime measure, for each district and
-- the force: one generic join of crime counts to the measure rules, so a new code list, subgroup
-- or flag measure is a seed row. Also the recorded and solved counts behind solved rates.
-- Incremental (macros/incremental.sql): a refresh rebuilds the months from the first changed
-- recorded month on (outcome months of the crimes it holds come at or after it).
with

rules as (

    select * from {{ ref('int_measures__rules') }}
    where source = 'crime_records' and components is null

),

crime_counts as (

    select * from {{ ref('int_crime__monthly_counts') }}
    {% if is_incremental() %}
        where {{ from_first_changed_month('month_start', 'crime_records') }}
    {% endif %}

),

matched as (

    select
        rules.measure_id,
        rules.kind,
        rules.has_solved_rate,
        crime_counts.district_code,
        crime_counts.month_start,
        crime_counts.crimes,
        crime_counts.is_solved,
        (
            rules.outcome_code_list is null
            or coalesce(list_contains(rules.outcome_code_list, crime_counts.outcome_code), false)
        ) as counts_in_numerator

    from crime_counts
    inner join rules
        on {{ crime_rule_matches('rules', 'crime_counts') }}

),

by_district as (

    select
        measure_id,
        kind,
        has_solved_rate,
        district_code,
        month_start,
        sum(crimes) filter (where counts_in_numerator) as numerator,
        sum(crimes) as matching_crimes,
        sum(crimes) filter (where is_solved) as solved_matching_crimes
    from matched
    group by measure_id, kind, has_solved_rate, district_code, month_start

),

by_area as (

    select
        measure_id,
        kind,
        has_solved_rate,
        district_code as area_code,
        month_start,
        numerator,
        matching_crimes,
        solved_matching_crimes
    from by_district

    union all

    select
        measure_id,
        kind,
        has_solved_rate,
        '{{ var("force_area_code") }}' as area_code,
        month_start,
        sum(numerator) as numerator,
        sum(matching_crimes) as matching_crimes,
        sum(solved_matching_crimes) as solved_matching_crimes
    from by_district
    group by measure_id, kind, has_solved_rate, month_start

)

select
    measure_id,
    area_code,
    month_start,
    cast(coalesce(numerator, 0) as bigint) as numerator,
    cast(case when kind = 'ratio' then matching_crimes end as bigint) as denominator,
    cast(case when has_solved_rate then matching_crimes end as bigint) as recorded_crimes,
    cast(case when has_solved_rate then coalesce(solved_matching_crimes, 0) end as bigint)
        as solved_crimes
from by_area
