with

source as (

    select * from {{ source('landing', 'asb_incidents') }}

),

renamed as (

    select
        cast(incident_id as varchar) as incident_id,
        cast(reported_date as date) as reported_date,
        cast(district_code as varchar) as district_code,
        cast(category as varchar) as category,
        cast(repeat_incident as boolean) as is_repeat_incident,
        cast(_file_sha256 as varchar) as source_file_sha256,
        cast(_line_number as bigint) as source_line_number

    from source

)

select * from renamed
