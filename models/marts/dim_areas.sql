with

areas as (

    select * from {{ ref('int_measures__areas') }}

)

select
    area_code,
    area_name,
    area_type,
    alternative_names,
    population_2011_census,
    sort_order,
    sources
from areas
