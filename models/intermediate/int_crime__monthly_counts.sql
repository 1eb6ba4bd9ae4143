{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_months('recorded_month', 'crime_records') }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- Crimes counted per month on both date bases (recorded month, and outcome month for crimes that
-- have an outcome) at the finest grain any measure rule needs. Joining rules to this instead of
-- to every crime keeps the measure join small. recorded_month is part of the grain so that a
-- refresh can replace exactly the counts of the recorded months that changed: an outcome
-- month's count comes from crimes recorded in many months.
with

crimes as (

    select * from {{ ref('int_crime__crimes_classified') }}
    {% if is_incremental() %}
        where recorded_month in {{ changed_months('crime_records') }}
    {% endif %}

),

by_basis as (

    select
        'recorded' as date_basis,
        recorded_month as month_start,
        *
    from crimes

    union all

    select
        'outcome' as date_basis,
        outcome_month as month_start,
        *
    from crimes
    where outcome_month is not null

)

select
    date_basis,
    month_start,
    recorded_month,
    district_code,
    offence_code,
    offence_group,
    offence_subgroup,
    flags,
    victim_type,
    outcome_code,
    is_solved,
    count(*) as crimes
from by_basis
group by
    date_basis,
    month_start,
    recorded_month,
    district_code,
    offence_code,
    offence_group,
    offence_subgroup,
    flags,
    victim_type,
    outcome_code,
    is_solved
