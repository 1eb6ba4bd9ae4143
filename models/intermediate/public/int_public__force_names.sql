-- Every name a force is published under (its own name and each variant in the forces seed),
-- lower-cased and trimmed, mapped to one force: "London, City of" and "City of London" are one.
with

forces as (

    select * from {{ ref('forces') }}

),

variants as (

    select
        force_name,
        is_territorial,
        unnest(string_split(name_variants, ';')) as published_name
    from forces
    where name_variants is not null

),

names as (

    select
        force_name,
        is_territorial,
        force_name as published_name
    from forces
    union all
    select
        force_name,
        is_territorial,
        published_name
    from variants

)

select distinct
    lower(trim(published_name)) as name_key,
    force_name,
    is_territorial
from names
where trim(published_name) <> ''
