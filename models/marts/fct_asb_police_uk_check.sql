-- The force ASB extract against data.police.uk's anti-social behaviour rows for Kent, per month
-- and area (the force and each district), for the months both have loaded. police.uk places
-- incidents on an LSOA and publishes them anonymised a month or two later, so small
-- differences are expected; a large one points at a missing or duplicated delivery.
with

asb_incidents as (

    select * from {{ ref('stg_landing__asb_incidents') }}

),

street as (

    select * from {{ ref('fct_street_crime_monthly') }}

),

force_names as (

    select * from {{ ref('int_public__force_names') }}

),

districts as (

    select * from {{ ref('districts') }}

),

extract_by_district as (

    select
        {{ month_of('reported_date') }} as month_start,
        district_code as area_code,
        count(*) as extract_incidents
    from asb_incidents
    group by all

),

extract_counts as (

    select * from extract_by_district
    union all
    select
        month_start,
        '{{ var("force_area_code") }}' as area_code,
        sum(extract_incidents) as extract_incidents
    from extract_by_district
    group by month_start

),

kent_asb as (

    select
        street.month as month_start,
        street.district_name,
        street.crimes
    from street
    inner join force_names on lower(trim(street.force_name)) = force_names.name_key
    where
        force_names.force_name = '{{ var("force_area_name") }}'
        and street.crime_type = 'Anti-social behaviour'

),

police_uk_by_district as (

    select
        kent_asb.month_start,
        districts.district_code as area_code,
        sum(kent_asb.crimes) as police_uk_incidents
    from kent_asb
    inner join districts
        on
            kent_asb.district_name = districts.district_name
            -- 2011 LSOA names still say Shepway for Folkestone and Hythe.
            or kent_asb.district_name = districts.former_or_alternative_names
    group by all

),

police_uk_counts as (

    select * from police_uk_by_district
    union all
    -- The force total includes incidents police.uk could not place in a district.
    select
        month_start,
        '{{ var("force_area_code") }}' as area_code,
        sum(crimes) as police_uk_incidents
    from kent_asb
    group by month_start

),

both_loaded as (

    select distinct extract_counts.month_start
    from extract_counts
    inner join police_uk_counts on extract_counts.month_start = police_uk_counts.month_start

),

keys as (

    select
        month_start,
        area_code
    from extract_counts
    union
    select
        month_start,
        area_code
    from police_uk_counts

),

compared as (

    select
        keys.month_start,
        keys.area_code,
        cast(coalesce(extract_counts.extract_incidents, 0) as bigint) as extract_incidents,
        cast(coalesce(police_uk_counts.police_uk_incidents, 0) as bigint) as police_uk_incidents
    from keys
    inner join both_loaded on keys.month_start = both_loaded.month_start
    left join extract_counts
        on keys.month_start = extract_counts.month_start and keys.area_code = extract_counts.area_code
    left join police_uk_counts
        on
            keys.month_start = police_uk_counts.month_start
            and keys.area_code = police_uk_counts.area_code

)

select
    month_start,
    area_code,
    extract_incidents,
    police_uk_incidents,
    extract_incidents - police_uk_incidents as difference,
    case
        when police_uk_incidents > 0
            then {{ round_half_up('(extract_incidents - police_uk_incidents) * 100', 'police_uk_incidents', 1) }}
    end as pct_difference
from compared
