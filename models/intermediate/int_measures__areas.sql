-- The force and its districts, with the sources reported for each: every source for the force,
-- only sources that carry district_code for a district.
with

districts as (

    select * from {{ ref('districts') }}

),

measure_sources as (

    select * from {{ ref('measure_sources') }}

),

areas as (

    select
        '{{ var("force_area_code") }}' as area_code,
        '{{ var("force_area_name") }}' as area_name,
        'force' as area_type,
        cast(null as varchar) as alternative_names,
        cast(sum(population_2011_census) as bigint) as population_2011_census,
        0 as sort_order
    from districts

    union all

    select
        district_code as area_code,
        district_name as area_name,
        'district' as area_type,
        former_or_alternative_names as alternative_names,
        cast(population_2011_census as bigint) as population_2011_census,
        row_number() over (order by district_name) as sort_order
    from districts

)

select
    areas.*,
    list(measure_sources.source order by measure_sources.source) as sources
from areas
inner join measure_sources
    on areas.area_type = 'force' or measure_sources.has_district_breakdown
group by all
