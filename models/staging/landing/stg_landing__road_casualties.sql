with

source as (

    select * from {{ source('landing', 'road_casualties') }}

),

renamed as (

    select
        cast(collision_index as varchar) as collision_index,
        cast(casualty_reference as bigint) as casualty_reference,
        cast(collision_date as date) as collision_date,
        cast(district_code as varchar) as district_code,
        cast(casualty_severity as integer) as casualty_severity_code,
        cast(_file_sha256 as varchar) as source_file_sha256,
        cast(_line_number as bigint) as source_line_number

    from source

)

select * from renamed
