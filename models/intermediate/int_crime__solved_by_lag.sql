{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_months('recorded_month', 'crime_records') }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- Crimes recorded in a month that had a solved outcome within `lag_months` whole months of
-- that month (0 = by the end of the recording month), cumulative, for every crime measure with
-- a solved rate, for each district and the force. Behind solved rates "as at" a date: a window
-- ending P counts, for each recording month r, the crimes solved within P - r months, so two
-- windows compared a year apart are compared at the same maturity (docs/methodology.md).
-- Incremental by recorded month (macros/incremental.sql): a refresh rebuilds only the recorded
-- months whose crimes changed.
with

rules as (

    select * from {{ ref('int_measures__rules') }}
    where source = 'crime_records' and components is null and has_solved_rate and date_basis = 'recorded'

),

crime_counts as (

    select * from {{ ref('int_crime__monthly_counts') }}
    where
        date_basis = 'outcome' and is_solved
        {% if is_incremental() %}
            and recorded_month in {{ changed_months('crime_records') }}
        {% endif %}

),

solved as (

    select
        rules.measure_id,
        crime_counts.district_code,
        crime_counts.recorded_month,
        date_diff('month', crime_counts.recorded_month, crime_counts.month_start) as lag,
        sum(crime_counts.crimes) as crimes
    from crime_counts
    inner join rules on {{ crime_matches_rule('crime_counts', 'rules') }}
    group by all

),

by_area as (

    select
        measure_id,
        district_code as area_code,
        recorded_month,
        lag,
        crimes
    from solved

    union all

    select
        measure_id,
        '{{ var("force_area_code") }}' as area_code,
        recorded_month,
        lag,
        sum(crimes) as crimes
    from solved
    group by all

),

lags as (

    select unnest(range(0, {{ var('window_lengths') | max }})) as lag_months

)

select
    by_area.measure_id,
    by_area.area_code,
    by_area.recorded_month,
    cast(lags.lag_months as integer) as lag_months,
    cast(sum(by_area.crimes) as bigint) as solved_crimes
from by_area
inner join lags on by_area.lag <= lags.lag_months
group by all
