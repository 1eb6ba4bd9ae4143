-- Police recorded crime open data rows as published, renamed and cast (names resolved later).
with

source as (

    select * from {{ source('landing_public', 'prc_offences') }}

),

renamed as (

    select
        {{ prc_offence_columns() }},
        cast(offences as bigint) as offences,
        cast(count_column as varchar) as count_column,
        cast(_file_sha256 as varchar) as source_file_sha256,
        cast(_sheet as varchar) as source_sheet,
        cast(_line_number as bigint) as source_line_number

    from source

)

select * from renamed
