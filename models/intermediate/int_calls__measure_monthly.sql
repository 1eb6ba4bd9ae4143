-- Monthly numerator and denominator of every call-handling measure (force only: the extract has
-- no district), from the monthly sums per channel, before any division.
with

calls_by_month as (

    select * from {{ ref('int_calls__monthly') }}

),

{{ monthly_measures_from_rows('call_handling', 'calls_by_month', has_district=false) }}

select * from measure_monthly
