-- One row per force in the forces seed, with the peer-group and Kent flags, the population
-- (where the force_population seed has one) and whether any PRC data is loaded for it.
with

forces as (

    select * from {{ ref('forces') }}

),

peer_group as (

    select * from {{ ref('peer_group') }}

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
    cast(population.population as bigint) as population,
    cast(population.population_year as integer) as population_year,
    population.population_source,
    loaded.force_name is not null as has_prc_data
from forces
left join peer_group on forces.force_name = peer_group.force_name
left join population on forces.force_name = population.force_name
left join loaded on forces.force_name = loaded.force_name
