{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_months('recorded_month', 'crime_records') }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- One row per recorded crime with its offence group and subgroup, the months it counts in, the
-- names of the flags that are set (so measure rules can name a flag as data; `rural` comes from
-- the LSOA through the ONS rural-urban seed), and whether its
-- outcome counts as solved. Incremental: a refresh rebuilds only the recorded months that
-- changed (dbt_project/macros/incremental.sql).
with

crimes as (

    select * from {{ ref('stg_landing__crime_records') }}

),

offence_codes as (

    select * from {{ ref('offence_codes') }}

),

outcome_types as (

    select * from {{ ref('outcome_types') }}

),

rural_urban as (

    select * from {{ ref('rural_urban_lsoa') }}

)

select
    crimes.crime_id,
    crimes.recorded_date,
    {{ month_of('crimes.recorded_date') }} as recorded_month,
    crimes.district_code,
    crimes.offence_code,
    offence_codes.offence_group,
    offence_codes.offence_subgroup,
    crimes.is_domestic_abuse,
    crimes.is_knife_or_sharp_instrument,
    crimes.is_firearm,
    crimes.is_online,
    crimes.is_hate,
    crimes.is_vawg,
    crimes.lsoa_code,
    coalesce(rural_urban.is_rural, false) as is_rural,
    list_filter(
        [
            case when crimes.is_domestic_abuse then 'domestic_abuse' end,
            case when crimes.is_knife_or_sharp_instrument then 'knife_or_sharp_instrument' end,
            case when crimes.is_firearm then 'firearm' end,
            case when crimes.is_online then 'online' end,
            case when crimes.is_hate then 'hate' end,
            case when crimes.is_vawg then 'vawg' end,
            -- Not on the record: the crime's LSOA is rural in the ONS classification.
            case when rural_urban.is_rural then 'rural' end
        ],
        -- DuckDB 2 refuses the old x -> ... lambda; sqlfluff 3 reads `lambda` as a column.
        lambda flag_name: flag_name is not null  -- noqa: RF02
    ) as flags,
    crimes.victim_type,
    crimes.outcome_code,
    crimes.outcome_date,
    {{ month_of('crimes.outcome_date') }} as outcome_month,
    coalesce(outcome_types.is_solved, false) as is_solved,
    crimes.outcome_code is null as is_open

from crimes
left join offence_codes on crimes.offence_code = offence_codes.offence_code
left join outcome_types on crimes.outcome_code = outcome_types.outcome_code
left join rural_urban on crimes.lsoa_code = rural_urban.lsoa_code
{% if is_incremental() %}
    where {{ month_of('crimes.recorded_date') }} in {{ changed_months('crime_records') }}
{% endif %}
