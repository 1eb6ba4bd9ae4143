-- Monthly numerator and denominator of every call-handling measure (force only: the extract has
-- no district), summed from daily rows per channel before any division.
with

call_handling as (

    select * from {{ ref('stg_landing__call_handling') }}

),

calls_by_month as (

    select
        {{ month_of('call_date') }} as month_start,
        channel,
        sum(calls_offered) as calls_offered,
        sum(calls_answered) as calls_answered,
        sum(answered_within_10s) as answered_within_10s,
        sum(answered_10_to_60s) as answered_10_to_60s,
        sum(answered_over_60s) as answered_over_60s,
        sum(calls_abandoned) as calls_abandoned,
        sum(total_answer_seconds) as total_answer_seconds
    from call_handling
    group by {{ month_of('call_date') }}, channel

),

{{ monthly_measures_from_rows('call_handling', 'calls_by_month', has_district=false) }}

select * from measure_monthly
