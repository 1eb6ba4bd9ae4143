-- Crime outcomes open data rows for a subset of offences (knives or sharp instruments,
-- firearms) as published, renamed and cast (names resolved later).
with

source as (

    select * from {{ source('landing_public', 'prc_subset_outcomes') }}

),

renamed as (

    select
        cast(offence_subset as varchar) as offence_subset,
        {{ prc_offence_columns() }},
        {{ prc_outcome_columns() }}

    from source

)

select * from renamed
