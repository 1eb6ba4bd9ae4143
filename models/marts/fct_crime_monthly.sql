{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_months('month_start', 'crime_records') }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- Incremental by recorded month, like the crime models it counts (macros/incremental.sql).
with

crimes as (

    select * from {{ ref('int_crime__crimes_classified') }}
    {% if is_incremental() %}
        where recorded_month in {{ changed_months('crime_records') }}
    {% endif %}

)

select
    recorded_month as month_start,
    district_code,
    offence_code,
    offence_group,
    offence_subgroup,
    is_domestic_abuse,
    is_knife_or_sharp_instrument,
    is_firearm,
    is_online,
    is_hate,
    is_vawg,
    victim_type,
    cast(count(*) as bigint) as crimes,
    cast(count(*) filter (where is_solved) as bigint) as solved_crimes,
    cast(count(*) filter (where is_open) as bigint) as open_crimes
from crimes
group by all
