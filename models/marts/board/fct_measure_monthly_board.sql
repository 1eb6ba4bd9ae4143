-- Each measure's monthly value as the explorer's charts show it: rounded half-up once (the
-- board's decimals), the disclosure state of a person-level count below force level, and, for
-- a measure tested against a standard (a streak measure's streak_of, e.g. 999 calls answered
-- within 10 seconds), the standard and whether the month met it. The month meets the standard
-- when its streak run (int_measures__streak_monthly) is not 0, so the test is not restated.
-- Disclosure as on the board: primary (1-4) and secondary across the districts of the month
-- (macros/disclosure.sql).

with

monthly as (

    select * from {{ ref('fct_measure_monthly') }}

),

measures as (

    select * from {{ ref('dim_measures') }}

),

areas as (

    select * from {{ ref('dim_areas') }}

),

streak_runs as (

    select * from {{ ref('int_measures__streak_monthly') }}

),

standards as (

    select
        streak_runs.area_code,
        streak_runs.month_start,
        streaks.streak_of as measure_id,
        streaks.streak_threshold as standard,
        -- NULL run length: the run reaches back to the start of the data, so the month met it.
        coalesce(streak_runs.numerator <> 0, true) as meets_standard
    from streak_runs
    inner join measures as streaks on streak_runs.measure_id = streaks.measure_id

),

shown as (

    select
        monthly.measure_id,
        monthly.area_code,
        monthly.month_start,
        monthly.numerator,
        monthly.denominator,
        measures.kind,
        measures.value_multiplier,
        measures.is_about_people,
        areas.area_type,
        case when measures.kind = 'ratio' then 1 else 0 end as value_decimals,
        measures.is_about_people and measures.kind = 'count' and {{ is_small_count('monthly.numerator') }}
            as value_primary
    from monthly
    inner join measures on monthly.measure_id = measures.measure_id
    inner join areas on monthly.area_code = areas.area_code

),

suppressed as (

    select
        *,
        {{ withheld('value_primary', 'numerator', 'measure_id, month_start', "area_type = 'district'", 'area_code') }}
            as value_suppressed
    from shown

)

select
    shown.measure_id,
    shown.area_code,
    shown.month_start,
    cast(shown.value_decimals as integer) as value_decimals,
    cast(case
        when shown.kind = 'ratio'
            then {{ round_half_up('shown.numerator * shown.value_multiplier', 'shown.denominator', 1) }}
        else shown.numerator
    end as decimal(38, 1)) as value_rounded,
    shown.value_suppressed,
    cast(standards.standard as decimal(18, 1)) as standard,
    standards.meets_standard
from suppressed as shown
left join standards
    on
        shown.measure_id = standards.measure_id
        and shown.area_code = standards.area_code
        and shown.month_start = standards.month_start
