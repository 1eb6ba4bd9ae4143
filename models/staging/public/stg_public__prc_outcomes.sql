-- Crime outcomes open data rows as published, renamed and cast (names resolved later).
with

source as (

    select * from {{ source('landing_public', 'prc_outcomes') }}

),

renamed as (

    select
        {{ prc_offence_columns() }},
        {{ prc_outcome_columns() }}

    from source

)

select * from renamed
