-- data.police.uk street-level crime counted per month, force area (Falls within), LSOA and
-- crime type. Anti-social behaviour rows (no Crime ID) are counted like the rest.
with

street as (

    select * from {{ ref('stg_public__street_crimes') }}

)

select
    month_start as month,  -- noqa: RF04
    falls_within as force_name,
    lsoa_code,
    lsoa_name,
    -- "Ashford 001A" -> "Ashford": the LSOA name without its trailing code.
    nullif(trim(regexp_replace(lsoa_name, '\s+\S+$', '')), '') as district_name,
    crime_type,
    cast(count(*) as bigint) as crimes
from street
group by month_start, falls_within, lsoa_code, lsoa_name, crime_type
