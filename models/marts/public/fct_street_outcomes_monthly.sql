-- data.police.uk outcomes counted per month, force area (Falls within), LSOA and outcome type.
with

outcomes as (

    select * from {{ ref('stg_public__street_outcomes') }}

)

select
    month_start as month,  -- noqa: RF04
    falls_within as force_name,
    lsoa_code,
    outcome_type,
    cast(count(*) as bigint) as outcomes
from outcomes
group by month_start, falls_within, lsoa_code, outcome_type
