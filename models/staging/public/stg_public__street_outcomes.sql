-- data.police.uk outcomes rows, renamed and cast.
with

source as (

    select * from {{ source('landing_public', 'police_uk_outcomes') }}

),

renamed as (

    select
        cast(crime_id as varchar) as crime_id,
        cast(month as date) as month_start,  -- noqa: RF04
        cast(reported_by as varchar) as reported_by,
        cast(falls_within as varchar) as falls_within,
        cast(longitude as double) as longitude,
        cast(latitude as double) as latitude,
        cast(location as varchar) as location,  -- noqa: RF04
        cast(lsoa_code as varchar) as lsoa_code,
        cast(lsoa_name as varchar) as lsoa_name,
        cast(outcome_type as varchar) as outcome_type,
        cast(_file_sha256 as varchar) as source_file_sha256,
        cast(_member as varchar) as source_member,
        cast(_line_number as bigint) as source_line_number

    from source

)

select * from renamed
