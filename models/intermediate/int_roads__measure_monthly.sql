-- Monthly counts of every road casualty measure, for each district and the force, by collision
-- date. The STATS19 casualty_severity codes are read through the seed stats19_casualty_severity
-- (killed; seriously injured), never written into SQL.
with

road_casualties as (

    select * from {{ ref('stg_landing__road_casualties') }}

),

severity as (

    select * from {{ ref('stats19_casualty_severity') }}

),

casualties as (

    select
        {{ month_of('road_casualties.collision_date') }} as month_start,
        road_casualties.district_code,
        1 as casualties,
        case when severity.is_killed then 1 else 0 end as killed,
        case when severity.is_seriously_injured then 1 else 0 end as seriously_injured,
        case when severity.is_killed or severity.is_seriously_injured then 1 else 0 end as ksi
    from road_casualties
    inner join severity on road_casualties.casualty_severity_code = severity.casualty_severity

),

{{ monthly_measures_from_rows('road_casualties', 'casualties', has_district=true) }}

select * from measure_monthly
