-- One row per force in the forces seed, with the peer-group and Kent flags, membership of Kent's
-- most similar group (most_similar_groups seed, with the source it names; empty until a cited
-- list is loaded), the population (where the force_population seed has one) and whether any
-- PRC data is loaded for it.
with

forces as (

    select * from {{ ref('forces') }}

),

peer_group as (

    select * from {{ ref('peer_group') }}

),

most_similar as (

    select
        similar_force_name as force_name,
        group_source
    from {{ ref('most_similar_groups') }}
    where force_name = '{{ var("force_area_name") }}'

),

population as (

    select * from {{ ref('force_population') }}

),

loaded as (

    select distinct force_name
    from {{ ref('int_public__prc_measure_quarterly') }}

)

select
    forces.force_name,
    cast(forces.is_territorial as boolean) as is_territorial,
    forces.name_variants,
    forces.force_name = '{{ var("force_area_name") }}' as is_kent,
    peer_group.force_name is not null as is_peer,
    most_similar.force_name is not null as is_msg,
    most_similar.group_source as msg_source,
    cast(population.population as bigint) as population,
    cast(population.population_year as integer) as population_year,
    population.population_source,
    loaded.force_name is not null as has_prc_data
from forces
left join peer_group on forces.force_name = peer_group.force_name
left join most_similar on forces.force_name = most_similar.force_name
left join population on forces.force_name = population.force_name
left join loaded on forces.force_name = loaded.force_name
